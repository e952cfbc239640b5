/**
 * Live exam sessions: the one service behind the ExamGateway and the REST mirrors.
 *
 * - Lifecycle commands ask the pure state machine (domain/session-lifecycle) for a decision,
 *   commit the new timing facts and a session_events row in one transaction, then publish.
 * - Answers: the pure acceptance rule (domain/answer-acceptance) decides; accepted rows go
 *   to the AnswerWriter (group commit) and the reply is made only after COMMIT (R1-R4).
 * - The clock: deadlines are computed from stored facts (domain/deadline); a 1 s tick per
 *   live session sends due time warnings once each, finalises attempts whose deadline plus
 *   grace passed, and ends the session by itself (R6-R8). Timers are rebuilt on start.
 * - Teacher view: progress is coalesced per student and pushed a few times per second.
 * - Resume: every published event is numbered (SessionSeq) and kept in the resume buffer;
 *   snapshots are built synchronously from the in-memory state, which is loaded from the
 *   database and changed only after each write commits, so "snapshot at seq S" is exact.
 *
 * Memory holds a session's state while it is in use; it is rebuilt from the database after
 * a restart. One instance owns the timers (SQLite is single-instance by design, R5).
 */
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import {
  isCompleteAnswer,
  LIVE_ANSWER_EVENTS,
  LIVE_EVENTS,
  SESSION_CONTROL_EVENTS,
  SESSION_EVENTS,
  STUDENT_EVENTS,
  type AddTimeRequest,
  type AnswerAckPayload,
  type AnswerValue,
  type AttemptEndReason,
  type AttemptGradedPayload,
  type AttemptScore,
  type BroadcastMessagePayload,
  type BroadcastMessageRequest,
  type ConnectionStatus,
  type ExamAddTimePayload,
  type ExamEndPayload,
  type AnswerableQuestion,
  type ExamClosingPayload,
  type ExamLaunchPayload,
  type ExamPausePayload,
  type ExamPreparePayload,
  type ExamResumePayload,
  type ExamSessionConfig,
  type ExamSessionStats,
  type ExamSessionStatus,
  type ExamSubmitPayload,
  RESULTS_EVENTS,
  type LiveRosterEntry,
  type LiveUpdatePayload,
  type SavedAnswer,
  type ServerFrame,
  type SessionEventsResponse,
  type SessionResumedPayload,
  type SessionSnapshotPayload,
  type SessionCommandResult,
  type StudentJoinedPayload,
  type StudentLeftPayload,
  type StudentLeftReason,
  type StudentProgressPayload,
  type StudentQuestionView,
  type StudentSessionStatus,
  type StudentSnapshot,
  type TeacherSnapshot,
  type TimeWarningPayload,
} from '@exam/contracts';
import type { AuthUser } from '../auth/auth-user';
import { UserEntity } from '../auth/entities/user.entity';
import { AppError } from '../common/app-error';
import { AppConfigService } from '../config/app-config';
import { ExamEntity } from '../exams/entities/exam.entity';
import { QuestionEntity } from '../exams/entities/question.entity';
import { planOrder, toStudentViews, type PublicQuestion } from '../exams/domain/student-view';
import { AttemptGrader } from '../grading/attempt-grader';
import { attemptScore } from '../grading/attempt-score';
import {
  AUDIENCE_ALL,
  AUDIENCE_GRADERS,
  AUDIENCE_TEACHERS,
  type Audience,
  type Recipient,
} from '../realtime/realtime-bus';
import { frame, sendError, type WsClient } from '../realtime/ws-client';
import { SessionRooms } from '../realtime/session-rooms.service';
import { AnswerWriter } from './answer-writer';
import { BackgroundWriter } from './background-writer';
import { decideAnswer } from './domain/answer-acceptance';
import { mayDo } from './domain/session-access';
import {
  allowanceMs,
  autoFinishAt,
  closingEndsBy,
  deadlineAt,
  dueWarning,
  elapsedAt,
  isUrgentWarning,
  NO_EXTRA,
  remainingAt,
  type SessionTiming,
  type StudentTiming,
} from './domain/deadline';
import {
  decide,
  type LifecycleEvent,
  type LifecycleFacts,
  type SessionCommand,
} from './domain/session-lifecycle';
import { AnswerEntity } from './entities/answer.entity';
import { ExamSessionEntity } from './entities/exam-session.entity';
import type { SessionActorType, SessionEventData } from './entities/session-event.entity';
import { SessionEventEntity } from './entities/session-event.entity';
import { StudentSessionEntity } from './entities/student-session.entity';
import { parseAnswerValue, type AnswerInput } from './live-session.schemas';
import { attemptsToGrade } from './live-grading';
import { LiveWriteDb } from './live-write-db.service';
import { SessionPublisher } from './session-publisher.service';
import { SessionSeq } from './session-seq.service';
import { SessionStaff } from './session-staff.service';

/** Who acts, and from where (logged in session_events). */
export interface Actor {
  user: AuthUser;
  ip?: string;
  userAgent?: string;
}

interface StudentState {
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
  /** Latest committed answer per question. */
  latest: Map<string, SavedAnswer>;
  /** Highest seq accepted (committed or being written) per question. */
  acceptedSeq: Map<string, number>;
  /** Idempotency key -> the committed reply, or the write in flight. */
  keys: Map<string, AnswerAckPayload | Promise<AnswerAckPayload>>;
  /** latest/acceptedSeq/keys hold every stored answer (see loadAllAnswers). */
  answersLoaded: boolean;
  /** Set when the attempt is graded (at its end, by hand, by a regrade). */
  score: AttemptScore | null;
  endReason: AttemptEndReason | null;
}

interface LiveState {
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
  questionTypes: Map<string, PublicQuestion['type']>;
  /** What isCompleteAnswer needs per question (its type, a matching question's prompts). */
  answerable: Map<string, AnswerableQuestion>;
  students: Map<string, StudentState>;
  /** Warning minutes already sent, per student user id. */
  warningsSent: Map<string, Set<number>>;
  /** When the state was last known to match the database (see state()). */
  loadedAt: number;
  /** When it was last asked for (finished sessions leave memory after a while, sweepEnded). */
  usedAt: number;
  /** exam_sessions.updated_at as loaded or as last written here. */
  version: number;
  timer?: NodeJS.Timeout;
  ticking?: boolean;
  /** Serialises lifecycle commands of this session. */
  lock: Promise<unknown>;
  dirtyPush: Set<string>;
  dirtyPersist: Set<string>;
  lastStats?: string;
}

type Graded = Map<string, AttemptScore & { endReason: AttemptEndReason }>;

const PROGRESS_PUSH_MS = 250;
/** A finished session leaves memory this long after its last use (see sweepEnded). */
const ENDED_STATE_TTL_MS = 10 * 60_000;
const SWEEP_MS = 60_000;
/** Progress columns are advisory (answers are the truth): persisted every few seconds. */
const PROGRESS_PERSIST_MS = 5_000;
const PROGRESS_PUSH_CHUNK = 100;
const TICK_MS = 1_000;
const PROGRESS_COLUMNS = [
  'progress',
  'answered_count',
  'current_question_id',
  'time_spent_ms',
  'connection_status',
  'last_activity_at',
  'updated_at',
] as const;
const EVENT_COLUMNS = [
  'academy_id',
  'exam_session_id',
  'type',
  'actor_id',
  'actor_type',
  'data',
  'ip',
  'user_agent',
  'created_at',
] as const;
/**
 * A preparing session may change over REST (title, duration, settings, roster): after this
 * long its cached state is checked against exam_sessions.updated_at (one indexed read) and
 * reloaded only when that moved. Reloading unconditionally put a full roster read (~30 ms at
 * 1,000 students) on the path of the launch.
 */
const PREPARING_TTL_MS = 2_000;

