import type { QuestionDefinition } from '@exam/contracts';
import { countWords, gradeAnswer, gradeExam, minScore, numericMatches, round2 } from './grading';
import {
  ALL,
  essay,
  matching,
  multiple,
  numeric,
  ordering,
  shortText,
  single,
  trueFalse,
} from './fixtures.spec-helper';

const score = (q: QuestionDefinition, a: unknown) => gradeAnswer(q, a).score;

describe('single choice', () => {
  it('gives full marks for the key and 0 for another option', () => {
    expect(gradeAnswer(single, { optionId: 'b' })).toEqual({
      score: 2,
      maxScore: 2,
      needsManualGrading: false,
      details: ['correct'],
    });
    expect(score(single, { optionId: 'a' })).toBe(0);
  });
  it('deducts the negative mark for a wrong option only', () => {
    const q = { ...single, negativeMarkPercent: 25 };
    expect(score(q, { optionId: 'a' })).toBe(-0.5);
    expect(score(q, { optionId: 'b' })).toBe(2);
    expect(score(q, null)).toBe(0);
    expect(score(q, { optionId: 'zz' })).toBe(0);
  });
  it('scores 0 for no answer, an unknown option or a wrong shape', () => {
    expect(gradeAnswer(single, undefined).details).toEqual(['no answer']);
    expect(gradeAnswer(single, { optionId: 'zz' }).details[0]).toMatch(/unknown option "zz"/);
    expect(score(single, { optionIds: ['b'] })).toBe(0);
    expect(score(single, 'b')).toBe(0);
    expect(score(single, { optionId: 2 })).toBe(0);
  });
});

describe('true / false', () => {
  it('grades the boolean against the key', () => {
    expect(score(trueFalse, { value: true })).toBe(1);
    expect(score(trueFalse, { value: false })).toBe(0);
    expect(score({ ...trueFalse, correct: false }, { value: false })).toBe(1);
  });
  it('applies the negative mark and ignores wrong shapes', () => {
    expect(score({ ...trueFalse, negativeMarkPercent: 100 }, { value: false })).toBe(-1);
    expect(score(trueFalse, { value: 'true' })).toBe(0);
    expect(score(trueFalse, { value: 1 })).toBe(0);
  });
});

describe('multiple response', () => {
  it('gives full marks for exactly the correct options, in any order, duplicates ignored', () => {
    expect(score(multiple, { optionIds: ['c', 'a'] })).toBe(4);
    expect(score(multiple, { optionIds: ['a', 'c', 'a'] })).toBe(4);
  });
  it('adds weights: half the correct options give half the points', () => {
    expect(score(multiple, { optionIds: ['a'] })).toBe(2);
  });
  it('subtracts wrong options and floors at 0', () => {
    expect(score(multiple, { optionIds: ['a', 'b'] })).toBe(1);
    expect(score(multiple, { optionIds: ['a', 'b', 'd'] })).toBe(0);
    const g = gradeAnswer(multiple, { optionIds: ['b', 'd'] });
    expect(g.score).toBe(0);
    expect(g.details).toContain('floored at 0');
  });
  it('a zero-weight wrong option costs nothing', () => {
    expect(score(multiple, { optionIds: ['a', 'c', 'e'] })).toBe(4);
  });
  it('all or nothing: anything but the exact set scores 0', () => {
    const q = { ...multiple, allOrNothing: true };
    expect(score(q, { optionIds: ['a', 'c'] })).toBe(4);
    expect(score(q, { optionIds: ['a'] })).toBe(0);
    expect(score(q, { optionIds: ['a', 'c', 'e'] })).toBe(0);
  });
  it('ignores unknown option ids, and scores 0 for an empty or malformed answer', () => {
    const g = gradeAnswer(multiple, { optionIds: ['a', 'zz'] });
    expect(g.score).toBe(2);
    expect(g.details[0]).toMatch(/unknown option "zz" ignored/);
    expect(score(multiple, { optionIds: [] })).toBe(0);
    expect(score(multiple, { optionIds: 'a' })).toBe(0);
    expect(score(multiple, { optionIds: [1, 2] })).toBe(0);
    expect(score(multiple, { optionId: 'a' })).toBe(0);
  });
  it('rounds thirds to 2 decimals and gives exactly the points when all correct', () => {
    const q: QuestionDefinition = {
      type: 'multiple_response',
      prompt: 'x',
      points: 1,
      options: [
        { id: 'a', text: 'a', weight: 33.33 },
        { id: 'b', text: 'b', weight: 33.33 },
        { id: 'c', text: 'c', weight: 33.34 },
        { id: 'd', text: 'd', weight: -50 },
      ],
    };
    expect(score(q, { optionIds: ['a'] })).toBe(0.33);
    expect(score(q, { optionIds: ['a', 'b', 'c'] })).toBe(1);
    expect(score(q, { optionIds: ['a', 'b', 'd'] })).toBe(0.17);
  });
});

