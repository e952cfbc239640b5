/**
 * Item analysis of one exam session, in the style of Moodle's quiz statistics: how the totals
 * spread (mean, SD, shape, Cronbach's alpha, histogram) and, per question, how easy it was,
 * how well it separates strong from weak students, how much it weighs in the totals and which
 * options were chosen. Pure: plain numbers in, wire types out; never NaN or Infinity (null).
 *
 * Cost: one sort of the attempts plus two sorts per question, O(k · n log n).
 */
import type {
  ExamStatistics,
  HistogramBin,
  OptionStatistics,
  QuestionStatistics,
  StatisticsFlag,
} from '@exam/contracts';

export interface ItemQuestionInput {
  id: string;
  maxPoints: number;
  /** Expected score of a random guess as a fraction 0..1, or null when unknown. */
  randomGuessScore: number | null;
  /** Choice questions (single choice, true/false, multiple response): every option shown, with whether it is part of the key. null for other types. */
  options: Array<{ id: string; text: string; correct: boolean }> | null;
}

export interface ItemAttemptInput {
  id: string;
  /** Per question, same order as the questions: points scored, or null = not decided yet (an essay waiting for a teacher). */
  scores: Array<number | null>;
  /** Per question: option ids the student chose (choice questions); null when unanswered or not a choice question. */
  choices: Array<readonly string[] | null>;
}

export type ItemQuestionStatistics = Omit<QuestionStatistics, 'position' | 'type' | 'prompt'>;

export interface ItemAnalysis {
  exam: ExamStatistics;
  /** Same order as the input questions. */
  questions: ItemQuestionStatistics[];
}

/**
 * A question needs this many decided attempts before it gets flags: with fewer, one student's
 * luck moves every figure enough to raise false alarms.
 */
export const MIN_ATTEMPTS_FOR_FLAGS = 5;

/** Below this many attempts alpha says more about chance than about the exam. */
export const MIN_ATTEMPTS_FOR_ALPHA = 3;

/** Share of the attempts in each of the top and bottom groups (Kelley's 27 %). */
const GROUP_SHARE = 0.27;
const HISTOGRAM_BINS = 10;

/** Rounds half away from zero; null for anything not finite so the wire never sees NaN. */
function round(x: number | null, digits: number): number | null {
  if (x === null || !Number.isFinite(x)) return null;
  const f = 10 ** digits;
  const r = Math.round((x + Number.EPSILON * Math.sign(x)) * f) / f;
  return Object.is(r, -0) ? 0 : r;
}
const r2 = (x: number | null) => round(x, 2);

function mean(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s / v.length;
}

/** Sample covariance (n - 1); the caller ensures at least 2 values. */
function covariance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const ma = mean(a);
  const mb = mean(b);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - ma) * (b[i] - mb);
  return s / (a.length - 1);
}

/**
 * Zero spread is tested on the values, not on the variance: a mean like 0.1 + 0.1 + 0.1 / 3 is
 * off by one ulp and would leave a tiny positive "variance" that turns correlations into noise.
 */
function isConstant(v: ArrayLike<number>): boolean {
  for (let i = 1; i < v.length; i++) if (v[i] !== v[0]) return false;
  return true;
}

