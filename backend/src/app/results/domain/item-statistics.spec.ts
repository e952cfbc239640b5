/** Item analysis: a hand-worked example, published reference values and the edge cases. */
import {
  analyseItems,
  type ItemAttemptInput,
  type ItemQuestionInput,
  MIN_ATTEMPTS_FOR_FLAGS,
  sampleKurtosis,
  sampleSkewness,
} from './item-statistics';

const question = (
  id: string,
  maxPoints: number,
  options: ItemQuestionInput['options'] = null,
): ItemQuestionInput => ({ id, maxPoints, randomGuessScore: null, options });

const abc = [
  { id: 'a', text: 'Paris', correct: true },
  { id: 'b', text: 'Lyon', correct: false },
  { id: 'c', text: 'Nice', correct: false },
];

/** Attempts a1, a2… from rows of scores; choices per row and question, null by default. */
function attempts(
  rows: Array<Array<number | null>>,
  choices: Array<Array<string[] | null>> = [],
): ItemAttemptInput[] {
  return rows.map((scores, i) => ({
    id: `a${i + 1}`,
    scores,
    choices: choices[i] ?? scores.map(() => null),
  }));
}

/** Every number anywhere in the result. */
function numbersIn(v: unknown): number[] {
  if (typeof v === 'number') return [v];
  if (Array.isArray(v)) return v.flatMap(numbersIn);
  if (typeof v === 'object' && v !== null) return Object.values(v).flatMap(numbersIn);
  return [];
}
const allFinite = (v: unknown) => numbersIn(v).every(Number.isFinite);

