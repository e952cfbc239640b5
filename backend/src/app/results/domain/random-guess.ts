/**
 * The score a student can expect by answering a question at random, as a fraction of its
 * points: the "random guess score" the item statistics set facility against.
 *
 * Choice questions are enumerated through gradeAnswer, so negative marks, weights, the floor at
 * 0 and all-or-nothing follow the grading rules exactly (including its rounding to 2 decimals,
 * which is what students really get). Ordering and matching use closed forms instead because
 * their answers grow factorially; the spec checks them against enumeration on small cases.
 */
import type { QuestionDefinition } from '@exam/contracts';
import { gradeAnswer } from '../../exams/domain/grading';

/** Multiple response with more options has too many subsets (2^m) to enumerate. */
export const MAX_ENUMERATED_OPTIONS = 12;

/** Mean grade over equally likely answers, as a fraction of the points. */
function expectedFraction(
  q: QuestionDefinition,
  count: number,
  answerAt: (i: number) => unknown,
): number | null {
  if (count === 0) return null;
  let sum = 0;
  for (let i = 0; i < count; i++) sum += gradeAnswer(q, answerAt(i)).score;
  return sum / count / q.points;
}

function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}

/**
 * Expected fraction (0..1, below 0 only with negative marks) of the points a uniform random
 * guess earns; null when the question is not auto-graded or cannot be guessed at.
 */
export function randomGuessScore(q: QuestionDefinition): number | null {
  if (!(q.points > 0)) return null;
  switch (q.type) {
    case 'single_choice':
      return expectedFraction(q, q.options.length, (i) => ({ optionId: q.options[i].id }));
    case 'true_false':
      return expectedFraction(q, 2, (i) => ({ value: i === 0 }));
    case 'multiple_response': {
      const m = q.options.length;
      if (m > MAX_ENUMERATED_OPTIONS) return null;
      // Every non-empty subset equally likely: submitting nothing is not an answer.
      return expectedFraction(q, 2 ** m - 1, (i) => ({
        optionIds: q.options.filter((_, b) => (i + 1) & (1 << b)).map((o) => o.id),
      }));
    }
    case 'short_text':
    case 'numeric':
      // An open answer cannot be hit by chance in any useful sense.
      return 0;
    case 'essay':
      return null;
    case 'ordering': {
      const n = q.correctOrder.length;
      if (n === 0) return null;
      const scoring = q.scoring ?? 'exact';
      // A random permutation is the key with probability 1/n!; it puts each item in its place
      // with probability 1/n; and each of the n-1 key pairs is adjacent in order with probability
      // (n-1)!/n! = 1/n, so the expected share of pairs is 1/n too.
      return scoring === 'exact' ? 1 / factorial(n) : 1 / n;
    }
    case 'matching':
      // Each left item gets a right item uniformly at random, independently of the others.
      return q.left.length && q.right.length ? 1 / q.right.length : null;
  }
}
