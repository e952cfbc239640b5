/**
 * The live exam protocol over the WebSocket at /ws (and its REST mirrors): every event name
 * and payload type. Frames are `{event, data}` inbound and ServerFrame outbound; events that
 * belong to a session carry `sessionId` and the session's sequence number `seq` (resume, R9).
 *
 * Times are epoch milliseconds of the server clock. Clients show time from `deadline` and
 * `serverNow` (offset = serverNow - local now), never from their own clock alone (R8).
 */
import type { ServerFrame } from './envelope';
import type { ErrorCode } from './errors';
import type {
  AnswerValue,
  ConnectionStatus,
  ExamSessionConfig,
  ExamSessionStats,
  ExamSessionStatus,
  StudentExamText,
  StudentQuestionView,
  StudentSessionStatus,
} from './exams';
import type { IntegritySummary } from './integrity';
import {
  RESULTS_EVENTS,
  type AttemptEndReason,
  type AttemptScore,
  type ResultsEvent,
} from './results';

/** Teacher commands; the server also sends the same names to the session when they happen. */
export const SESSION_CONTROL_EVENTS = {
  EXAM_PREPARE: 'exam_prepare',
  EXAM_LAUNCH: 'exam_launch',
  EXAM_PAUSE: 'exam_pause',
  EXAM_RESUME: 'exam_resume',
  EXAM_COMPLETE: 'exam_complete',
  EXAM_TERMINATE: 'exam_terminate',
  /** Added (not in the seed): add time for the whole session or one student. */
  EXAM_ADD_TIME: 'exam_add_time',
} as const;

/** Roster events for teachers. */
export const STUDENT_EVENTS = {
  STUDENT_JOINED: 'student_joined',
  STUDENT_LEFT: 'student_left',
  STUDENT_PROGRESS: 'student_progress',
} as const;

/** Answers from students and the one reply per answer. */
export const LIVE_ANSWER_EVENTS = {
  ANSWER_SUBMITTED: 'answer_submitted',
  ANSWER_AUTOSAVED: 'answer_autosaved',
  /** Added: the reply to one answer, sent only after the write committed (R1). */
  ANSWER_ACK: 'answer_ack',
} as const;

/** Messages to the room. */
export const LIVE_EVENTS = {
  LIVE_UPDATE: 'live_update',
  BROADCAST_MESSAGE: 'broadcast_message',
  TIME_WARNING: 'time_warning',
  /**
   * Added, server -> client: the teacher chose "let everyone finish their own time"; nobody
   * new may start, and the session completes when the last student working is done.
   */
  EXAM_CLOSING: 'exam_closing',
} as const;

/** Joining, leaving, resuming, final submit (added beyond the seed, except `reconnect`). */
export const SESSION_EVENTS = {
  SESSION_JOIN: 'session_join',
  SESSION_LEAVE: 'session_leave',
  SESSION_SNAPSHOT: 'session_snapshot',
  SESSION_RESUMED: 'session_resumed',
  RECONNECT: 'reconnect',
  EXAM_SUBMIT: 'exam_submit',
  QUESTION_VIEWED: 'question_viewed',
} as const;

/**
 * Integrity signals (integrity.ts). `integrity_signal`: the exam page reports what it saw
 * (client -> server), and the staff get each student's new signals (server -> staff);
 * `integrity_ack`: the report was stored.
 */
export const INTEGRITY_EVENTS = {
  INTEGRITY_SIGNAL: 'integrity_signal',
  INTEGRITY_ACK: 'integrity_ack',
} as const;

/**
 * Test-taker tools (test-taker-tools.ts). `tools_changed`: server -> every open socket of the
 * student whose tools changed (by staff, or by the student on another device), with the new
 * TestTakerToolsView, so an open exam page applies them at once.
 */
export const TOOLS_EVENTS = {
  TOOLS_CHANGED: 'tools_changed',
} as const;

export type SessionControlEvent =
  (typeof SESSION_CONTROL_EVENTS)[keyof typeof SESSION_CONTROL_EVENTS];
