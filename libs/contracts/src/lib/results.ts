/**
 * What happens after (and while) an exam is taken: scores, manual grading, regrade, release
 * to students, item statistics and exports. Times are epoch milliseconds of the server clock.
 *
 * Points are kept to 2 decimals. A question's `points` is null while it waits for a human
 * (an essay not graded yet); the attempt's total then counts only decided points and its
 * result is `pending`.
 */
import type { Page } from './auth';
import type {
  AnswerValue,
  ExamSessionStatus,
  QuestionDefinition,
  QuestionType,
  StudentQuestionView,
  StudentSessionStatus,
  TextFormat,
} from './exams';

/** How an attempt ended. `absent`: the student never joined (nothing to grade). */
export const ATTEMPT_END_REASONS = [
  'submitted',
  'deadline',
  'teacher',
  'terminated',
  'absent',
] as const;
export type AttemptEndReason = (typeof ATTEMPT_END_REASONS)[number];

/** pending = some answer still waits for manual grading. */
export const ATTEMPT_RESULTS = ['passed', 'failed', 'pending'] as const;
export type AttemptResult = (typeof ATTEMPT_RESULTS)[number];

/**
 * What students see of their result, per session (default none):
 * score = total, percent and pass; correctness = also which questions were right;
 * full_review = also their answers, the correct answers, points and teacher comments.
 */
export const RESULTS_RELEASE_MODES = ['none', 'score', 'correctness', 'full_review'] as const;
export type ResultsReleaseMode = (typeof RESULTS_RELEASE_MODES)[number];

/** A question's effect on the totals after a regrade. */
export const QUESTION_ADJUSTMENTS = ['none', 'full_marks', 'dropped'] as const;
export type QuestionAdjustment = (typeof QUESTION_ADJUSTMENTS)[number];

/** One cell of the results grid, by credit. */
export const QUESTION_SCORE_STATES = [
  'correct',
  'partial',
  'wrong',
  'unanswered',
  'pending',
  'dropped',
] as const;
export type QuestionScoreState = (typeof QUESTION_SCORE_STATES)[number];

/** auto = the grading rules; manual = a teacher's grade (it wins over the rules). */
export const SCORE_SOURCES = ['auto', 'manual'] as const;
export type ScoreSource = (typeof SCORE_SOURCES)[number];

/** The totals of one graded attempt. */
export interface AttemptScore {
  /** Sum of decided question points, floored at 0. */
  score: number;
  /** Sum of the points of the questions that count (dropped ones do not). */
  maxScore: number;
  /** score / maxScore in percent, 2 decimals. */
  percent: number;
  /** null when the student was absent. */
  result: AttemptResult | null;
  /** Answers still waiting for manual grading. */
  pendingManual: number;
  gradedAt: number;
}

/** One student's score on one question. */
export interface QuestionScoreCell {
  questionId: string;
  /** null while waiting for manual grading, or unanswered (then 0 counts). */
  points: number | null;
  maxPoints: number;
  state: QuestionScoreState;
  source: ScoreSource | null;
}

/** A column of the results grid: one question of the session, in exam order. */
export interface ResultsQuestionColumn {
  id: string;
  /** 1-based position in the exam. */
  position: number;
  type: QuestionType;
  prompt: string;
  /** How the prompt is written (absent: plain). */
  format?: TextFormat;
  points: number;
  adjustment: QuestionAdjustment;
}

export interface ResultsRelease {
  mode: ResultsReleaseMode;
  releasedAt: number | null;
  releasedBy: string | null;
}

/** What the grid row and the attempt page both say about an attempt. */
export interface AttemptFacts {
  studentSessionId: string;
  studentId: string;
  studentName: string;
  status: StudentSessionStatus;
  /** null while the attempt is still open. */
  endReason: AttemptEndReason | null;
  /** null while the attempt is still open (see the statistics for live figures). */
  score: AttemptScore | null;
  /** From joining to the end of the attempt, paused time excluded. */
  timeTakenMs: number;
  joinedAt: number | null;
  completedAt: number | null;
}

/** One row of the results grid. */
export interface AttemptResultRow extends AttemptFacts {
  studentEmail: string;
  /** One per question, in the order of `questions`. */
  cells: QuestionScoreCell[];
}

export interface ResultsSummary {
  enrolled: number;
  graded: number;
  inProgress: number;
  absent: number;
  passed: number;
  failed: number;
  pending: number;
  /** Over graded, non-absent attempts; null when there are none. */
  meanPercent: number | null;
  medianPercent: number | null;
}

export const RESULTS_SORT_KEYS = [
  'name',
  'score',
  'timeTaken',
  'completedAt',
  'endReason',
  'result',
] as const;
export type ResultsSortKey = (typeof RESULTS_SORT_KEYS)[number];

