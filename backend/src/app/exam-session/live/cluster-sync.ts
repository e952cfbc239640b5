/**
 * Several instances (REDIS_URL): keeps this instance's states in step with what the others
 * do. Nothing here is truth; it decides when to read the database again.
 *
 * - A lifecycle change, added time, a closing, a submit or a grade published by another
 *   instance marks the session's state stale at once (nothing built afterwards uses the old
 *   facts) and reloads it, at most one reload in flight and one queued per session (a
 *   burst of submits at the end costs two reloads, not hundreds).
 * - student_progress from another instance is that student's presence and progress as seen
 *   where their socket is (LiveProgress.noteRemote); a join sets their joinedAt here too.
 * - A change made over REST (invalidate) is signalled to the others, which reload.
 * - The clock's lease: a session taken over is rebuilt from the database, then ticks; a
 *   lease lost stops this instance's tick at once.
 * - Redis back after an outage: every session in memory is reloaded and every socket of
 *   this instance gets a fresh snapshot (what was published meanwhile never arrived).
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  LIVE_EVENTS,
  RESULTS_EVENTS,
  SESSION_CONTROL_EVENTS,
  SESSION_EVENTS,
  STUDENT_EVENTS,
  type StudentJoinedPayload,
  type StudentProgressPayload,
} from '@exam/contracts';
import { RedisBus } from '../../cluster/redis-bus';
import { SESSION_OWNERSHIP, type SessionOwnership } from '../../cluster/session-ownership';
import { REALTIME_BUS, type BusMessage, type RealtimeBus } from '../../realtime/realtime-bus';
import { LiveProgress } from './live-progress';
import { LiveRooms } from './live-rooms';
import { SessionClock } from './session-clock';
import { SessionStore } from './session-store';

/** Events after which another instance's copy of the session's facts is out of date. */
const CHANGES = new Set<string>([
  SESSION_CONTROL_EVENTS.EXAM_PREPARE,
  SESSION_CONTROL_EVENTS.EXAM_LAUNCH,
  SESSION_CONTROL_EVENTS.EXAM_PAUSE,
  SESSION_CONTROL_EVENTS.EXAM_RESUME,
  SESSION_CONTROL_EVENTS.EXAM_COMPLETE,
  SESSION_CONTROL_EVENTS.EXAM_TERMINATE,
  SESSION_CONTROL_EVENTS.EXAM_ADD_TIME,
  LIVE_EVENTS.EXAM_CLOSING,
  SESSION_EVENTS.EXAM_SUBMIT,
  RESULTS_EVENTS.ATTEMPT_GRADED,
]);

const SIGNAL_CHANGED = 'session_changed';

@Injectable()
export class ClusterSync {
  private readonly log = new Logger('ClusterSync');
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private readonly off: Array<() => void> = [];

  constructor(
    @Inject(REALTIME_BUS) private readonly bus: RealtimeBus,
    @Inject(SESSION_OWNERSHIP) private readonly ownership: SessionOwnership,
    private readonly store: SessionStore,
    private readonly progress: LiveProgress,
    private readonly rooms: LiveRooms,
    private readonly clock: SessionClock,
  ) {}

  get active(): boolean {
    return this.bus instanceof RedisBus;
  }

  /** Called once by the coordinator; `rebuild` drops a session and loads it afresh. */
  start(rebuild: (sessionId: string) => Promise<void>): void {
    const bus = this.bus;
    if (!(bus instanceof RedisBus)) return;
    this.off.push(bus.subscribe((m) => m.origin !== bus.origin && this.onEvent(m)));
    this.off.push(
      bus.onSignal((m) => {
        if (m.kind === SIGNAL_CHANGED) this.reload((m.payload as { sessionId: string }).sessionId);
      }),
    );
    this.off.push(bus.onRecovered(() => void this.resyncAll()));
    this.ownership.onGained((id) => {
      rebuild(id).catch((e: unknown) =>
        this.log.error({
          msg: 'session not rebuilt after takeover',
          sessionId: id,
          err: String(e),
        }),
      );
    });
    this.ownership.onLost((id) => {
      const st = this.store.cached(id);
      if (st) this.clock.release(st);
    });
  }

  stop(): void {
    for (const f of this.off.splice(0)) f();
  }

  /** A change made here over REST: the other instances reload the session. */
  changed(sessionId: string): void {
    if (this.bus instanceof RedisBus) this.bus.signal(SIGNAL_CHANGED, { sessionId });
  }

  private onEvent(m: BusMessage): void {
    if (m.event === STUDENT_EVENTS.STUDENT_PROGRESS) {
      this.progress.noteRemote(m.data as StudentProgressPayload);
      return;
    }
    if (m.event === STUDENT_EVENTS.STUDENT_JOINED) {
      const d = m.data as StudentJoinedPayload;
      const s = this.store.cached(m.sessionId)?.students.get(d.studentId);
      if (s && s.joinedAt === null) {
        s.joinedAt = d.joinedAt;
        if (s.status === 'enrolled') s.status = 'joined';
      }
      return;
    }
    if (CHANGES.has(m.event)) this.reload(m.sessionId);
  }

  /** Marks the state stale now and reloads it (coalesced per session). */
  private reload(sessionId: string): void {
    const st = this.store.cached(sessionId);
    if (!st) return;
    st.mustReload = true;
    if (this.inFlight.has(sessionId)) {
      this.again.add(sessionId);
      return;
    }
    const run = (async () => {
      do {
        this.again.delete(sessionId);
        const fresh = await this.store.refresh(sessionId);
        if (fresh) {
          this.clock.sync(fresh);
          this.rooms.dropUnenrolled(fresh);
        }
      } while (this.again.has(sessionId));
    })()
      .catch((e: unknown) =>
        this.log.warn({ msg: 'session not reloaded', sessionId, err: String(e) }),
      )
      .finally(() => this.inFlight.delete(sessionId));
    this.inFlight.set(sessionId, run);
  }

  private async resyncAll(): Promise<void> {
    for (const st of [...this.store.all()]) {
      const fresh = await this.store.refresh(st.id).catch(() => null);
      if (fresh) this.rooms.resync(fresh);
    }
  }
}
