/**
 * Words, symbols and small helpers shared by the teacher's results pages (the grid, one
 * attempt, one question). The contract's values are turned into the teacher's words here, on
 * top of result-labels.ts.
 */
import type {
  AttemptEndReason,
  AttemptResultRow,
  AttemptScore,
  ExamSessionStatus,
  ListResultsQuery,
  QuestionScoreState,
  ResultsReleaseMode,
} from '@exam/contracts';
import { RESULT_LABELS, STATE_LABELS, formatPoints } from '../data-access/result-labels';

/** A symbol per cell state, so colour is never the only signal. */
export const STATE_SYMBOLS: Record<QuestionScoreState, string> = {
  correct: '✓',
  partial: '◐',
  wrong: '✗',
  unanswered: '○',
  pending: '?',
  dropped: '⊘',
};

/** The legend under the grid, in the order a teacher reads it. */
export const STATE_ORDER: readonly QuestionScoreState[] = [
  'correct',
  'partial',
  'wrong',
  'unanswered',
  'pending',
  'dropped',
];

/** What students will see for each release mode (shown under the select). */
export const RELEASE_EXPLANATIONS: Record<ResultsReleaseMode, string> = {
  none: 'Students see nothing yet: their results page says the results are not released.',
  score: 'Students see their total score, their percentage and whether they passed.',
  correctness:
    'Students also see, for each question, whether they got it right, partly right or wrong.',
  full_review:
    'Students also see their answers, the correct answers, the points for each question and your comments.',
};

/** The release choices in the select (shorter than RELEASE_LABELS where that helps). */
export const RELEASE_OPTION_LABELS: Record<ResultsReleaseMode, string> = {
  none: 'Nothing (not released)',
  score: 'Score only',
  correctness: 'Score and which questions were right',
  full_review: 'Full review: answers, correct answers and comments',
};

export type ResultFilterValue = NonNullable<ListResultsQuery['result']>;

export const RESULT_FILTERS: ReadonlyArray<{ value: ResultFilterValue; label: string }> = [
  { value: 'passed', label: 'Passed' },
  { value: 'failed', label: 'Failed' },
  { value: 'pending', label: 'Awaiting grading' },
  { value: 'absent', label: 'Did not take part' },
  { value: 'in_progress', label: 'Still taking it' },
];

export const SESSION_STATUS_WORDS: Record<ExamSessionStatus, string> = {
  preparing: 'Not started yet',
  active: 'Running',
  paused: 'Paused',
  completed: 'Finished',
  terminated: 'Ended early',
};

/** True while students may still be answering. */
export function isRunning(status: ExamSessionStatus): boolean {
  return status === 'active' || status === 'paused';
}

/** True once results can be released. */
export function hasEnded(status: ExamSessionStatus): boolean {
  return status === 'completed' || status === 'terminated';
}

/** "1 point", "2.5 points". */
export function pointsWord(n: number | null): string {
  return `${formatPoints(n)} ${n === 1 ? 'point' : 'points'}`;
}

export type BadgeTone = 'ok' | 'bad' | 'warn' | 'live' | 'plain';

/** The result badge of a row: passed / failed / awaiting grading / absent / still taking it. */
export function resultBadge(row: {
  endReason: AttemptEndReason | null;
  score: AttemptScore | null;
  joinedAt: number | null;
}): { label: string; tone: BadgeTone } {
  if (row.endReason === 'absent') return { label: 'Did not take part', tone: 'plain' };
  if (!row.score) {
    return row.joinedAt
      ? { label: 'Still taking it', tone: 'live' }
      : { label: 'Not started', tone: 'plain' };
  }
  const r = row.score.result;
  if (!r) return { label: 'Did not take part', tone: 'plain' };
  return {
    label: RESULT_LABELS[r],
    tone: r === 'passed' ? 'ok' : r === 'failed' ? 'bad' : 'warn',
  };
}

/** "15.5 / 26" (empty while open or absent). */
export function pointsOf(score: AttemptScore | null): string {
  return score ? `${formatPoints(score.score)} / ${formatPoints(score.maxScore)}` : '';
}

/** "62.5 %" */
export function percentText(p: number | null): string {
  return p === null ? '–' : `${formatPoints(p)} %`;
}

/** What a grid cell shows: symbol and points. */
export function cellText(cell: { points: number | null; state: QuestionScoreState }): string {
  if (cell.state === 'pending') return STATE_SYMBOLS.pending;
  if (cell.state === 'dropped') return STATE_SYMBOLS.dropped;
  return `${STATE_SYMBOLS[cell.state]} ${formatPoints(cell.points ?? 0)}`;
}

/** "Question 3: 1 of 2 points, partly correct". */
export function cellLabel(
  position: number,
  cell: { points: number | null; maxPoints: number; state: QuestionScoreState },
): string {
  const q = `Question ${position}`;
  const max = pointsWord(cell.maxPoints);
  switch (cell.state) {
    case 'pending':
      return `${q}: awaiting grading (out of ${max})`;
    case 'dropped':
      return `${q}: not counted`;
    case 'unanswered':
      return `${q}: not answered, 0 of ${max}`;
    default:
      return `${q}: ${formatPoints(cell.points ?? 0)} of ${max}, ${STATE_LABELS[
        cell.state
      ].toLowerCase()}`;
  }
}

/** The state a teacher's grade gives until the server says otherwise. */
export function stateForPoints(points: number, max: number): QuestionScoreState {
  if (points >= max) return 'correct';
  if (points <= 0) return 'wrong';
  return 'partial';
}

/** Rows of the grid whose attempt can still change because the student is answering. */
export function isOpen(row: Pick<AttemptResultRow, 'score' | 'endReason'>): boolean {
  return row.score === null && row.endReason !== 'absent';
}
