/**
 * The clock of live sessions (R6-R8): deadlines are computed from stored facts
 * (domain/deadline); a 1 s tick per live session sends due time warnings once each,
 * finalises attempts whose deadline plus grace passed, and ends the session by itself.
 * Timers are rebuilt on start (the coordinator ticks every live session once).
 *
 * sync() and tick() are the only places a session's clock starts or runs, and so the only
 * places that ask which instance runs it (SessionOwnership: always this one in a single
 * process; the holder of the session's lease with several instances). Every write a tick
 * makes checks the lease in its own transaction (the fence), so a former owner that lost
 * its lease cannot send a warning or end an attempt a second time.
 *
 * What the tick decides is carried out through a ClockPort (the lifecycle's apply, the
 * answers' finalise), wired by LiveSessionService: the lifecycle depends on the clock (it
 * syncs it after each command), so the clock must not depend on the lifecycle.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LIVE_EVENTS, type TimeWarningPayload } from '@exam/contracts';
import {
  LeaseLostError,
  SESSION_OWNERSHIP,
  type SessionOwnership,
} from '../../cluster/session-ownership';
import { AnswerWriter } from '../answer-writer';
import {
  allowanceMs,
  autoFinishAt,
  deadlineAt,
  dueWarning,
  isUrgentWarning,
} from '../domain/deadline';
import { SessionEventEntity } from '../entities/session-event.entity';
import { LiveWriteDb } from '../live-write-db.service';
import { LiveEmitter } from './live-emitter';
import {
  graceMs,
  StaleSessionState,
  timing,
  withLock,
  workingStudents,
  type LiveState,
  type StudentState,
} from './live-state';
import { SessionLog } from './session-log';

const TICK_MS = 1_000;
/** No warning sent yet (shared: a student's own set is made when their first is due). */
const NONE: ReadonlySet<number> = new Set();

/** Checks, inside a transaction, that this instance still runs the session's clock. */
export type Fence = (em: EntityManager) => Promise<void>;

/** What the clock asks of the rest when time runs out. */
export interface ClockPort {
  /** Whether `st` is still the session's state in memory (a dropped one no longer ticks). */
  isCurrent(st: LiveState): boolean;
  /** The session's state in memory now, if any. */
  current(sessionId: string): LiveState | undefined;
  /** Runs a lifecycle command as the system (the caller holds the session's lock). */
  apply(
    st: LiveState,
    command: 'expire' | 'complete',
    reason: string | undefined,
    fence: Fence,
  ): Promise<unknown>;
  /** Completes these open attempts: their deadline plus grace passed. */
  finalise(st: LiveState, list: StudentState[], now: number, fence: Fence): Promise<void>;
}

const UNWIRED: ClockPort = {
  isCurrent: () => false,
  current: () => undefined,
  apply: () => Promise.reject(new Error('SessionClock: port not wired')),
  finalise: () => Promise.reject(new Error('SessionClock: port not wired')),
};

@Injectable()
export class SessionClock {
  private readonly log = new Logger('LiveSessions');
  private port: ClockPort = UNWIRED;

  constructor(
    private readonly db: LiveWriteDb,
    private readonly writer: AnswerWriter,
    private readonly emitter: LiveEmitter,
    private readonly events: SessionLog,
    @Inject(SESSION_OWNERSHIP) private readonly ownership: SessionOwnership,
  ) {}

  /** Called once, by the coordinator. */
  wire(port: ClockPort): void {
    this.port = port;
  }

  /** Starts the session's 1 s tick while it is live (active, paused), stops it after. */
  sync(st: LiveState): void {
    const live = st.status === 'active' || st.status === 'paused';
    if (live && !st.timer) {
      if (!this.ownership.owns(st.id)) {
        // Another instance may hold it; taking it works only if its lease ran out.
        void this.ownership.claim(st.id).then(
          (got) => got && this.port.isCurrent(st) && this.sync(st),
          () => undefined,
        );
        return;
      }
      // The state object is replaced when the session is reloaded (it inherits this
      // timer): each tick runs on the session's state in memory at that moment.
      const id = st.id;
      st.timer = setInterval(() => {
        const cur = this.port.current(id);
        if (cur) void this.tick(cur);
      }, TICK_MS);
      st.timer.unref();
    } else if (!live && st.timer) {
      clearInterval(st.timer);
      st.timer = undefined;
    }
  }

