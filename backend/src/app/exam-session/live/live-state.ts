/**
 * A live session's state in memory, as every unit under live/ shares it, and the small pure
 * rules read from it (timing, the lock, counts, replies). No Nest, no database, no sockets:
 * the units carry out what these say.
 *
 * The state is loaded from the database (SessionStore) and changed only after each write
 * commits, so a snapshot built from it synchronously is exact at the current seq.
 */
import {
  isCompleteAnswer,
  type AnswerAckPayload,
  type AnswerableQuestion,
  type AttemptEndReason,
  type AttemptScore,
  type ExamSessionConfig,
  type ExamSessionStatus,
  type IntegritySummary,
  type SavedAnswer,
  type SessionCommandResult,
  type StudentExamText,
  type StudentSessionStatus,
  type StudentProgressPayload,
} from '@exam/contracts';
import type { AuthUser } from '../../auth/auth-user';
import type { PublicQuestion } from '../../exams/domain/student-view';
import {
  deadlineAt,
  elapsedAt,
  NO_EXTRA,
  type SessionTiming,
  type StudentTiming,
} from '../domain/deadline';
import type { AnswerEntity } from '../entities/answer.entity';

/** Who acts, and from where (logged in session_events). */
export interface Actor {
  user: AuthUser;
  ip?: string;
  userAgent?: string;
}

export interface StudentState {
  id: string;
  userId: string;
  displayName: string;
  status: StudentSessionStatus;
  extraMs: number;
  extraTimePercent: number;
  joinedAt: number | null;
  completedAt: number | null;
  currentQuestionId: string | null;
  lastActivityAt: number | null;
  optionOrder: Record<string, string[]> | null;
  /** Latest committed answer per question (change it through keepLatest). */
  latest: Map<string, SavedAnswer>;
  /** answeredCount of `latest`, until it changes (it is read for every progress push). */
  answeredMemo?: number;
  /** Highest seq accepted (committed or being written) per question. */
  acceptedSeq: Map<string, number>;
  /**
   * Idempotency key -> the committed reply, or the write in flight: every write in flight
   * and the RECENT_KEYS latest committed ones (change it through rememberKey).
   */
  keys: Map<string, AnswerAckPayload | Promise<AnswerAckPayload>>;
  /** Older keys than those in `keys` are stored (ask the database for their reply). */
  keysForgotten?: boolean;
  /** latest/acceptedSeq hold every stored answer, `keys` the latest (see loadAllAnswers). */
  answersLoaded: boolean;
  /** Set when the attempt is graded (at its end, by hand, by a regrade). */
  score: AttemptScore | null;
  endReason: AttemptEndReason | null;
  /** Integrity signals so far (count and latest), for the teacher's grid. */
  signals?: IntegritySummary;
  /** Addresses this student joined the session from (a new one is a signal). */
  ips?: Set<string>;
  /**
   * Several instances: the latest progress another instance published for this student
   * (their socket is there): presence and answers this instance's memory cannot see.
   */
  remote?: StudentProgressPayload;
}

export interface LiveState {
  id: string;
  academyId: string;
  examId: string;
  teacherId: string;
  title: string;
  instructions: string;
  status: ExamSessionStatus;
  durationMinutes: number;
  config: ExamSessionConfig;
  launchedAt: number | null;
  pausedAt: number | null;
  totalPausedMs: number;
  extraMs: number;
  endedAt: number | null;
  endReason: string | null;
  /** "Let everyone finish their own time" chosen at (null: not chosen). */
  closingAt: number | null;
  scheduledStartAt: number | null;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  questions: PublicQuestion[];
  /** Texts between questions as students get them (placed by question id). */
  texts: StudentExamText[];
  questionTypes: Map<string, PublicQuestion['type']>;
  /** What isCompleteAnswer needs per question (its type, a matching question's prompts). */
  answerable: Map<string, AnswerableQuestion>;
  students: Map<string, StudentState>;
  /** Warning minutes already sent, per student user id. */
  warningsSent: Map<string, Set<number>>;
  /** When the state was last known to match the database (see SessionStore.state). */
  loadedAt: number;
  /** When it was last asked for (finished sessions leave memory after a while, sweepEnded). */
  usedAt: number;
  /** exam_sessions.updated_at as loaded or as last written here. */
  version: number;
  /** The clock's interval (SessionClock), while the session is live. */
  timer?: NodeJS.Timeout;
  ticking?: boolean;
  /** Serialises lifecycle commands of this session. */
  lock: Promise<unknown>;
  dirtyPush: Set<string>;
  dirtyPersist: Set<string>;
  lastStats?: string;
  /** Students were pushed since the stats were last computed; and when that was. */
  statsDue?: boolean;
  statsAt?: number;
  /** Several instances: another instance changed the session; the next use reloads it. */
  mustReload?: boolean;
}

/** Scores made in a finalising transaction, by student session id. */
export type Graded = Map<string, AttemptScore & { endReason: AttemptEndReason }>;

/* ------------------------------------------------------------------ timing */

export function timing(st: LiveState): SessionTiming {
  return st;
}

export function studentTiming(s: StudentState): StudentTiming {
  return { extraMs: s.extraMs, extraTimePercent: s.extraTimePercent };
}

export function deadlineOf(st: LiveState, s: StudentState | null, now: number): number | null {
  return deadlineAt(timing(st), s ? studentTiming(s) : NO_EXTRA, now);
}

export function graceMs(st: LiveState): number {
  return st.config.gracePeriodSeconds * 1000;
}

/* ------------------------------------------------------------------ the lock */