describe('worked example: 6 attempts x 3 questions', () => {
  // Q1 (1 point, single choice a/b/c, key a), Q2 (2 points), Q3 (3 points). maxScore 6.
  //        Q1 Q2 Q3   T   choice
  //   a1    1  2  3   6   a
  //   a2    1  2  1   4   a
  //   a3    1  1  2   4   a
  //   a4    0  1  2   3   b
  //   a5    1  0  0   1   a
  //   a6    0  0  1   1   (none)
  const qs = [question('q1', 1, abc), question('q2', 2), question('q3', 3)];
  const rows = [
    [1, 2, 3],
    [1, 2, 1],
    [1, 1, 2],
    [0, 1, 2],
    [1, 0, 0],
    [0, 0, 1],
  ];
  const picks = [['a'], ['a'], ['a'], ['b'], ['a'], null].map((c) => [c, null, null]);
  const { exam, questions } = analyseItems(qs, attempts(rows, picks));
  const [q1, q2, q3] = questions;

  it('exam statistics', () => {
    // Totals 6 4 4 3 1 1: mean 19/6 = 3.1667, median (3 + 4) / 2 = 3.5.
    // Deviations 2.833 .833 .833 -.167 -2.167 -2.167: sum of squares 113/6, var T = 113/30
    // = 3.7667, sd 1.9408. Sum of cubed deviations 32/9 -> G1 = 6/(5*4) * 3.5556 / sd^3 = 0.1459.
    // Sum of 4th powers 7883/72 -> G2 = 6*7/(5*4*3) * 109.49 / sd^4 - 3*25/(4*3) = -0.8481.
    expect(exam).toMatchObject({
      n: 6,
      maxScore: 6,
      mean: 3.17,
      median: 3.5,
      sd: 1.94,
      skewness: 0.15,
      kurtosis: -0.85,
    });
    // Item variances (n-1): Q1 4/15 = .2667, Q2 4/5 = .8, Q3 11/10 = 1.1; sum 13/6 = 2.1667.
    // alpha = 3/2 * (1 - 2.1667 / 3.7667) = 72/113 = 0.6372.
    // errorRatio = 100 * sqrt(1 - .6372) = 60.24; standardError = 1.9408 * .6024 = 1.17.
    expect(exam.cronbachAlpha).toBe(0.6372);
    expect(exam.errorRatio).toBe(60.24);
    expect(exam.standardError).toBe(1.17);
    // round(0.27 * 6) = 2 attempts in each of the top and bottom groups.
    expect(exam.groupSize).toBe(2);
    // Percent of 6: 100, 66.7, 66.7, 50, 16.7, 16.7.
    expect(exam.histogram.map((b) => b.count)).toEqual([0, 2, 0, 0, 0, 1, 2, 0, 0, 1]);
    expect(exam.histogram[9]).toEqual({ from: 90, to: 100, count: 1 });
  });

  it('facility, SD and weights', () => {
    // Means: Q1 4/6 of 1 point, Q2 6/6 of 2, Q3 9/6 of 3. SD: sqrt(var) / maxPoints.
    expect([q1.facility, q2.facility, q3.facility]).toEqual([66.67, 50, 50]);
    expect([q1.sd, q2.sd, q3.sd]).toEqual([51.64, 44.72, 34.96]);
    expect([q1.intendedWeight, q2.intendedWeight, q3.intendedWeight]).toEqual([16.67, 33.33, 50]);
    // Cov(x, T): Q1 7/15, Q2 8/5, Q3 17/10; square roots .6831, 1.2649, 1.3038 (sum 3.2519).
    expect([q1.effectiveWeight, q2.effectiveWeight, q3.effectiveWeight]).toEqual([
      21.01, 38.9, 40.09,
    ]);
    expect(questions.map((q) => q.n)).toEqual([6, 6, 6]);
  });

  it('discrimination (against the rest of the exam) and discriminative efficiency', () => {
    // Q1: rest 5 3 3 3 0 1, var 31/10; Cov(x, rest) 1/5 -> r = .2 / sqrt(.2667 * 3.1) = .2200.
    //     Sorted pairing (0,0)(0,1)(1,3)(1,3)(1,3)(1,5): CovMax 4/5 -> DE = .2 / .8 = 25 %.
    // Q2: rest 4 2 3 2 1 1, var 41/30; Cov 4/5 -> r = .8 / sqrt(.8 * 1.3667) = .7651;
    //     CovMax 1 -> DE 80 %.
    // Q3: rest 3 3 2 1 1 0, var 22/15; Cov 3/5 -> r = .6 / sqrt(1.1 * 1.4667) = .4724;
    //     CovMax 6/5 -> DE 50 %.
    expect([q1.discrimination, q2.discrimination, q3.discrimination]).toEqual([22, 76.51, 47.24]);
    expect([
      q1.discriminativeEfficiency,
      q2.discriminativeEfficiency,
      q3.discriminativeEfficiency,
    ]).toEqual([25, 80, 50]);
  });

  it('options in the top and bottom groups (ties by attempt id), and the unused distractor', () => {
    // Ranked: a1 (6), a2 (4), a3 (4), a4 (3), a5 (1), a6 (1): top a1 a2, bottom a5 a6.
    expect(q1.options).toEqual([
      { optionId: 'a', text: 'Paris', correct: true, chosen: 4, top: 2, bottom: 1 },
      { optionId: 'b', text: 'Lyon', correct: false, chosen: 1, top: 0, bottom: 0 },
      { optionId: 'c', text: 'Nice', correct: false, chosen: 0, top: 0, bottom: 0 },
    ]);
    expect(q2.options).toBeNull();
    expect(q1.flags).toEqual([
      { code: 'unused_distractor', message: expect.stringContaining('"Nice"') },
    ]);
    expect([q2.flags, q3.flags]).toEqual([[], []]);
  });
});

describe('skewness and kurtosis', () => {
  // Microsoft Support, "SKEW function" and "KURT function": on 3,4,5,2,3,4,5,6,4,7 Excel gives
  // SKEW = 0.359543 and KURT = -0.151799637.
  const data = [3, 4, 5, 2, 3, 4, 5, 6, 4, 7];
  it('match Excel SKEW and KURT', () => {
    expect(sampleSkewness(data)).toBeCloseTo(0.359543, 6);
    expect(sampleKurtosis(data)).toBeCloseTo(-0.151799637, 8);
  });
  it('are reported on the totals, to 2 decimals', () => {
    const { exam } = analyseItems([question('q', 10)], attempts(data.map((x) => [x])));
    expect(exam).toMatchObject({ mean: 4.3, median: 4, sd: 1.49, skewness: 0.36, kurtosis: -0.15 });
    // One question: alpha needs at least two.
    expect(exam.cronbachAlpha).toBeNull();
    expect(exam.errorRatio).toBeNull();
  });
  it('need 3 and 4 values and some spread', () => {
    expect(sampleSkewness([1, 2])).toBeNull();
    expect(sampleSkewness([1, 2, 4])).not.toBeNull();
    expect(sampleKurtosis([1, 2, 4])).toBeNull();
    expect(sampleKurtosis([2, 2, 2, 2])).toBeNull();
  });
});