describe('short text', () => {
  it('accepts after trimming and collapsing spaces, case-insensitive by default', () => {
    expect(score(shortText, { text: '  WROTE ' })).toBe(2);
    const q = { ...shortText, acceptedAnswers: [{ text: 'New York', creditPercent: 100 }] };
    expect(score(q, { text: 'new   york' })).toBe(2);
    expect(score(q, { text: 'new\tyork\n' })).toBe(2);
  });
  it('gives the credit of the best matching accepted answer', () => {
    expect(gradeAnswer(shortText, { text: 'writed' })).toMatchObject({
      score: 0.5,
      details: ['accepted with 25 % credit'],
    });
    const both = {
      ...shortText,
      acceptedAnswers: [
        { text: 'wrote', creditPercent: 50 },
        { text: 'WROTE', creditPercent: 100 },
      ],
    };
    expect(score(both, { text: 'wrote' })).toBe(2);
  });
  it('case-sensitive when asked', () => {
    const q = { ...shortText, caseSensitive: true };
    expect(score(q, { text: 'Wrote' })).toBe(0);
    expect(score(q, { text: 'wrote' })).toBe(2);
  });
  it('folds accents only when asked', () => {
    const q = { ...shortText, acceptedAnswers: [{ text: 'café', creditPercent: 100 }] };
    expect(score(q, { text: 'cafe' })).toBe(0);
    expect(score(q, { text: 'CAFÉ' })).toBe(2);
    expect(score({ ...q, foldAccents: true }, { text: 'cafe' })).toBe(2);
    // NFD input (e + combining accent) equals NFC "é" even without folding.
    expect(score(q, { text: 'cafe\u0301' })).toBe(2);
  });
  it('treats * as a wildcard only when wildcards are on', () => {
    const q = { ...shortText, acceptedAnswers: [{ text: 'colo*r', creditPercent: 100 }] };
    expect(score(q, { text: 'colour' })).toBe(0);
    expect(score(q, { text: 'colo*r' })).toBe(2);
    const w = { ...q, wildcards: true };
    expect(score(w, { text: 'colour' })).toBe(2);
    expect(score(w, { text: 'color' })).toBe(2);
    expect(score(w, { text: 'colours' })).toBe(0);
  });
  it('escapes regex characters in accepted answers', () => {
    const q = {
      ...shortText,
      wildcards: true,
      acceptedAnswers: [{ text: 'a.b (c)*', creditPercent: 100 }],
    };
    expect(score(q, { text: 'a.b (c) d' })).toBe(2);
    expect(score(q, { text: 'axb (c)' })).toBe(0);
  });
  it('scores 0 for empty, blank, wrong or malformed answers', () => {
    expect(score(shortText, { text: '' })).toBe(0);
    expect(score(shortText, { text: '   ' })).toBe(0);
    expect(gradeAnswer(shortText, { text: 'written' }).details).toEqual(['not an accepted answer']);
    expect(score(shortText, { text: 5 })).toBe(0);
    expect(score(shortText, ['wrote'])).toBe(0);
  });
});