export type StudentEvent = (typeof STUDENT_EVENTS)[keyof typeof STUDENT_EVENTS];
export type LiveAnswerEvent = (typeof LIVE_ANSWER_EVENTS)[keyof typeof LIVE_ANSWER_EVENTS];
export type LiveEvent = (typeof LIVE_EVENTS)[keyof typeof LIVE_EVENTS];
export type SessionEvent = (typeof SESSION_EVENTS)[keyof typeof SESSION_EVENTS];
export type IntegrityEvent = (typeof INTEGRITY_EVENTS)[keyof typeof INTEGRITY_EVENTS];
export type ToolsEvent = (typeof TOOLS_EVENTS)[keyof typeof TOOLS_EVENTS];
export type LiveProtocolEvent =
  | SessionControlEvent
  | StudentEvent
  | LiveAnswerEvent
  | LiveEvent
  | SessionEvent
  | ResultsEvent
  | IntegrityEvent
  | ToolsEvent;

/** Every live-session event name, for documentation and tests. */
export const LIVE_PROTOCOL_EVENT_NAMES: readonly LiveProtocolEvent[] = [
  ...Object.values(SESSION_CONTROL_EVENTS),
  ...Object.values(STUDENT_EVENTS),
  ...Object.values(LIVE_ANSWER_EVENTS),
  ...Object.values(LIVE_EVENTS),
  ...Object.values(SESSION_EVENTS),
  ...Object.values(RESULTS_EVENTS),
  ...Object.values(INTEGRITY_EVENTS),
  ...Object.values(TOOLS_EVENTS),
];

/* ---------- client -> server ---------- */

/** Join a session's room (teacher or enrolled student). With `lastSeq`: resume. */
export interface SessionJoinRequest {
  sessionId: string;
  /** Highest `seq` this client saw in this session; missing = first join (snapshot). */
  lastSeq?: number;
}

/** The seed's `reconnect`: same as session_join with the last sequence number seen. */
export interface ReconnectRequest {
  sessionId: string;
  lastSeq: number;
}

export interface SessionLeaveRequest {
  sessionId: string;
}

/** exam_prepare, exam_launch, exam_pause, exam_resume, exam_complete, exam_terminate. */
export interface SessionCommandRequest {
  sessionId: string;
  /** Optional note recorded in the session log (e.g. why it was terminated). */
  reason?: string;
}

/**
 * How exam_complete ends the exam: `now` (default) finalises every attempt at once;
 * `own_time` lets every student already working finish their own time (see exam_closing).
 */
export const COMPLETE_MODES = ['now', 'own_time'] as const;
export type CompleteMode = (typeof COMPLETE_MODES)[number];

/** exam_complete (and POST .../complete). */
export interface CompleteSessionRequest extends SessionCommandRequest {
  mode?: CompleteMode;
}

export interface AddTimeRequest {
  sessionId: string;
  /** Whole minutes to add (1-600). */
  minutes: number;
  /** One student; missing = the whole session. */
  studentId?: string;
}

export const BROADCAST_LEVELS = ['info', 'warning', 'error', 'success'] as const;
export type BroadcastLevel = (typeof BROADCAST_LEVELS)[number];

export interface BroadcastMessageRequest {
  sessionId: string;
  message: string;
  level?: BroadcastLevel;
  /** Only these students (user ids); missing = every student of the session. */
  studentIds?: string[];
}

/** answer_submitted (final for this question) and answer_autosaved (draft). */
export interface AnswerRequest {
  sessionId: string;
  questionId: string;
  answer: AnswerValue;
  /** Client-made idempotency key, unique per attempt (8-100 chars of [A-Za-z0-9_-:.]). */
  key: string;
  /** Per-question sequence number, increasing with every change the client makes (R4). */
  seq: number;
}

/** Final submit of the whole attempt. */
export interface ExamSubmitRequest {
  sessionId: string;
}

export interface QuestionViewedRequest {
  sessionId: string;
  questionId: string;
}

/* ---------- server -> client ---------- */

export interface ExamPreparePayload {
  sessionId: string;
  status: ExamSessionStatus;
  title: string;
  durationMinutes: number;
  questionCount: number;
  config: ExamSessionConfig;
}

/**
 * Sent to every student (their own deadline and question order) and to teachers (the
 * session's base deadline, no questions).
 */
export interface ExamLaunchPayload {
  sessionId: string;
  status: 'active';
  launchedAt: number;
  /** This student's deadline (teachers: the session deadline without per-student extras). */
  deadline: number;
  serverNow: number;
  durationMinutes: number;
  /** Students only: the questions in this student's order, without any key. */
  questions?: StudentQuestionView[];
  /** Students only: texts shown between questions (no answer, no points). */
  texts?: StudentExamText[];
}

