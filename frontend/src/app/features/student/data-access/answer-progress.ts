/**
 * When a question counts as answered on the student's navigator, progress and review: the
 * answer must be complete for its type (a matching question only when every prompt has a
 * choice, a text only when it is not blank). The rule itself lives once, in the contracts
 * (isCompleteAnswer), so the student's count, the teacher's grid and the server agree.
 */
import { isCompleteAnswer, type AnswerValue, type StudentQuestionView } from '@exam/contracts';

export function isAnswered(q: StudentQuestionView, v: AnswerValue | undefined): boolean {
  return isCompleteAnswer(q, v);
}

/** Ids of the questions answered completely, from the student's latest answers. */
export function answeredIds(
  questions: readonly StudentQuestionView[],
  answers: Readonly<Record<string, AnswerValue>>,
): ReadonlySet<string> {
  return new Set(questions.filter((q) => isAnswered(q, answers[q.id])).map((q) => q.id));
}
