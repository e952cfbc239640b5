/**
 * Words and number formats of the statistics page: what each figure and column means, in a
 * teacher's words, and why a figure is missing when it cannot be computed.
 */
import type { ExamStatistics, StatisticsFlagCode } from '@exam/contracts';

/** "41.7 %" (one decimal, no trailing zero); "—" when missing. */
export function pct(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined) return '—';
  const f = 10 ** digits;
  return `${Math.round(x * f) / f} %`;
}

/** A plain number with up to `digits` decimals; "—" when missing. */
export function num(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined) return '—';
  const f = 10 ** digits;
  return String(Math.round(x * f) / f);
}

export const FLAG_TITLES: Record<StatisticsFlagCode, string> = {
  negative_discrimination: 'Strong students did worse',
  too_easy: 'Very easy',
  too_hard: 'Very hard',
  unused_distractor: 'Option nobody chose',
  negative_covariance: 'Works against the total',
};

/** One figure of the exam: its value in words, or why it is missing. */
export interface ExamFigure {
  key: string;
  label: string;
  value: string;
  /** Under the value (points ↔ percent, a verdict). */
  extra: string;
  explain: string;
  /** Set when the value is "—". */
  missing: string | null;
}

function needs(n: number, min: number): string {
  return n < min
    ? `Needs at least ${min} finished attempts (${n} so far).`
    : 'Cannot be computed: every total is the same.';
}

/** How good a Cronbach's alpha is, in one word. */
export function alphaVerdict(alpha: number): string {
  if (alpha >= 0.8) return 'Good: reliable enough even for a high-stakes exam';
  if (alpha >= 0.7) return 'Acceptable for a class test';
  if (alpha >= 0.5) return 'Low: the total is partly luck';
  return 'Very low: the questions do not measure the same thing';
}

export function examFigures(e: ExamStatistics): ExamFigure[] {
  const ofMax = (x: number | null) =>
    x === null || e.maxScore <= 0 ? '' : `${pct((x / e.maxScore) * 100)} of ${num(e.maxScore)}`;
  const points = (x: number | null) => (x === null ? '—' : `${num(x)} points`);
  return [
    {
      key: 'mean',
      label: 'Mean',
      value: points(e.mean),
      extra: ofMax(e.mean),
      explain: 'The average total score.',
      missing: e.mean === null ? needs(e.n, 1) : null,
    },
    {
      key: 'median',
      label: 'Median',
      value: points(e.median),
      extra: ofMax(e.median),
      explain: 'Half the students scored this or less, half this or more.',
      missing: e.median === null ? needs(e.n, 1) : null,
    },
    {
      key: 'sd',
      label: 'Standard deviation',
      value: points(e.sd),
      extra: ofMax(e.sd),
      explain:
        'How spread out the totals are: about two thirds of students are within one SD of the mean.',
      missing: e.sd === null ? needs(e.n, 2) : null,
    },
    {
      key: 'skewness',
      label: 'Skewness',
      value: num(e.skewness),
      extra: e.skewness === null ? '' : skewWords(e.skewness),
      explain:
        'Near 0: scores balanced around the mean. Below 0: mostly high scores. Above 0: mostly low scores.',
      missing: e.skewness === null ? needs(e.n, 3) : null,
    },
    {
      key: 'kurtosis',
      label: 'Kurtosis',
      value: num(e.kurtosis),
      extra: e.kurtosis === null ? '' : kurtosisWords(e.kurtosis),
      explain:
        'Near 0: a bell shape. Below 0: scores spread flat. Above 0: bunched in the middle with a few far out.',
      missing: e.kurtosis === null ? needs(e.n, 4) : null,
    },
    {
      key: 'alpha',
      label: "Reliability (Cronbach's alpha)",
      value: num(e.cronbachAlpha),
      extra: e.cronbachAlpha === null ? '' : alphaVerdict(e.cronbachAlpha),
      explain:
        'Do the questions measure the same thing consistently? 0.7 or more is good for a class test, 0.8 or more for a high-stakes exam.',
      missing:
        e.cronbachAlpha === null
          ? e.n < 2
            ? needs(e.n, 2)
            : 'Cannot be computed yet: needs spread in the scores of questions every student has a grade for.'
          : null,
    },
    {
      key: 'sem',
      label: 'Standard error of measurement',
      value: points(e.standardError),
      extra: e.errorRatio === null ? '' : `Error ratio ${pct(e.errorRatio)}`,
      explain:
        "A student's total could be this many points higher or lower on another day. Smaller is better.",
      missing: e.standardError === null ? 'Needs the reliability figure above.' : null,
    },
  ];
}

function skewWords(s: number): string {
  if (Math.abs(s) < 0.5) return 'Balanced';
  return s < 0 ? 'Mostly high scores' : 'Mostly low scores';
}

function kurtosisWords(k: number): string {
  if (Math.abs(k) < 0.5) return 'Close to a bell shape';
  return k < 0 ? 'Flat: scores spread evenly' : 'Peaked: bunched in the middle';
}

/** Short explanations of the question table's columns (title attributes and the help list). */
export const COLUMN_HELP = {
  n: 'Students with a grade on this question.',
  facility: 'Average score as a percent of the points: higher means easier. 30-80 % is usual.',
  sd: 'How much the scores on this question vary, as a percent of its points.',
  guess: 'What a student would score on average by guessing at random.',
  intended: "The question's share of the exam's points.",
  effective:
    "The question's actual share of the spread in totals; far above the intended weight means it decides more than planned.",
  discrimination:
    'Correlation with the rest of the exam (x100): 30 or more separates strong from weak students well; below 0, check the key.',
  efficiency: 'Discrimination as a percent of the best possible for this facility.',
} as const;
