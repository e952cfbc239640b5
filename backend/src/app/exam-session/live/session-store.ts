/**
 * Live sessions' state in memory: loaded from the database on first use, kept while in
 * use, checked again while a session is still being prepared, and dropped some minutes
 * after a session ended (sweepEnded). Memory holds a session's state while it is in use; it
 * is rebuilt from the database after a restart. The other units change a state only after
 * their write commits.
 */
import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { INTEGRITY_SIGNAL_KINDS, type ExamSessionConfig } from '@exam/contracts';
import { UserEntity } from '../../auth/entities/user.entity';
import { AppConfigService } from '../../config/app-config';
import { ExamEntity } from '../../exams/entities/exam.entity';
import { QuestionEntity } from '../../exams/entities/question.entity';
import { ExamTextEntity } from '../../exams/entities/exam-text.entity';
import { studentTexts } from '../../exams/domain/exam-texts';
import { planOrder, type PublicQuestion } from '../../exams/domain/student-view';
import { attemptScore } from '../../grading/attempt-score';
import { SessionRooms } from '../../realtime/session-rooms.service';
import { BackgroundWriter } from '../background-writer';
import { AnswerEntity } from '../entities/answer.entity';
import { ExamSessionEntity } from '../entities/exam-session.entity';
import { SessionEventEntity } from '../entities/session-event.entity';
import { StudentSessionEntity } from '../entities/student-session.entity';
import { LiveWriteDb } from '../live-write-db.service';
import { SessionSeq } from '../session-seq.service';
import { loadIntegrity } from './integrity-load';
import { answerableOf, applyAnswerRows, type LiveState, type StudentState } from './live-state';
import { PresenceRegistry } from './presence-registry';
import { SessionClock } from './session-clock';

/** A finished session leaves memory this long after its last use (see sweepEnded). */
const ENDED_STATE_TTL_MS = 10 * 60_000;
const SWEEP_MS = 60_000;
/**
 * A preparing session may change over REST (title, duration, settings, roster): after this
 * long its cached state is checked against exam_sessions.updated_at (one indexed read) and
 * reloaded only when that moved. Reloading unconditionally put a full roster read (~30 ms at
 * 1,000 students) on the path of the launch.
 */
const PREPARING_TTL_MS = 2_000;

@Injectable()
export class SessionStore {
  private readonly states = new Map<string, LiveState>();
  private readonly loading = new Map<string, Promise<LiveState | null>>();
  private sweepTimer?: NodeJS.Timeout;

  constructor(
    private readonly db: LiveWriteDb,
    private readonly seq: SessionSeq,
    private readonly background: BackgroundWriter,
    private readonly cfg: AppConfigService,
    private readonly rooms: SessionRooms,
    private readonly clock: SessionClock,
    private readonly presence: PresenceRegistry,
  ) {}

  startSweeping(): void {
    this.sweepTimer = setInterval(() => this.sweepEnded(Date.now()), SWEEP_MS);
    this.sweepTimer.unref();
  }

  stopSweeping(): void {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
  }

  /**
   * The session's live state when it is in memory and needs no reload: what state() would
   * resolve with at once, without a trip through the microtask queue (the answer path).
   */
  ready(sessionId: string): LiveState | undefined {
    const cached = this.states.get(sessionId);
    if (!cached) return undefined;
    const now = Date.now();
    cached.usedAt = now;
    if (cached.mustReload) return undefined;
    if (cached.status === 'preparing' && now - cached.loadedAt >= PREPARING_TTL_MS)
      return undefined;
    return cached;
  }

  /** The session's live state, loaded from the database on first use. */
  async state(sessionId: string): Promise<LiveState | null> {
    const ready = this.ready(sessionId);
    if (ready) return ready;
    const cached = this.states.get(sessionId);
    let p = this.loading.get(sessionId);
    if (!p) {
      const run = cached?.mustReload
        ? this.load(sessionId, cached)
        : this.revalidate(sessionId, cached);
      p = run.finally(() => this.loading.delete(sessionId));
      this.loading.set(sessionId, p);
    }
    return p;
  }