export interface ExamPausePayload {
  sessionId: string;
  status: 'paused';
  pausedAt: number;
  serverNow: number;
}

export interface ExamResumePayload {
  sessionId: string;
  status: 'active';
  /** The recipient's new deadline (pause time added). */
  deadline: number;
  serverNow: number;
  totalPausedMs: number;
}

export const SESSION_END_REASONS = ['teacher', 'deadline', 'terminated'] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

/** exam_complete and exam_terminate. */
export interface ExamEndPayload {
  sessionId: string;
  status: 'completed' | 'terminated';
  endedAt: number;
  reason: SessionEndReason;
}

/** exam_closing, to everyone in the session. */
export interface ExamClosingPayload {
  sessionId: string;
  /** When the teacher chose it. */
  closingAt: number;
  /** Students still working (joined, not finished). */
  working: number;
  /** The last of their deadlines plus the grace period: the latest the session can end. */
  endsBy: number | null;
  serverNow: number;
}

/** Sent to the students whose deadline moved, and to teachers. */
export interface ExamAddTimePayload {
  sessionId: string;
  addedMs: number;
  scope: 'session' | 'student';
  /** For students: their new deadline. For teachers: the session deadline (scope session) or the student's (scope student). */
  deadline: number;
  serverNow: number;
  /** Scope student: who got the time. */
  studentId?: string;
  /** For students: their working time now (allowanceMs with the added time). */
  allowanceMs?: number;
}

export interface StudentJoinedPayload {
  sessionId: string;
  studentId: string;
  displayName: string;
  joinedAt: number;
  connectionStatus: ConnectionStatus;
  /** false: the first arrival; true: back after leaving or a dropped connection. Always sent. */
  rejoin?: boolean;
  /** Time away when the connection had dropped (null otherwise). Always sent. */
  offlineMs?: number | null;
}

/**
 * GET /exam-sessions/:id/events?afterSeq=N (the REST fallback of a resume): the buffered
 * events after N addressed to the caller, in seq order; snapshotRequired when the resume
 * buffer no longer holds everything after N (fetch the snapshot instead).
 */
export interface SessionEventsResponse {
  events: ServerFrame[];
  snapshotRequired: boolean;
}

/** disconnect: the connection dropped for longer than the grace; left: session_leave. */
export const STUDENT_LEFT_REASONS = ['disconnect', 'left', 'complete', 'terminate'] as const;
export type StudentLeftReason = (typeof STUDENT_LEFT_REASONS)[number];

export interface StudentLeftPayload {
  sessionId: string;
  studentId: string;
  reason: StudentLeftReason;
  at: number;
}

export interface StudentProgressPayload {
  sessionId: string;
  studentId: string;
  status: StudentSessionStatus;
  currentQuestionId: string | null;
  answered: number;
  total: number;
  /** 0-100, one decimal. */
  progress: number;
  timeSpentMs: number;
  connectionStatus: ConnectionStatus;
  lastActivityAt: number | null;
  /** How the attempt ended, once it has (null while it runs). Always sent by this server. */
  endReason?: AttemptEndReason | null;
}

export const ANSWER_ACK_STATUSES = ['saved', 'autosaved', 'stale', 'late', 'error'] as const;
export type AnswerAckStatus = (typeof ANSWER_ACK_STATUSES)[number];

/** The one reply to an answer. saved/autosaved are sent only after COMMIT. */
export interface AnswerAckPayload {
  sessionId: string;
  questionId: string;
  key: string;
  seq: number;
  status: AnswerAckStatus;
  /** When the stored row was committed (saved/autosaved). */
  savedAt?: number;
  /** stale: the seq already stored for this question. */
  currentSeq?: number;
  /** late/error: why. */
  code?: ErrorCode;
  message?: string;
}

export interface TimeWarningPayload {
  sessionId: string;
  minutesRemaining: number;
  /** True for the last warning (the smallest configured minute). */
  urgent: boolean;
  deadline: number;
  serverNow: number;
}

export interface BroadcastMessagePayload {
  sessionId: string;
  message: string;
  level: BroadcastLevel;
  fromUserId: string;
  sentAt: number;
}

export interface LiveUpdatePayload {
  sessionId: string;
  kind: 'stats';
  status: ExamSessionStatus;
  stats: ExamSessionStats;
}

