/**
 * Plausible answers for demo data: for a question (with its key) and a student's skill,
 * either a correct answer or a typical wrong one, chosen by a seeded generator so the demo
 * is the same on every machine. Wrong short-text answers are near misses (a letter dropped),
 * so the demo shows grouped answers a teacher may want to accept.
 */
import type { AnswerValue, QuestionDefinition } from '@exam/contracts';
import { seededRandom } from '../../exams/domain/student-view';

export function demoAnswer(
  q: QuestionDefinition,
  right: boolean,
  rnd: () => number = Math.random,
): AnswerValue {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  switch (q.type) {
    case 'single_choice':
      return {
        optionId: right
          ? q.correctOptionId
          : (pick(q.options.filter((o) => o.id !== q.correctOptionId))?.id ?? q.correctOptionId),
      };
    case 'true_false':
      return { value: right ? q.correct : !q.correct };
    case 'multiple_response': {
      const good = q.options.filter((o) => o.weight > 0).map((o) => o.id);
      const bad = q.options.filter((o) => o.weight <= 0).map((o) => o.id);
      return { optionIds: right ? good : [pick(good), ...(bad.length ? [pick(bad)] : [])] };
    }
    case 'short_text': {
      const text = q.acceptedAnswers[0]?.text ?? 'answer';
      return { text: right ? text : text.slice(0, -1) };
    }
    case 'numeric': {
      const a = q.acceptedAnswers[0];
      const v = a?.value ?? a?.min ?? 0;
      return { value: right ? v : v + 1 + Math.floor(rnd() * 9) };
    }
    case 'essay':
      return {
        text: right
          ? 'Last summer I travelled to the coast with my family. We swam every day and I have never eaten so much fish.'
          : 'I go to the beach and it is nice.',
      };
    case 'ordering':
      return { order: right ? [...q.correctOrder] : [...q.correctOrder].reverse() };
    case 'matching': {
      const pairs = { ...q.correctPairs };
      if (!right) {
        const lefts = Object.keys(pairs);
        if (lefts.length > 1)
          [pairs[lefts[0]], pairs[lefts[1]]] = [pairs[lefts[1]], pairs[lefts[0]]];
      }
      return { pairs };
    }
  }
}

/** Which questions a student answers, and whether rightly: skill = chance of a right answer. */
export function demoPlan(
  questions: ReadonlyArray<QuestionDefinition & { id: string }>,
  seed: string,
  skill: number,
  answerShare = 1,
): Array<{ questionId: string; answer: AnswerValue }> {
  const rnd = seededRandom(seed);
  return questions.flatMap((q) => {
    const answers = rnd() < answerShare;
    const right = rnd() < skill;
    return answers ? [{ questionId: q.id, answer: demoAnswer(q, right, rnd) }] : [];
  });
}