describe('pending scores', () => {
  // Q2 is an essay still waiting for two grades (p2, p5).
  //        Q1 Q2    T
  //   a1    1  2    3
  //   a2    1  -    1
  //   a3    0  1    1
  //   a4    0  0    0
  //   a5    1  -    1
  const { exam, questions } = analyseItems(
    [question('q1', 1), question('q2', 2)],
    attempts([
      [1, 2],
      [1, null],
      [0, 1],
      [0, 0],
      [1, null],
    ]),
  );
  it('count in totals as nothing, and per question only decided scores count', () => {
    expect(exam).toMatchObject({ n: 5, mean: 1.2, median: 1 });
    expect(questions.map((q) => q.n)).toEqual([5, 3]);
    // Q2 mean of 2, 1, 0 = 1 of 2 points.
    expect(questions[1].facility).toBe(50);
  });
  it('leave the waiting question out of alpha (here only one question is left: no alpha)', () => {
    expect(exam.cronbachAlpha).toBeNull();
  });
  it('alpha over every attempt on the questions decided for everyone', () => {
    // Q2 waits for grades, so alpha uses Q1 and Q3 over all five attempts:
    //   Q1 1 1 0 0 1 (var 0.3), Q3 1 1 0 1 0 (var 0.3), T' 2 2 0 1 1 (var 0.7)
    //   alpha = 2 * (1 - 0.6 / 0.7) = 2/7 = 0.2857.
    const r = analyseItems(
      [question('q1', 1), question('q2', 2), question('q3', 1)],
      attempts([
        [1, 2, 1],
        [1, null, 1],
        [0, 1, 0],
        [0, 0, 1],
        [1, null, 0],
      ]),
    );
    expect(r.exam.cronbachAlpha).toBe(0.2857);
  });
  it('discriminate over the decided attempts', () => {
    // Q2 on a1 a3 a4: x 2 1 0, rest 1 0 0; Cov 1/2, var 1 and 1/3 -> r = .5 / sqrt(1/3) = .8660.
    expect(questions[1].discrimination).toBe(86.6);
  });
});

describe('degenerate data', () => {
  it('no attempts: nulls and empty counts', () => {
    const { exam, questions } = analyseItems([question('q1', 2, abc)], []);
    expect(exam).toMatchObject({ n: 0, maxScore: 2, mean: null, median: null, sd: null });
    expect(exam).toMatchObject({ skewness: null, kurtosis: null, cronbachAlpha: null });
    expect(exam.groupSize).toBe(0);
    expect(exam.histogram.every((b) => b.count === 0)).toBe(true);
    expect(questions[0]).toMatchObject({ n: 0, facility: null, sd: null, discrimination: null });
    expect(questions[0].options?.map((o) => o.chosen)).toEqual([0, 0, 0]);
  });

  it('one attempt: a mean but no spread, no groups', () => {
    const { exam, questions } = analyseItems(
      [question('q1', 1, abc), question('q2', 1)],
      attempts([[1, 0]], [[['a'], null]]),
    );
    expect(exam).toMatchObject({ n: 1, mean: 1, median: 1, sd: null, groupSize: 0 });
    expect(exam.cronbachAlpha).toBeNull();
    expect(questions[0]).toMatchObject({ facility: 100, sd: null, effectiveWeight: null });
    expect(questions[0].options?.[0]).toMatchObject({ chosen: 1, top: 0, bottom: 0 });
  });

  it('an item everyone scores the same on: SD 0, no correlation, no weight', () => {
    const rows = [
      [1, 0],
      [1, 1],
      [1, 2],
    ];
    const result = analyseItems([question('q1', 1), question('q2', 2)], attempts(rows));
    const [same, varied] = result.questions;
    expect(same).toMatchObject({ facility: 100, sd: 0, discrimination: null });
    expect(same.discriminativeEfficiency).toBeNull();
    expect(same.effectiveWeight).toBe(0);
    // q2's rest of the exam is q1, constant: no correlation either.
    expect(varied.discrimination).toBeNull();
    expect(varied.effectiveWeight).toBe(100);
    expect(allFinite(result)).toBe(true);
  });

  it('identical totals: no alpha, no shape, no effective weights', () => {
    const result = analyseItems(
      [question('q1', 0.1), question('q2', 0.1)],
      attempts([
        [0.1, 0.1],
        [0.1, 0.1],
        [0.1, 0.1],
        [0.1, 0.1],
      ]),
    );
    expect(result.exam).toMatchObject({ sd: 0, skewness: null, kurtosis: null });
    expect(result.exam.cronbachAlpha).toBeNull();
    expect(result.exam.standardError).toBeNull();
    expect(result.questions.map((q) => q.effectiveWeight)).toEqual([null, null]);
    expect(allFinite(result)).toBe(true);
  });
});

