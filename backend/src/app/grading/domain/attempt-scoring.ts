/**
 * The score of an attempt from plain facts: the session's questions (with keys and any
 * regrade adjustment), the latest answer per question, and the latest manual grade per
 * question. Pure: the same facts always give the same rows, which is what makes grading at
 * finalisation, a restart's catch-up and a regrade agree with each other.
 *
 * What counts for one question, in order: a dropped question counts for nothing; full marks
 * give everyone the points; a teacher's grade wins over the rules; an essay without one is
 * pending; otherwise the rules (exams/domain/grading). Unanswered questions score 0.
 */
import type {
  AttemptEndReason,
  AttemptResult,
  QuestionAdjustment,
  QuestionDefinition,
  QuestionScoreState,
  ScoreSource,
} from '@exam/contracts';
import { gradeAnswer, round2 } from '../../exams/domain/grading';

/** The reason the grading rules give for an essay (see exams/domain/grading.ts). */
const NEEDS_HUMAN = 'needs manual grading';

export interface ScoredQuestion {
  id: string;
  /** The definition with its key (as the session holds it). */
  definition: QuestionDefinition;
  adjustment: QuestionAdjustment;
}

export interface LatestAnswer {
  value: unknown;
  seq: number;
}

export interface ManualGrade {
  points: number;
  comment: string | null;
  by: string;
  at: number;
}

export interface QuestionScore {
  questionId: string;
  answerSeq: number | null;
  /** What the rules gave; null for an answer that needs a human. */
  autoPoints: number | null;
  maxPoints: number;
  needsManual: boolean;
  details: string[];
  manual: ManualGrade | null;
  /** What counts; null while pending or when the question is dropped. */
  points: number | null;
  state: QuestionScoreState;
  source: ScoreSource | null;
}

export interface AttemptTotals {
  score: number;
  maxScore: number;
  percent: number;
  result: AttemptResult | null;
  pendingManual: number;
}

/** An answer that says nothing (cleared text, no option, no pair) counts as unanswered. */
export function isBlankAnswer(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.text === 'string') return v.text.trim() === '';
  if (Array.isArray(v.optionIds)) return v.optionIds.length === 0;
  if (v.pairs && typeof v.pairs === 'object') return Object.keys(v.pairs).length === 0;
  return false;
}

/** Colour of a cell: by the share of the points it got. */
export function stateOf(points: number, max: number): QuestionScoreState {
  if (points >= max) return 'correct';
  if (points > 0) return 'partial';
  return 'wrong';
}

/** The score of one question of one attempt. */
export function scoreQuestion(
  q: ScoredQuestion,
  answer: LatestAnswer | undefined,
  manual: ManualGrade | null,
): QuestionScore {
  const max = q.definition.points;
  const answered = !!answer && !isBlankAnswer(answer.value);
  const g = answered ? gradeAnswer(q.definition, answer.value) : null;
  const base = {
    questionId: q.id,
    answerSeq: answer?.seq ?? null,
    autoPoints: g ? (g.needsManualGrading ? null : g.score) : 0,
    maxPoints: max,
    needsManual: g?.needsManualGrading ?? false,
    details: g ? g.details : ['no answer'],
    manual,
  };
  if (q.adjustment === 'dropped') {
    return { ...base, points: null, state: 'dropped', source: null };
  }
  if (q.adjustment === 'full_marks') {
    return {
      ...base,
      details: [...base.details, 'full marks for everyone (regrade)'],
      points: max,
      state: 'correct',
      source: 'auto',
    };
  }
  if (manual) {
    const points = round2(Math.min(max, Math.max(0, manual.points)));
    // The rules' reasons stay (what they would give, and why) minus the request for a human.
    const details = [
      ...base.details.filter((d) => d !== NEEDS_HUMAN),
      `graded by a teacher: ${points}`,
    ];
    return { ...base, details, points, state: stateOf(points, max), source: 'manual' };
  }
  if (!g) return { ...base, points: 0, state: 'unanswered', source: null };
  if (g.needsManualGrading) return { ...base, points: null, state: 'pending', source: null };
  return { ...base, points: g.score, state: stateOf(g.score, max), source: 'auto' };
}

/**
 * The attempt's totals: decided points summed and floored at 0 (negative marks never make an
 * exam negative), over the points of the questions that count. Absent: nothing to grade.
 */
export function attemptTotals(
  scores: readonly QuestionScore[],
  passingScore: number,
  absent = false,
): AttemptTotals {
  let sum = 0;
  let maxScore = 0;
  let pendingManual = 0;
  for (const s of scores) {
    if (s.state === 'dropped') continue;
    maxScore += s.maxPoints;
    if (s.state === 'pending') pendingManual++;
    else sum += s.points ?? 0;
  }
  maxScore = round2(maxScore);
  const score = absent ? 0 : round2(Math.max(0, sum));
  const percent = maxScore > 0 ? round2((score / maxScore) * 100) : 0;
  let result: AttemptResult | null;
  if (absent) result = null;
  else if (pendingManual > 0) result = 'pending';
  else result = percent >= passingScore ? 'passed' : 'failed';
  return { score, maxScore, percent, result, pendingManual: absent ? 0 : pendingManual };
}

/** Every question of the attempt, in the given order. */
export function scoreAttempt(
  questions: readonly ScoredQuestion[],
  latest: ReadonlyMap<string, LatestAnswer>,
  manual: ReadonlyMap<string, ManualGrade> = new Map(),
): QuestionScore[] {
  return questions.map((q) => scoreQuestion(q, latest.get(q.id), manual.get(q.id) ?? null));
}

/**
 * How an attempt ended, from what finalised it. A student who never joined and saved
 * nothing is absent, whatever ended the session.
 */
export function endReasonOf(
  cause: Exclude<AttemptEndReason, 'absent'>,
  joined: boolean,
  answers: number,
): AttemptEndReason {
  return !joined && answers === 0 ? 'absent' : cause;
}