  /**
   * Stops the tick of a state leaving memory or of a stopping server. The handle stays on
   * the state, so a later sync() of that same state does not start it again.
   */
  stop(st: LiveState): void {
    if (st.timer) clearInterval(st.timer);
  }

  /** This instance lost the session's lease: its tick stops, a later sync may start it. */
  release(st: LiveState): void {
    if (st.timer) clearInterval(st.timer);
    st.timer = undefined;
  }

  /** Warnings, per-student expiry and the automatic end. Never overlaps itself. */
  async tick(st: LiveState): Promise<void> {
    if (st.ticking || !this.port.isCurrent(st)) return;
    if (st.status !== 'active' && st.status !== 'paused') return;
    if (!this.ownership.owns(st.id)) return;
    st.ticking = true;
    const fence: Fence = (em) => this.ownership.fence(em, st.id);
    try {
      const now = Date.now();
      const grace = graceMs(st);
      // Every second for every student: nothing below allocates per student unless a
      // warning is due (a StudentState is its own StudentTiming).
      const finishAt = autoFinishAt(timing(st), st.students.values(), grace, now);
      if (finishAt !== null && now >= finishAt) {
        await withLock(st, async () => {
          if (st.status === 'active' || st.status === 'paused')
            await this.port.apply(st, 'expire', undefined, fence);
        });
        return;
      }
      // Letting everyone finish: once nobody is working any more, the session completes
      // (each student still working is ended at their own deadline below, as 'deadline').
      if (st.closingAt !== null && st.status === 'active' && workingStudents(st).length === 0) {
        await withLock(st, async () => {
          if (st.status === 'active' && workingStudents(st).length === 0)
            await this.port.apply(st, 'complete', 'everyone finished their own time', fence);
        });
        return;
      }
      if (st.status !== 'active') return;
      const expired: StudentState[] = [];
      const warn = new Map<
        string,
        { minute: number; marked: readonly number[]; deadline: number; ids: string[] }
      >();
      const minutes = st.config.timeWarningMinutes;
      /** The warnings that apply to an allowance (most students share one). */
      const applicableTo = new Map<number, number[]>();
      for (const s of st.students.values()) {
        if (s.status === 'completed') continue;
        const deadline = deadlineAt(timing(st), s, now) ?? 0;
        if (now > deadline + grace) {
          expired.push(s);
          continue;
        }
        const allowance = allowanceMs(timing(st), s);
        // Warnings that were already due at launch (e.g. 10 min in a 5 min exam) are skipped.
        let applicable = applicableTo.get(allowance);
        if (!applicable) {
          applicable = minutes.filter((m) => m * 60_000 < allowance);
          applicableTo.set(allowance, applicable);
        }
        const already = st.warningsSent.get(s.userId);
        const due = dueWarning(deadline - now, applicable, already ?? NONE);
        if (due.send === null) continue;
        const sent = already ?? new Set<number>();
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
          await fence(em);
          for (const g of groups) {
            await em.insert(
              SessionEventEntity,
              this.events.entry(st, 'time_warning', null, {
                minutes: g.minute,
                marked: [...g.marked],
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
          this.emitter.emit(st, { kind: 'students', ids: g.ids }, LIVE_EVENTS.TIME_WARNING, data);
        }
      }
      if (expired.length > 0) {
        await this.writer.drain();
        await this.port.finalise(st, expired, now, fence);
      }
    } catch (e) {
      if (e instanceof LeaseLostError) {
        this.log.warn({ msg: 'tick dropped: another instance runs this clock', sessionId: st.id });
        this.release(st);
      } else if (e instanceof StaleSessionState) {
        // The stored session moved on without this state: its next use reloads it.
        this.log.warn({ msg: 'tick dropped: the session changed elsewhere', sessionId: st.id });
        st.mustReload = true;
        this.release(st);
      } else this.log.error({ msg: 'session tick failed', sessionId: st.id, err: String(e) });
    } finally {
      st.ticking = false;
    }
  }
}
