/**
 * The student's live session (one per exam page): joins over the tab's socket with the last
 * sequence number seen, replaces its state with each snapshot and merges replayed events in
 * order, keeps the countdown on the server's clock, shows time events, and owns the answer
 * queue. While the attempt runs, a copy of the exam is kept on the device so that a reload
 * without a network still shows it; the copy is removed when the attempt is over.
 *
 * Graceful degradation: when the WebSocket cannot be opened at all (three failed attempts
 * without ever opening, or the socket service gave up), the same work goes over the REST
 * mirrors (SlowerMode). If the socket opens later, the page moves back to it. Either way the
 * queue keeps every answer until it is acknowledged.
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
} from '@exam/contracts';
import { Subscription } from 'rxjs';
import { toApiError } from '../../../core/api/api-error';
import { LiveSessionApiService } from '../../../core/api/live-session-api.service';
import { AuthService } from '../../../core/auth/auth.service';
import { forSession, payload } from '../../../core/live/live-payloads';
import { SessionSync, type SeqFrame } from '../../../core/live/session-sync';
import { SocketService } from '../../../core/socket/socket.service';
import { AcademyTimeZone } from '../../../core/time/academy-time-zone';
import { formatZoned } from '../../../core/time/zoned-format';
import { AnswerQueue, type AnswerTransport, type AnswerWrite } from './answer-queue';
import { ExamOnDevice } from './exam-device-copy';
import type { ClockPhase } from './grace';
import { SlowerMode } from './slower-mode';
import { connectionOf, type LiveMode, type StudentConnection } from './student-connection';
import { StudentClock } from './student-clock';
import {
  parseResultsReleased,
  parseSubmit,
  reduceStudent,
  studentStateFromSnapshot,
  type StudentExamState,
} from './student-exam.state';
import { timeNoticeFor } from './time-events';
import { TimeNotices } from './time-notices';
import { graceText, notSavedYetText } from './time-text';

export type { LiveMode, StudentConnection } from './student-connection';

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

const STUDENT_EVENTS_IN: readonly string[] = [
  SESSION_CONTROL_EVENTS.EXAM_PREPARE,
  SESSION_CONTROL_EVENTS.EXAM_LAUNCH,
  SESSION_CONTROL_EVENTS.EXAM_PAUSE,
  SESSION_CONTROL_EVENTS.EXAM_RESUME,
  SESSION_CONTROL_EVENTS.EXAM_COMPLETE,
  SESSION_CONTROL_EVENTS.EXAM_TERMINATE,
  SESSION_CONTROL_EVENTS.EXAM_ADD_TIME,
  LIVE_EVENTS.TIME_WARNING,
  LIVE_EVENTS.BROADCAST_MESSAGE,
  LIVE_EVENTS.EXAM_CLOSING,
  SESSION_EVENTS.EXAM_SUBMIT,
  RESULTS_EVENTS.RESULTS_RELEASED,
];

const parseSnapshot = payload<SessionSnapshotPayload>({ snapshot: 'object' });
const parseAck = payload<AnswerAckPayload>({
  key: 'string',
  questionId: 'string',
  status: 'string',
});
const parseError = payload<ErrorPayload>({ code: 'string', message: 'string' });
const parseBroadcast = payload<BroadcastMessagePayload>({ message: 'string', level: 'string' });

/** Refusals after which the same write is sent again (the token is renewed meanwhile). */
const RESEND_LATER = new Set(['RATE_LIMITED', 'INTERNAL_ERROR', 'TOKEN_EXPIRED']);

@Injectable()
export class StudentExamSession {
  private readonly socket = inject(SocketService);
  private readonly api = inject(LiveSessionApiService);
  private readonly auth = inject(AuthService);
  private readonly win = inject(DOCUMENT).defaultView;
  private readonly zone = inject(AcademyTimeZone);

