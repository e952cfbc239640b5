/**
 * Lifecycle commands of a live session (prepare, launch, pause, resume, complete,
 * terminate, and the clock's expire): ask the pure state machine (domain/session-lifecycle)
 * for a decision, commit the new timing facts and a session_events row in one transaction,
 * then memory follows and the room is told (LifecycleAnnouncer). Commands of one session
 * run one at a time (withLock). Also "let everyone finish their own time" and the
 * scheduled launch, which end in the same apply().
 */
import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { LIVE_EVENTS, type ExamClosingPayload, type SessionCommandResult } from '@exam/contracts';
import { AppError } from '../../common/app-error';
import { AUDIENCE_ALL } from '../../realtime/realtime-bus';
import { AnswerWriter } from '../answer-writer';
import { BackgroundWriter } from '../background-writer';
import { closingEndsBy } from '../domain/deadline';
import { decide, type LifecycleFacts, type SessionCommand } from '../domain/session-lifecycle';
import { ExamSessionEntity } from '../entities/exam-session.entity';
import { SessionEventEntity } from '../entities/session-event.entity';
import { StudentSessionEntity } from '../entities/student-session.entity';
import { LiveWriteDb } from '../live-write-db.service';
import { LifecycleAnnouncer } from './lifecycle-announcer';
import { LiveAccess } from './live-access';
import { LiveEmitter } from './live-emitter';
import {
  commandResult,
  graceMs,
  studentTiming,
  timing,
  withLock,
  workingStudents,
  type Actor,
  type Graded,
  type LiveState,
  StaleSessionState,
} from './live-state';
import { SessionClock } from './session-clock';
import { SessionGrading } from './session-grading';
import { SessionLog } from './session-log';
import { SessionStore } from './session-store';

@Injectable()
export class LifecycleCommands {
  constructor(
    private readonly store: SessionStore,
    private readonly access: LiveAccess,
    private readonly db: LiveWriteDb,
    private readonly writer: AnswerWriter,
    private readonly background: BackgroundWriter,
    private readonly emitter: LiveEmitter,
    private readonly events: SessionLog,
    private readonly grading: SessionGrading,
    private readonly announcer: LifecycleAnnouncer,
    private readonly clock: SessionClock,
  ) {}

  async command(
    actor: Actor,
    sessionId: string,
    command: Exclude<SessionCommand, 'expire'>,
    reason?: string,
  ): Promise<SessionCommandResult> {
    const st = await this.access.asTeacher(actor, sessionId);
    try {
      return await withLock(st, () => this.apply(st, command, actor, reason));
    } catch (e) {
      if (!(e instanceof StaleSessionState)) throw e;
      // Another instance changed the session first: decide again on the stored facts.
      const fresh = (await this.store.refresh(sessionId)) ?? st;
      return withLock(fresh, () => this.apply(fresh, command, actor, reason));
    }
  }

  /**
   * Launches a scheduled session whose teacher chose "launch by itself" (ScheduledLaunches):
   * the clock starts for the students in the lobby exactly as when the teacher launches.
   * Returns false when it was no longer due (launched, changed or deleted meanwhile).
   */
  async launchScheduled(sessionId: string, now = Date.now()): Promise<boolean> {
    const st = await this.store.state(sessionId);
    if (!st) return false;
    return withLock(st, async () => {
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
    const st = await this.access.asTeacher(actor, sessionId);
    const result = await withLock(st, async () => {
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
            this.events.entry(st, 'exam_closing', actor, { reason: reason ?? null }),
          );
        }, 'lifecycle');
        st.closingAt = now;
        st.version = now;
        this.emitter.emit(st, AUDIENCE_ALL, LIVE_EVENTS.EXAM_CLOSING, this.closingPayload(st, now));
      }
      return commandResult(st, now);
    });
    // Nobody working: it ends now.
    await this.clock.tick(st);
    return result;
  }

  private closingPayload(st: LiveState, now: number): ExamClosingPayload {
    const working = workingStudents(st);
    return {
      sessionId: st.id,
      closingAt: st.closingAt ?? now,
      working: working.length,
      endsBy: closingEndsBy(
        timing(st),
        working.map((s) => studentTiming(s)),
        graceMs(st),
        now,
      ),
      serverNow: now,
    };
  }

  /**
   * Carries out one command; the caller holds the session's lock. `fence` runs first in the
   * transaction (the clock's lease check, several instances). The session row changes only
   * if its status is still the one this decision started from: with several instances the
   * database, not this memory, decides which of two racing commands happened first; the
   * loser's state is reloaded and its command decided again once (see command()).
   */
  async apply(
    st: LiveState,
    command: SessionCommand,
    actor: Actor | null,
    reason?: string,
    fence?: (em: EntityManager) => Promise<void>,
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
        await fence?.(em);
        const changed = await em.update(
          ExamSessionEntity,
          { id: st.id, status: facts.status },
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
        if (changed.affected === 0) throw new StaleSessionState(st.id);
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
          graded = await this.grading.gradeInTx(
            em,
            st,
            open.map((r) => r.id),
            cause,
            now,
          );
        }
        await em.insert(
          SessionEventEntity,
          this.events.entry(st, `exam_${command}`, actor, {
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
    this.grading.applyGraded(st, graded);
    this.announcer.announce(st, d.event, now, openBefore);
    this.clock.sync(st);
    return commandResult(st, now);
  }
}