describe('numeric', () => {
  it('exact value without tolerance, tolerant to floating point noise', () => {
    expect(score(numeric, { value: 26 })).toBe(1);
    expect(score(numeric, { value: 26.001 })).toBe(0);
    const q = { ...numeric, acceptedAnswers: [{ value: 0.3, creditPercent: 100 }] };
    expect(score(q, { value: 0.1 + 0.2 })).toBe(1);
  });
  it('absolute tolerance is inclusive', () => {
    const q = {
      ...numeric,
      acceptedAnswers: [{ value: 3.14, tolerance: 0.01, creditPercent: 100 }],
    };
    expect(score(q, { value: 3.15 })).toBe(1);
    expect(score(q, { value: 3.13 })).toBe(1);
    expect(score(q, { value: 3.16 })).toBe(0);
  });
  it('relative tolerance is a fraction of the value', () => {
    const acc = {
      value: 200,
      tolerance: 0.05,
      toleranceMode: 'relative' as const,
      creditPercent: 100,
    };
    expect(numericMatches(210, acc)).toBe(true);
    expect(numericMatches(190, acc)).toBe(true);
    expect(numericMatches(211, acc)).toBe(false);
    expect(numericMatches(-200, { ...acc, value: -200 })).toBe(true);
    expect(numericMatches(-209, { ...acc, value: -200 })).toBe(true);
  });
  it('ranges are inclusive [min, max]', () => {
    const q = { ...numeric, acceptedAnswers: [{ min: 3.141, max: 3.142, creditPercent: 100 }] };
    expect(score(q, { value: 3.141 })).toBe(1);
    expect(score(q, { value: 3.142 })).toBe(1);
    expect(score(q, { value: 3.1415 })).toBe(1);
    expect(score(q, { value: 3.143 })).toBe(0);
  });
  it('partial credit: best matching accepted answer wins', () => {
    const q = {
      ...numeric,
      points: 4,
      acceptedAnswers: [
        { value: 1066, creditPercent: 100 },
        { min: 1000, max: 1100, creditPercent: 50 },
      ],
    };
    expect(score(q, { value: 1066 })).toBe(4);
    expect(score(q, { value: 1050 })).toBe(2);
    expect(score(q, { value: 900 })).toBe(0);
  });
  it('scores 0 for NaN, Infinity, strings and missing answers', () => {
    expect(score(numeric, { value: Number.NaN })).toBe(0);
    expect(score(numeric, { value: Number.POSITIVE_INFINITY })).toBe(0);
    expect(score(numeric, { value: '26' })).toBe(0);
    expect(score(numeric, {})).toBe(0);
    expect(score(numeric, null)).toBe(0);
  });
});

describe('essay', () => {
  it('is never auto-graded: 0 points and needs manual grading', () => {
    const g = gradeAnswer(essay, { text: 'I went to the sea.' });
    expect(g).toMatchObject({ score: 0, maxScore: 10, needsManualGrading: true });
    expect(g.details).toEqual(['5 words', 'needs manual grading']);
  });
  it('flags answers over the word limit', () => {
    expect(gradeAnswer(essay, { text: 'one two three four five six' }).details).toContain(
      'over the 5-word limit',
    );
  });
  it('an empty essay has nothing to grade', () => {
    expect(gradeAnswer(essay, { text: '  \n ' })).toMatchObject({
      score: 0,
      needsManualGrading: false,
    });
    expect(gradeAnswer(essay, undefined).needsManualGrading).toBe(false);
    expect(gradeAnswer(essay, { value: 3 }).needsManualGrading).toBe(false);
  });
  it('counts words across any whitespace', () => {
    expect(countWords('  a\tb\n\nc  ')).toBe(3);
    expect(countWords('')).toBe(0);
  });
});

describe('ordering', () => {
  const pos = { ...ordering, scoring: 'position' as const };
  const nb = { ...ordering, scoring: 'neighbours' as const };
  it('exact (default): all or nothing', () => {
    expect(score(ordering, { order: ['w1', 'w2', 'w3', 'w4'] })).toBe(3);
    expect(score(ordering, { order: ['w2', 'w1', 'w3', 'w4'] })).toBe(0);
  });
  it('position: credit per item in its correct place', () => {
    expect(score(pos, { order: ['w2', 'w1', 'w3', 'w4'] })).toBe(1.5);
    expect(score(pos, { order: ['w4', 'w3', 'w2', 'w1'] })).toBe(0);
    expect(score(pos, { order: ['w1', 'w2', 'w3', 'w4'] })).toBe(3);
  });
  it('neighbours: credit per adjacent pair in the right order', () => {
    // w2 w3 w4 w1: pairs (w2,w3) and (w3,w4) are right, (w1,w2) is not -> 2 of 3.
    expect(score(nb, { order: ['w2', 'w3', 'w4', 'w1'] })).toBe(2);
    expect(gradeAnswer(pos, { order: ['w2', 'w3', 'w4', 'w1'] }).score).toBe(0);
    expect(score(nb, { order: ['w4', 'w3', 'w2', 'w1'] })).toBe(0);
  });
  it('rejects orders that are not a permutation of the items', () => {
    for (const order of [
      ['w1', 'w2', 'w3'],
      ['w1', 'w1', 'w3', 'w4'],
      ['w1', 'w2', 'w3', 'zz'],
      ['w1', 'w2', 'w3', 'w4', 'w1'],
    ]) {
      expect(gradeAnswer(pos, { order })).toMatchObject({
        score: 0,
        details: ['the order must list every item exactly once'],
      });
    }
    expect(score(ordering, { order: 'w1,w2' })).toBe(0);
    expect(score(ordering, { order: [1, 2, 3, 4] })).toBe(0);
  });
});