/** GET /exam-sessions/:id/results */
export interface ListResultsQuery {
  page?: number;
  pageSize?: number;
  /** A key of RESULTS_SORT_KEYS, or `q:<questionId>` to sort by one question's points. */
  sort?: string;
  order?: 'asc' | 'desc';
  /** Case-insensitive part of the student's name or email. */
  search?: string;
  result?: AttemptResult | 'absent' | 'in_progress';
  endReason?: AttemptEndReason;
}

export interface SessionResultsView extends Page<AttemptResultRow> {
  sessionId: string;
  title: string;
  examTitle: string;
  status: ExamSessionStatus;
  /** Percent of the points needed to pass. */
  passingScore: number;
  release: ResultsRelease;
  questions: ResultsQuestionColumn[];
  summary: ResultsSummary;
}

/** A manual grade as it was given (kept as history; the latest is the one that counts). */
export interface ManualGradeEntry {
  points: number;
  comment: string | null;
  graderId: string;
  graderName: string;
  at: number;
}

/** One stored answer write (append-only). */
export interface AnswerHistoryEntry {
  seq: number;
  final: boolean;
  answer: AnswerValue;
  savedAt: number;
}

/** A question of the session as graded: the definition with its key. */
export type SessionQuestion = QuestionDefinition & { id: string };

export interface AttemptReviewQuestion {
  question: SessionQuestion;
  /** 1-based position in the exam. */
  position: number;
  /** 1-based position in the order this student saw. */
  shownPosition: number;
  /** Option / item ids in the order this student saw them (choice, ordering, matching right side). */
  shownOrder: string[] | null;
  adjustment: QuestionAdjustment;
  /** The latest stored answer; null = unanswered. */
  answer: AnswerValue | null;
  /** The answer in words (option texts, "a > b > c", "hot = cold; ..."). */
  answerText: string;
  /** What a fully correct answer is, in words (empty for essays). */
  correctText: string;
  answeredAt: number | null;
  points: number | null;
  maxPoints: number;
  state: QuestionScoreState;
  source: ScoreSource | null;
  /** What the rules gave, and why (kept when a teacher overrides it). */
  autoPoints: number | null;
  details: string[];
  needsManualGrading: boolean;
  comment: string | null;
  gradeHistory: ManualGradeEntry[];
  answerHistory: AnswerHistoryEntry[];
}

/** GET /exam-sessions/:id/results/attempts/:studentSessionId */
export interface AttemptReview extends AttemptFacts {
  sessionId: string;
  /** In exam order. */
  questions: AttemptReviewQuestion[];
}

export interface QuestionResponse {
  studentSessionId: string;
  studentId: string;
  studentName: string;
  answer: AnswerValue | null;
  answerText: string;
  points: number | null;
  maxPoints: number;
  state: QuestionScoreState;
  source: ScoreSource | null;
  comment: string | null;
}

/** Identical short-text answers (same text once trimmed, spaces collapsed, case folded). */
export interface AnswerGroup {
  /** The most frequent spelling in the group. */
  text: string;
  count: number;
  /** Credit the current key gives it, 0-100. */
  creditPercent: number;
  studentSessionIds: string[];
}

/** GET /exam-sessions/:id/results/questions/:questionId */
export interface QuestionResponsesView {
  sessionId: string;
  question: SessionQuestion;
  correctText: string;
  position: number;
  adjustment: QuestionAdjustment;
  responses: QuestionResponse[];
  /** short_text only (else empty): most frequent first. */
  groups: AnswerGroup[];
}

/* ---------- manual grading ---------- */

export const GRADING_ORDERS = ['question', 'student'] as const;
export type GradingOrder = (typeof GRADING_ORDERS)[number];

export interface GradingQueueItem {
  studentSessionId: string;
  studentId: string;
  studentName: string;
  questionId: string;
  position: number;
  type: QuestionType;
  prompt: string;
  /** How the prompt is written (absent: plain). */
  format?: TextFormat;
  maxPoints: number;
  answer: AnswerValue | null;
  answerText: string;
  correctText: string;
  /** What the rules gave (null for an essay). */
  autoPoints: number | null;
  points: number | null;
  needsManualGrading: boolean;
  /** A teacher graded it (at least once). */
  graded: boolean;
  comment: string | null;
  gradedBy: string | null;
  gradedAt: number | null;
  details: string[];
  /** The author's notes for graders (essays). */
  gradingNotes: string | null;
}

/** GET /exam-sessions/:id/grading?order=question|student&state=pending|all */
export interface GradingQueue {
  sessionId: string;
  order: GradingOrder;
  /** Every answer needing a human (essays), plus the ones a teacher already graded. */
  items: GradingQueueItem[];
  pending: number;
}