  private readonly sync = new SessionSync<StudentExamState>(reduceStudent);
  readonly state = this.sync.state;
  readonly info = signal<MyExamSessionView | null>(null);
  readonly fatalError = signal<string | null>(null);
  /** The fatal error is that this student is not (or no longer) in the session. */
  readonly notEnrolled = signal(false);
  readonly mode = signal<LiveMode>('socket');
  readonly joined = signal(false);
  readonly online = signal(true);
  readonly messages = signal<readonly ShownMessage[]>([]);
  /** Time events shown near the timer (and announced). */
  readonly notices = new TimeNotices();
  /** The latest time announcement, for a polite live region. */
  readonly timeAnnouncement = this.notices.announcement;
  /** The page shows the copy kept on this device: the server has not answered yet. */
  readonly fromDevice = signal(false);
  readonly submitting = signal(false);
  readonly submitError = signal<string | null>(null);
  private readonly releasedLive = signal<ResultsReleaseMode | null>(null);
  /** What the teacher released of this session's results: the live event wins over the REST read. */
  readonly resultsRelease = computed<ResultsReleaseMode>(
    () => this.releasedLive() ?? this.info()?.resultsRelease ?? 'none',
  );
  private releasedSeq = -1;

  readonly clock = new StudentClock({
    state: this.state,
    rest: computed(() => this.mode() === 'rest'),
    fromDevice: this.fromDevice,
    socketOffsetMs: this.socket.clockOffsetMs,
  });
  readonly offsetMs = this.clock.offsetMs;
  readonly serverNow = this.clock.serverNow;
  readonly remainingMs = this.clock.remainingMs;
  /** Running, in the grace period after the deadline, or closing (the server ends the attempt). */
  readonly phase = this.clock.phase;

  readonly connection = computed<StudentConnection>(() =>
    connectionOf(this.online(), this.mode(), this.socket.status(), this.joined()),
  );
  readonly reconnectAttempt = this.socket.attempt;
  readonly maxAttempts = this.socket.maxAttempts;

