/** Properties over random valid questions and random (including malformed) answers. */
import fc from 'fast-check';
import type { ChoiceOption, QuestionDefinition } from '@exam/contracts';
import { gradeAnswer, gradeExam, minScore } from './grading';
import { parseQuestion } from './question-schema';

const points = fc.integer({ min: 1, max: 100000 }).map((n) => n / 100);
const ids = (n: number, p: string): ChoiceOption[] =>
  Array.from({ length: n }, (_, i) => ({ id: `${p}${i}`, text: `${p} ${i}` }));

/** Correct answer for a question (what a perfect student sends). */
function perfect(q: QuestionDefinition): unknown {
  switch (q.type) {
    case 'single_choice':
      return { optionId: q.correctOptionId };
    case 'true_false':
      return { value: q.correct };
    case 'multiple_response':
      return { optionIds: q.options.filter((o) => o.weight > 0).map((o) => o.id) };
    case 'short_text':
      return { text: q.acceptedAnswers.find((a) => a.creditPercent === 100)?.text };
    case 'numeric': {
      const a = q.acceptedAnswers.find((x) => x.creditPercent === 100)!;
      return { value: a.value ?? a.min };
    }
    case 'essay':
      return { text: 'words' };
    case 'ordering':
      return { order: q.correctOrder };
    case 'matching':
      return { pairs: q.correctPairs };
  }
}

const question: fc.Arbitrary<QuestionDefinition> = fc.oneof(
  fc
    .record({
      n: fc.integer({ min: 2, max: 6 }),
      k: fc.nat(),
      p: points,
      neg: fc.integer({ min: 0, max: 100 }),
    })
    .map(({ n, k, p, neg }): QuestionDefinition => ({
      type: 'single_choice',
      prompt: 'q',
      points: p,
      options: ids(n, 'o'),
      correctOptionId: `o${k % n}`,
      negativeMarkPercent: neg,
    })),
  fc.record({ c: fc.boolean(), p: points }).map(({ c, p }): QuestionDefinition => ({
    type: 'true_false',
    prompt: 'q',
    points: p,
    correct: c,
  })),
  fc
    .record({
      correct: fc.integer({ min: 1, max: 4 }),
      wrong: fc.array(fc.integer({ min: -100, max: 0 }), { minLength: 1, maxLength: 4 }),
      p: points,
      aon: fc.boolean(),
    })
    .map(({ correct, wrong, p, aon }): QuestionDefinition => {
      const base = Math.floor(10000 / correct) / 100;
      const ws = Array.from({ length: correct }, (_, i) =>
        i === correct - 1 ? Math.round((100 - base * (correct - 1)) * 100) / 100 : base,
      );
      return {
        type: 'multiple_response',
        prompt: 'q',
        points: p,
        allOrNothing: aon,
        options: [
          ...ws.map((w, i) => ({ id: `c${i}`, text: 'c', weight: w })),
          ...wrong.map((w, i) => ({ id: `w${i}`, text: 'w', weight: w })),
        ],
      };
    }),
  fc
    .record({
      t: fc
        .string({ minLength: 1, maxLength: 10 })
        .filter((s) => s.trim().length > 0 && !s.includes('*')),
      p: points,
    })
    .map(({ t, p }): QuestionDefinition => ({
      type: 'short_text',
      prompt: 'q',
      points: p,
      acceptedAnswers: [
        { text: t, creditPercent: 100 },
        { text: `${t}x`, creditPercent: 40 },
      ],
    })),
  fc
    .record({
      v: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      tol: fc.double({ min: 0, max: 10, noNaN: true }),
      p: points,
    })
    .map(({ v, tol, p }): QuestionDefinition => ({
      type: 'numeric',
      prompt: 'q',
      points: p,
      acceptedAnswers: [{ value: v, tolerance: tol, creditPercent: 100 }],
    })),
  points.map((p): QuestionDefinition => ({ type: 'essay', prompt: 'q', points: p })),
  fc
    .record({
      n: fc.integer({ min: 2, max: 6 }),
      s: fc.constantFrom('exact', 'position', 'neighbours' as const),
      p: points,
      seed: fc.nat(),
    })
    .map(({ n, s, p, seed }): QuestionDefinition => {
      const items = ids(n, 'i');
      const order = items
        .map((i) => i.id)
        .sort(
          (a, b) => ((a.charCodeAt(1) * (seed + 7)) % 13) - ((b.charCodeAt(1) * (seed + 7)) % 13),
        );
      return { type: 'ordering', prompt: 'q', points: p, items, correctOrder: order, scoring: s };
    }),
  fc
    .record({ n: fc.integer({ min: 2, max: 5 }), extra: fc.nat({ max: 3 }), p: points })
    .map(({ n, extra, p }): QuestionDefinition => ({
      type: 'matching',
      prompt: 'q',
      points: p,
      left: ids(n, 'l'),
      right: ids(n + extra, 'r'),
      correctPairs: Object.fromEntries(ids(n, 'l').map((l, i) => [l.id, `r${(i + 1) % n}`])),
    })),
);

