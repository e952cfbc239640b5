/**
 * The teacher's live session (one per dashboard): joins the session's room over the tab's
 * socket with the last sequence number seen, so after its own reconnect it gets exactly the
 * missed events or a fresh snapshot (which replaces the grid). Where the socket cannot be
 * opened at all it polls the REST snapshot instead. Commands go over the REST mirrors, whose
 * replies carry a clear error sentence; their effects arrive as the same live events.
 * Someone taken off the session's staff is told so once and never rejoins. What happens also
 * goes to the activity feed (TeacherActivity), which fetches the stored history again after
 * every rejoin.
 */
import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import {
  INTEGRITY_EVENTS,
  LIVE_EVENTS,
  RESULTS_EVENTS,
  SESSION_CONTROL_EVENTS,
  SESSION_EVENTS,
  STUDENT_EVENTS,
  type BroadcastLevel,
  type CompleteMode,
  type ErrorPayload,
  type SessionJoinRequest,
  type SessionSnapshotPayload,
  type TeacherSnapshot,
  CONNECTION_EVENTS,
} from '@exam/contracts';
import { Subscription, type Observable } from 'rxjs';
import { toApiError } from '../../../core/api/api-error';
import {
  LiveSessionApiService,
  type SessionCommandName,
} from '../../../core/api/live-session-api.service';
import { forSession, payload } from '../../../core/live/live-payloads';
import { offsetFrom, remainingMs } from '../../../core/live/server-clock';
import { SessionSync, type SeqFrame } from '../../../core/live/session-sync';
import { SocketService } from '../../../core/socket/socket.service';
import { isStaffRemoval } from './session-standing';
import { TeacherActivity } from './teacher-activity.service';
import {
  reduceTeacher,
  teacherStateFromSnapshot,
  type TeacherLiveState,
} from './teacher-live.state';

const TEACHER_EVENTS_IN = [
  ...Object.values(SESSION_CONTROL_EVENTS),
  ...Object.values(STUDENT_EVENTS),
  LIVE_EVENTS.LIVE_UPDATE,
  LIVE_EVENTS.TIME_WARNING,
  LIVE_EVENTS.EXAM_CLOSING,
  RESULTS_EVENTS.ATTEMPT_GRADED,
  RESULTS_EVENTS.RESULTS_RELEASED,
  INTEGRITY_EVENTS.INTEGRITY_SIGNAL,
];

const parseSnapshot = payload<SessionSnapshotPayload>({ snapshot: 'object' });
const parseError = payload<ErrorPayload>({ code: 'string', message: 'string' });

export const TEACHER_LIVE_TUNING = {
  tickMs: 1000,
  pollMs: 3000,
  fallbackAfterAttempts: 3,
  /** Without a socket, the stored activity is fetched again this often. */
  activityPollMs: 15_000,
};

@Injectable()
export class TeacherLiveSession {
  private readonly socket = inject(SocketService);
  private readonly api = inject(LiveSessionApiService);

  /** The activity feed this session's events and commands add to. */
  readonly activity = inject(TeacherActivity);
  private readonly sync = new SessionSync<TeacherLiveState>((s, f) => {
    const r = reduceTeacher(s, f);
    if (r.activity) this.activity.add(r.activity, f.ts || this.serverNow());
    return r.state;
  });
  readonly state = this.sync.state;
  readonly mode = signal<'socket' | 'rest'>('socket');
  readonly joined = signal(false);
  readonly error = signal<string | null>(null);
  readonly busy = signal(false);
  /** The server's sentence after the user was removed from the session's staff. */
  readonly removed = signal<string | null>(null);
  /** Last command outcome, for a polite status region. */
  readonly notice = signal('');
  /** How many snapshots replaced the grid (first join, resume that was too old, polling). */
  readonly snapshots = signal(0);

  private readonly localNow = signal(Date.now());
  private readonly restOffset = signal<number | null>(null);
  readonly serverNow = computed(
    () =>
      this.localNow() +
      (this.mode() === 'rest' && this.restOffset() !== null
        ? (this.restOffset() ?? 0)
        : this.socket.clockOffsetMs()),
  );
  readonly remainingMs = computed(() => {
    const s = this.state();
    if (!s) return null;
    return remainingMs(s.deadline, this.serverNow(), s.status === 'paused' ? s.pausedAt : null);
  });
  readonly connectedCount = computed(
    () => this.state()?.roster.filter((r) => r.connectionStatus === 'connected').length ?? 0,
  );

  private sessionId = '';
  private everOpened = false;
  private lastPoll = 0;
  private lastActivityPoll = 0;
  private pollInFlight = false;
  private tick: ReturnType<typeof setInterval> | undefined;
  private readonly subs = new Subscription();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  start(sessionId: string): void {
    this.sessionId = sessionId;
    const mine = (f: { data: unknown }) => forSession(f.data, sessionId);
    this.subs.add(this.socket.connected$.subscribe(() => this.join()));
    this.subs.add(
      this.socket.on(SESSION_EVENTS.SESSION_SNAPSHOT, parseSnapshot).subscribe((f) => {
        const snap = f.data.snapshot;
        if (snap.sessionId === sessionId && snap.role === 'teacher') {
          this.applySnapshot(snap);
          this.joined.set(true);
        }
      }),
    );
    this.subs.add(
      this.socket.on(SESSION_EVENTS.SESSION_RESUMED).subscribe((f) => {
        if (mine(f)) this.joined.set(true);
      }),
    );
    for (const event of TEACHER_EVENTS_IN) {
      this.subs.add(
        this.socket.on(event).subscribe((f) => {
          if (mine(f)) this.sync.apply(f as SeqFrame);
        }),
      );
    }
    this.subs.add(
      this.socket.on(CONNECTION_EVENTS.ERROR, parseError).subscribe((f) => {
        if (isStaffRemoval(f.data, sessionId)) this.onRemoved(f.data.message);
        else if (f.data.event === SESSION_EVENTS.SESSION_JOIN) this.error.set(f.data.message);
      }),
    );
    this.activity.start(sessionId);
    this.socket.connect();
    if (this.socket.isOpen()) this.join();
    this.tick = setInterval(() => this.maintain(), TEACHER_LIVE_TUNING.tickMs);
  }