  /**
   * Several instances: another instance changed this session (a lifecycle command, added
   * time, a submit, an edit). A state in memory is marked at once, so nothing built after
   * this moment (a snapshot, an answer's decision) uses the old facts, and reloaded now
   * (answers already in memory are kept: they only grow).
   */
  async refresh(sessionId: string): Promise<LiveState | null> {
    const cached = this.states.get(sessionId);
    if (!cached) return null;
    cached.mustReload = true;
    return this.state(sessionId);
  }

  /** The state in memory, if any (never loads). */
  cached(sessionId: string): LiveState | undefined {
    return this.states.get(sessionId);
  }

  /** Every state in memory. */
  all(): IterableIterator<LiveState> {
    return this.states.values();
  }

  /** Sessions whose state is in memory (tests, metrics). */
  cachedSessions(): string[] {
    return [...this.states.keys()];
  }

  /** Ids of the sessions that are live in the database (their clocks run after a restart). */
  async liveSessionIds(): Promise<string[]> {
    const live = await this.db.reader.find(ExamSessionEntity, {
      where: { status: In(['active', 'paused']) },
      select: { id: true },
    });
    return live.map((s) => s.id);
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

  /** Drops the cached state at once (its clock stops); the next use loads it again. */
  drop(sessionId: string): void {
    const old = this.states.get(sessionId);
    if (old) this.clock.stop(old);
    this.states.delete(sessionId);
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
      this.clock.stop(st);
      this.states.delete(id);
      this.rooms.close(id);
      this.presence.forgetSession(id);
      n++;
    }
    return n;
  }

  private async load(sessionId: string, previous?: LiveState): Promise<LiveState | null> {
    const r = this.db.reader;
    const s = await r.findOneBy(ExamSessionEntity, { id: sessionId });
    if (!s) return null;
    await this.seq.ensure(sessionId);
    const [exam, questions, texts, attempts, warnings] = await Promise.all([
      r.findOneBy(ExamEntity, { id: s.examId }),
      r.find(QuestionEntity, { where: { examId: s.examId }, order: { position: 'ASC' } }),
      r.find(ExamTextEntity, { where: { examId: s.examId }, order: { position: 'ASC' } }),
      r.find(StudentSessionEntity, { where: { examSessionId: sessionId } }),
      r.find(SessionEventEntity, { where: { examSessionId: sessionId, type: 'time_warning' } }),
    ]);
    const integrity = await loadIntegrity(this.db, sessionId);
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
        // Every optional field too: one hidden class for every student (see LiveState below).
        answeredMemo: prev?.answeredMemo,
        acceptedSeq: prev?.acceptedSeq ?? new Map(),
        keys: prev?.keys ?? new Map(),
        keysForgotten: prev?.keysForgotten ?? false,
        answersLoaded: prev?.answersLoaded ?? false,
        score: attemptScore(a),
        endReason: a.endReason,
        signals: prev?.signals ?? integrity.summaries.get(a.studentId),
        ips: prev?.ips ?? integrity.ips.get(a.studentId),
        remote: prev?.remote,
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
      texts: studentTexts(
        texts,
        publicQuestions.map((q) => q.id),
      ),
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
      // Fields set later are present from the start: a field added to a live state changed
      // its hidden class and threw away the optimised code of every function reading it.
      ticking: false,
      lastStats: undefined,
      statsDue: false,
      statsAt: 0,
      mustReload: false,
    };
    await this.loadAllAnswers(sessionId, students.values());
    this.states.set(sessionId, st);
    this.clock.sync(st);
    return st;
  }

  private resolveConfig(c: Partial<ExamSessionConfig> | null | undefined): ExamSessionConfig {
    return {
      timeWarningMinutes: c?.timeWarningMinutes ?? this.cfg.get('TIME_WARNING_MINUTES'),
      gracePeriodSeconds: c?.gracePeriodSeconds ?? this.cfg.get('GRACE_PERIOD_SECONDS'),
      allowLateJoin: c?.allowLateJoin ?? true,
      autoLaunch: c?.autoLaunch ?? false,
      integritySignals: c?.integritySignals ?? [...INTEGRITY_SIGNAL_KINDS],
      fullscreen: c?.fullscreen ?? false,
      calculator: c?.calculator ?? false,
    };
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
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    applyAnswerRows(rows, pending);
    for (const s of pending.values()) s.answersLoaded = true;
  }
}