describe('groups', () => {
  it('break ties by attempt id so the same data always gives the same groups', () => {
    // n = 4 -> groupSize round(1.08) = 1. b and a tie at the top; b, c, d tie at the bottom.
    const { questions } = analyseItems(
      [question('q1', 1, abc), question('q2', 1)],
      [
        { id: 'b', scores: [1, 1], choices: [['b'], null] },
        { id: 'a', scores: [1, 1], choices: [['a'], null] },
        { id: 'd', scores: [0, 0], choices: [['c'], null] },
        { id: 'c', scores: [0, 0], choices: [['b'], null] },
      ],
    );
    const [a, b, c] = questions[0].options ?? [];
    expect([a.top, b.top, c.top]).toEqual([1, 0, 0]);
    expect([a.bottom, b.bottom, c.bottom]).toEqual([0, 0, 1]);
  });
});

describe('flags', () => {
  // q4 rewards the students who do badly elsewhere: a wrong key, typically.
  const rows = [
    [1, 1, 1, 0],
    [1, 1, 1, 0],
    [1, 1, 0, 0],
    [1, 0, 0, 1],
    [0, 0, 0, 1],
    [0, 0, 0, 1],
  ];
  const qs = ['q1', 'q2', 'q3', 'q4'].map((id) => question(id, 1));

  it('a question working against the rest of the exam: negative discrimination and covariance', () => {
    const { questions } = analyseItems(qs, attempts(rows));
    const bad = questions[3];
    // x 0 0 0 1 1 1 against rest 3 3 2 1 0 0: r = -.93; Cov(x, T) = -.4.
    expect(bad.discrimination).toBe(-92.72);
    expect(bad.flags.map((f) => f.code)).toEqual([
      'negative_discrimination',
      'negative_covariance',
    ]);
    expect(bad.effectiveWeight).toBeNull();
    const good = questions.slice(0, 3);
    expect(good.map((q) => q.flags)).toEqual([[], [], []]);
    // The weights of the others still share 100 % (each Cov(x, T) = .4: a third each).
    expect(good.map((q) => q.effectiveWeight)).toEqual([33.33, 33.33, 33.33]);
  });

  it('too easy and too hard', () => {
    const five = [
      [1, 0, 1],
      [1, 0, 0],
      [1, 0, 1],
      [1, 0, 0],
      [1, 0, 1],
    ];
    const { questions } = analyseItems(qs.slice(0, 3), attempts(five));
    expect(questions[0].flags.map((f) => f.code)).toEqual(['too_easy']);
    expect(questions[1].flags.map((f) => f.code)).toEqual(['too_hard']);
    expect(questions[2].flags).toEqual([]);
  });

  it(`say nothing below ${MIN_ATTEMPTS_FOR_FLAGS} decided attempts`, () => {
    // Same pattern as above on 4 attempts: too easy, too hard, two unused distractors.
    const four = Array.from({ length: MIN_ATTEMPTS_FOR_FLAGS - 1 }, () => [1, 0]);
    const { questions } = analyseItems([question('q1', 1, abc), qs[1]], attempts(four));
    expect(questions.every((q) => q.flags.length === 0)).toBe(true);
  });
});

describe('discriminative efficiency', () => {
  it('is 100 when the item orders students exactly as the rest of the exam does', () => {
    // q1 0 0 1 1 1 and q2 0 1 1 2 2 rise together (not linearly: discrimination < 100).
    const { questions } = analyseItems(
      [question('q1', 1), question('q2', 2)],
      attempts([
        [0, 0],
        [0, 1],
        [1, 1],
        [1, 2],
        [1, 2],
      ]),
    );
    expect(questions.map((q) => q.discriminativeEfficiency)).toEqual([100, 100]);
    expect(questions[0].discrimination).toBeLessThan(100);
  });
});

