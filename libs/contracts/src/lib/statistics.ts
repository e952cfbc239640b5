/**
 * Item statistics of an exam session (GET /exam-sessions/:id/statistics), in the style of
 * Moodle's quiz statistics. Per-question figures are percentages (0-100) as Moodle shows
 * them; exam figures are in points; null where a figure cannot be computed.
 */
import type { ExamSessionStatus, QuestionType, TextFormat } from './exams';

export const STATISTICS_FLAG_CODES = [
  'negative_discrimination',
  'too_easy',
  'too_hard',
  'unused_distractor',
  'negative_covariance',
] as const;
export type StatisticsFlagCode = (typeof STATISTICS_FLAG_CODES)[number];

export interface StatisticsFlag {
  code: StatisticsFlagCode;
  /** One sentence a teacher understands. */
  message: string;
}

export interface OptionStatistics {
  optionId: string;
  text: string;
  /** Part of the key (the correct option, or a positive weight). */
  correct: boolean;
  /** Attempts that chose it, overall and in the top / bottom 27 % by total score. */
  chosen: number;
  top: number;
  bottom: number;
}

/** Per question. Percentages (0-100) as Moodle shows them; null when not computable. */
export interface QuestionStatistics {
  questionId: string;
  position: number;
  type: QuestionType;
  prompt: string;
  /** How the prompt is written (absent: plain). */
  format?: TextFormat;
  maxPoints: number;
  /** Attempts with a decided score on this question. */
  n: number;
  /** Mean score as a percent of the question's points. */
  facility: number | null;
  /** SD of the score as a percent of the question's points. */
  sd: number | null;
  /** Expected score of a random guess, percent of the points. */
  randomGuessScore: number | null;
  /** The question's share of the exam's points. */
  intendedWeight: number;
  /** Its share of the spread of totals (Moodle's effective weight). */
  effectiveWeight: number | null;
  /** Correlation of the question with the rest of the exam, x100. */
  discrimination: number | null;
  /** Discrimination as a percent of the best the question's facility allows. */
  discriminativeEfficiency: number | null;
  /** Choice questions only: top/bottom groups have `groupSize` attempts each. */
  options: OptionStatistics[] | null;
  flags: StatisticsFlag[];
}

export interface HistogramBin {
  /** Percent range [from, to) (the last bin includes 100). */
  from: number;
  to: number;
  count: number;
}

/** Per exam, on totals in points. */
export interface ExamStatistics {
  n: number;
  maxScore: number;
  mean: number | null;
  median: number | null;
  sd: number | null;
  skewness: number | null;
  kurtosis: number | null;
  /** Cronbach's alpha (0-1), over attempts with every question decided. */
  cronbachAlpha: number | null;
  /** sqrt(1 - alpha), percent. */
  errorRatio: number | null;
  /** Standard error of measurement, points: SD x sqrt(1 - alpha). */
  standardError: number | null;
  /** Size of the top and bottom groups (27 % of n). */
  groupSize: number;
  histogram: HistogramBin[];
}

/** GET /exam-sessions/:id/statistics */
export interface SessionStatisticsView {
  sessionId: string;
  status: ExamSessionStatus;
  /** True while the session runs: open attempts count with their answers so far. */
  live: boolean;
  computedAt: number;
  attempts: { finished: number; inProgress: number; pendingManual: number };
  exam: ExamStatistics;
  questions: QuestionStatistics[];
}
