/** Expected random-guess scores per question type, by hand and against brute-force grading. */
import type { QuestionDefinition, QuestionDefinitionOf } from '@exam/contracts';
import { gradeAnswer } from '../../exams/domain/grading';
import {
  essay,
  matching,
  multiple,
  numeric,
  ordering,
  shortText,
  single,
  trueFalse,
} from '../../exams/domain/fixtures.spec-helper';
import { MAX_ENUMERATED_OPTIONS, randomGuessScore } from './random-guess';

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) =>
    permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]),
  );
}

/** Mean fraction over every permutation, graded by the real rules. */
function bruteOrdering(q: QuestionDefinitionOf<'ordering'>): number {
  const all = permutations(q.items.map((i) => i.id));
  const sum = all.reduce((s, order) => s + gradeAnswer(q, { order }).score, 0);
  return sum / all.length / q.points;
}

describe('single choice and true/false', () => {
  it('is 1/m without negative marking', () => {
    expect(randomGuessScore(single)).toBeCloseTo(0.25, 10);
    expect(randomGuessScore(trueFalse)).toBeCloseTo(0.5, 10);
  });
  it('subtracts the negative mark of the wrong options, without flooring', () => {
    // 4 options, 25 % off: (1 - 3 x 0.25) / 4 = 0.0625.
    expect(randomGuessScore({ ...single, negativeMarkPercent: 25 })).toBeCloseTo(0.0625, 10);
    // 4 options, 100 % off: (1 - 3) / 4 = -0.5: guessing costs on average.
    expect(randomGuessScore({ ...single, negativeMarkPercent: 100 })).toBeCloseTo(-0.5, 10);
    // (1 - 0.5) / 2.
    expect(randomGuessScore({ ...trueFalse, negativeMarkPercent: 50 })).toBeCloseTo(0.25, 10);
    expect(randomGuessScore({ ...trueFalse, negativeMarkPercent: 100 })).toBe(0);
  });
  it('is null without options', () => {
    expect(randomGuessScore({ ...single, options: [] })).toBeNull();
  });
});

describe('multiple response', () => {
  const q: QuestionDefinitionOf<'multiple_response'> = {
    type: 'multiple_response',
    prompt: 'pick',
    points: 2,
    options: [
      { id: 'a', text: 'A', weight: 50 },
      { id: 'b', text: 'B', weight: 50 },
      { id: 'c', text: 'C', weight: -50 },
    ],
  };
  it('averages the 7 non-empty subsets (worked by hand)', () => {
    // {a} 0.5, {b} 0.5, {c} -0.5 -> 0, {a,b} exact 1, {a,c} 0, {b,c} 0, {a,b,c} 0.5.
    // Sum 2.5 over 7 subsets = 5/14.
    expect(randomGuessScore(q)).toBeCloseTo(5 / 14, 10);
  });
  it('all or nothing: only the exact set counts', () => {
    expect(randomGuessScore({ ...q, allOrNothing: true })).toBeCloseTo(1 / 7, 10);
  });
  it('a zero-weight distractor and negative weights follow the grading rules', () => {
    // Enumerated independently (31 subsets of a+50 b-25 c+50 d-25 e0): total credit 10.
    expect(randomGuessScore(multiple)).toBeCloseTo(10 / 31, 10);
    expect(randomGuessScore({ ...multiple, allOrNothing: true })).toBeCloseTo(1 / 31, 10);
  });
  it('gives up beyond the enumeration limit', () => {
    const options = (m: number) =>
      Array.from({ length: m }, (_, i) => ({ id: `o${i}`, text: `${i}`, weight: i ? -10 : 100 }));
    expect(randomGuessScore({ ...q, options: options(MAX_ENUMERATED_OPTIONS) })).not.toBeNull();
    expect(randomGuessScore({ ...q, options: options(MAX_ENUMERATED_OPTIONS + 1) })).toBeNull();
  });
});

describe('open questions', () => {
  it('short text and numeric cannot be guessed; essays are not auto-graded', () => {
    expect(randomGuessScore(shortText)).toBe(0);
    expect(randomGuessScore(numeric)).toBe(0);
    expect(randomGuessScore(essay)).toBeNull();
  });
});

describe('ordering', () => {
  it('exact: 1/n!', () => {
    expect(randomGuessScore(ordering)).toBeCloseTo(1 / 24, 10);
  });
  it('position and neighbours: 1/n', () => {
    expect(randomGuessScore({ ...ordering, scoring: 'position' })).toBeCloseTo(0.25, 10);
    expect(randomGuessScore({ ...ordering, scoring: 'neighbours' })).toBeCloseTo(0.25, 10);
  });
  it.each(['exact', 'position', 'neighbours'] as const)(
    '%s matches grading every permutation of 4 and 5 items',
    (scoring) => {
      const five: QuestionDefinitionOf<'ordering'> = {
        ...ordering,
        scoring,
        points: 5,
        items: [...ordering.items, { id: 'w5', text: 'there' }],
        correctOrder: [...ordering.correctOrder, 'w5'],
      };
      for (const q of [{ ...ordering, scoring }, five]) {
        expect(randomGuessScore(q)).toBeCloseTo(bruteOrdering(q), 10);
      }
    },
  );
});

describe('matching', () => {
  it('is 1/|right|, as grading every assignment shows', () => {
    expect(randomGuessScore(matching)).toBeCloseTo(0.25, 10);
    // 4^3 assignments of the 3 left items to the 4 right ones.
    const right = matching.right.map((r) => r.id);
    let sum = 0;
    let count = 0;
    for (const a of right)
      for (const b of right)
        for (const c of right) {
          sum += gradeAnswer(matching, { pairs: { l1: a, l2: b, l3: c } }).score;
          count++;
        }
    expect(sum / count / matching.points).toBeCloseTo(0.25, 10);
  });
  it('is null without items', () => {
    expect(randomGuessScore({ ...matching, right: [] })).toBeNull();
  });
});

it('is null for a question worth no points', () => {
  const zero: QuestionDefinition = { ...single, points: 0 };
  expect(randomGuessScore(zero)).toBeNull();
});