/** Deterministic PRNG (mulberry32) so the large data set is the same on every run. */
function mulberry32(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('5,000 attempts x 25 questions', () => {
  const rand = mulberry32(20240601);
  const K = 25;
  const N = 5000;
  const choice = (j: number) => j % 5 === 0;
  const qs = Array.from({ length: K }, (_, j) =>
    question(
      `q${j}`,
      choice(j) ? 1 : 1 + (j % 4),
      choice(j)
        ? ['o0', 'o1', 'o2', 'o3'].map((id, o) => ({ id, text: `option ${o}`, correct: o === 0 }))
        : null,
    ),
  );
  const difficulty = qs.map(() => rand() * 2 - 1);
  const rows: ItemAttemptInput[] = Array.from({ length: N }, (_, i) => {
    const ability = rand() * 2 - 1;
    const scores: Array<number | null> = [];
    const choices: Array<string[] | null> = [];
    qs.forEach((q, j) => {
      // q7 is miskeyed: the weaker the student, the better the score.
      const a = j === 7 ? -ability : ability;
      const p = 1 / (1 + Math.exp(-3 * (a - difficulty[j])));
      if (choice(j)) {
        // o3 is never picked: an unused distractor.
        const right = rand() < p;
        const pick = right ? 'o0' : rand() < 0.5 ? 'o1' : 'o2';
        choices.push(rand() < 0.03 ? null : [pick]);
        scores.push(right ? 1 : j === 5 ? -0.25 : 0);
      } else {
        choices.push(null);
        // The last question is an essay, a tenth of it still ungraded.
        const pending = j === K - 1 && rand() < 0.1;
        scores.push(pending ? null : Math.round(q.maxPoints * p * (0.8 + 0.4 * rand()) * 4) / 4);
      }
    });
    return { id: `s${String(i).padStart(5, '0')}`, scores, choices };
  });
  const { exam, questions } = analyseItems(qs, rows);

  it('is finite and consistent', () => {
    expect(allFinite({ exam, questions })).toBe(true);
    expect(exam.n).toBe(N);
    expect(exam.groupSize).toBe(1350);
    expect(exam.histogram.reduce((s, b) => s + b.count, 0)).toBe(N);
    const totals = rows.map((r) =>
      Math.max(
        0,
        r.scores.reduce<number>((s, x) => s + (x ?? 0), 0),
      ),
    );
    expect(exam.mean).toBeCloseTo(totals.reduce((s, t) => s + t, 0) / N, 2);
    expect(exam.cronbachAlpha).toBeGreaterThan(0);
    expect(exam.cronbachAlpha).toBeLessThanOrEqual(1);
    expect(questions[K - 1].n).toBeLessThan(N);
    expect(questions[K - 1].n).toBeGreaterThan(N * 0.8);
  });

  it('keeps every question figure in range', () => {
    for (const q of questions) {
      expect(q.discrimination).not.toBeNull();
      expect(Math.abs(q.discrimination ?? 0)).toBeLessThanOrEqual(100);
      expect(Math.abs(q.discriminativeEfficiency ?? 0)).toBeLessThanOrEqual(100);
      expect(q.facility).toBeLessThanOrEqual(100);
    }
    const weights = questions.flatMap((q) =>
      q.effectiveWeight === null ? [] : [q.effectiveWeight],
    );
    expect(weights.reduce((s, w) => s + w, 0)).toBeCloseTo(100, 0);
  });

  it('flags the miskeyed question and the unused distractor', () => {
    expect(questions[7].flags.map((f) => f.code)).toContain('negative_discrimination');
    expect(questions[7].effectiveWeight).toBeNull();
    for (const j of [0, 5, 10, 15, 20]) {
      const codes = questions[j].flags.filter((f) => f.code === 'unused_distractor');
      expect(codes).toHaveLength(1);
      expect(codes[0].message).toContain('"option 3"');
      const [key, , , unused] = questions[j].options ?? [];
      expect(key.top).toBeGreaterThan(key.bottom);
      expect(key.top).toBeLessThanOrEqual(exam.groupSize);
      expect(unused.chosen).toBe(0);
    }
  });
});
