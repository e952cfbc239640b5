/**
 * Exams, questions, answers and exam sessions as they cross the wire.
 *
 * Two views of a question exist on purpose:
 * - `QuestionDefinition`: what an author writes, INCLUDING the answer key (teachers, admins,
 *   integrators only).
 * - `StudentQuestionView`: what a student may see: no key, no weights, no accepted answers,
 *   no tolerance; options/items carry ids and are in the order this student got.
 */
import type { Page } from './auth';
import type { IntegritySignalKind } from './integrity';
import type { ResultsReleaseMode } from './results';
import type { SessionStaffMember, SetSessionStaffRequest } from './session-staff';

export const QUESTION_TYPES = [
  'single_choice',
  'true_false',
  'multiple_response',
  'short_text',
  'numeric',
  'essay',
  'ordering',
  'matching',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/**
 * How a question's texts (prompt, options, items, matching sides) are written: plain (the
 * default: shown as typed, line breaks kept), markdown (rendered by the pages, raw HTML in
 * it shown as text) or html (cleaned by the server on the way in with an allow-list: text
 * formatting, lists, tables, images and links by http(s) URL, MathML).
 */
export const TEXT_FORMATS = ['plain', 'markdown', 'html'] as const;
export type TextFormat = (typeof TEXT_FORMATS)[number];

/** A choice, ordering item or matching side, as a student may see it. */
export interface ChoiceOption {
  /** Stable id inside the question (1-64 characters), referenced by answers. */
  id: string;
  text: string;
}

interface QuestionBase<T extends QuestionType> {
  /** Assigned by the server; send it back on update to keep the question's identity. */
  id?: string;
  type: T;
  /** The question text shown to the student. */
  prompt: string;
  /** How prompt, option and feedback texts are written (default plain). */
  format?: TextFormat;
  /** Points for a fully correct answer (> 0, decimals allowed). */
  points: number;
  /** The question's name in the teacher's lists (Moodle's question name). Never shown to students. */
  name?: string;
  /** Labels to find questions by (Moodle's categories and tags). Never shown to students. */
  tags?: string[];
  /** Shown to the student in a full review of released results, whatever they answered. */
  generalFeedback?: string;
}

/** An option with what the student reads about it in a released review when they chose it. */
export interface FeedbackOption extends ChoiceOption {
  feedback?: string;
}

export interface SingleChoiceOption extends FeedbackOption {
  /**
   * Percent of the points this option is worth when chosen (-100..100), for partial credit,
   * several right options (100) or a penalty of its own. Without it: 100 for the key,
   * minus negativeMarkPercent for the others.
   */
  creditPercent?: number;
}

/** One option is chosen; `correctOptionId` is worth full points, others as their credit says. */
export interface SingleChoiceDefinition extends QuestionBase<'single_choice'> {
  options: SingleChoiceOption[];
  correctOptionId: string;
  /** Percent of the points deducted for a wrong choice (0-100, default 0). No answer costs nothing. */
  negativeMarkPercent?: number;
}

/** The two-option case of single choice. */
export interface TrueFalseDefinition extends QuestionBase<'true_false'> {
  correct: boolean;
  negativeMarkPercent?: number;
  /** Shown in a released review to a student who answered true / false. */
  feedbackTrue?: string;
  feedbackFalse?: string;
}

export interface WeightedOption extends FeedbackOption {
  /** Percent of the points this option is worth: correct options > 0 and sum to 100; wrong ones <= 0. */
  weight: number;
}

export interface MultipleResponseDefinition extends QuestionBase<'multiple_response'> {
  options: WeightedOption[];
  /** Full points only when exactly the correct options are chosen, otherwise 0. */
  allOrNothing?: boolean;
}

export interface AcceptedText {
  text: string;
  /** Percent of the points for this answer (1-100). At least one must be 100. */
  creditPercent: number;
  /** Shown in a released review to a student whose answer matched this one. */
  feedback?: string;
}

export interface ShortTextDefinition extends QuestionBase<'short_text'> {
  acceptedAnswers: AcceptedText[];
  /** Default false: "Paris" = "paris". */
  caseSensitive?: boolean;
  /** Default false. When true, "café" = "cafe". */
  foldAccents?: boolean;
  /** Default false. When true, `*` in an accepted answer matches any characters. */
  wildcards?: boolean;
  /** Longest answer a student may type (characters). */
  maxLength?: number;
}

/**
 * One accepted numeric answer: either `value` with an optional tolerance, or a `[min, max]`
 * range (inclusive).
 */
export interface NumericAccepted {
  value?: number;
  /** Allowed deviation from value (>= 0, default 0). */
  tolerance?: number;
  /** absolute (default): |x - value| <= tolerance; relative: |x - value| <= tolerance * |value| (0.05 = 5 %). */
  toleranceMode?: 'absolute' | 'relative';
  min?: number;
  max?: number;
  /** Percent of the points (1-100). At least one accepted answer must be 100. */
  creditPercent: number;
  /** Shown in a released review to a student whose answer matched this one. */
  feedback?: string;
}

export interface NumericDefinition extends QuestionBase<'numeric'> {
  acceptedAnswers: NumericAccepted[];
  /** Shown to the student, e.g. "km/h". */
  unit?: string;
}

export interface EssayDefinition extends QuestionBase<'essay'> {
  /** Word limit shown and enforced by the student page. */
  maxWords?: number;
  /** Notes for the human grader (never shown to students). */
  gradingNotes?: string;
}

export const ORDERING_SCORING = ['exact', 'position', 'neighbours'] as const;
export type OrderingScoring = (typeof ORDERING_SCORING)[number];

export interface OrderingDefinition extends QuestionBase<'ordering'> {
  /** The items, in any order (students always get them shuffled). */
  items: ChoiceOption[];
  /** Item ids in the correct order (every item exactly once). */
  correctOrder: string[];
  /**
   * exact (default): all or nothing; position: credit per item in its correct place;
   * neighbours: credit per adjacent pair that is in the correct relative order.
   */
  scoring?: OrderingScoring;
}

export interface MatchingDefinition extends QuestionBase<'matching'> {
  /** Prompts on the left (each must be matched). */
  left: ChoiceOption[];
  /** Answers on the right; extra ones are distractors. Students get them shuffled. */
  right: ChoiceOption[];
  /** leftId -> rightId for every left item. Each correct pair is worth the same. */
  correctPairs: Record<string, string>;
}

export type QuestionDefinition =
  | SingleChoiceDefinition
  | TrueFalseDefinition
  | MultipleResponseDefinition
  | ShortTextDefinition
  | NumericDefinition
  | EssayDefinition
  | OrderingDefinition
  | MatchingDefinition;

export type QuestionDefinitionOf<T extends QuestionType> = Extract<QuestionDefinition, { type: T }>;

/**
 * Text shown between questions, with no answer and no points (Moodle's "description"): a
 * reading passage, a section heading, directions for the questions after it.
 */
export interface ExamText {
  /** Assigned by the server; send it back on update to keep it. */
  id?: string;
  /**
   * Where it is shown: before the question at this 0-based position of the exam's
   * `questions` (`questions.length`: after the last question). When questions are shuffled
   * it stays with the question it was written before. Several texts at one place are shown
   * in list order.
   */
  beforeQuestion: number;
  /** The text (1-10,000 characters), written as `format` says. */
  text: string;
  /** How the text is written (default plain). */
  format?: TextFormat;
  /** Its name in the teacher's lists (Moodle's question name). Never shown to students. */
  name?: string;
}

/* ---------- what a student sees ---------- */

/** A text between questions as a student sees it: placed by question id, not position. */
export interface StudentExamText {
  id: string;
  /** Shown before this question, wherever it is in the student's order; null: after the last question. */
  beforeQuestionId: string | null;
  text: string;
  /** Absent: plain. */
  format?: TextFormat;
}

interface StudentQuestionBase<T extends QuestionType> {
  id: string;
  type: T;
  /** 0-based position in this student's order. */
  position: number;
  prompt: string;
  /** How prompt and option texts are written (absent: plain). */
  format?: TextFormat;
  points: number;
}

export interface StudentSingleChoiceView extends StudentQuestionBase<'single_choice'> {
  options: ChoiceOption[];
}
export type StudentTrueFalseView = StudentQuestionBase<'true_false'>;
export interface StudentMultipleResponseView extends StudentQuestionBase<'multiple_response'> {
  options: ChoiceOption[];
}
export interface StudentShortTextView extends StudentQuestionBase<'short_text'> {
  maxLength?: number;
}
export interface StudentNumericView extends StudentQuestionBase<'numeric'> {
  unit?: string;
}
export interface StudentEssayView extends StudentQuestionBase<'essay'> {
  maxWords?: number;
}
export interface StudentOrderingView extends StudentQuestionBase<'ordering'> {
  items: ChoiceOption[];
}
export interface StudentMatchingView extends StudentQuestionBase<'matching'> {
  left: ChoiceOption[];
  right: ChoiceOption[];
}

export type StudentQuestionView =
  | StudentSingleChoiceView
  | StudentTrueFalseView
  | StudentMultipleResponseView
  | StudentShortTextView
  | StudentNumericView
  | StudentEssayView
  | StudentOrderingView
  | StudentMatchingView;

/* ---------- answers ---------- */

export interface AnswerValueByType {
  single_choice: { optionId: string };
  true_false: { value: boolean };
  multiple_response: { optionIds: string[] };
  short_text: { text: string };
  numeric: { value: number };
  essay: { text: string };
  /** Item ids in the order the student put them. */
  ordering: { order: string[] };
  /** leftId -> rightId; missing lefts are unanswered. */
  matching: { pairs: Record<string, string> };
}
export type AnswerValueFor<T extends QuestionType> = AnswerValueByType[T];
export type AnswerValue = AnswerValueByType[QuestionType];

/** The grade of one answer. */
export interface QuestionGrade {
  score: number;
  maxScore: number;
  /** True for essays (and nothing else): a human must grade it. */
  needsManualGrading: boolean;
  /** Human-readable reasons, e.g. "option b is wrong: -25 %". */
  details: string[];
}

/* ---------- exams ---------- */

export interface ExamSummary {
  id: string;
  title: string;
  description: string;
  durationMinutes: number;
  /** Percent (0-100) of the total points needed to pass. */
  passingScore: number;
  isActive: boolean;
  authorId: string;
  authorName: string | null;
  questionCount: number;
  totalPoints: number;
  /** Bumped on every edit. */
  version: number;
  /** True while a session of this exam is preparing, active or paused: edit and delete are refused. */
  locked: boolean;
  createdAt: string;
  updatedAt: string;
}

/** The full exam for teachers and admins, with the key. */
export interface ExamView extends ExamSummary {
  instructions: string;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  questions: Array<QuestionDefinition & { id: string }>;
  /** Texts between questions, in the order they are shown at each place. */
  texts: Array<ExamText & { id: string }>;
}

export interface CreateExamRequest {
  title: string;
  description?: string;
  instructions?: string;
  durationMinutes: number;
  passingScore?: number;
  shuffleQuestions?: boolean;
  shuffleOptions?: boolean;
  isActive?: boolean;
  questions: QuestionDefinition[];
  /** Texts between questions (no answer, no points). Default none. */
  texts?: ExamText[];
}

/** Replaces the whole exam. Questions sent with their id keep it; others are new; missing ones are removed. */
export interface UpdateExamRequest extends CreateExamRequest {
  /** Optimistic concurrency: when given and not the current version, 409 CONFLICT. */
  version?: number;
}

export interface ListExamsQuery {
  page?: number;
  pageSize?: number;
  active?: boolean;
  authorId?: string;
  /** Case-insensitive substring of the title. */
  search?: string;
}

export type ExamPage = Page<ExamSummary>;

/* ---------- GIFT import ---------- */

export interface GiftImportRequest {
  gift: string;
  title?: string;
  description?: string;
  instructions?: string;
  durationMinutes?: number;
  passingScore?: number;
  isActive?: boolean;
}

/**
 * Why a GIFT question was not imported: SYNTAX (the text cannot be read; line and column
 * point at the problem), DESCRIPTION (a description with nothing to show; descriptions with
 * text become texts between questions), UNSUPPORTED (a
 * valid Moodle question our question types cannot hold yet), INVALID (read, but not a
 * gradable question once mapped, e.g. no correct answer).
 */
export const GIFT_SKIP_CODES = ['SYNTAX', 'DESCRIPTION', 'UNSUPPORTED', 'INVALID'] as const;
export type GiftSkipCode = (typeof GIFT_SKIP_CODES)[number];

export interface GiftSkippedQuestion {
  /** 1-based position of the question in the file. */
  index: number;
  /** 1-based line where the question starts (for SYNTAX: the line of the problem). */
  line?: number;
  /** 1-based column of the problem (SYNTAX only). */
  column?: number;
  code?: GiftSkipCode;
  title?: string;
  /** GIFT's type name (MC, TF, Short, Numerical, Essay, Matching, Description...). */
  giftType?: string;
  /** What is wrong and what to do about it. */
  reason: string;
}

/** Parts of an imported GIFT question that our questions do not keep (yet). */
export const GIFT_DROPPED_PARTS = [
  'title',
  'category',
  'idnumber',
  'tags',
  'feedback',
  'general_feedback',
  'zero_credit_answers',
] as const;
export type GiftDroppedPartName = (typeof GIFT_DROPPED_PARTS)[number];

export interface GiftDroppedPart {
  part: GiftDroppedPartName;
  /** What exactly was left out, e.g. `feedback on 3 answers`. */
  detail: string;
}

/** An imported question with what of it was not kept. */
export interface GiftDroppedParts {
  /** 1-based position of the question in the file. */
  index: number;
  line?: number;
  title?: string;
  parts: GiftDroppedPart[];
}

export interface GiftImportReport {
  /** Questions found in the file (categories not counted). */
  found: number;
  imported: number;
  /** Descriptions imported as texts between questions. */
  texts?: number;
  skipped: GiftSkippedQuestion[];
  /** Imported questions that lost something on the way (feedback, names...), in file order. */
  dropped?: GiftDroppedParts[];
}

export interface GiftImportResponse {
  exam: ExamView;
  report: GiftImportReport;
}

/* ---------- exam sessions ---------- */

export const EXAM_SESSION_STATUSES = [
  'preparing',
  'active',
  'paused',
  'completed',
  'terminated',
] as const;
export type ExamSessionStatus = (typeof EXAM_SESSION_STATUSES)[number];

/** Statuses in which the exam is in use (edit/delete of the exam refused). */
export const LIVE_SESSION_STATUSES = ['preparing', 'active', 'paused'] as const;

export const STUDENT_SESSION_STATUSES = ['enrolled', 'joined', 'completed'] as const;
export type StudentSessionStatus = (typeof STUDENT_SESSION_STATUSES)[number];

export const CONNECTION_STATUSES = [
  'not_joined',
  'connected',
  'reconnecting',
  'disconnected',
] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

export interface ExamSessionConfig {
  /** Minutes before the deadline when students are warned, e.g. [10, 5, 1]. */
  timeWarningMinutes: number[];
  /** Answers accepted this long after the deadline. */
  gracePeriodSeconds: number;
  /** Whether an enrolled student may still join after launch. */
  allowLateJoin: boolean;
  /**
   * Launch by itself at scheduledStartAt (needs one). Missing = false: the teacher launches.
   * The server always sends it.
   */
  autoLaunch?: boolean;
  /**
   * Which integrity signals are recorded (see integrity.ts). Missing = all of them; [] =
   * none. The server always sends it.
   */
  integritySignals?: IntegritySignalKind[];
  /** The exam page asks the student to work in full screen. Missing = false. */
  fullscreen?: boolean;
  /** Numeric questions offer a basic on-screen calculator (test-taker-tools.ts). Missing = false. */
  calculator?: boolean;
}

export interface ExamSessionStats {
  enrolled: number;
  /** Students whose connection status is `connected`. */
  connected: number;
  completed: number;
  /** Mean progress (0-100) over enrolled students, one decimal. */
  averageProgress: number;
  /** Whole minutes since launch, paused time excluded; 0 before launch. */
  minutesElapsed: number;
}

/** Times are epoch milliseconds of the server clock, except createdAt/updatedAt (ISO). */
export interface ExamSessionView {
  id: string;
  examId: string;
  examTitle: string;
  teacherId: string;
  /** The teacher who planned the session. */
  teacherName: string;
  /** Co-teachers and invigilators assigned to it (see session-staff.ts). */
  staff: SessionStaffMember[];
  title: string;
  status: ExamSessionStatus;
  durationMinutes: number;
  config: ExamSessionConfig;
  scheduledStartAt: number | null;
  launchedAt: number | null;
  pausedAt: number | null;
  totalPausedMs: number;
  extraMs: number;
  endedAt: number | null;
  endReason: string | null;
  /** "Let everyone finish their own time" was chosen at this time (no new students). */
  closingAt: number | null;
  examVersion: number;
  /** What students see of their results (none until released). */
  resultsRelease: ResultsReleaseMode;
  stats: ExamSessionStats;
  /** Self-enrolment by code (join-code.ts): the code (null until first opened) and whether open. */
  joinCode: string | null;
  joinOpen: boolean;
  createdAt: string;
  updatedAt: string;
}

/** One enrolled student (teacher's roster row). */
export interface StudentSessionView {
  id: string;
  examSessionId: string;
  studentId: string;
  studentName: string;
  studentEmail: string;
  status: StudentSessionStatus;
  /** Extra time granted to this student live, in ms. */
  extraMs: number;
  /** Accommodation copied from the student's profile at enrolment. */
  extraTimePercent: number;
  joinedAt: number | null;
  completedAt: number | null;
  progress: number;
  answeredCount: number;
  currentQuestionId: string | null;
  timeSpentMs: number;
  connectionStatus: ConnectionStatus;
  lastActivityAt: number | null;
  score: number | null;
}

/** What a student gets about a session: their own row and the exam's public facts only. */
export interface MyExamSessionView {
  id: string;
  title: string;
  status: ExamSessionStatus;
  examTitle: string;
  instructions: string;
  durationMinutes: number;
  questionCount: number;
  scheduledStartAt: number | null;
  launchedAt: number | null;
  endedAt: number | null;
  config: ExamSessionConfig;
  /** Released results open at GET /exam-sessions/:id/my-result (none = not yet). */
  resultsRelease: ResultsReleaseMode;
  /**
   * The student's own working time in ms: the duration with their accommodation and any
   * time added to the session or to them. Show this, never the bare durationMinutes.
   */
  allowanceMs: number;
  me: Omit<StudentSessionView, 'studentEmail' | 'score'>;
}

export interface CreateExamSessionRequest {
  examId: string;
  /** Defaults to the exam's title. */
  title?: string;
  /** Students of your academy to enrol (may be empty and added later while preparing). */
  studentIds: string[];
  /** Defaults to the exam's duration. */
  durationMinutes?: number;
  scheduledStartAt?: number | null;
  /** Missing fields take the server defaults (TIME_WARNING_MINUTES, GRACE_PERIOD_SECONDS). */
  config?: Partial<ExamSessionConfig>;
  /** Co-teachers and invigilators (teachers of your academy); changeable later. */
  staff?: SetSessionStaffRequest['staff'];
}

/** Only while preparing. `studentIds`, when given, replaces the enrolment. */
export interface UpdateExamSessionRequest {
  title?: string;
  durationMinutes?: number;
  scheduledStartAt?: number | null;
  config?: Partial<ExamSessionConfig>;
  studentIds?: string[];
}

export interface ListExamSessionsQuery {
  status?: ExamSessionStatus;
  examId?: string;
  page?: number;
  pageSize?: number;
}