function median(v: ArrayLike<number>): number | null {
  if (!v.length) return null;
  const s = Float64Array.from(v).sort();
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/** Sum of ((x - mean) / sd)^p with the sample SD, or null when there is no spread. */
function standardisedMoment(v: ArrayLike<number>, p: number): number | null {
  if (v.length < 2 || isConstant(v)) return null;
  const m = mean(v);
  const sd = Math.sqrt(covariance(v, v));
  let s = 0;
  for (let i = 0; i < v.length; i++) s += ((v[i] - m) / sd) ** p;
  return s;
}

/** Bias-corrected sample skewness G1 (Excel's SKEW); null below 3 values or without spread. */
export function sampleSkewness(values: ArrayLike<number>): number | null {
  const n = values.length;
  const s3 = n >= 3 ? standardisedMoment(values, 3) : null;
  return s3 === null ? null : (n / ((n - 1) * (n - 2))) * s3;
}

/** Bias-corrected sample excess kurtosis G2 (Excel's KURT); null below 4 values or without spread. */
export function sampleKurtosis(values: ArrayLike<number>): number | null {
  const n = values.length;
  const s4 = n >= 4 ? standardisedMoment(values, 4) : null;
  if (s4 === null) return null;
  return (
    ((n * (n + 1)) / ((n - 1) * (n - 2) * (n - 3))) * s4 - (3 * (n - 1) ** 2) / ((n - 2) * (n - 3))
  );
}

const decided = (v: number | null | undefined): v is number =>
  typeof v === 'number' && Number.isFinite(v);

function histogram(totals: Float64Array, maxScore: number): HistogramBin[] {
  const bins = Array.from({ length: HISTOGRAM_BINS }, (_, b) => ({
    from: b * 10,
    to: (b + 1) * 10,
    count: 0,
  }));
  for (const t of totals) {
    const pct = maxScore > 0 ? (100 * t) / maxScore : 0;
    // The epsilon keeps 0.2 / 1 * 100 = 19.999… out of the bin below; 100 % joins the last bin.
    const b = Math.floor(pct / 10 + 1e-9);
    bins[Math.min(HISTOGRAM_BINS - 1, Math.max(0, b))].count++;
  }
  return bins;
}

/**
 * Cronbach's alpha over every attempt, on the questions decided for everyone: a question
 * still waiting for grades (an essay) is left out until it is graded, rather than the
 * attempts (after a class-wide essay that would leave almost none). The total it uses is
 * the sum of those questions. Needs two such questions and MIN_ATTEMPTS_FOR_ALPHA attempts.
 */
function cronbachAlpha(cols: Float64Array[]): number | null {
  const items = cols.filter((c) => c.every((v) => !Number.isNaN(v)));
  const k = items.length;
  const n = items[0]?.length ?? 0;
  if (k < 2 || n < MIN_ATTEMPTS_FOR_ALPHA) return null;
  const t = new Float64Array(n);
  for (const c of items) for (let i = 0; i < n; i++) t[i] += c[i];
  if (isConstant(t)) return null;
  let itemVariance = 0;
  for (const c of items) itemVariance += covariance(c, c);
  return (k / (k - 1)) * (1 - itemVariance / covariance(t, t));
}

function examStatistics(
  cols: Float64Array[],
  totals: Float64Array,
  maxScore: number,
  groupSize: number,
): ExamStatistics {
  const n = totals.length;
  const sd = n >= 2 ? (isConstant(totals) ? 0 : Math.sqrt(covariance(totals, totals))) : null;
  const alpha = cronbachAlpha(cols);
  // Totals floored at 0 can, in odd data, push alpha past 1; then there is no error to report.
  const unexplained = alpha !== null && alpha <= 1 ? Math.sqrt(1 - alpha) : null;
  return {
    n,
    maxScore: r2(maxScore) ?? 0,
    mean: n ? r2(mean(totals)) : null,
    median: r2(median(totals)),
    sd: r2(sd),
    skewness: r2(sampleSkewness(totals)),
    kurtosis: r2(sampleKurtosis(totals)),
    cronbachAlpha: round(alpha, 4),
    errorRatio: unexplained === null ? null : r2(100 * unexplained),
    standardError: unexplained === null || sd === null ? null : r2(sd * unexplained),
    groupSize,
    histogram: histogram(totals, maxScore),
  };
}

/** What one question contributes before the effective weights (which need all questions). */
interface QuestionCore {
  stats: ItemQuestionStatistics;
  /** Cov(x_j, T) over the decided attempts; null below 2 of them. */
  covWithTotal: number | null;
}

function questionCore(
  q: ItemQuestionInput,
  col: Float64Array,
  totals: Float64Array,
  maxScore: number,
): QuestionCore {
  const idx: number[] = [];
  for (let i = 0; i < col.length; i++) if (!Number.isNaN(col[i])) idx.push(i);
  const n = idx.length;
  const x = Float64Array.from(idx, (i) => col[i]);
  const t = Float64Array.from(idx, (i) => totals[i]);
  // The rest of the exam: correlating with T itself would let the item correlate with itself.
  const rest = Float64Array.from(idx, (i) => totals[i] - col[i]);
  const pct = (v: number) => (q.maxPoints > 0 ? (100 * v) / q.maxPoints : null);

  let sd: number | null = null;
  let discrimination: number | null = null;
  let efficiency: number | null = null;
  let covWithTotal: number | null = null;
  if (n >= 2) {
    const xConst = isConstant(x);
    sd = xConst ? 0 : Math.sqrt(covariance(x, x));
    if (!xConst && !isConstant(t)) {
      const c = covariance(x, t);
      // A covariance that is 0 up to rounding must not come out as -1e-17 and raise a flag.
      covWithTotal = Math.abs(c) <= 1e-12 * Math.sqrt(covariance(x, x) * covariance(t, t)) ? 0 : c;
    } else {
      covWithTotal = 0;
    }
    if (!xConst && !isConstant(rest)) {
      const c = covariance(x, rest);
      discrimination = (100 * c) / Math.sqrt(covariance(x, x) * covariance(rest, rest));
      // Pairing both sorted ascending gives the largest covariance these marginals allow
      // (rearrangement inequality): what a perfectly ordered item would reach. As in Moodle
      // there is no matching floor, so a badly reversed item on skewed marks can go below -100.
      const covMax = covariance(Float64Array.from(x).sort(), Float64Array.from(rest).sort());
      efficiency = covMax > 0 ? (100 * c) / covMax : null;
    }
  }

  return {
    covWithTotal,
    stats: {
      questionId: q.id,
      maxPoints: q.maxPoints,
      n,
      facility: n ? r2(pct(mean(x))) : null,
      sd: sd === null ? null : r2(pct(sd)),
      randomGuessScore: q.randomGuessScore === null ? null : r2(100 * q.randomGuessScore),
      intendedWeight: maxScore > 0 ? (r2((100 * q.maxPoints) / maxScore) ?? 0) : 0,
      effectiveWeight: null,
      discrimination: r2(discrimination),
      discriminativeEfficiency: r2(efficiency),
      options: null,
      flags: [],
    },
  };
}

/** Counts choices over all attempts; `group[i]` is 1 for the top group, 2 for the bottom. */
function optionStatistics(
  q: ItemQuestionInput,
  j: number,
  attempts: ItemAttemptInput[],
  group: Uint8Array,
): OptionStatistics[] | null {
  if (!q.options) return null;
  const stats = q.options.map((o) => ({
    optionId: o.id,
    text: o.text,
    correct: o.correct,
    chosen: 0,
    top: 0,
    bottom: 0,
  }));
  const index = new Map(q.options.map((o, i) => [o.id, i]));
  // Last attempt that counted each option: an id sent twice still counts the attempt once.
  const seen = new Int32Array(stats.length).fill(-1);
  attempts.forEach((a, i) => {
    for (const id of a.choices[j] ?? []) {
      const o = index.get(id);
      if (o === undefined || seen[o] === i) continue;
      seen[o] = i;
      stats[o].chosen++;
      if (group[i] === 1) stats[o].top++;
      if (group[i] === 2) stats[o].bottom++;
    }
  });
  return stats;
}

function flagsFor(s: ItemQuestionStatistics, covWithTotal: number | null): StatisticsFlag[] {
  if (s.n < MIN_ATTEMPTS_FOR_FLAGS) return [];
  const flags: StatisticsFlag[] = [];
  if (s.discrimination !== null && s.discrimination < 0) {
    flags.push({
      code: 'negative_discrimination',
      message:
        'Students who did well on the rest of the exam scored lower on this question than weaker students: check the answer key and the wording.',
    });
  }
  if (s.facility !== null && s.facility >= 95) {
    flags.push({
      code: 'too_easy',
      message: `Almost everyone got this question right (average ${s.facility} % of its points), so it hardly tells students apart.`,
    });
  }
  if (s.facility !== null && s.facility <= 5) {
    flags.push({
      code: 'too_hard',
      message: `Almost no one got this question right (average ${s.facility} % of its points): check the answer key and whether the topic was taught.`,
    });
  }
  for (const o of s.options ?? []) {
    if (!o.correct && o.chosen === 0) {
      flags.push({
        code: 'unused_distractor',
        message: `No student chose the wrong option "${o.text}", so it misleads no one and could be replaced by a more plausible one.`,
      });
    }
  }
  if (covWithTotal !== null && covWithTotal < 0) {
    flags.push({
      code: 'negative_covariance',
      message:
        'Scores on this question tend to go down as exam totals go up, so it works against the rest of the exam and gets no effective weight: check the answer key.',
    });
  }
  return flags;
}

export function analyseItems(
  questions: ItemQuestionInput[],
  attempts: ItemAttemptInput[],
): ItemAnalysis {
  const n = attempts.length;
  // Column-major score matrix, NaN = not decided: one typed array per question keeps the
  // per-question passes cache-friendly for thousands of attempts.
  const cols = questions.map((_, j) =>
    Float64Array.from(attempts, (a) => {
      const v = a.scores[j];
      return decided(v) ? v : NaN;
    }),
  );
  const totals = Float64Array.from(attempts, (_, i) => {
    let s = 0;
    for (const c of cols) if (!Number.isNaN(c[i])) s += c[i];
    // Negative marks never make an exam total negative (as in gradeExam).
    return Math.max(0, s);
  });
  const maxScore = questions.reduce((s, q) => s + q.maxPoints, 0);

  const groupSize = n >= 2 ? Math.max(1, Math.round(GROUP_SHARE * n)) : 0;
  const ranked = Array.from({ length: n }, (_, i) => i).sort((a, b) => {
    if (totals[a] !== totals[b]) return totals[b] - totals[a];
    const ia = attempts[a].id;
    const ib = attempts[b].id;
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  });
  const group = new Uint8Array(n);
  for (let r = 0; r < groupSize; r++) {
    group[ranked[r]] = 1;
    group[ranked[n - 1 - r]] = 2;
  }

  const cores = questions.map((q, j) => {
    const core = questionCore(q, cols[j], totals, maxScore);
    core.stats.options = optionStatistics(q, j, attempts, group);
    return core;
  });

  // Moodle's effective weight: each question's share of sqrt(Cov(x_j, T)) among the questions
  // that move with the total; one that moves against it has no meaningful share.
  let sumRoots = 0;
  for (const c of cores)
    if (c.covWithTotal !== null && c.covWithTotal >= 0) sumRoots += Math.sqrt(c.covWithTotal);
  for (const c of cores) {
    if (sumRoots > 0 && c.covWithTotal !== null && c.covWithTotal >= 0) {
      c.stats.effectiveWeight = r2((100 * Math.sqrt(c.covWithTotal)) / sumRoots);
    }
    c.stats.flags = flagsFor(c.stats, c.covWithTotal);
  }

  return {
    exam: examStatistics(cols, totals, maxScore, groupSize),
    questions: cores.map((c) => c.stats),
  };
}
