/**
 * The student's live session (one per exam page): joins over the tab's socket with the last
 * sequence number seen, replaces its state with each snapshot and merges replayed events in
 * order, keeps the countdown on the server's clock, and owns the answer queue.
 *
 * Graceful degradation: when the WebSocket cannot be opened at all (three failed attempts
 * without ever opening, or the socket service gave up), the same work goes over the REST
 * mirrors: answers by POST, state by polling the snapshot. If the socket opens later, the
 * page moves back to it. Either way the queue keeps every answer until it is acknowledged.
 */
import { DOCUMENT, DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import {
  CONNECTION_EVENTS,
  LIVE_ANSWER_EVENTS,
  LIVE_EVENTS,
  RESULTS_EVENTS,
  SESSION_CONTROL_EVENTS,
  SESSION_EVENTS,
  type AnswerAckPayload,
  type AnswerValue,
  type BroadcastMessagePayload,
  type ErrorPayload,
  type MyExamSessionView,
  type ResultsReleaseMode,
  type SessionJoinRequest,
  type SessionSnapshotPayload,
  type StudentSnapshot,
  type TimeWarningPayload,
} from '@exam/contracts';
import { Subscription } from 'rxjs';
import { toApiError } from '../../../core/api/api-error';
import { LiveSessionApiService } from '../../../core/api/live-session-api.service';
import { AuthService } from '../../../core/auth/auth.service';
import { forSession, payload } from '../../../core/live/live-payloads';
import { offsetFrom, remainingMs, spokenDuration } from '../../../core/live/server-clock';
import { SessionSync, type SeqFrame } from '../../../core/live/session-sync';
import { SocketService } from '../../../core/socket/socket.service';
import { AnswerQueue, type AnswerTransport, type AnswerWrite } from './answer-queue';
import {
  parseResultsReleased,
  parseSubmit,
  reduceStudent,
  studentStateFromSnapshot,
  type StudentExamState,
} from './student-exam.state';

/** How the page talks to the server right now. */
export type LiveMode = 'socket' | 'rest';

export type StudentConnection =
  'connecting' | 'live' | 'offline' | 'reconnecting' | 'failed' | 'slow';

export interface ShownMessage extends BroadcastMessagePayload {
  id: number;
}

export const STUDENT_LIVE_TUNING = {
  tickMs: 500,
  pollMs: 3000,
  debounceMs: 700,
  ackTimeoutMs: 10_000,
  /** Failed handshakes in a row, never having opened, before falling back to REST. */
  fallbackAfterAttempts: 3,
  submitWaitMs: 15_000,
};

const STUDENT_EVENTS_IN = [
  SESSION_CONTROL_EVENTS.EXAM_PREPARE,
  SESSION_CONTROL_EVENTS.EXAM_LAUNCH,
  SESSION_CONTROL_EVENTS.EXAM_PAUSE,
  SESSION_CONTROL_EVENTS.EXAM_RESUME,
  SESSION_CONTROL_EVENTS.EXAM_COMPLETE,
  SESSION_CONTROL_EVENTS.EXAM_TERMINATE,
  SESSION_CONTROL_EVENTS.EXAM_ADD_TIME,
  LIVE_EVENTS.TIME_WARNING,
  LIVE_EVENTS.BROADCAST_MESSAGE,
  SESSION_EVENTS.EXAM_SUBMIT,
  RESULTS_EVENTS.RESULTS_RELEASED,
] as const;

const parseSnapshot = payload<SessionSnapshotPayload>({ snapshot: 'object' });
const parseAck = payload<AnswerAckPayload>({
  key: 'string',
  questionId: 'string',
  status: 'string',
});
const parseError = payload<ErrorPayload>({ code: 'string', message: 'string' });
const parseBroadcast = payload<BroadcastMessagePayload>({ message: 'string', level: 'string' });
const parseWarning = payload<TimeWarningPayload>({ minutesRemaining: 'number' });

/** Refusals after which the same write is sent again (the token is renewed meanwhile). */
const RESEND_LATER = new Set(['RATE_LIMITED', 'INTERNAL_ERROR', 'TOKEN_EXPIRED']);

@Injectable()
export class StudentExamSession {
  private readonly socket = inject(SocketService);
  private readonly api = inject(LiveSessionApiService);
  private readonly auth = inject(AuthService);
  private readonly win = inject(DOCUMENT).defaultView;

  private readonly sync = new SessionSync<StudentExamState>(reduceStudent);
  readonly state = this.sync.state;
  readonly info = signal<MyExamSessionView | null>(null);
  readonly fatalError = signal<string | null>(null);
  readonly mode = signal<LiveMode>('socket');
  readonly joined = signal(false);
  readonly online = signal(true);
  readonly messages = signal<readonly ShownMessage[]>([]);
  /** The latest time announcement, for a polite live region. */
  readonly timeAnnouncement = signal('');
  readonly submitting = signal(false);
  readonly submitError = signal<string | null>(null);
  private readonly releasedLive = signal<ResultsReleaseMode | null>(null);
  /** What the teacher released of this session's results: the live event wins over the REST read. */
  readonly resultsRelease = computed<ResultsReleaseMode>(
    () => this.releasedLive() ?? this.info()?.resultsRelease ?? 'none',
  );
  private releasedSeq = -1;

  private readonly localNow = signal(Date.now());
  private readonly restOffset = signal<number | null>(null);
  readonly offsetMs = computed(() =>
    this.mode() === 'rest' && this.restOffset() !== null
      ? (this.restOffset() ?? 0)
      : this.socket.clockOffsetMs(),
  );
  readonly serverNow = computed(() => this.localNow() + this.offsetMs());
  readonly remainingMs = computed(() => {
    const s = this.state();
    if (!s) return null;
    return remainingMs(s.deadline, this.serverNow(), s.status === 'paused' ? s.pausedAt : null);
  });

  readonly connection = computed<StudentConnection>(() => {
    if (!this.online()) return 'offline';
    if (this.mode() === 'rest') return 'slow';
    switch (this.socket.status()) {
      case 'open':
        return this.joined() ? 'live' : 'connecting';
      case 'offline':
        return 'offline';
      case 'reconnecting':
        return 'reconnecting';
      case 'failed':
        return 'failed';
      case 'idle':
      case 'connecting':
      case 'authenticating':
        return 'connecting';
    }
  });
  readonly reconnectAttempt = this.socket.attempt;
  readonly maxAttempts = this.socket.maxAttempts;

  queue!: AnswerQueue;
  private sessionId = '';
  private everOpened = false;
  private msgId = 0;
  private pollInFlight = false;
  private lastPoll = 0;
  private tick: ReturnType<typeof setInterval> | undefined;
  private readonly subs = new Subscription();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  start(sessionId: string): void {
    this.sessionId = sessionId;
    const userId = this.auth.user()?.id ?? 'anonymous';
    this.queue = new AnswerQueue({
      storage: this.win?.localStorage ?? null,
      storageKey: `exam-room.answers.${userId}.${sessionId}`,
      debounceMs: STUDENT_LIVE_TUNING.debounceMs,
      ackTimeoutMs: STUDENT_LIVE_TUNING.ackTimeoutMs,
      newKey: () => globalThis.crypto.randomUUID(),
      now: () => Date.now(),
    });
    this.queue.use(this.transport);
    this.online.set(this.win?.navigator.onLine ?? true);

    this.subs.add(
      this.api.mySession(sessionId).subscribe({
        next: (v) => this.info.set(v),
        error: (e: unknown) => {
          const err = toApiError(e);
          if (err.status === 404 || err.status === 403) this.fatalError.set(err.message);
        },
      }),
    );
    this.listen();
    this.socket.connect();
    if (this.socket.isOpen()) this.join();
    this.tick = setInterval(() => this.maintain(), STUDENT_LIVE_TUNING.tickMs);
    if (this.win) {
      const flush = () => this.queue.flushEdits();
      this.win.addEventListener('pagehide', flush);
      this.subs.add(() => this.win?.removeEventListener('pagehide', flush));
    }
  }

  stop(): void {
    clearInterval(this.tick);
    this.subs.unsubscribe();
    if (this.queue) {
      this.queue.flushEdits();
      this.queue.dispose();
    }
    if (this.sessionId && this.socket.isOpen()) {
      this.socket.send(SESSION_EVENTS.SESSION_LEAVE, { sessionId: this.sessionId });
    }
  }

  change(questionId: string, answer: AnswerValue, immediate = false): void {
    this.queue.change(questionId, answer, immediate);
  }

  /** Tells the teacher which question is on screen (live mode only; advisory). */
  viewing(questionId: string): void {
    this.queue.flushEdits();
    if (this.mode() === 'socket' && this.joined()) {
      this.socket.send(SESSION_EVENTS.QUESTION_VIEWED, { sessionId: this.sessionId, questionId });
    }
  }

  dismissMessage(id: number): void {
    this.messages.update((m) => m.filter((x) => x.id !== id));
  }

  retryConnection(): void {
    this.socket.retry();
  }

  /** Final submit: every answer saved first, then exam_submit (or its REST mirror). */
  async submit(): Promise<boolean> {
    this.submitting.set(true);
    this.submitError.set(null);
    this.queue.flushEdits();
    this.queue.pump();
    const deadline = Date.now() + STUDENT_LIVE_TUNING.submitWaitMs;
    while (!this.queue.idle() && Date.now() < deadline) {
      await sleep(200);
      this.queue.pump();
    }
    if (!this.queue.idle()) {
      this.submitting.set(false);
      this.submitError.set(
        `${this.queue.pendingCount()} answer(s) are not saved yet. Check your connection; your answers are kept on this device. Then submit again.`,
      );
      return false;
    }
    if (this.mode() === 'socket' && this.joined()) {
      this.socket.send(SESSION_EVENTS.EXAM_SUBMIT, { sessionId: this.sessionId });
      return true; // completion arrives as the exam_submit event
    }
    return new Promise((resolve) => {
      this.api.submit(this.sessionId).subscribe({
        next: (p) => {
          this.sync.update((s) => ({
            ...s,
            attemptStatus: 'completed',
            completedAt: p.completedAt,
          }));
          this.submitting.set(false);
          resolve(true);
        },
        error: (e: unknown) => {
          this.submitting.set(false);
          this.submitError.set(toApiError(e).message);
          resolve(false);
        },
      });
    });
  }

  /* ---------------------------------------------------------------- transport */

  private readonly transport: AnswerTransport = {
    ready: () =>
      this.online() && (this.mode() === 'rest' ? true : this.socket.isOpen() && this.joined()),
    send: (w: AnswerWrite) => (this.mode() === 'rest' ? this.postAnswer(w) : this.sendAnswer(w)),
  };

  private sendAnswer(w: AnswerWrite): void {
    this.socket.send(
      w.final ? LIVE_ANSWER_EVENTS.ANSWER_SUBMITTED : LIVE_ANSWER_EVENTS.ANSWER_AUTOSAVED,
      {
        sessionId: this.sessionId,
        questionId: w.questionId,
        answer: w.answer,
        key: w.key,
        seq: w.seq,
      },
    );
  }

  private postAnswer(w: AnswerWrite): void {
    this.api
      .answer(this.sessionId, {
        questionId: w.questionId,
        answer: w.answer,
        key: w.key,
        seq: w.seq,
        final: w.final,
      })
      .subscribe({
        next: (ack) => this.queue.ack(ack),
        error: (e: unknown) => {
          const err = toApiError(e);
          if (err.status === 0 || err.status >= 500 || err.status === 429) {
            this.queue.unreachable(w.key);
          } else {
            this.queue.reject(w.key, err.message);
          }
        },
      });
  }

  /* ---------------------------------------------------------------- socket */

  private listen(): void {
    const mine = (f: { data: unknown }) => forSession(f.data, this.sessionId);
    this.subs.add(this.socket.connected$.subscribe(() => this.join()));
    this.subs.add(
      this.socket.on(SESSION_EVENTS.SESSION_SNAPSHOT, parseSnapshot).subscribe((f) => {
        const snap = f.data.snapshot;
        if (snap.sessionId !== this.sessionId || snap.role !== 'student') return;
        this.applySnapshot(snap);
        this.joined.set(true);
        this.queue.pump();
      }),
    );
    this.subs.add(
      this.socket.on(SESSION_EVENTS.SESSION_RESUMED).subscribe((f) => {
        if (!mine(f)) return;
        this.joined.set(true);
        this.queue.pump();
      }),
    );
    for (const event of STUDENT_EVENTS_IN) {
      this.subs.add(
        this.socket.on(event).subscribe((f) => {
          if (mine(f)) this.onEvent(f);
        }),
      );
    }
    this.subs.add(
      this.socket.on(LIVE_ANSWER_EVENTS.ANSWER_ACK, parseAck).subscribe((f) => {
        if (f.data.sessionId === this.sessionId) this.queue.ack(f.data);
      }),
    );
    this.subs.add(
      this.socket.on(CONNECTION_EVENTS.ERROR, parseError).subscribe((f) => this.onError(f.data)),
    );
  }

  private join(): void {
    this.everOpened = true;
    this.joined.set(false);
    if (this.mode() === 'rest') this.mode.set('socket');
    const req: SessionJoinRequest = { sessionId: this.sessionId };
    if (this.sync.lastSeq !== undefined) req.lastSeq = this.sync.lastSeq;
    this.socket.send(SESSION_EVENTS.SESSION_JOIN, req);
  }

  private onEvent(f: SeqFrame): void {
    // Results are not part of the exam state (nor of the snapshot): kept even before one.
    if (f.event === RESULTS_EVENTS.RESULTS_RELEASED) this.onResultsReleased(f);
    if (!this.sync.apply(f)) return;
    switch (f.event) {
      case LIVE_EVENTS.BROADCAST_MESSAGE: {
        const m = parseBroadcast(f.data);
        if (m) this.messages.update((list) => [...list, { ...m, id: ++this.msgId }].slice(-5));
        break;
      }
      case LIVE_EVENTS.TIME_WARNING: {
        const w = parseWarning(f.data);
        if (w) {
          this.timeAnnouncement.set(
            `${spokenDuration(w.minutesRemaining * 60_000)} left.${w.urgent ? ' Finish your answers now.' : ''}`,
          );
        }
        break;
      }
      case SESSION_CONTROL_EVENTS.EXAM_ADD_TIME: {
        const rem = this.remainingMs();
        if (rem !== null)
          this.timeAnnouncement.set(`More time added: ${spokenDuration(rem)} left.`);
        break;
      }
      case SESSION_CONTROL_EVENTS.EXAM_PAUSE:
        this.timeAnnouncement.set('Your teacher paused the exam. The clock is stopped.');
        break;
      case SESSION_CONTROL_EVENTS.EXAM_RESUME:
        this.timeAnnouncement.set('The exam continues. The clock is running again.');
        break;
      case SESSION_EVENTS.EXAM_SUBMIT:
        if (parseSubmit(f.data)) this.submitting.set(false);
        break;
      default:
        break;
    }
  }

  private onResultsReleased(f: SeqFrame): void {
    const p = parseResultsReleased(f.data);
    if (!p) return;
    if (f.seq !== undefined) {
      if (f.seq <= this.releasedSeq) return;
      this.releasedSeq = f.seq;
    }
    const before = this.resultsRelease();
    this.releasedLive.set(p.mode);
    if (p.mode !== 'none' && before === 'none') {
      this.timeAnnouncement.set('Your teacher released your results.');
    }
  }

  private onError(e: ErrorPayload): void {
    if (
      e.event === LIVE_ANSWER_EVENTS.ANSWER_AUTOSAVED ||
      e.event === LIVE_ANSWER_EVENTS.ANSWER_SUBMITTED
    ) {
      if (!e.key) return;
      if (e.recoverable && RESEND_LATER.has(e.code)) {
        this.queue.unreachable(e.key);
      } else {
        this.queue.reject(e.key, e.message);
      }
      return;
    }
    if (e.event === SESSION_EVENTS.SESSION_JOIN && !e.recoverable) this.fatalError.set(e.message);
    if (e.event === SESSION_EVENTS.EXAM_SUBMIT) {
      this.submitting.set(false);
      this.submitError.set(e.message);
    }
  }

  private applySnapshot(snap: StudentSnapshot): void {
    this.localNow.set(Date.now());
    this.sync.replace(studentStateFromSnapshot(snap), snap.lastSeq);
    this.queue.applyServerAnswers(snap.answers);
  }

  /* ---------------------------------------------------------------- the tick */

  private maintain(): void {
    const now = Date.now();
    this.localNow.set(now);
    this.online.set(this.win?.navigator.onLine ?? true);
    const status = this.socket.status();
    if (status !== 'open' && this.joined()) this.joined.set(false);
    if (
      this.mode() === 'socket' &&
      !this.everOpened &&
      this.online() &&
      (status === 'failed' ||
        (status === 'reconnecting' &&
          this.socket.attempt() >= STUDENT_LIVE_TUNING.fallbackAfterAttempts))
    ) {
      this.mode.set('rest');
      this.lastPoll = 0;
    }
    if (
      this.mode() === 'rest' &&
      this.online() &&
      now - this.lastPoll >= STUDENT_LIVE_TUNING.pollMs
    ) {
      this.poll();
    }
    this.queue.pump();
  }

  /**
   * Slower mode: the missed events after our last seq (time warnings, broadcasts, lifecycle)
   * go through the same handler as socket frames, then the snapshot refreshes the state.
   */
  private poll(): void {
    if (this.pollInFlight) return;
    this.pollInFlight = true;
    this.lastPoll = Date.now();
    const after = this.sync.lastSeq;
    if (after === undefined) {
      this.pollSnapshot();
      return;
    }
    this.api.events(this.sessionId, after).subscribe({
      next: (r) => {
        if (this.mode() !== 'rest') {
          this.pollInFlight = false;
          return;
        }
        if (!r.snapshotRequired) {
          const wanted: readonly string[] = STUDENT_EVENTS_IN;
          for (const f of r.events) {
            if (wanted.includes(f.event) && forSession(f.data, this.sessionId)) this.onEvent(f);
          }
        }
        this.pollSnapshot();
      },
      error: () => this.pollSnapshot(),
    });
  }

  private pollSnapshot(): void {
    const sentAt = Date.now();
    this.api.snapshot(this.sessionId).subscribe({
      next: (snap) => {
        this.pollInFlight = false;
        if (snap.role !== 'student' || this.mode() !== 'rest') return;
        const at = Date.now();
        this.restOffset.set(offsetFrom(snap.serverNow, at, at - sentAt));
        this.applySnapshot(snap);
      },
      error: () => (this.pollInFlight = false),
    });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