@Injectable()
export class LiveSessionService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('LiveSessions');
  private readonly states = new Map<string, LiveState>();
  private readonly loading = new Map<string, Promise<LiveState | null>>();
  private pushTimer?: NodeJS.Timeout;
  private persistTimer?: NodeJS.Timeout;
  private sweepTimer?: NodeJS.Timeout;
  /** Students in their reconnect grace ("sessionId|userId" -> the timer that ends it). */
  private readonly reconnecting = new Map<string, NodeJS.Timeout>();
  /** When a student's last socket dropped (session|user), for the feed's "back after". */
  private readonly droppedAt = new Map<string, number>();
  /** Set by finalizeForShutdown: timers stopped, final states queued. */
  private finalized = false;

  constructor(
    private readonly db: LiveWriteDb,
    private readonly writer: AnswerWriter,
    private readonly background: BackgroundWriter,
    private readonly seq: SessionSeq,
    private readonly rooms: SessionRooms,
    private readonly grader: AttemptGrader,
    private readonly publisher: SessionPublisher,
    private readonly cfg: AppConfigService,
    private readonly staff: SessionStaff,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.pushTimer = setInterval(() => this.pushProgress(), PROGRESS_PUSH_MS);
    this.pushTimer.unref();
    this.persistTimer = setInterval(() => this.persistProgress(), PROGRESS_PERSIST_MS);
    this.persistTimer.unref();
    this.sweepTimer = setInterval(() => this.sweepEnded(Date.now()), SWEEP_MS);
    this.sweepTimer.unref();
    // Rebuild the clock of every live session (restart, R7).
    const live = await this.db.reader.find(ExamSessionEntity, {
      where: { status: In(['active', 'paused']) },
      select: { id: true },
    });
    for (const { id } of live) {
      const st = await this.state(id);
      if (st) await this.tick(st);
    }
  }

  onModuleDestroy(): void {
    this.finalizeForShutdown();
  }

  /**
   * Shutdown, once the sockets are closed (ShutdownService step 4; app.close() also gets
   * here): every timer stops and the final states are queued for the last drain before the
   * database closes - progress, and presence: nobody stays `connected` or `reconnecting` on
   * a stopped server. A restart rebuilds clocks and presence from the database (R7).
   */
  finalizeForShutdown(): void {
    if (this.finalized) return;
    this.finalized = true;
    if (this.pushTimer) clearInterval(this.pushTimer);
    if (this.persistTimer) clearInterval(this.persistTimer);
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    for (const st of this.states.values()) if (st.timer) clearInterval(st.timer);
    for (const [key, t] of this.reconnecting) {
      clearTimeout(t);
      const [sessionId, userId] = key.split('|');
      this.states.get(sessionId)?.dirtyPersist.add(userId);
    }
    this.reconnecting.clear();
    this.persistProgress();
  }

  /* ------------------------------------------------------------------ loading */

  /** The session's live state, loaded from the database on first use. */
  private async state(sessionId: string): Promise<LiveState | null> {
    const cached = this.states.get(sessionId);
    if (cached) cached.usedAt = Date.now();
    if (
      cached &&
      (cached.status !== 'preparing' || Date.now() - cached.loadedAt < PREPARING_TTL_MS)
    ) {
      return cached;
    }
    let p = this.loading.get(sessionId);
    if (!p) {
      p = this.revalidate(sessionId, cached).finally(() => this.loading.delete(sessionId));
      this.loading.set(sessionId, p);
    }
    return p;
  }

  /** The cached state if the database row has not changed since, else a fresh load. */
  private async revalidate(sessionId: string, cached?: LiveState): Promise<LiveState | null> {
    if (cached) {
      const checkedAt = Date.now();
      const row = await this.db.reader.findOne(ExamSessionEntity, {
        where: { id: sessionId },
        select: { id: true, updatedAt: true, status: true },
      });
      if (!row) {
        this.states.delete(sessionId);
        return null;
      }
      if (row.updatedAt === cached.version && row.status === cached.status) {
        cached.loadedAt = checkedAt;
        return cached;
      }
    }
    return this.load(sessionId, cached);
  }

  /** Forgets a session's cached state (its row changed outside this service). */
  invalidate(sessionId: string): void {
    const st = this.states.get(sessionId);
    if (st) st.loadedAt = 0;
  }

  /**
   * Forgets finished sessions that nobody has asked about for ENDED_STATE_TTL_MS and that
   * have no socket in their room: their state and resume buffer leave memory (a class-sized
   * session holds megabytes of launch frames), and the next use loads them again from the
   * database. A resume from before gets a snapshot, as after a restart. Returns how many.
   */
  sweepEnded(now: number): number {
    let n = 0;
    for (const [id, st] of this.states) {
      if (st.status !== 'completed' && st.status !== 'terminated') continue;
      if (now - st.usedAt < ENDED_STATE_TTL_MS) continue;
      if (this.rooms.socketCount(id) > 0 || st.dirtyPersist.size > 0 || st.dirtyPush.size > 0) {
        continue;
      }
      if (st.timer) clearInterval(st.timer);
      this.states.delete(id);
      this.rooms.close(id);
      for (const k of this.droppedAt.keys()) if (k.startsWith(`${id}|`)) this.droppedAt.delete(k);
      n++;
    }
    return n;
  }

  /** Sessions whose state is in memory (tests, metrics). */
  cachedSessions(): string[] {
    return [...this.states.keys()];
  }

  /** Writes pending progress now and waits for every queued advisory write (seeding). */
  async settle(): Promise<void> {
    this.persistProgress();
    await this.background.drain();
  }

  /** Drops the cached state and reloads it from the database (tests, operators). */
  async reload(sessionId: string): Promise<void> {
    const old = this.states.get(sessionId);
    if (old?.timer) clearInterval(old.timer);
    this.states.delete(sessionId);
    const st = await this.state(sessionId);
    if (st) await this.tick(st);
  }

  private async load(sessionId: string, previous?: LiveState): Promise<LiveState | null> {
    const r = this.db.reader;
    const s = await r.findOneBy(ExamSessionEntity, { id: sessionId });
    if (!s) return null;
    await this.seq.ensure(sessionId);
    const [exam, questions, attempts, warnings] = await Promise.all([
      r.findOneBy(ExamEntity, { id: s.examId }),
      r.find(QuestionEntity, { where: { examId: s.examId }, order: { position: 'ASC' } }),
      r.find(StudentSessionEntity, { where: { examSessionId: sessionId } }),
      r.find(SessionEventEntity, { where: { examSessionId: sessionId, type: 'time_warning' } }),
    ]);
    const names = new Map<string, string>();
    if (attempts.length > 0) {
      const users = await r.find(UserEntity, {
        where: { id: In(attempts.map((a) => a.studentId)) },
        select: { id: true, displayName: true },
      });
      for (const u of users) names.set(u.id, u.displayName);
    }
    const publicQuestions: PublicQuestion[] = questions.map((q) => ({
      id: q.id,
      type: q.type,
      prompt: q.prompt,
      points: q.points,
      body: q.body,
    }));
    const shuffle = {
      shuffleQuestions: exam?.shuffleQuestions ?? false,
      shuffleOptions: exam?.shuffleOptions ?? false,
    };
    const students = new Map<string, StudentState>();
    for (const a of attempts) {
      const prev = previous?.students.get(a.studentId);
      // Enrolment plans every order; a row without one (written by an older version or an
      // import) gets it here, the same deterministic plan, stored in the background.
      let optionOrder = a.optionOrder;
      if (!optionOrder) {
        optionOrder = prev?.optionOrder ?? planOrder(publicQuestions, shuffle, a.id);
        this.background.updateRow(
          'student_sessions',
          'id',
          ['option_order'],
          [a.id, JSON.stringify(optionOrder)],
        );
      }
      students.set(a.studentId, {
        id: a.id,
        userId: a.studentId,
        displayName: names.get(a.studentId) ?? '',
        status: a.status,
        extraMs: a.extraMs,
        extraTimePercent: a.extraTimePercent,
        joinedAt: a.joinedAt,
        completedAt: a.completedAt,
        currentQuestionId: prev?.currentQuestionId ?? a.currentQuestionId,
        lastActivityAt: prev?.lastActivityAt ?? a.lastActivityAt,
        optionOrder,
        latest: prev?.latest ?? new Map(),
        acceptedSeq: prev?.acceptedSeq ?? new Map(),
        keys: prev?.keys ?? new Map(),
        answersLoaded: prev?.answersLoaded ?? false,
        score: attemptScore(a),
        endReason: a.endReason,
      });
    }
    const warningsSent = new Map<string, Set<number>>();
    for (const w of warnings) {
      // `marked`: every minute this warning stood for (larger ones skipped at the same time).
      const marked = (w.data.marked as number[] | undefined) ?? [Number(w.data.minutes)];
      for (const uid of (w.data.studentIds as string[] | undefined) ?? []) {
        const set = warningsSent.get(uid) ?? new Set<number>();
        for (const m of marked) set.add(m);
        warningsSent.set(uid, set);
      }
    }
    const st: LiveState = {
      id: s.id,
      academyId: s.academyId,
      examId: s.examId,
      teacherId: s.teacherId,
      title: s.title,
      instructions: exam?.instructions ?? '',
      status: s.status,
      durationMinutes: s.durationMinutes,
      config: this.resolveConfig(s.config),
      launchedAt: s.launchedAt,
      pausedAt: s.pausedAt,
      totalPausedMs: s.totalPausedMs,
      extraMs: s.extraMs,
      endedAt: s.endedAt,
      endReason: s.endReason,
      closingAt: s.closingAt ?? null,
      scheduledStartAt: s.scheduledStartAt ?? null,
      ...shuffle,
      questions: publicQuestions,
      questionTypes: new Map(publicQuestions.map((q) => [q.id, q.type])),
      answerable: new Map(publicQuestions.map((q) => [q.id, answerableOf(q)])),
      students,
      warningsSent: previous?.warningsSent ?? warningsSent,
      loadedAt: Date.now(),
      usedAt: Date.now(),
      version: s.updatedAt,
      lock: previous?.lock ?? Promise.resolve(),
      dirtyPush: previous?.dirtyPush ?? new Set(),
      dirtyPersist: previous?.dirtyPersist ?? new Set(),
      timer: previous?.timer,
    };
    await this.loadAllAnswers(sessionId, students.values());
    this.states.set(sessionId, st);
    this.syncTimer(st);
    return st;
  }

  private resolveConfig(c: Partial<ExamSessionConfig> | null | undefined): ExamSessionConfig {
    return {
      timeWarningMinutes: c?.timeWarningMinutes ?? this.cfg.get('TIME_WARNING_MINUTES'),
      gracePeriodSeconds: c?.gracePeriodSeconds ?? this.cfg.get('GRACE_PERIOD_SECONDS'),
      allowLateJoin: c?.allowLateJoin ?? true,
      autoLaunch: c?.autoLaunch ?? false,
    };
  }

  /**
   * Launches a scheduled session whose teacher chose "launch by itself" (ScheduledLaunches):
   * the clock starts for the students in the lobby exactly as when the teacher launches.
   * Returns false when it was no longer due (launched, changed or deleted meanwhile).
   */
  async launchScheduled(sessionId: string, now = Date.now()): Promise<boolean> {
    const st = await this.state(sessionId);
    if (!st) return false;
    return this.withLock(st, async () => {
      const row = await this.db.reader.findOne(ExamSessionEntity, {
        where: { id: st.id },
        select: { id: true, status: true, scheduledStartAt: true, config: true },
      });
      const due =
        row?.status === 'preparing' &&
        st.status === 'preparing' &&
        row.config?.autoLaunch === true &&
        row.scheduledStartAt !== null &&
        row.scheduledStartAt <= now;
      if (!due) return false;
      await this.apply(st, 'launch', null, 'scheduled start');
      return true;
    });
  }

  /**
   * Every saved answer of the session, read once when its state is (re)built, for the
   * students not carried over from a previous state: after a restart the teacher's roster
   * and the persisted progress count the answers of students who have not reconnected yet,
   * and no answer, join or snapshot has to read its student's answers first (before launch
   * this is one indexed read that finds none).
   */
  private async loadAllAnswers(sessionId: string, students: Iterable<StudentState>) {
    const pending = new Map<string, StudentState>();
    for (const s of students) if (!s.answersLoaded) pending.set(s.id, s);
    if (pending.size === 0) return;
    const rows = await this.db.reader.find(AnswerEntity, {
      where: { examSessionId: sessionId },
      order: { seq: 'ASC', id: 'ASC' },
    });
    for (const a of rows) {
      const s = pending.get(a.studentSessionId);
      if (s) this.applyAnswerRow(s, a);
    }
    for (const s of pending.values()) s.answersLoaded = true;
  }

  private applyAnswerRow(s: StudentState, a: AnswerEntity): void {
    const saved: SavedAnswer = {
      questionId: a.questionId,
      answer: a.value,
      key: a.idempotencyKey,
      seq: a.seq,
      final: a.final,
      savedAt: a.createdAt,
    };
    const cur = s.latest.get(a.questionId);
    if (!cur || cur.seq < a.seq) s.latest.set(a.questionId, saved);
    s.acceptedSeq.set(a.questionId, Math.max(s.acceptedSeq.get(a.questionId) ?? -1, a.seq));
    if (!s.keys.has(a.idempotencyKey)) s.keys.set(a.idempotencyKey, this.ackOf(saved));
  }

  private ackOf(a: SavedAnswer, sessionId = ''): AnswerAckPayload {
    return {
      sessionId,
      questionId: a.questionId,
      key: a.key,
      seq: a.seq,
      status: a.final ? 'saved' : 'autosaved',
      savedAt: a.savedAt,
    };
  }

  /* ------------------------------------------------------------------ access */

  /** The session, if the actor may see it at all (same academy); else NOT_FOUND (no leak). */
  private async visible(actor: Actor, sessionId: string): Promise<LiveState> {
    const st = await this.state(sessionId);
    if (!st || st.academyId !== actor.user.academyId) throw AppError.notFound('The exam session');
    return st;
  }

  /**
   * The session, for its staff: its teacher, co-teachers, invigilators and the academy's
   * admins (session-access.ts). Another teacher of the academy gets NOT_FOUND, exactly as
   * from GET /exam-sessions/:id, on every control event and REST mirror alike.
   */
  private async asTeacher(actor: Actor, sessionId: string): Promise<LiveState> {
    const st = await this.visible(actor, sessionId);
    if (actor.user.role === 'student') {
      throw AppError.forbidden("Only the session's teachers, invigilators and admins control it.");
    }
    if (!mayDo(await this.staff.accessTo(actor.user, st), 'run')) {
      throw AppError.notFound('The exam session');
    }
    return st;
  }

  /** People taken off the session's staff leave its live room now, and are told why. */
  staffRemoved(sessionId: string, userIds: string[]): void {
    const gone = this.rooms.dropTeachers(sessionId, new Set(userIds));
    for (const c of gone) {
      sendError(
        c,
        'FORBIDDEN',
        "You were removed from this session's staff, so its live view closed. Ask its teacher if this is a mistake.",
        { event: SESSION_EVENTS.SESSION_JOIN, recoverable: false, details: { sessionId } },
      );
    }
  }

  private async asStudent(
    actor: Actor,
    sessionId: string,
  ): Promise<{ st: LiveState; me: StudentState }> {
    const st = await this.visible(actor, sessionId);
    if (actor.user.role !== 'student') {
      throw AppError.forbidden('Only students take exams; teachers use the control events.');
    }
    const me = st.students.get(actor.user.id);
    if (!me) {
      throw new AppError(403, 'NOT_ENROLLED', 'You are not enrolled in this exam session.');
    }
    return { st, me };
  }

  /* ------------------------------------------------------------------ timing */

  private timing(st: LiveState): SessionTiming {
    return st;
  }

  private studentTiming(s: StudentState): StudentTiming {
    return { extraMs: s.extraMs, extraTimePercent: s.extraTimePercent };
  }

  private deadlineOf(st: LiveState, s: StudentState | null, now: number): number | null {
    return deadlineAt(this.timing(st), s ? this.studentTiming(s) : NO_EXTRA, now);
  }

  private graceMs(st: LiveState): number {
    return st.config.gracePeriodSeconds * 1000;
  }

  /* ------------------------------------------------------------------ publishing */

  private emit(st: LiveState, audience: Audience, event: string, data: unknown): number {
    return this.publisher.emit(st.id, audience, event, data);
  }

  /**
   * One event per group of students who get the same payload (same deadline, same question
   * order): serialised once per group, not once per student.
   */
  private emitGrouped(
    st: LiveState,
    event: string,
    students: Iterable<StudentState>,
    build: (s: StudentState) => { key: string; data: () => unknown },
  ): void {
    const groups = new Map<string, { ids: string[]; data: () => unknown }>();
    for (const s of students) {
      const b = build(s);
      const g = groups.get(b.key);
      if (g) g.ids.push(s.userId);
      else groups.set(b.key, { ids: [s.userId], data: b.data });
    }
    for (const g of groups.values()) emitTo(this, st, g.ids, event, g.data());
    function emitTo(self: LiveSessionService, s: LiveState, ids: string[], e: string, d: unknown) {
      self.emit(s, { kind: 'students', ids }, e, d);
    }
  }

  private log_(
    st: LiveState,
    type: string,
    actor: Actor | null,
    data: SessionEventData,
  ): SessionEventEntity {
    const e = new SessionEventEntity();
    e.academyId = st.academyId;
    e.examSessionId = st.id;
    e.type = type;
    e.actorId = actor?.user.id ?? null;
    e.actorType = (actor?.user.role ?? 'system') as SessionActorType;
    e.data = data;
    e.ip = actor?.ip?.slice(0, 64) ?? null;
    e.userAgent = actor?.userAgent?.slice(0, 300) ?? null;
    e.createdAt = Date.now();
    return e;
  }

  /** An advisory log entry, written with the next background batch. */
  private logLater(st: LiveState, type: string, actor: Actor | null, data: SessionEventData): void {
    const e = this.log_(st, type, actor, data);
    this.background.insertRow('session_events', EVENT_COLUMNS, [
      e.academyId,
      e.examSessionId,
      e.type,
      e.actorId,
      e.actorType,
      JSON.stringify(e.data),
      e.ip,
      e.userAgent,
      e.createdAt,
    ]);
  }

  /* ------------------------------------------------------------------ lifecycle */

  private withLock<T>(st: LiveState, fn: () => Promise<T>): Promise<T> {
    const run = st.lock.then(fn, fn);
    st.lock = run.catch(() => undefined);
    return run;
  }

  async command(
    actor: Actor,
    sessionId: string,
    command: Exclude<SessionCommand, 'expire'>,
    reason?: string,
  ): Promise<SessionCommandResult> {
    const st = await this.asTeacher(actor, sessionId);
    return this.withLock(st, () => this.apply(st, command, actor, reason));
  }

  /**
   * "Let everyone finish their own time" (exam_complete with mode own_time): nobody new may
   * start; each student already working keeps their own deadline (accommodation and added
   * time included); the session completes once the last of them is done. Idempotent; the
   * teacher can still end it at once with a plain complete.
   */
  async finishInOwnTime(
    actor: Actor,
    sessionId: string,
    reason?: string,
  ): Promise<SessionCommandResult> {
    const st = await this.asTeacher(actor, sessionId);
    const result = await this.withLock(st, async () => {
      if (st.status !== 'active') {
        throw new AppError(
          409,
          'INVALID_TRANSITION',
          st.status === 'paused'
            ? "Resume the exam first: while it is paused nobody's time runs, so it could never finish by itself. Or end it now."
            : `The session is ${st.status}; only a running exam can be left to finish.`,
          { status: st.status, command: 'complete' },
        );
      }
      const now = Date.now();
      if (st.closingAt === null) {
        await this.db.transaction(async (em) => {
          await em.update(ExamSessionEntity, { id: st.id }, { closingAt: now, updatedAt: now });
          await em.insert(
            SessionEventEntity,
            this.log_(st, 'exam_closing', actor, { reason: reason ?? null }),
          );
        }, 'lifecycle');
        st.closingAt = now;
        st.version = now;
        this.emit(st, AUDIENCE_ALL, LIVE_EVENTS.EXAM_CLOSING, this.closingPayload(st, now));
      }
      return this.result(st, now);
    });
    // Nobody working: it ends now.
    await this.tick(st);
    return result;
  }

  private workingStudents(st: LiveState): StudentState[] {
    return [...st.students.values()].filter((s) => s.joinedAt !== null && s.status !== 'completed');
  }

  private closingPayload(st: LiveState, now: number): ExamClosingPayload {
    const working = this.workingStudents(st);
    return {
      sessionId: st.id,
      closingAt: st.closingAt ?? now,
      working: working.length,
      endsBy: closingEndsBy(
        this.timing(st),
        working.map((s) => this.studentTiming(s)),
        this.graceMs(st),
        now,
      ),
      serverNow: now,
    };
  }

  private async apply(
    st: LiveState,
    command: SessionCommand,
    actor: Actor | null,
    reason?: string,
  ): Promise<SessionCommandResult> {
    const now = Date.now();
    const facts: LifecycleFacts = {
      status: st.status,
      launchedAt: st.launchedAt,
      pausedAt: st.pausedAt,
      totalPausedMs: st.totalPausedMs,
      endedAt: st.endedAt,
      endReason: st.endReason,
    };
    const d = decide(facts, command, now);
    if (!d.ok) throw new AppError(409, d.code, d.message, { status: st.status, command });
    const ending = d.event.type === 'ended';
    // Answers accepted before the end are committed before it (they were on time), and so
    // are queued advisory writes (a join's status must not land after "completed").
    if (ending) {
      await this.writer.drain();
      await this.background.drain();
    }
    // Launch, pause and resume go ahead of queued advisory writes (which never touch the
    // session row): every student waits for them. The end keeps its place (see above).
    let graded: Graded = new Map();
    await this.db.transaction(
      async (em) => {
        await em.update(
          ExamSessionEntity,
          { id: st.id },
          {
            status: d.facts.status,
            launchedAt: d.facts.launchedAt,
            pausedAt: d.facts.pausedAt,
            totalPausedMs: d.facts.totalPausedMs,
            endedAt: d.facts.endedAt,
            endReason: d.facts.endReason,
            updatedAt: now,
          },
        );
        if (ending) {
          const open = await em.find(StudentSessionEntity, {
            where: { examSessionId: st.id, status: In(['enrolled', 'joined']) },
            select: { id: true },
          });
          await em
            .createQueryBuilder()
            .update(StudentSessionEntity)
            .set({ status: 'completed', completedAt: now, updatedAt: now })
            .where('exam_session_id = :id AND status <> :done', { id: st.id, done: 'completed' })
            .execute();
          // Every attempt the end finalises is graded in this same transaction.
          const cause = d.event.type === 'ended' ? d.event.reason : 'teacher';
          graded = await this.gradeInTx(
            em,
            st,
            open.map((r) => r.id),
            cause,
            now,
          );
        }
        await em.insert(
          SessionEventEntity,
          this.log_(st, `exam_${command}`, actor, {
            status: d.facts.status,
            reason: reason ?? null,
          }),
        );
      },
      'lifecycle',
      !ending,
    );
    // Committed: now memory follows, then the room hears about it.
    Object.assign(st, d.facts);
    st.version = now;
    const openBefore = ending
      ? [...st.students.values()].filter((s) => s.status !== 'completed')
      : [];
    if (ending) {
      for (const s of openBefore) {
        s.status = 'completed';
        s.completedAt = now;
        st.dirtyPush.add(s.userId);
      }
    }
    this.applyGraded(st, graded);
    this.announce(st, d.event, now, openBefore);
    this.syncTimer(st);
    return this.result(st, now);
  }

  private result(st: LiveState, now: number): SessionCommandResult {
    return {
      sessionId: st.id,
      status: st.status,
      launchedAt: st.launchedAt,
      pausedAt: st.pausedAt,
      endedAt: st.endedAt,
      deadline: this.deadlineOf(st, null, now),
      serverNow: now,
    };
  }

  private announce(st: LiveState, e: LifecycleEvent, now: number, finalised: StudentState[]): void {
    const students = st.students.values();
    switch (e.type) {
      case 'prepared': {
        const data: ExamPreparePayload = {
          sessionId: st.id,
          status: st.status,
          title: st.title,
          durationMinutes: st.durationMinutes,
          questionCount: st.questions.length,
          config: st.config,
        };
        this.emit(st, AUDIENCE_ALL, SESSION_CONTROL_EVENTS.EXAM_PREPARE, data);
        return;
      }
      case 'launched': {
        const base = {
          sessionId: st.id,
          status: 'active' as const,
          launchedAt: e.launchedAt,
          serverNow: now,
          durationMinutes: st.durationMinutes,
        };
        const teacher: ExamLaunchPayload = {
          ...base,
          deadline: this.deadlineOf(st, null, now) ?? 0,
        };
        this.emit(st, AUDIENCE_TEACHERS, SESSION_CONTROL_EVENTS.EXAM_LAUNCH, teacher);
        const views = new Map<string, StudentQuestionView[]>();
        this.emitGrouped(st, SESSION_CONTROL_EVENTS.EXAM_LAUNCH, students, (s) => {
          const deadline = this.deadlineOf(st, s, now) ?? 0;
          const orderKey = JSON.stringify(s.optionOrder);
          return {
            key: `${deadline}|${orderKey}`,
            data: (): ExamLaunchPayload => {
              let q = views.get(orderKey);
              if (!q) views.set(orderKey, (q = toStudentViews(st.questions, s.optionOrder)));
              return { ...base, deadline, questions: q };
            },
          };
        });
        return;
      }
      case 'paused': {
        const data: ExamPausePayload = {
          sessionId: st.id,
          status: 'paused',
          pausedAt: e.pausedAt,
          serverNow: now,
        };
        this.emit(st, AUDIENCE_ALL, SESSION_CONTROL_EVENTS.EXAM_PAUSE, data);
        return;
      }
      case 'resumed': {
        const base = {
          sessionId: st.id,
          status: 'active' as const,
          serverNow: now,
          totalPausedMs: st.totalPausedMs,
        };
        const teacher: ExamResumePayload = {
          ...base,
          deadline: this.deadlineOf(st, null, now) ?? 0,
        };
        this.emit(st, AUDIENCE_TEACHERS, SESSION_CONTROL_EVENTS.EXAM_RESUME, teacher);
        this.emitGrouped(st, SESSION_CONTROL_EVENTS.EXAM_RESUME, students, (s) => {
          const deadline = this.deadlineOf(st, s, now) ?? 0;
          return { key: String(deadline), data: (): ExamResumePayload => ({ ...base, deadline }) };
        });
        return;
      }
      case 'ended': {
        const data: ExamEndPayload = {
          sessionId: st.id,
          status: e.status,
          endedAt: now,
          reason: e.reason,
        };
        const event =
          e.status === 'terminated'
            ? SESSION_CONTROL_EVENTS.EXAM_TERMINATE
            : SESSION_CONTROL_EVENTS.EXAM_COMPLETE;
        this.emit(st, AUDIENCE_ALL, event, data);
        const reason: StudentLeftReason = e.status === 'terminated' ? 'terminate' : 'complete';
        for (const s of finalised) {
          if (this.rooms.isStudentOnline(st.id, s.userId)) this.studentLeft(st, s, reason, now);
        }
        this.pushProgressOf(st);
        return;
      }
    }
  }

  async addTime(actor: Actor, req: AddTimeRequest): Promise<SessionCommandResult> {
    const st = await this.asTeacher(actor, req.sessionId);
    return this.withLock(st, async () => {
      if (st.status !== 'active' && st.status !== 'paused') {
        throw new AppError(
          409,
          'SESSION_NOT_LIVE',
          `Time can only be added while the exam is active or paused; it is ${st.status}.`,
        );
      }
      const addedMs = req.minutes * 60_000;
      const target = req.studentId ? st.students.get(req.studentId) : undefined;
      if (req.studentId && !target) {
        throw new AppError(404, 'NOT_ENROLLED', 'That student is not enrolled in this session.');
      }
      const now = Date.now();
      await this.db.transaction(
        async (em) => {
          if (target) {
            await em.update(
              StudentSessionEntity,
              { id: target.id },
              { extraMs: target.extraMs + addedMs, updatedAt: now },
            );
          } else {
            await em.update(
              ExamSessionEntity,
              { id: st.id },
              { extraMs: st.extraMs + addedMs, updatedAt: now },
            );
          }
          await em.insert(
            SessionEventEntity,
            this.log_(st, 'exam_add_time', actor, {
              minutes: req.minutes,
              studentId: req.studentId ?? null,
            }),
          );
        },
        'lifecycle',
        true,
      );
      if (target) target.extraMs += addedMs;
      else {
        st.extraMs += addedMs;
        st.version = now;
      }
      const scope = target ? 'student' : 'session';
      const base = { sessionId: st.id, addedMs, scope, serverNow: now } as const;
      const affected = target ? [target] : [...st.students.values()];
      this.emitGrouped(st, SESSION_CONTROL_EVENTS.EXAM_ADD_TIME, affected, (s) => {
        const deadline = this.deadlineOf(st, s, now) ?? 0;
        return {
          key: String(deadline),
          data: (): ExamAddTimePayload => ({
            ...base,
            deadline,
            allowanceMs: allowanceMs(this.timing(st), this.studentTiming(s)),
            ...(target ? { studentId: target.userId } : {}),
          }),
        };
      });
      const teacher: ExamAddTimePayload = {
        ...base,
        deadline: this.deadlineOf(st, target ?? null, now) ?? 0,
        ...(target ? { studentId: target.userId } : {}),
      };
      this.emit(st, AUDIENCE_TEACHERS, SESSION_CONTROL_EVENTS.EXAM_ADD_TIME, teacher);
      this.syncTimer(st);
      return this.result(st, now);
    });
  }

  async broadcast(actor: Actor, req: BroadcastMessageRequest): Promise<number> {
    const st = await this.asTeacher(actor, req.sessionId);
    const unknown = (req.studentIds ?? []).filter((id) => !st.students.has(id));
    if (unknown.length > 0) {
      throw new AppError(404, 'NOT_ENROLLED', 'Some students are not enrolled in this session.', {
        studentIds: unknown,
      });
    }
    const data: BroadcastMessagePayload = {
      sessionId: st.id,
      message: req.message,
      level: req.level ?? 'info',
      fromUserId: actor.user.id,
      sentAt: Date.now(),
    };
    const audience: Audience = { kind: 'students', ids: req.studentIds };
    this.background.enqueue((em) =>
      em.insert(
        SessionEventEntity,
        this.log_(st, 'broadcast_message', actor, {
          message: req.message,
          level: data.level,
          studentIds: req.studentIds ?? null,
        }),
      ),
    );
    return this.emit(st, audience, LIVE_EVENTS.BROADCAST_MESSAGE, data);
  }

  /* ------------------------------------------------------------------ answers */

  /**
   * The one path for an answer (WebSocket and REST). Resolves with the reply to send; a
   * saved/autosaved reply exists only after COMMIT. Rejects (no ack) if the write failed.
   */
  async answer(actor: Actor, input: AnswerInput, final: boolean): Promise<AnswerAckPayload> {
    const { st, me } = await this.asStudent(actor, input.sessionId);
    const reply = (p: Omit<AnswerAckPayload, 'sessionId' | 'questionId' | 'key' | 'seq'>) => ({
      sessionId: st.id,
      questionId: input.questionId,
      key: input.key,
      seq: input.seq,
      ...p,
    });
    // A retry of an answer already taken gets the original reply (R3).
    const known = me.keys.get(input.key);
    if (known) return { ...(await known), sessionId: st.id };
    const type = st.questionTypes.get(input.questionId);
    if (!type) {
      throw AppError.badRequest('This question is not part of the exam.', [
        { field: 'questionId', problems: ['is not a question of this exam'] },
      ]);
    }
    const value: AnswerValue = parseAnswerValue(
      type,
      input.answer,
      this.cfg.get('WS_MAX_ANSWER_BYTES'),
    );
    const now = Date.now();
    const decision = decideAnswer({
      sessionStatus: st.status,
      attemptStatus: me.status,
      deadline: this.deadlineOf(st, me, now),
      graceMs: this.graceMs(st),
      now,
      storedSeq: me.acceptedSeq.get(input.questionId),
      seq: input.seq,
    });
    switch (decision.kind) {
      case 'stale':
        return reply({
          status: 'stale',
          currentSeq: decision.currentSeq,
          code: 'STALE',
          message: 'A newer answer to this question is already saved; this one was ignored.',
        });
      case 'late':
        return reply({ status: 'late', code: 'LATE', message: decision.message });
      case 'refuse':
        return reply({ status: 'error', code: decision.code, message: decision.message });
      case 'accept':
        break;
    }
    me.acceptedSeq.set(input.questionId, input.seq);
    const write = this.writer
      .write({
        academyId: st.academyId,
        examSessionId: st.id,
        studentSessionId: me.id,
        questionId: input.questionId,
        idempotencyKey: input.key,
        seq: input.seq,
        final,
        value,
      })
      .then((savedAt): AnswerAckPayload => {
        const saved: SavedAnswer = {
          questionId: input.questionId,
          answer: value,
          key: input.key,
          seq: input.seq,
          final,
          savedAt,
        };
        const cur = me.latest.get(input.questionId);
        if (!cur || cur.seq < saved.seq) me.latest.set(input.questionId, saved);
        const ack = this.ackOf(saved, st.id);
        me.keys.set(input.key, ack);
        me.currentQuestionId = input.questionId;
        me.lastActivityAt = savedAt;
        this.markDirty(st, me);
        return ack;
      })
      .catch((e: unknown) => {
        // Not committed: forget it so the client's retry is taken afresh.
        me.keys.delete(input.key);
        if (me.acceptedSeq.get(input.questionId) === input.seq) {
          const committed = me.latest.get(input.questionId)?.seq;
          if (committed === undefined) me.acceptedSeq.delete(input.questionId);
          else me.acceptedSeq.set(input.questionId, committed);
        }
        throw new AppError(
          503,
          'INTERNAL_ERROR',
          'Your answer could not be saved; send it again.',
          {
            cause: String(e),
          },
        );
      });
    me.keys.set(input.key, write);
    return write;
  }

  async questionViewed(actor: Actor, sessionId: string, questionId: string): Promise<void> {
    const { st, me } = await this.asStudent(actor, sessionId);
    if (!st.questionTypes.has(questionId)) {
      throw AppError.badRequest('This question is not part of the exam.', [
        { field: 'questionId', problems: ['is not a question of this exam'] },
      ]);
    }
    me.currentQuestionId = questionId;
    me.lastActivityAt = Date.now();
    this.markDirty(st, me);
  }

  /** Final submit of the student's attempt. */
  async submit(actor: Actor, sessionId: string): Promise<ExamSubmitPayload> {
    const { st, me } = await this.asStudent(actor, sessionId);
    if (me.status === 'completed') {
      return this.submitPayload(st, me);
    }
    if (st.status !== 'active' && st.status !== 'paused') {
      throw new AppError(
        409,
        'SESSION_NOT_LIVE',
        `The exam is ${st.status}; there is nothing to submit.`,
      );
    }
    // Answers this student sent before submitting are committed first.
    await this.writer.drain();
    await this.finalise(st, [me], Date.now(), actor, 'exam_submit');
    return this.submitPayload(st, me);
  }

  private submitPayload(st: LiveState, me: StudentState): ExamSubmitPayload {
    return {
      sessionId: st.id,
      status: 'completed',
      endReason: me.endReason === 'deadline' ? 'deadline' : 'submitted',
      completedAt: me.completedAt ?? Date.now(),
      answered: this.answeredCount(st, me),
      total: st.questions.length,
    };
  }

  /** Completes open attempts (submit, or their deadline plus grace passed). */
  private async finalise(
    st: LiveState,
    list: StudentState[],
    now: number,
    actor: Actor | null,
    type: 'exam_submit' | 'attempt_expired',
  ): Promise<void> {
    const open = list.filter((s) => s.status !== 'completed');
    if (open.length === 0) return;
    const cause = type === 'exam_submit' ? 'submitted' : 'deadline';
    const graded = await this.db.transaction(async (em) => {
      await em.update(
        StudentSessionEntity,
        { id: In(open.map((s) => s.id)), status: In(['enrolled', 'joined']) },
        { status: 'completed', completedAt: now, updatedAt: now },
      );
      await em.insert(
        SessionEventEntity,
        this.log_(st, type, actor, { studentIds: open.map((s) => s.userId) }),
      );
      // Graded in the transaction that finalises: a crash leaves both or neither.
      return this.gradeInTx(
        em,
        st,
        open.map((s) => s.id),
        cause,
        now,
      );
    });
    for (const s of open) {
      s.status = 'completed';
      s.completedAt = now;
      this.markDirty(st, s);
    }
    this.applyGraded(st, graded);
    this.emitGrouped(st, SESSION_EVENTS.EXAM_SUBMIT, open, (s) => ({
      key: s.userId,
      data: () => this.submitPayload(st, s),
    }));
    for (const s of open) {
      if (this.rooms.isStudentOnline(st.id, s.userId)) this.studentLeft(st, s, 'complete', now);
    }
  }

  /* ------------------------------------------------------------------ grading */

  /** Grades these attempts (ids of student sessions) from the committed answers in memory. */
  private async gradeInTx(
    em: EntityManager,
    st: LiveState,
    ids: readonly string[],
    cause: Exclude<AttemptEndReason, 'absent'>,
    now: number,
  ): Promise<Graded> {
    if (ids.length === 0) return new Map();
    const attempts = attemptsToGrade(st.students.values(), ids, cause, (s) =>
      this.timeSpent(st, s, now),
    );
    const ctx = await this.grader.context(em, st.id);
    return this.grader.grade(em, ctx, attempts, now);
  }

  /**
   * After the commit: memory follows the new scores at once (snapshots are right), and the
   * teachers hear attempt_graded in chunks after this turn: ending a 1,000-student session
   * must not hold its reply (and every answer ack) behind 1,000 frames.
   */
  private applyGraded(st: LiveState, graded: Graded): void {
    if (graded.size === 0) return;
    const byId = new Map([...st.students.values()].map((s) => [s.id, s]));
    const events: AttemptGradedPayload[] = [];
    for (const [id, g] of graded) {
      const s = byId.get(id);
      if (!s) continue;
      const { endReason, ...score } = g;
      s.score = score;
      s.endReason = endReason;
      events.push({
        sessionId: st.id,
        studentId: s.userId,
        studentSessionId: s.id,
        endReason,
        score,
      });
    }
    this.publisher.emitInChunks(st.id, AUDIENCE_GRADERS, RESULTS_EVENTS.ATTEMPT_GRADED, events);
  }

  /**
   * An attempt's score changed outside its end (see GradingNotifier): the cached state, if
   * any, follows. Returns the student's user id when the session is in memory.
   */
  noteScore(
    sessionId: string,
    studentSessionId: string,
    score: AttemptScore,
    endReason: AttemptEndReason | null,
  ): string | null {
    const st = this.states.get(sessionId);
    const s = st && [...st.students.values()].find((x) => x.id === studentSessionId);
    if (!s) return null;
    s.score = score;
    s.endReason = endReason;
    return s.userId;
  }

  /* ------------------------------------------------------------------ presence */

  private connectionStatus(st: LiveState, s: StudentState): ConnectionStatus {
    if (this.rooms.isStudentOnline(st.id, s.userId)) return 'connected';
    if (this.reconnecting.has(`${st.id}|${s.userId}`)) return 'reconnecting';
    return s.joinedAt === null ? 'not_joined' : 'disconnected';
  }

  /** Ends a student's reconnect grace (rejoined, left or completed); true if one was running. */
  private endGrace(sessionId: string, userId: string): boolean {
    const key = `${sessionId}|${userId}`;
    const t = this.reconnecting.get(key);
    if (!t) return false;
    clearTimeout(t);
    this.reconnecting.delete(key);
    return true;
  }

  /** A student's socket entered the room. Returns whether it was their first socket. */
  async studentArrives(
    actor: Actor,
    sessionId: string,
  ): Promise<{ st: LiveState; me: StudentState }> {
    const { st, me } = await this.asStudent(actor, sessionId);
    if (st.closingAt !== null && me.joinedAt === null && st.status === 'active') {
      throw new AppError(
        409,
        'SESSION_NOT_LIVE',
        'Your teacher is ending this exam, so it no longer takes new students. Ask your teacher.',
      );
    }
    if (
      (st.status === 'active' || st.status === 'paused') &&
      me.joinedAt === null &&
      !st.config.allowLateJoin
    ) {
      throw new AppError(
        409,
        'SESSION_NOT_LIVE',
        'This exam has started and late joining is not allowed.',
      );
    }
    return { st, me };
  }

  /** Called once the socket is in the room. */
  studentJoined(actor: Actor, st: LiveState, me: StudentState, firstSocket: boolean): void {
    const now = Date.now();
    me.lastActivityAt = now;
    const firstEver = me.joinedAt === null;
    if (me.joinedAt === null) {
      me.joinedAt = now;
      if (me.status === 'enrolled') me.status = 'joined';
      this.background.updateRow(
        'student_sessions',
        'id',
        ['joined_at', 'status', 'updated_at'],
        [me.id, now, me.status, now],
      );
    }
    if (!firstSocket) return;
    const droppedAt = this.droppedAt.get(`${st.id}|${me.userId}`);
    this.droppedAt.delete(`${st.id}|${me.userId}`);
    this.endGrace(st.id, me.userId);
    // The activity feed tells a first arrival from a return after a dropped connection.
    this.logLater(st, 'student_joined', actor, {
      rejoin: !firstEver,
      offlineMs: droppedAt === undefined ? null : now - droppedAt,
    });
    const data: StudentJoinedPayload = {
      sessionId: st.id,
      studentId: me.userId,
      displayName: me.displayName,
      joinedAt: me.joinedAt,
      connectionStatus: 'connected',
      rejoin: !firstEver,
      offlineMs: droppedAt === undefined ? null : now - droppedAt,
    };
    this.emit(st, AUDIENCE_TEACHERS, STUDENT_EVENTS.STUDENT_JOINED, data);
    this.markDirty(st, me);
  }

  /**
   * A student's last socket left the room. session_leave: disconnected at once. A close
   * (network drop, refresh, server-side close): 'reconnecting' at once, pushed to teachers as
   * student_progress; if no socket of theirs rejoins within RECONNECT_GRACE_MS, student_left
   * and 'disconnected'. Presence is advisory (R11): nothing else depends on it.
   */
  studentDisconnected(
    sessionId: string,
    userId: string,
    actor: Actor | null,
    closed = false,
  ): void {
    const st = this.states.get(sessionId);
    const me = st?.students.get(userId);
    if (!st || !me) return;
    this.endGrace(sessionId, userId);
    if (this.finalized) {
      // Shutting down: no grace, no pushes; the final presence is written now.
      st.dirtyPersist.add(me.userId);
      this.persistProgress();
      return;
    }
    if (me.status === 'completed') return;
    const graceMs = this.cfg.get('RECONNECT_GRACE_MS');
    if (closed && graceMs > 0) {
      const t = setTimeout(() => this.graceEnded(sessionId, userId), graceMs);
      t.unref();
      this.reconnecting.set(`${sessionId}|${userId}`, t);
      this.droppedAt.set(`${sessionId}|${userId}`, Date.now());
      this.logLater(st, 'student_disconnected', actor, { studentIds: [userId] });
      this.emit(
        st,
        AUDIENCE_TEACHERS,
        STUDENT_EVENTS.STUDENT_PROGRESS,
        this.progressOf(st, me, Date.now()),
      );
      st.dirtyPersist.add(me.userId);
      return;
    }
    this.droppedAt.set(`${sessionId}|${userId}`, Date.now());
    this.logLater(st, 'student_left', actor, {
      reason: closed ? 'disconnect' : 'left',
      studentIds: [userId],
    });
    this.studentLeft(st, me, closed ? 'disconnect' : 'left', Date.now());
  }

  /** The reconnect grace ran out without a rejoin: the student is disconnected. */
  private graceEnded(sessionId: string, userId: string): void {
    const key = `${sessionId}|${userId}`;
    if (!this.reconnecting.has(key)) return;
    this.reconnecting.delete(key);
    const st = this.states.get(sessionId);
    const me = st?.students.get(userId);
    if (!st || !me || this.rooms.isStudentOnline(sessionId, userId)) return;
    if (me.status === 'completed') {
      this.markDirty(st, me);
      return;
    }
    this.logLater(st, 'student_left', null, { reason: 'disconnect', studentIds: [userId] });
    this.studentLeft(st, me, 'disconnect', Date.now());
  }

  private studentLeft(
    st: LiveState,
    s: StudentState,
    reason: StudentLeftReason,
    now: number,
  ): void {
    const data: StudentLeftPayload = { sessionId: st.id, studentId: s.userId, reason, at: now };
    this.emit(st, AUDIENCE_TEACHERS, STUDENT_EVENTS.STUDENT_LEFT, data);
    this.markDirty(st, s);
  }

  /** Loads a session for a teacher's join (authorisation included). */
  async teacherArrives(actor: Actor, sessionId: string): Promise<LiveState> {
    return this.asTeacher(actor, sessionId);
  }

  /* ------------------------------------------------------------------ rooms */

  /**
   * A socket joins a session's room: one of its staff (teacher, co-teacher, invigilator, or
   * an admin of the academy) or an enrolled student. With lastSeq it resumes: exactly the missed events addressed to this
   * client, then `session_resumed`; when the buffer no longer holds them (or on a first
   * join) a full snapshot flagged isSnapshot. Everything after the awaits is synchronous,
   * so no event can fall between the snapshot/replay and the socket entering the room.
   */
  async join(client: WsClient, actor: Actor, sessionId: string, lastSeq?: number): Promise<void> {
    const teacher = actor.user.role !== 'student';
    let st: LiveState;
    let me: StudentState | undefined;
    let scores = false;
    if (teacher) {
      st = await this.teacherArrives(actor, sessionId);
      scores = await this.seesScores(actor, st);
    } else ({ st, me } = await this.studentArrives(actor, sessionId));
    if (client.readyState !== 1) return;
    const already = client.ctx.sessions.has(st.id);
    if (already) this.rooms.leave(client, st.id);
    const current = this.seq.current(st.id);
    const who: Recipient = me
      ? { role: 'student', userId: me.userId }
      : { role: scores ? 'teacher' : 'invigilator' };
    const missed =
      lastSeq === undefined ? null : this.rooms.missedSince(st.id, lastSeq, current, who);
    if (missed) {
      for (const e of missed) this.rooms.sendTo(client, e.frame);
      const data: SessionResumedPayload = {
        sessionId: st.id,
        fromSeq: lastSeq ?? 0,
        toSeq: current,
        replayed: missed.length,
      };
      this.rooms.sendTo(client, frame(SESSION_EVENTS.SESSION_RESUMED, data, { sessionId: st.id }));
    } else {
      const snapshot = me ? this.studentSnapshot(st, me) : this.teacherSnapshot(st, scores);
      const data: SessionSnapshotPayload = { snapshot, isSnapshot: true };
      this.rooms.sendTo(
        client,
        frame(SESSION_EVENTS.SESSION_SNAPSHOT, data, { seq: current, sessionId: st.id }),
      );
    }
    const firstSocket = !!me && !already && !this.rooms.isStudentOnline(st.id, me.userId);
    this.rooms.join(client, st.id, who.role);
    if (me) this.studentJoined(actor, st, me, firstSocket);
  }

  /** The socket leaves the room (session_leave, or `closed`: the socket closed). */
  leave(client: WsClient, sessionId: string, actor: Actor | null, closed = false): void {
    const r = this.rooms.leave(client, sessionId);
    if (r.wasStudent && r.lastSocket && client.ctx.user) {
      this.studentDisconnected(sessionId, client.ctx.user.id, actor, closed);
    }
  }

  /* ------------------------------------------------------------------ progress */

  private markDirty(st: LiveState, s: StudentState): void {
    st.dirtyPush.add(s.userId);
    st.dirtyPersist.add(s.userId);
  }

  private progressOf(st: LiveState, s: StudentState, now: number): StudentProgressPayload {
    const total = st.questions.length;
    const answered = this.answeredCount(st, s);
    return {
      sessionId: st.id,
      studentId: s.userId,
      status: s.status,
      currentQuestionId: s.currentQuestionId,
      answered,
      total,
      progress: total === 0 ? 0 : Math.round((answered / total) * 1000) / 10,
      timeSpentMs: this.timeSpent(st, s, now),
      connectionStatus: this.connectionStatus(st, s),
      lastActivityAt: s.lastActivityAt,
      endReason: s.endReason,
    };
  }

  /** Questions answered completely (a matching question only with every prompt matched). */
  private answeredCount(st: LiveState, s: StudentState): number {
    let n = 0;
    for (const [qid, a] of s.latest) {
      const q = st.answerable.get(qid);
      if (q && isCompleteAnswer(q, a.answer)) n++;
    }
    return n;
  }

  private timeSpent(st: LiveState, s: StudentState, now: number): number {
    if (s.joinedAt === null || st.launchedAt === null) return 0;
    const end = Math.min(s.completedAt ?? now, st.endedAt ?? now);
    const sinceLaunch = elapsedAt(this.timing(st), end);
    const beforeJoin = Math.max(0, s.joinedAt - st.launchedAt);
    return Math.max(0, sinceLaunch - beforeJoin);
  }

  /**
   * Timer: each teacher gets the dirty students' progress. Sent PROGRESS_PUSH_CHUNK students
   * per event-loop turn: 1,000 progress frames in one go held the loop (and every answer ack
   * behind it) for ~25 ms, measured as event-loop lag spikes every 250 ms.
   */
  private pushProgress(): void {
    for (const st of this.states.values()) {
      const step = () => {
        if (this.pushProgressOf(st, PROGRESS_PUSH_CHUNK)) setImmediate(step);
      };
      step();
    }
  }

  /** Pushes up to `limit` dirty students (then the stats); returns true if some remain. */
  private pushProgressOf(st: LiveState, limit = Infinity): boolean {
    if (st.dirtyPush.size === 0) return false;
    const now = Date.now();
    let n = 0;
    for (const uid of st.dirtyPush) {
      if (n++ >= limit) return true;
      st.dirtyPush.delete(uid);
      const s = st.students.get(uid);
      if (s)
        this.emit(
          st,
          AUDIENCE_TEACHERS,
          STUDENT_EVENTS.STUDENT_PROGRESS,
          this.progressOf(st, s, now),
        );
    }
    const stats = this.stats(st, now);
    const key = JSON.stringify(stats) + st.status;
    if (key !== st.lastStats) {
      st.lastStats = key;
      const data: LiveUpdatePayload = { sessionId: st.id, kind: 'stats', status: st.status, stats };
      this.emit(st, AUDIENCE_TEACHERS, LIVE_EVENTS.LIVE_UPDATE, data);
    }
    return false;
  }

  private persistProgress(): void {
    const now = Date.now();
    for (const st of this.states.values()) {
      if (st.dirtyPersist.size === 0) continue;
      const rows = [...st.dirtyPersist]
        .map((uid) => st.students.get(uid))
        .filter((s): s is StudentState => !!s)
        .map((s) => {
          const p = this.progressOf(st, s, now);
          return {
            id: s.id,
            set: {
              progress: p.progress,
              answeredCount: p.answered,
              currentQuestionId: p.currentQuestionId,
              timeSpentMs: p.timeSpentMs,
              connectionStatus: p.connectionStatus,
              lastActivityAt: p.lastActivityAt,
              updatedAt: now,
            },
          };
        });
      st.dirtyPersist.clear();
      for (const r of rows) {
        const v = r.set;
        this.background.updateRow('student_sessions', 'id', PROGRESS_COLUMNS, [
          r.id,
          v.progress,
          v.answeredCount,
          v.currentQuestionId,
          v.timeSpentMs,
          v.connectionStatus,
          v.lastActivityAt,
          v.updatedAt,
        ]);
      }
    }
  }

  private stats(st: LiveState, now: number): ExamSessionStats {
    let connected = 0;
    let completed = 0;
    let progress = 0;
    const total = st.questions.length;
    for (const s of st.students.values()) {
      if (this.rooms.isStudentOnline(st.id, s.userId)) connected++;
      if (s.status === 'completed') completed++;
      progress += total === 0 ? 0 : (this.answeredCount(st, s) / total) * 100;
    }
    const n = st.students.size;
    return {
      enrolled: n,
      connected,
      completed,
      averageProgress: n === 0 ? 0 : Math.round((progress / n) * 10) / 10,
      minutesElapsed: Math.floor(elapsedAt(this.timing(st), now) / 60_000),
    };
  }

  /* ------------------------------------------------------------------ snapshots */

  /** The current seq of a session (its snapshot is exact at this number). */
  currentSeq(sessionId: string): number {
    return this.seq.current(sessionId);
  }

  /** Whether this staff member sees scores (invigilators do not; session-access.ts). */
  private async seesScores(actor: Actor, st: LiveState): Promise<boolean> {
    return mayDo(await this.staff.accessTo(actor.user, st), 'results');
  }

  /** The teacher's view; without `scores` (invigilators) every score is left out. */
  teacherSnapshot(st: LiveState, scores = true): TeacherSnapshot {
    const now = Date.now();
    const roster: LiveRosterEntry[] = [...st.students.values()].map((s) => {
      const p = this.progressOf(st, s, now);
      return {
        studentId: s.userId,
        studentSessionId: s.id,
        displayName: s.displayName,
        status: s.status,
        connectionStatus: p.connectionStatus,
        answered: p.answered,
        total: p.total,
        progress: p.progress,
        currentQuestionId: s.currentQuestionId,
        timeSpentMs: p.timeSpentMs,
        joinedAt: s.joinedAt,
        completedAt: s.completedAt,
        lastActivityAt: s.lastActivityAt,
        deadline: this.deadlineOf(st, s, now),
        extraMs: s.extraMs,
        extraTimePercent: s.extraTimePercent,
        allowanceMs: allowanceMs(this.timing(st), this.studentTiming(s)),
        score: scores ? s.score : null,
        endReason: s.endReason,
      };
    });
    return {
      ...this.snapshotBase(st, now),
      role: 'teacher',
      deadline: this.deadlineOf(st, null, now),
      totalPausedMs: st.totalPausedMs,
      extraMs: st.extraMs,
      stats: this.stats(st, now),
      roster,
    };
  }

  studentSnapshot(st: LiveState, me: StudentState): StudentSnapshot {
    const now = Date.now();
    const launched = st.launchedAt !== null;
    return {
      ...this.snapshotBase(st, now),
      role: 'student',
      deadline: this.deadlineOf(st, me, now),
      remainingMs: remainingAt(this.timing(st), this.studentTiming(me), now),
      attemptStatus: me.status,
      completedAt: me.completedAt,
      endReason: me.endReason,
      allowanceMs: allowanceMs(this.timing(st), this.studentTiming(me)),
      currentQuestionId: me.currentQuestionId,
      questions: launched ? toStudentViews(st.questions, me.optionOrder) : [],
      answers: [...me.latest.values()],
    };
  }

  private snapshotBase(st: LiveState, now: number) {
    return {
      sessionId: st.id,
      title: st.title,
      status: st.status,
      durationMinutes: st.durationMinutes,
      config: st.config,
      launchedAt: st.launchedAt,
      pausedAt: st.pausedAt,
      endedAt: st.endedAt,
      closingAt: st.closingAt,
      scheduledStartAt: st.scheduledStartAt,
      serverNow: now,
      questionCount: st.questions.length,
      lastSeq: this.seq.current(st.id),
    };
  }

  /** REST snapshot: the caller's view (teacher roster or the student's own attempt). */
  async snapshotFor(actor: Actor, sessionId: string): Promise<TeacherSnapshot | StudentSnapshot> {
    if (actor.user.role === 'student') {
      const { st, me } = await this.asStudent(actor, sessionId);
      return this.studentSnapshot(st, me);
    }
    const st = await this.asTeacher(actor, sessionId);
    return this.teacherSnapshot(st, await this.seesScores(actor, st));
  }

  /**
   * REST mirror of a resume: the buffered events after `afterSeq` addressed to the caller
   * (a student: to them or to all students; teachers/admins: teacher events). When the
   * buffer no longer holds everything after it, snapshotRequired (fetch the snapshot).
   */
  async eventsFor(
    actor: Actor,
    sessionId: string,
    afterSeq: number,
  ): Promise<SessionEventsResponse> {
    let who: Recipient;
    let id: string;
    if (actor.user.role === 'student') {
      const { st, me } = await this.asStudent(actor, sessionId);
      who = { role: 'student', userId: me.userId };
      id = st.id;
    } else {
      const st = await this.asTeacher(actor, sessionId);
      id = st.id;
      who = { role: (await this.seesScores(actor, st)) ? 'teacher' : 'invigilator' };
    }
    const current = this.seq.current(id);
    if (afterSeq > current) return { events: [], snapshotRequired: true };
    const missed = this.rooms.missedSince(id, afterSeq, current, who);
    if (!missed) return { events: [], snapshotRequired: true };
    return {
      events: missed.map((e) => JSON.parse(e.frame) as ServerFrame),
      snapshotRequired: false,
    };
  }

  /* ------------------------------------------------------------------ the clock */

  private syncTimer(st: LiveState): void {
    const live = st.status === 'active' || st.status === 'paused';
    if (live && !st.timer) {
      st.timer = setInterval(() => void this.tick(st), TICK_MS);
      st.timer.unref();
    } else if (!live && st.timer) {
      clearInterval(st.timer);
      st.timer = undefined;
    }
  }

  /** Warnings, per-student expiry and the automatic end. Never overlaps itself. */
  private async tick(st: LiveState): Promise<void> {
    if (st.ticking || this.states.get(st.id) !== st) return;
    if (st.status !== 'active' && st.status !== 'paused') return;
    st.ticking = true;
    try {
      const now = Date.now();
      const grace = this.graceMs(st);
      const finishAt = autoFinishAt(
        this.timing(st),
        [...st.students.values()].map((s) => this.studentTiming(s)),
        grace,
        now,
      );
      if (finishAt !== null && now >= finishAt) {
        await this.withLock(st, async () => {
          if (st.status === 'active' || st.status === 'paused')
            await this.apply(st, 'expire', null);
        });
        return;
      }
      // Letting everyone finish: once nobody is working any more, the session completes
      // (each student still working is ended at their own deadline below, as 'deadline').
      if (
        st.closingAt !== null &&
        st.status === 'active' &&
        this.workingStudents(st).length === 0
      ) {
        await this.withLock(st, async () => {
          if (st.status === 'active' && this.workingStudents(st).length === 0)
            await this.apply(st, 'complete', null, 'everyone finished their own time');
        });
        return;
      }
      if (st.status !== 'active') return;
      const expired: StudentState[] = [];
      const warn = new Map<
        string,
        { minute: number; marked: number[]; deadline: number; ids: string[] }
      >();
      const minutes = st.config.timeWarningMinutes;
      for (const s of st.students.values()) {
        if (s.status === 'completed') continue;
        const deadline = this.deadlineOf(st, s, now) ?? 0;
        if (now > deadline + grace) {
          expired.push(s);
          continue;
        }
        const allowance = allowanceMs(this.timing(st), this.studentTiming(s));
        // Warnings that were already due at launch (e.g. 10 min in a 5 min exam) are skipped.
        const applicable = minutes.filter((m) => m * 60_000 < allowance);
        const sent = st.warningsSent.get(s.userId) ?? new Set<number>();
        const due = dueWarning(deadline - now, applicable, sent);
        if (due.send === null) continue;
        for (const m of due.markSent) sent.add(m);
        st.warningsSent.set(s.userId, sent);
        const k = `${due.send}|${due.markSent.join(',')}|${deadline}`;
        const g = warn.get(k) ?? {
          minute: due.send,
          marked: due.markSent,
          deadline,
          ids: [],
        };
        g.ids.push(s.userId);
        warn.set(k, g);
      }
      if (warn.size > 0) {
        const groups = [...warn.values()];
        await this.db.transaction(async (em) => {
          for (const g of groups) {
            await em.insert(
              SessionEventEntity,
              this.log_(st, 'time_warning', null, {
                minutes: g.minute,
                marked: g.marked,
                studentIds: g.ids,
              }),
            );
          }
        });
        for (const g of groups) {
          const data: TimeWarningPayload = {
            sessionId: st.id,
            minutesRemaining: g.minute,
            urgent: isUrgentWarning(g.minute, minutes),
            deadline: g.deadline,
            serverNow: now,
          };
          this.emit(st, { kind: 'students', ids: g.ids }, LIVE_EVENTS.TIME_WARNING, data);
        }
      }
      if (expired.length > 0) {
        await this.writer.drain();
        await this.finalise(st, expired, now, null, 'attempt_expired');
      }
    } catch (e) {
      this.log.error({ msg: 'session tick failed', sessionId: st.id, err: String(e) });
    } finally {
      st.ticking = false;
    }
  }

  /** For tests and metrics. */
  answerEventName(final: boolean): string {
    return final ? LIVE_ANSWER_EVENTS.ANSWER_SUBMITTED : LIVE_ANSWER_EVENTS.ANSWER_AUTOSAVED;
  }
}

function answerableOf(q: PublicQuestion): AnswerableQuestion {
  const left = (q.body as { left?: Array<{ id: string }> }).left;
  return q.type === 'matching' && Array.isArray(left) ? { type: q.type, left } : { type: q.type };
}
