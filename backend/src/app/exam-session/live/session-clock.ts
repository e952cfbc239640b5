/**
 * The clock of live sessions (R6-R8): deadlines are computed from stored facts
 * (domain/deadline); a 1 s tick per live session sends due time warnings once each,
 * finalises attempts whose deadline plus grace passed, and ends the session by itself.
 * Timers are rebuilt on start (the coordinator ticks every live session once).
 *
 * sync() and tick() are the only places a session's clock starts or runs: a rule about
 * which instance runs a session's clock belongs there.
 *
 * What the tick decides is carried out through a ClockPort (the lifecycle's apply, the
 * answers' finalise), wired by LiveSessionService: the lifecycle depends on the clock (it
 * syncs it after each command), so the clock must not depend on the lifecycle.
 */
import { Injectable, Logger } from '@nestjs/common';
import { LIVE_EVENTS, type TimeWarningPayload } from '@exam/contracts';
import { AnswerWriter } from '../answer-writer';
import { allowanceMs, autoFinishAt, dueWarning, isUrgentWarning } from '../domain/deadline';
import { SessionEventEntity } from '../entities/session-event.entity';
import { LiveWriteDb } from '../live-write-db.service';
import { LiveEmitter } from './live-emitter';
import {
  deadlineOf,
  graceMs,
  studentTiming,
  timing,
  withLock,
  workingStudents,
  type LiveState,
  type StudentState,
} from './live-state';
import { SessionLog } from './session-log';

const TICK_MS = 1_000;

/** What the clock asks of the rest when time runs out. */
export interface ClockPort {
  /** Whether `st` is still the session's state in memory (a dropped one no longer ticks). */
  isCurrent(st: LiveState): boolean;
  /** Runs a lifecycle command as the system (the caller holds the session's lock). */
  apply(st: LiveState, command: 'expire' | 'complete', reason?: string): Promise<unknown>;
  /** Completes these open attempts: their deadline plus grace passed. */
  finalise(st: LiveState, list: StudentState[], now: number): Promise<void>;
}

const UNWIRED: ClockPort = {
  isCurrent: () => false,
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
  ) {}

  /** Called once, by the coordinator. */
  wire(port: ClockPort): void {
    this.port = port;
  }

  /** Starts the session's 1 s tick while it is live (active, paused), stops it after. */
  sync(st: LiveState): void {
    const live = st.status === 'active' || st.status === 'paused';
    if (live && !st.timer) {
      st.timer = setInterval(() => void this.tick(st), TICK_MS);
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

  /** Warnings, per-student expiry and the automatic end. Never overlaps itself. */
  async tick(st: LiveState): Promise<void> {
    if (st.ticking || !this.port.isCurrent(st)) return;
    if (st.status !== 'active' && st.status !== 'paused') return;
    st.ticking = true;
    try {
      const now = Date.now();
      const grace = graceMs(st);
      const finishAt = autoFinishAt(
        timing(st),
        [...st.students.values()].map((s) => studentTiming(s)),
        grace,
        now,
      );
      if (finishAt !== null && now >= finishAt) {
        await withLock(st, async () => {
          if (st.status === 'active' || st.status === 'paused') await this.port.apply(st, 'expire');
        });
        return;
      }
      // Letting everyone finish: once nobody is working any more, the session completes
      // (each student still working is ended at their own deadline below, as 'deadline').
      if (st.closingAt !== null && st.status === 'active' && workingStudents(st).length === 0) {
        await withLock(st, async () => {
          if (st.status === 'active' && workingStudents(st).length === 0)
            await this.port.apply(st, 'complete', 'everyone finished their own time');
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
        const deadline = deadlineOf(st, s, now) ?? 0;
        if (now > deadline + grace) {
          expired.push(s);
          continue;
        }
        const allowance = allowanceMs(timing(st), studentTiming(s));
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
              this.events.entry(st, 'time_warning', null, {
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
          this.emitter.emit(st, { kind: 'students', ids: g.ids }, LIVE_EVENTS.TIME_WARNING, data);
        }
      }
      if (expired.length > 0) {
        await this.writer.drain();
        await this.port.finalise(st, expired, now);
      }
    } catch (e) {
      this.log.error({ msg: 'session tick failed', sessionId: st.id, err: String(e) });
    } finally {
      st.ticking = false;
    }
  }
}