/** POST /exam-sessions/:id/grades: grade (or override) one answer. */
export interface GradeRequest {
  studentSessionId: string;
  questionId: string;
  /** 0 to the question's points (2 decimals). */
  points: number;
  /** Shown to the student in a full review. */
  comment?: string;
}

export interface GradeResponse {
  item: GradingQueueItem;
  attempt: AttemptScore;
}

/* ---------- regrade ---------- */

/**
 * One fix to a question of a finished session:
 * - update_key: the question with a corrected key (same type; prompt, options and items unchanged);
 * - accept_answer: short text: also accept this answer (credit 100 % unless given);
 * - full_marks: everyone gets the question's points;
 * - drop: the question no longer counts (its points leave the total);
 * - restore: undo full_marks or drop.
 */
export type RegradeChange =
  | { questionId: string; action: 'update_key'; question: QuestionDefinition }
  | { questionId: string; action: 'accept_answer'; text: string; creditPercent?: number }
  | { questionId: string; action: 'full_marks' }
  | { questionId: string; action: 'drop' }
  | { questionId: string; action: 'restore' };
export type RegradeAction = RegradeChange['action'];

export interface RegradeRequest {
  changes: RegradeChange[];
  /** Why (kept in the regrade history). */
  note?: string;
}

export interface ScoreTotals {
  score: number;
  maxScore: number;
  percent: number;
  result: AttemptResult | null;
}

export interface RegradeStudentDiff {
  studentSessionId: string;
  studentId: string;
  studentName: string;
  before: ScoreTotals;
  after: ScoreTotals;
  /** Only the questions whose points change. */
  questions: Array<{ questionId: string; before: number | null; after: number | null }>;
}

/** POST /exam-sessions/:id/regrade/preview (nothing stored) and the result of POST .../regrade. */
export interface RegradePreview {
  sessionId: string;
  changes: RegradeChange[];
  /** Attempts whose total or any question score changes. */
  changed: RegradeStudentDiff[];
  unchanged: number;
}

export interface RegradeRecord {
  id: number;
  sessionId: string;
  actorId: string;
  actorName: string;
  at: number;
  changes: RegradeChange[];
  note: string | null;
  changedAttempts: number;
}

export interface RegradeResult extends RegradePreview {
  record: RegradeRecord;
}

/* ---------- release and the student's result ---------- */

/** PUT /exam-sessions/:id/release */
export interface ReleaseResultsRequest {
  mode: ResultsReleaseMode;
}

export interface MyResultQuestion {
  /** 1-based position in the order the student saw. */
  position: number;
  state: QuestionScoreState;
  points: number | null;
  maxPoints: number;
  /** full_review only: the question as the student saw it. */
  question?: StudentQuestionView;
  /** full_review only. */
  answer?: AnswerValue | null;
  /** full_review only: the answer and the correct answer in words. */
  answerText?: string;
  correctText?: string;
  /**
   * full_review only: the question with its key (what was correct), without what only
   * teachers see (its name, tags, notes for graders).
   */
  correct?: SessionQuestion;
  /**
   * full_review only: what the author wrote for the student: for what they answered (the
   * chosen option, true or false, the accepted answer they matched; several for a multiple
   * response) and for everyone. Written in the question's `format`.
   */
  feedback?: { answer: string[]; general: string | null };
  /** full_review only: the teacher's comment. */
  comment?: string | null;
}

/** GET /exam-sessions/:id/my-result (students, after release). */
export interface MyResult {
  sessionId: string;
  title: string;
  examTitle: string;
  mode: Exclude<ResultsReleaseMode, 'none'>;
  releasedAt: number;
  passingScore: number;
  endReason: AttemptEndReason | null;
  completedAt: number | null;
  score: AttemptScore;
  /** correctness and full_review only. */
  questions?: MyResultQuestion[];
}

/** Events to connected clients (in LIVE_PROTOCOL_EVENT_NAMES). */
export const RESULTS_EVENTS = {
  /** Teachers and the session's students: results were released (or withdrawn: mode none). */
  RESULTS_RELEASED: 'results_released',
  /** Teachers: an attempt's score changed (graded at its end, graded by hand, regraded). */
  ATTEMPT_GRADED: 'attempt_graded',
} as const;
export type ResultsEvent = (typeof RESULTS_EVENTS)[keyof typeof RESULTS_EVENTS];

export interface ResultsReleasedPayload {
  sessionId: string;
  mode: ResultsReleaseMode;
  releasedAt: number | null;
}

export interface AttemptGradedPayload {
  sessionId: string;
  studentId: string;
  studentSessionId: string;
  endReason: AttemptEndReason | null;
  score: AttemptScore;
}