describe('matching', () => {
  it('each correct pair is worth the same', () => {
    expect(score(matching, { pairs: { l1: 'r1', l2: 'r2', l3: 'r3' } })).toBe(3);
    expect(score(matching, { pairs: { l1: 'r1', l2: 'r3', l3: 'r2' } })).toBe(1);
    expect(score(matching, { pairs: { l1: 'r4' } })).toBe(0);
  });
  it('unanswered items score nothing; unknown items are ignored', () => {
    expect(score(matching, { pairs: { l1: 'r1', l2: 'r2' } })).toBe(2);
    const g = gradeAnswer(matching, { pairs: { l1: 'r1', zz: 'r2' } });
    expect(g.score).toBe(1);
    expect(g.details[0]).toMatch(/unknown item "zz"/);
  });
  it('rounds to 2 decimals', () => {
    expect(score({ ...matching, points: 1 }, { pairs: { l1: 'r1' } })).toBe(0.33);
    expect(score({ ...matching, points: 1 }, { pairs: { l1: 'r1', l2: 'r2' } })).toBe(0.67);
  });
  it('ignores inherited properties and malformed answers', () => {
    expect(score(matching, { pairs: Object.create({ l1: 'r1' }) as object })).toBe(0);
    expect(score(matching, { pairs: [['l1', 'r1']] })).toBe(0);
    expect(score(matching, { pairs: null })).toBe(0);
  });
});

describe('minScore and round2', () => {
  it('is below 0 only with a negative mark', () => {
    expect(ALL.map(minScore).every((m) => m === 0)).toBe(true);
    expect(minScore({ ...single, negativeMarkPercent: 50 })).toBe(-1);
  });
  it('rounds half away from zero and never returns -0', () => {
    expect(round2(1.005)).toBe(1.01);
    expect(round2(2.675)).toBe(2.68);
    expect(Object.is(round2(-0.001), 0)).toBe(true);
  });
});

describe('exam total', () => {
  it('sums scores and passes by the passing score', () => {
    const g = gradeExam(
      [
        { question: single, answer: { optionId: 'b' } },
        { question: trueFalse, answer: { value: false } },
        { question: numeric, answer: { value: 26 } },
      ],
      75,
    );
    expect(g).toMatchObject({ score: 3, maxScore: 4, percent: 75, passed: true, pendingManual: 0 });
    expect(
      gradeExam(
        [
          { question: single, answer: null },
          { question: numeric, answer: { value: 26 } },
        ],
        50,
      ),
    ).toMatchObject({ percent: 33.33, passed: false });
  });
  it('floors the total at 0 even with negative marks', () => {
    const q = { ...single, negativeMarkPercent: 100 };
    const g = gradeExam(
      [
        { question: q, answer: { optionId: 'a' } },
        { question: trueFalse, answer: null },
      ],
      50,
    );
    expect(g.score).toBe(0);
    expect(g.questions[0].score).toBe(-2);
  });
  it('is undecided while an essay waits for a human, then uses the manual score (clamped)', () => {
    const items = [
      { question: single, answer: { optionId: 'b' } },
      { question: essay, answer: { text: 'It was sunny.' } },
    ];
    expect(gradeExam(items, 50)).toMatchObject({
      score: 2,
      maxScore: 12,
      passed: null,
      pendingManual: 1,
    });
    const graded = gradeExam([items[0], { ...items[1], manualScore: 7 }], 50);
    expect(graded).toMatchObject({ score: 9, percent: 75, passed: true, pendingManual: 0 });
    expect(gradeExam([items[0], { ...items[1], manualScore: 99 }], 50).score).toBe(12);
  });
  it('an empty exam scores 0 of 0', () => {
    expect(gradeExam([], 50)).toMatchObject({ score: 0, maxScore: 0, percent: 0, passed: false });
  });
});