  stop(): void {
    clearInterval(this.tick);
    this.subs.unsubscribe();
    this.activity.stop();
    if (this.sessionId && this.removed() === null && this.socket.isOpen()) {
      this.socket.send(SESSION_EVENTS.SESSION_LEAVE, { sessionId: this.sessionId });
    }
  }

  command(name: SessionCommandName, reason?: string, done?: () => void): void {
    this.run(this.api.command(this.sessionId, name, reason), COMMAND_DONE[name], done);
  }

  /**
   * Ends the exam: `now` ends every attempt at once; `own_time` lets everyone working finish
   * their own time. `done` runs once the server agreed (a refusal shows its sentence).
   */
  complete(mode: CompleteMode, done?: () => void): void {
    this.run(
      this.api.complete(this.sessionId, mode),
      mode === 'own_time'
        ? 'Everyone still working finishes their own time; nobody new can start.'
        : COMMAND_DONE.complete,
      done,
    );
  }

  addTime(minutes: number, studentId?: string): void {
    const who = studentId
      ? (this.state()?.roster.find((r) => r.studentId === studentId)?.displayName ?? 'the student')
      : 'everyone';
    this.run(
      this.api.addTime(this.sessionId, studentId ? { minutes, studentId } : { minutes }),
      `${minutes} minute${minutes === 1 ? '' : 's'} added for ${who}.`,
    );
  }

  broadcast(message: string, level: BroadcastLevel, studentIds?: string[]): void {
    const n = studentIds?.length ?? 0;
    const to = n ? `${n} ${n === 1 ? 'student' : 'students'}` : 'everyone';
    this.run(
      this.api.broadcast(
        this.sessionId,
        studentIds?.length ? { message, level, studentIds } : { message, level },
      ),
      `Message sent to ${to}.`,
      () =>
        this.activity.add(
          {
            type: 'broadcast_message',
            studentIds: studentIds ?? [],
            data: { message, level },
          },
          this.serverNow(),
        ),
    );
  }

  private run<T>(req: Observable<T>, done: string, after?: () => void): void {
    this.busy.set(true);
    this.error.set(null);
    req.subscribe({
      next: () => {
        this.busy.set(false);
        this.notice.set(done);
        after?.();
        // Without a socket, the effect shows up at the next poll: fetch it now.
        if (this.mode() === 'rest') this.poll();
      },
      error: (e: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(e).message);
      },
    });
  }

  /** Out of the room for good: no rejoin on reconnect, no polling, no leave to send. */
  private onRemoved(message: string): void {
    this.removed.set(message);
    this.joined.set(false);
    this.error.set(null);
    clearInterval(this.tick);
    this.subs.unsubscribe();
  }

  private join(): void {
    if (this.removed() !== null) return;
    // A rejoin after a drop: what happened meanwhile is in the stored history.
    if (this.everOpened || this.mode() === 'rest') this.activity.refresh();
    this.everOpened = true;
    this.joined.set(false);
    if (this.mode() === 'rest') this.mode.set('socket');
    const req: SessionJoinRequest = { sessionId: this.sessionId };
    if (this.sync.lastSeq !== undefined) req.lastSeq = this.sync.lastSeq;
    this.socket.send(SESSION_EVENTS.SESSION_JOIN, req);
  }

  private applySnapshot(snap: TeacherSnapshot): void {
    this.localNow.set(Date.now());
    this.sync.replace(teacherStateFromSnapshot(snap), snap.lastSeq);
    this.snapshots.update((n) => n + 1);
  }

  private maintain(): void {
    const now = Date.now();
    this.localNow.set(now);
    const status = this.socket.status();
    if (status !== 'open' && this.joined()) this.joined.set(false);
    if (
      this.mode() === 'socket' &&
      !this.everOpened &&
      (status === 'failed' ||
        (status === 'reconnecting' &&
          this.socket.attempt() >= TEACHER_LIVE_TUNING.fallbackAfterAttempts))
    ) {
      this.mode.set('rest');
      this.lastPoll = 0;
    }
    if (this.mode() === 'rest' && now - this.lastPoll >= TEACHER_LIVE_TUNING.pollMs) this.poll();
    if (
      this.mode() === 'rest' &&
      now - this.lastActivityPoll >= TEACHER_LIVE_TUNING.activityPollMs
    ) {
      this.lastActivityPoll = now;
      this.activity.refresh();
    }
  }

  private poll(): void {
    if (this.pollInFlight) return;
    this.pollInFlight = true;
    this.lastPoll = Date.now();
    const sentAt = Date.now();
    this.api.snapshot(this.sessionId).subscribe({
      next: (snap) => {
        this.pollInFlight = false;
        if (snap.role !== 'teacher') return;
        const at = Date.now();
        this.restOffset.set(offsetFrom(snap.serverNow, at, at - sentAt));
        this.applySnapshot(snap);
      },
      error: (e: unknown) => {
        this.pollInFlight = false;
        this.error.set(toApiError(e).message);
      },
    });
  }
}

const COMMAND_DONE: Record<SessionCommandName, string> = {
  launch: 'Exam launched.',
  pause: 'Exam paused.',
  resume: 'Exam resumed.',
  complete: 'Exam completed.',
  terminate: 'Exam terminated.',
};
