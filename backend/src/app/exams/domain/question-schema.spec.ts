import { parseQuestion, parseQuestions } from './question-schema';
import {
  ALL,
  matching,
  multiple,
  numeric,
  ordering,
  shortText,
  single,
} from './fixtures.spec-helper';

const problems = (raw: unknown) => {
  const r = parseQuestion(raw, 'q');
  return r.ok ? [] : r.issues;
};
const fields = (raw: unknown) => problems(raw).map((i) => i.field);
const text = (raw: unknown) =>
  problems(raw)
    .flatMap((i) => i.problems)
    .join(' | ');

describe('parseQuestion: structure', () => {
  it.each(ALL.map((q) => [q.type, q]))('accepts a valid %s question', (_t, q) => {
    const r = parseQuestion(q);
    expect(r).toEqual({ ok: true, question: q });
  });
  it('rejects unknown fields, naming them', () => {
    expect(text({ ...single, isCorrect: true })).toMatch(/Unrecognized key.*isCorrect/);
    expect(
      fields({
        ...single,
        options: [
          { id: 'a', text: 'x', correct: true },
          { id: 'b', text: 'y' },
        ],
      }),
    ).toContain('q.options[0]');
  });
  it('rejects an unknown type with the list of types', () => {
    expect(text({ ...single, type: 'hotspot' })).toMatch(/type must be one of single_choice/);
  });
  it('lists every bad field at once', () => {
    expect(fields({ ...single, prompt: '', points: 0, options: 'x' })).toEqual(
      expect.arrayContaining(['q.prompt', 'q.points', 'q.options']),
    );
  });
  it('rejects non-objects and wrong value types', () => {
    expect(parseQuestion(null).ok).toBe(false);
    expect(parseQuestion('single_choice').ok).toBe(false);
    expect(
      fields({ ...numeric, acceptedAnswers: [{ value: '26', creditPercent: 100 }] }),
    ).toContain('q.acceptedAnswers[0].value');
    expect(fields({ ...single, points: Number.POSITIVE_INFINITY })).toContain('q.points');
  });
  it('points: more than 0, at most 1000, at most 2 decimals', () => {
    expect(fields({ ...single, points: -1 })).toEqual(['q.points']);
    expect(fields({ ...single, points: 1001 })).toEqual(['q.points']);
    expect(text({ ...single, points: 0.333 })).toMatch(/at most 2 decimals/);
    expect(parseQuestion({ ...single, points: 0.25 }).ok).toBe(true);
  });
  it('trims prompts and option texts; a blank one is empty', () => {
    const r = parseQuestion({ ...single, prompt: '  Hi  ' });
    expect(r.ok && r.question.prompt).toBe('Hi');
    expect(fields({ ...single, prompt: '   ' })).toEqual(['q.prompt']);
  });
  it('question id, when given, must be a uuid', () => {
    expect(fields({ ...single, id: 'nope' })).toEqual(['q.id']);
    expect(parseQuestion({ ...single, id: '0b6c3c59-52b5-4b8e-9a3c-9a4d1fb6f0d1' }).ok).toBe(true);
  });
});