/** The student's own reply to exam_submit (and to an expired attempt). */
export interface ExamSubmitPayload {
  sessionId: string;
  status: 'completed';
  /** submitted: the student handed in; deadline: their time (and grace) ran out. */
  endReason: 'submitted' | 'deadline';
  completedAt: number;
  answered: number;
  total: number;
}

export interface SessionResumedPayload {
  sessionId: string;
  /** The lastSeq the client sent. */
  fromSeq: number;
  /** The session's latest seq when the replay was made. */
  toSeq: number;
  /** How many missed events were sent again (just before this frame). */
  replayed: number;
}

/** One roster row in the teacher's snapshot. */
export interface LiveRosterEntry {
  studentId: string;
  studentSessionId: string;
  displayName: string;
  status: StudentSessionStatus;
  connectionStatus: ConnectionStatus;
  answered: number;
  total: number;
  progress: number;
  currentQuestionId: string | null;
  timeSpentMs: number;
  joinedAt: number | null;
  completedAt: number | null;
  lastActivityAt: number | null;
  /** This student's deadline (null before launch). */
  deadline: number | null;
  extraMs: number;
  extraTimePercent: number;
  /** This student's working time in ms (duration + accommodation + added time). */
  allowanceMs: number;
  /** Once the attempt is graded (it updates with attempt_graded). */
  score: AttemptScore | null;
  endReason: AttemptEndReason | null;
  /** Integrity signals so far: how many, and the latest (context, never a verdict). */
  signals: IntegritySummary;
}

/** One saved answer, latest per question. */
export interface SavedAnswer {
  questionId: string;
  answer: AnswerValue;
  key: string;
  seq: number;
  final: boolean;
  savedAt: number;
}

interface SnapshotBase {
  sessionId: string;
  title: string;
  status: ExamSessionStatus;
  durationMinutes: number;
  config: ExamSessionConfig;
  launchedAt: number | null;
  pausedAt: number | null;
  endedAt: number | null;
  /** Set when the teacher chose "let everyone finish their own time" (see exam_closing). */
  closingAt: number | null;
  /**
   * The planned start (null: none); with config.autoLaunch the session launches itself then.
   * Always sent by this server (optional for older clients' fixtures).
   */
  scheduledStartAt?: number | null;
  serverNow: number;
  questionCount: number;
  /** The session seq this snapshot is current with; later events follow with higher seq. */
  lastSeq: number;
}

export interface TeacherSnapshot extends SnapshotBase {
  role: 'teacher';
  /** Session deadline without per-student extras (null before launch). */
  deadline: number | null;
  totalPausedMs: number;
  extraMs: number;
  stats: ExamSessionStats;
  roster: LiveRosterEntry[];
}

export interface StudentSnapshot extends SnapshotBase {
  role: 'student';
  /** This student's deadline (null before launch). */
  deadline: number | null;
  /** Milliseconds left at serverNow (frozen while paused; null before launch). */
  remainingMs: number | null;
  attemptStatus: StudentSessionStatus;
  completedAt: number | null;
  /** How the attempt ended (null while it runs): the student's submit, the clock, the teacher. */
  endReason: AttemptEndReason | null;
  /**
   * This student's own working time in ms (duration with their accommodation and any time
   * added to the session or to them; pauses excluded). Show this, never durationMinutes.
   */
  allowanceMs: number;
  currentQuestionId: string | null;
  /** Empty before launch. */
  questions: StudentQuestionView[];
  /** Texts shown between questions, each placed by the question it comes before. Empty before launch. */
  texts: StudentExamText[];
  answers: SavedAnswer[];
}

export type LiveSnapshot = TeacherSnapshot | StudentSnapshot;

export interface SessionSnapshotPayload {
  snapshot: LiveSnapshot;
  isSnapshot: true;
}

/* ---------- REST mirrors ---------- */

export interface AddTimeBody {
  minutes: number;
  studentId?: string;
}

export interface AnswerBody {
  questionId: string;
  answer: AnswerValue;
  key: string;
  seq: number;
  /** true = answer_submitted (final), false/missing = answer_autosaved. */
  final?: boolean;
}

/** Result of a lifecycle command over REST. */
export interface SessionCommandResult {
  sessionId: string;
  status: ExamSessionStatus;
  launchedAt: number | null;
  pausedAt: number | null;
  endedAt: number | null;
  /** Session deadline without per-student extras. */
  deadline: number | null;
  serverNow: number;
}
