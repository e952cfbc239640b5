/**
 * The student's words for their own result: how an attempt ended, the outcome and each
 * question's state, always as a symbol plus text (never colour alone).
 */
import type {
  AttemptEndReason,
  AttemptScore,
  MyResultQuestion,
  QuestionScoreState,
} from '@exam/contracts';
import { formatPoints } from '../data-access/result-labels';

export const MY_END_REASON: Record<AttemptEndReason, string> = {
  submitted: 'You submitted your answers',
  deadline: 'Time ran out',
  teacher: 'Your teacher ended the exam',
  terminated: 'Your teacher ended the exam',
  absent: 'You did not take part',
};

export const MY_STATE: Record<QuestionScoreState, { symbol: string; label: string }> = {
  correct: { symbol: '✓', label: 'Correct' },
  partial: { symbol: '◐', label: 'Partly correct' },
  wrong: { symbol: '✗', label: 'Incorrect' },
  unanswered: { symbol: '–', label: 'Not answered' },
  pending: { symbol: '◷', label: 'Not graded yet' },
  dropped: { symbol: '⊘', label: 'Not counted' },
};

export type MyOutcome = 'passed' | 'failed' | 'pending' | 'absent';

export function outcomeOf(score: AttemptScore, endReason: AttemptEndReason | null): MyOutcome {
  if (endReason === 'absent' || score.result === null) return 'absent';
  return score.result;
}

export const MY_OUTCOME: Record<MyOutcome, { symbol: string; label: string }> = {
  passed: { symbol: '✓', label: 'Passed' },
  failed: { symbol: '✗', label: 'Not passed' },
  pending: { symbol: '◷', label: 'Not final yet' },
  absent: { symbol: '–', label: 'You did not take part' },
};

/** "1 point", "2.5 points". */
export function pointsWord(n: number): string {
  return `${formatPoints(n)} point${n === 1 ? '' : 's'}`;
}

/** "2 of 2 points", "0.5 of 1 point", or "worth 5 points" while not graded. */
export function questionPoints(
  q: Pick<MyResultQuestion, 'points' | 'maxPoints' | 'state'>,
): string {
  if (q.state === 'dropped') return '';
  if (q.points === null && q.state === 'pending') return `worth ${pointsWord(q.maxPoints)}`;
  return `${formatPoints(q.points ?? 0)} of ${pointsWord(q.maxPoints)}`;
}

/** "Correct, 2 of 2 points" / "Not counted". */
export function questionSummary(
  q: Pick<MyResultQuestion, 'points' | 'maxPoints' | 'state'>,
): string {
  const pts = questionPoints(q);
  return pts ? `${MY_STATE[q.state].label}, ${pts}` : MY_STATE[q.state].label;
}

/** "a teacher still has to grade 2 answers" */
export function pendingText(n: number): string {
  return `a teacher still has to grade ${n} answer${n === 1 ? '' : 's'}`;
}

/**
 * The correct answer in the student's words. Short text and numeric questions read their key
 * (full-credit answers first, partly accepted ones apart) instead of the graders' notation;
 * the other types use the server's sentence.
 */
export function correctParts(q: Pick<MyResultQuestion, 'correct' | 'correctText'>): {
  main: string;
  partial: string[];
} {
  const c = q.correct;
  const split = <T extends { creditPercent: number }>(list: T[], words: (a: T) => string) => ({
    main: list
      .filter((a) => a.creditPercent >= 100)
      .map(words)
      .join(' or '),
    partial: list
      .filter((a) => a.creditPercent < 100)
      .map((a) => `${words(a)} (${formatPoints(a.creditPercent)} % of the points)`),
  });
  if (c?.type === 'short_text') {
    return split(c.acceptedAnswers, (a) => (c.wildcards ? a.text.replaceAll('*', '…') : a.text));
  }
  if (c?.type === 'numeric') {
    const unit = c.unit ? ` ${c.unit}` : '';
    return split(c.acceptedAnswers, (a) => {
      if (a.value === undefined) return `${a.min}${unit} to ${a.max}${unit}`;
      if (!a.tolerance) return `${a.value}${unit}`;
      const tol =
        a.toleranceMode === 'relative'
          ? `${formatPoints(a.tolerance * 100)} %`
          : `${a.tolerance}${unit}`;
      return `${a.value}${unit} (give or take ${tol})`;
    });
  }
  return { main: q.correctText ?? '', partial: [] };
}