describe('parseQuestion: gradability rules', () => {
  it('single choice: the key must be an option; at least 2 options; unique ids', () => {
    expect(text({ ...single, correctOptionId: 'x' })).toMatch(/no correct option/);
    expect(fields({ ...single, correctOptionId: 'x' })).toEqual(['q.correctOptionId']);
    expect(text({ ...single, options: [{ id: 'b', text: 'goes' }] })).toMatch(/at least 2 options/);
    expect(text({ ...single, options: [...single.options, { id: 'a', text: 'dup' }] })).toMatch(
      /ids are repeated: a/,
    );
    expect(fields({ ...single, negativeMarkPercent: 150 })).toEqual(['q.negativeMarkPercent']);
  });
  it('multiple response: at least one correct, correct weights sum to 100', () => {
    const noCorrect = {
      ...multiple,
      options: multiple.options.map((o) => ({ ...o, weight: -10 })),
    };
    expect(text(noCorrect)).toMatch(/no correct option/);
    const short = {
      ...multiple,
      options: multiple.options.map((o) => (o.id === 'c' ? { ...o, weight: 40 } : o)),
    };
    expect(text(short)).toMatch(/add up to 100 \(they add up to 90\)/);
    const thirds = {
      ...multiple,
      options: [
        { id: 'a', text: 'a', weight: 33.33 },
        { id: 'b', text: 'b', weight: 33.33 },
        { id: 'c', text: 'c', weight: 33.34 },
      ],
    };
    expect(parseQuestion(thirds).ok).toBe(true);
    expect(fields({ ...multiple, options: [{ id: 'a', text: 'a', weight: 150 }] })).toContain(
      'q.options[0].weight',
    );
  });
  it('short text: needs accepted answers, one with 100 % credit, no lone wildcard', () => {
    expect(text({ ...shortText, acceptedAnswers: [] })).toMatch(/at least one accepted answer/);
    expect(text({ ...shortText, acceptedAnswers: [{ text: 'x', creditPercent: 50 }] })).toMatch(
      /100 % credit/,
    );
    expect(
      fields({ ...shortText, acceptedAnswers: [{ text: ' ', creditPercent: 100 }] }),
    ).toContain('q.acceptedAnswers[0].text');
    expect(
      text({ ...shortText, wildcards: true, acceptedAnswers: [{ text: '*', creditPercent: 100 }] }),
    ).toMatch(/wildcard alone/);
    expect(fields({ ...shortText, acceptedAnswers: [{ text: 'x', creditPercent: 0 }] })).toContain(
      'q.acceptedAnswers[0].creditPercent',
    );
  });
  it('numeric: value xor range, min <= max, tolerance only with a value, one 100 % answer', () => {
    const acc = (a: object) => ({
      ...numeric,
      acceptedAnswers: [a, { value: 1, creditPercent: 100 }],
    });
    expect(text(acc({ min: 5, max: 1, creditPercent: 50 }))).toMatch(
      /min \(5\) is greater than max \(1\)/,
    );
    expect(fields(acc({ min: 5, max: 1, creditPercent: 50 }))).toEqual([
      'q.acceptedAnswers[0].min',
    ]);
    expect(text(acc({ creditPercent: 50 }))).toMatch(/either value/);
    expect(text(acc({ value: 1, min: 0, max: 2, creditPercent: 50 }))).toMatch(/either value/);
    expect(text(acc({ min: 1, creditPercent: 50 }))).toMatch(/needs both min and max/);
    expect(text(acc({ min: 1, max: 2, tolerance: 1, creditPercent: 50 }))).toMatch(
      /tolerance applies/,
    );
    expect(fields(acc({ value: 1, tolerance: -1, creditPercent: 50 }))).toContain(
      'q.acceptedAnswers[0].tolerance',
    );
    expect(text({ ...numeric, acceptedAnswers: [] })).toMatch(/at least one accepted answer/);
    expect(text({ ...numeric, acceptedAnswers: [{ value: 1, creditPercent: 60 }] })).toMatch(
      /100 % credit/,
    );
  });
  it('ordering: the correct order is a permutation of the items', () => {
    expect(text({ ...ordering, correctOrder: ['w1', 'w2', 'w3'] })).toMatch(
      /missing from the order: w4/,
    );
    expect(text({ ...ordering, correctOrder: ['w1', 'w2', 'w3', 'w4', 'w1'] })).toMatch(
      /more than once: w1/,
    );
    expect(text({ ...ordering, correctOrder: ['w1', 'w2', 'w3', 'zz'] })).toMatch(
      /unknown item ids: zz/,
    );
    expect(text({ ...ordering, items: [{ id: 'w1', text: 'I' }], correctOrder: ['w1'] })).toMatch(
      /at least 2 items/,
    );
  });
  it('matching: every left item has a pair, pairs reference existing ids', () => {
    expect(text({ ...matching, correctPairs: { l1: 'r1', l2: 'r2' } })).toMatch(
      /without a correct answer: l3/,
    );
    expect(text({ ...matching, correctPairs: { ...matching.correctPairs, l9: 'r1' } })).toMatch(
      /"l9" is not a left item id/,
    );
    expect(text({ ...matching, correctPairs: { ...matching.correctPairs, l1: 'r9' } })).toMatch(
      /"r9" is not a right answer id/,
    );
    expect(fields({ ...matching, correctPairs: { ...matching.correctPairs, l1: 'r9' } })).toEqual([
      'q.correctPairs.l1',
    ]);
    expect(text({ ...matching, right: [...matching.right, { id: 'r1', text: 'again' }] })).toMatch(
      /ids are repeated: r1/,
    );
  });
});

describe('parseQuestions', () => {
  it('reports the problems of every question with its index', () => {
    const r = parseQuestions([
      single,
      { ...single, correctOptionId: 'x' },
      { ...numeric, acceptedAnswers: [] },
    ]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues.map((i) => i.field)).toEqual([
        'questions[1].correctOptionId',
        'questions[2].acceptedAnswers',
      ]);
    }
  });
  it('rejects repeated question ids and non-arrays', () => {
    const id = '0b6c3c59-52b5-4b8e-9a3c-9a4d1fb6f0d1';
    const r = parseQuestions([
      { ...single, id },
      { ...numeric, id },
    ]);
    expect(!r.ok && r.issues[0].problems[0]).toMatch(/repeated/);
    expect(parseQuestions({}).ok).toBe(false);
    expect(parseQuestions([])).toEqual({ ok: true, questions: [] });
  });
});