/** Runs `fn` after every lifecycle step of this session queued before it, failed or not. */
export function withLock<T>(st: LiveState, fn: () => Promise<T>): Promise<T> {
  const run = st.lock.then(fn, fn);
  st.lock = run.catch(() => undefined);
  return run;
}

/* ------------------------------------------------------------------ students */

export function workingStudents(st: LiveState): StudentState[] {
  return [...st.students.values()].filter((s) => s.joinedAt !== null && s.status !== 'completed');
}

/** Questions answered completely (a matching question only with every prompt matched). */
export function answeredCount(st: LiveState, s: StudentState): number {
  if (s.answeredMemo !== undefined) return s.answeredMemo;
  let n = 0;
  for (const [qid, a] of s.latest) {
    const q = st.answerable.get(qid);
    if (q && isCompleteAnswer(q, a.answer)) n++;
  }
  s.answeredMemo = n;
  return n;
}

/**
 * Keeps `saved` as the question's latest answer unless a newer one is there. Given the
 * session's `answerable` questions, the answered count follows by one step (a recount on
 * every answer, then again for the teacher's push and the stats, was ~4 % of the CPU at
 * 2,000 answers/s); without them it is recounted when next asked.
 */
export function keepLatest(
  s: StudentState,
  saved: SavedAnswer,
  answerable?: ReadonlyMap<string, AnswerableQuestion>,
): void {
  const cur = s.latest.get(saved.questionId);
  if (cur && cur.seq >= saved.seq) return;
  s.latest.set(saved.questionId, saved);
  if (s.answeredMemo === undefined) return;
  if (!answerable) {
    s.answeredMemo = undefined;
    return;
  }
  const q = answerable.get(saved.questionId);
  if (!q) return; // not a question of the session: never counted
  const was = cur !== undefined && isCompleteAnswer(q, cur.answer);
  s.answeredMemo += (isCompleteAnswer(q, saved.answer) ? 1 : 0) - (was ? 1 : 0);
}

export function timeSpent(st: LiveState, s: StudentState, now: number): number {
  if (s.joinedAt === null || st.launchedAt === null) return 0;
  const end = Math.min(s.completedAt ?? now, st.endedAt ?? now);
  const sinceLaunch = elapsedAt(timing(st), end);
  const beforeJoin = Math.max(0, s.joinedAt - st.launchedAt);
  return Math.max(0, sinceLaunch - beforeJoin);
}

/* ------------------------------------------------------------------ replies */

/** The reply to a lifecycle command (launch, pause, add time, ...). */
export function commandResult(st: LiveState, now: number): SessionCommandResult {
  return {
    sessionId: st.id,
    status: st.status,
    launchedAt: st.launchedAt,
    pausedAt: st.pausedAt,
    endedAt: st.endedAt,
    deadline: deadlineOf(st, null, now),
    serverNow: now,
  };
}

export function ackOf(a: SavedAnswer, sessionId = ''): AnswerAckPayload {
  return {
    sessionId,
    questionId: a.questionId,
    key: a.key,
    seq: a.seq,
    status: a.final ? 'saved' : 'autosaved',
    savedAt: a.savedAt,
  };
}

/**
 * Committed replies kept in memory per student. A retry comes seconds after its answer (the
 * client resends what was not acked when it reconnects), long before 32 newer answers of
 * the same student; a retry of an older one is answered from the database. Keeping every
 * key grew memory by ~130 bytes per answer for the length of an exam (10-minute soak).
 */
export const RECENT_KEYS = 32;

/** Remembers a key's reply; the oldest committed one goes once there are too many. */
export function rememberKey(
  s: StudentState,
  key: string,
  reply: AnswerAckPayload | Promise<AnswerAckPayload>,
): void {
  s.keys.set(key, reply);
  if (s.keys.size <= RECENT_KEYS) return;
  for (const [k, v] of s.keys) {
    if (v instanceof Promise) continue;
    s.keys.delete(k);
    s.keysForgotten = true;
    return;
  }
}

/** A stored answer row, into the student's memory (latest, accepted seq, recent keys). */
export function applyAnswerRow(s: StudentState, a: AnswerEntity): void {
  const saved: SavedAnswer = {
    questionId: a.questionId,
    answer: a.value,
    key: a.idempotencyKey,
    seq: a.seq,
    final: a.final,
    savedAt: a.createdAt,
  };
  keepLatest(s, saved);
  s.acceptedSeq.set(a.questionId, Math.max(s.acceptedSeq.get(a.questionId) ?? -1, a.seq));
  if (!s.keys.has(a.idempotencyKey)) rememberKey(s, a.idempotencyKey, ackOf(saved));
}

/** Stored answers (oldest first) into the memory of the attempts they belong to. */
export function applyAnswerRows(
  rows: readonly AnswerEntity[],
  byAttempt: ReadonlyMap<string, StudentState>,
): void {
  for (const a of rows) {
    const s = byAttempt.get(a.studentSessionId);
    if (s) applyAnswerRow(s, a);
  }
}

/** The session's students by attempt (student session) id. */
export function studentsByAttempt(st: LiveState): Map<string, StudentState> {
  return new Map([...st.students.values()].map((s) => [s.id, s]));
}

export function answerableOf(q: PublicQuestion): AnswerableQuestion {
  const left = (q.body as { left?: Array<{ id: string }> }).left;
  return q.type === 'matching' && Array.isArray(left) ? { type: q.type, left } : { type: q.type };
}

/** The session row moved on (another instance changed it): reload and decide again. */
export class StaleSessionState extends Error {
  constructor(sessionId: string) {
    super(`session ${sessionId} changed elsewhere`);
  }
}