/** Any answer: well-formed for some type (ids from the question or not) or junk. */
const anyAnswer = (q: QuestionDefinition): fc.Arbitrary<unknown> => {
  const optionIds =
    'options' in q ? q.options.map((o) => o.id) : 'items' in q ? q.items.map((i) => i.id) : ['x'];
  const someId = fc.oneof(fc.constantFrom(...optionIds), fc.string());
  return fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.record({ optionId: someId }),
    fc.record({ optionIds: fc.array(someId, { maxLength: 8 }) }),
    fc.record({ value: fc.oneof(fc.boolean(), fc.double(), fc.integer()) }),
    fc.record({ text: fc.string() }),
    fc.record({ order: fc.shuffledSubarray(optionIds) }),
    fc.record({ order: fc.array(someId) }),
    fc.record({
      pairs: fc.dictionary(
        fc.constantFrom('l0', 'l1', 'l2', 'zz'),
        fc.constantFrom('r0', 'r1', 'r2', 'r9'),
      ),
    }),
    fc.anything(),
  );
};

describe('grading properties', () => {
  it('generated questions are valid', () => {
    fc.assert(fc.property(question, (q) => parseQuestion(q).ok));
  });

  it('the score is always within [minScore, maxScore], and within [0, maxScore] without negative marks', () => {
    fc.assert(
      fc.property(
        question.chain((q) => fc.tuple(fc.constant(q), anyAnswer(q))),
        ([q, a]) => {
          const g = gradeAnswer(q, a);
          expect(g.maxScore).toBe(q.points);
          expect(g.score).toBeLessThanOrEqual(g.maxScore);
          expect(g.score).toBeGreaterThanOrEqual(minScore(q));
          if (minScore(q) === 0) expect(g.score).toBeGreaterThanOrEqual(0);
          expect(Number.isFinite(g.score)).toBe(true);
          expect(Math.round(g.score * 100) / 100).toBe(g.score);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('the correct answer always gets exactly the points (essays wait for a human)', () => {
    fc.assert(
      fc.property(question, (q) => {
        const g = gradeAnswer(q, perfect(q));
        if (q.type === 'essay') expect(g.needsManualGrading).toBe(true);
        else expect(g.score).toBe(q.points);
      }),
      { numRuns: 1000 },
    );
  });

  it('only essays ever need manual grading', () => {
    fc.assert(
      fc.property(
        question.chain((q) => fc.tuple(fc.constant(q), anyAnswer(q))),
        ([q, a]) => {
          if (q.type !== 'essay') expect(gradeAnswer(q, a).needsManualGrading).toBe(false);
        },
      ),
    );
  });

  it('the exam total is within [0, sum of points] and all-correct passes any passing score', () => {
    fc.assert(
      fc.property(
        fc.array(
          question.chain((q) => fc.tuple(fc.constant(q), anyAnswer(q))),
          { maxLength: 8 },
        ),
        fc.integer({ min: 0, max: 100 }),
        (items, pass) => {
          const g = gradeExam(
            items.map(([question, answer]) => ({ question, answer })),
            pass,
          );
          expect(g.score).toBeGreaterThanOrEqual(0);
          expect(g.score).toBeLessThanOrEqual(g.maxScore + 1e-9);
          const auto = items.filter(([q]) => q.type !== 'essay');
          const best = gradeExam(
            auto.map(([question]) => ({ question, answer: perfect(question) })),
            pass,
          );
          expect(best.score).toBe(best.maxScore);
          if (auto.length) expect(best.passed).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
