/**
 * The words results screens use for the contract's values: one place, so the grid, the
 * student's page and the grading queue say the same thing, in the teacher's words.
 */
import type {
  AttemptEndReason,
  AttemptResult,
  AttemptScore,
  QuestionAdjustment,
  QuestionScoreState,
  QuestionType,
  ResultsReleaseMode,
} from '@exam/contracts';

export const END_REASON_LABELS: Record<AttemptEndReason, string> = {
  submitted: 'Submitted',
  deadline: 'Time ran out',
  teacher: 'Ended by teacher',
  terminated: 'Terminated',
  absent: 'Did not take part',
};

export const RESULT_LABELS: Record<AttemptResult, string> = {
  passed: 'Passed',
  failed: 'Failed',
  pending: 'Awaiting grading',
};

export const STATE_LABELS: Record<QuestionScoreState, string> = {
  correct: 'Correct',
  partial: 'Partly correct',
  wrong: 'Wrong',
  unanswered: 'Not answered',
  pending: 'Awaiting grading',
  dropped: 'Not counted',
};

export const RELEASE_LABELS: Record<ResultsReleaseMode, string> = {
  none: 'Not released',
  score: 'Score only',
  correctness: 'Score and which questions were right',
  full_review: 'Full review (answers, correct answers, comments)',
};

export const ADJUSTMENT_LABELS: Record<QuestionAdjustment, string> = {
  none: '',
  full_marks: 'Full marks for everyone',
  dropped: 'Not counted',
};

export const TYPE_LABELS: Record<QuestionType, string> = {
  single_choice: 'Single choice',
  true_false: 'True / false',
  multiple_response: 'Multiple response',
  short_text: 'Short text',
  numeric: 'Number',
  essay: 'Essay',
  ordering: 'Ordering',
  matching: 'Matching',
};

/** "12.5 / 20 (62.5 %)" */
export function scoreText(s: AttemptScore | null): string {
  if (!s) return '';
  return `${formatPoints(s.score)} / ${formatPoints(s.maxScore)} (${formatPoints(s.percent)} %)`;
}

/** Points without trailing zeros: 2, 2.5, 2.25. */
export function formatPoints(x: number | null): string {
  if (x === null) return '–';
  return String(Math.round(x * 100) / 100);
}

/** "1 h 5 min", "12 min", "45 s". */
export function durationText(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}