  queue!: AnswerQueue;
  private device: ExamOnDevice | null = null;
  private sessionId = '';
  /** This page sent exam_submit (so the attempt ended by the student's own submit). */
  private submittedHere = false;
  private lastPhase: ClockPhase['kind'] = 'running';
  private everOpened = false;
  private msgId = 0;
  private tick: ReturnType<typeof setInterval> | undefined;
  private readonly subs = new Subscription();
  private readonly slower = new SlowerMode(
    this.api,
    {
      sessionId: () => this.sessionId,
      lastSeq: () => this.sync.lastSeq,
      active: () => this.mode() === 'rest',
      onEvent: (f) => this.onEvent(f),
      onSnapshot: (snap, offsetMs) => {
        this.clock.restOffset.set(offsetMs);
        this.applySnapshot(snap);
      },
    },
    STUDENT_EVENTS_IN,
    STUDENT_LIVE_TUNING.pollMs,
  );

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  start(sessionId: string): void {
    this.sessionId = sessionId;
    const userId = this.auth.user()?.id ?? 'anonymous';
    const storage = this.win?.localStorage ?? null;
    this.device = new ExamOnDevice(storage, userId, sessionId);
    this.queue = new AnswerQueue({
      storage,
      storageKey: this.device.keys.answers,
      debounceMs: STUDENT_LIVE_TUNING.debounceMs,
      ackTimeoutMs: STUDENT_LIVE_TUNING.ackTimeoutMs,
      newKey: () => globalThis.crypto.randomUUID(),
      now: () => Date.now(),
    });
    this.queue.use(this.transport);
    this.online.set(this.win?.navigator.onLine ?? true);
    this.restoreFromDevice();

    this.subs.add(
      this.api.mySession(sessionId).subscribe({
        next: (v) => this.info.set(v),
        error: (e: unknown) => {
          const err = toApiError(e);
          if (err.status === 404 || err.status === 403) {
            this.fatalError.set(err.message);
            this.notEnrolled.set(err.code === 'NOT_ENROLLED');
          }
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
    this.notices.dispose();
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
    // Kept in the device copy too, so an offline reload opens the same question.
    this.sync.update((s) => ({ ...s, currentQuestionId: questionId }));
    this.afterChange();
    if (this.mode() === 'socket' && this.joined()) {
      this.socket.send(SESSION_EVENTS.QUESTION_VIEWED, { sessionId: this.sessionId, questionId });
    }
  }

  dismissNotice(id: number): void {
    this.notices.dismiss(id);
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
      this.submitError.set(notSavedYetText(this.queue.pendingCount()));
      return false;
    }
    this.submittedHere = true;
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
            endReason: 'submitted',
          }));
          this.afterChange();
          this.submitting.set(false);
          resolve(true);
        },
        error: (e: unknown) => {
          this.submitting.set(false);
          this.submitError.set(toApiError(e).message);
          this.submittedHere = false;
          resolve(false);
        },
      });
    });
  }

  /* ---------------------------------------------------------------- transport */

  private readonly transport: AnswerTransport = {
    ready: () =>
      this.online() && (this.mode() === 'rest' ? true : this.socket.isOpen() && this.joined()),
    send: (w: AnswerWrite) =>
      this.mode() === 'rest' ? this.slower.post(w, this.queue) : this.sendAnswer(w),
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
    const notice = timeNoticeFor(
      f.event,
      f.data,
      (at) => formatZoned(at, 'HH:mm', this.zone.zone()),
      this.state()?.deadline ?? null,
    );
    if (notice) this.notices.show(notice.kind, notice.text, notice.tone);
    switch (f.event) {
      case LIVE_EVENTS.BROADCAST_MESSAGE: {
        const m = parseBroadcast(f.data);
        if (m) this.messages.update((list) => [...list, { ...m, id: ++this.msgId }].slice(-5));
        break;
      }
      case SESSION_EVENTS.EXAM_SUBMIT:
        if (parseSubmit(f.data)) {
          this.submitting.set(false);
          if (this.submittedHere) this.sync.update((s) => ({ ...s, endReason: 'submitted' }));
          else this.confirmEndReason();
        }
        break;
      case SESSION_CONTROL_EVENTS.EXAM_COMPLETE:
      case SESSION_CONTROL_EVENTS.EXAM_TERMINATE:
        this.submitting.set(false);
        break;
      default:
        break;
    }
    this.afterChange();
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
      this.notices.announce('Your teacher released your results.');
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
    if (e.event === SESSION_EVENTS.SESSION_JOIN && !e.recoverable) {
      this.fatalError.set(e.message);
      this.notEnrolled.set(e.code === 'NOT_ENROLLED');
    }
    if (e.event === SESSION_EVENTS.EXAM_SUBMIT) {
      this.submitting.set(false);
      this.submittedHere = false;
      this.submitError.set(e.message);
    }
  }

  private applySnapshot(snap: StudentSnapshot): void {
    this.clock.tick();
    this.sync.replace(studentStateFromSnapshot(snap), snap.lastSeq);
    this.fromDevice.set(false);
    this.queue.applyServerAnswers(snap.answers);
    this.afterChange();
  }

  /**
   * The attempt ended without a submit from this page (the clock, or another device): the
   * server's snapshot says how.
   */
  private confirmEndReason(): void {
    if (!this.online()) return;
    this.subs.add(
      this.api.snapshot(this.sessionId).subscribe({
        next: (snap) => {
          if (snap.role !== 'student' || !snap.endReason) return;
          const reason = snap.endReason;
          this.sync.update((s) => ({ ...s, endReason: reason }));
        },
        error: () => undefined,
      }),
    );
  }

  /* ---------------------------------------------------------------- the device copy */

  /** Keeps the device copy in step with the state, and clears it when the attempt is over. */
  private afterChange(): void {
    const s = this.state();
    if (s && this.device) this.device.follow(s, this.offsetMs(), this.queue);
  }

  /** Offline reload: show the exam as last kept on this device until the server answers. */
  private restoreFromDevice(): void {
    const kept = this.device?.restore();
    if (!kept) return;
    this.sync.restore(kept.state);
    this.clock.deviceOffset.set(kept.offsetMs);
    this.fromDevice.set(true);
    this.queue.applyServerAnswers(Object.values(kept.state.saved));
  }

  /* ---------------------------------------------------------------- the tick */

  private maintain(): void {
    this.clock.tick();
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
      this.slower.reset();
    }
    if (this.mode() === 'rest' && this.online()) this.slower.maybePoll();
    this.queue.pump();
    this.followPhase();
  }

  /** Announces the grace period once when it starts, and the closing when it ends. */
  private followPhase(): void {
    const phase = this.phase();
    if (phase.kind === this.lastPhase) return;
    this.lastPhase = phase.kind;
    if (phase.kind === 'grace') this.notices.announce(graceText(phase.secondsLeft));
    if (phase.kind === 'closing') this.notices.announce(graceText(0));
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
