/**
 * The exam page's integrity signals: it watches the page being hidden, the window losing
 * focus, full screen being left (when the session asks for it) and pastes into an answer
 * (how many characters, never what), for the kinds the planner chose, while the attempt
 * runs. What it sees is kept on this device (SignalQueue) and reported over the socket, or
 * over REST when the page works without it, until the server's ack names it. Context for
 * the teacher, never a verdict: nothing here changes the exam for the student.
 */
import { DOCUMENT, DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { Subscription } from 'rxjs';
import {
  CONNECTION_EVENTS,
  INTEGRITY_EVENTS,
  recordedKinds,
  type ClientSignalKind,
  type IntegrityAckPayload,
  type ReportedSignal,
} from '@exam/contracts';
import { toApiError } from '../../../core/api/api-error';
import { LiveSessionApiService } from '../../../core/api/live-session-api.service';
import { SocketService } from '../../../core/socket/socket.service';
import { SignalQueue } from './signal-queue';
import type { StudentExamSession } from './student-exam-session.service';

/** How often queued signals are tried, and after how long an unanswered report goes again. */
const FLUSH_MS = 3_000;
const RESEND_MS = 20_000;

/** integrity_ack as trusted data (its ids are all that is used). */
function parseAck(data: unknown): IntegrityAckPayload | undefined {
  const d = data as Partial<IntegrityAckPayload> | null;
  return d &&
    typeof d.sessionId === 'string' &&
    Array.isArray(d.ids) &&
    d.ids.every((x) => typeof x === 'string')
    ? (d as IntegrityAckPayload)
    : undefined;
}

/** An error frame's event and code. */
function parseRefusal(data: unknown): { event?: string; code?: string } | undefined {
  const d = data as { event?: unknown; code?: unknown } | null;
  if (!d || typeof d !== 'object') return undefined;
  return {
    ...(typeof d.event === 'string' ? { event: d.event } : {}),
    ...(typeof d.code === 'string' ? { code: d.code } : {}),
  };
}

@Injectable()
export class IntegrityReporter {
  private readonly doc = inject(DOCUMENT);
  private readonly socket = inject(SocketService);
  private readonly api = inject(LiveSessionApiService);
  private exam: StudentExamSession | null = null;
  private current: () => string | undefined = () => undefined;
  private queue: SignalQueue | null = null;
  private sessionId = '';
  private sentAt = 0;
  private sent: string[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly subs = new Subscription();
  private readonly off: Array<() => void> = [];

  /** The page is in full screen (the session may ask for it). */
  readonly inFullscreen = signal(false);
  private readonly config = computed(() => this.exam?.state()?.config ?? null);
  /** The session asks the student to work in full screen. */
  readonly fullscreenAsked = computed(() => this.config()?.fullscreen === true);
  private readonly recorded = computed(
    () =>
      recordedKinds(this.config() ?? {}) as ReadonlySet<string> as ReadonlySet<ClientSignalKind>,
  );
  /** The attempt runs: signals are watched. */
  private readonly running = computed(() => {
    const s = this.exam?.state();
    return (
      !!s &&
      s.launchedAt !== null &&
      s.attemptStatus !== 'completed' &&
      (s.status === 'active' || s.status === 'paused')
    );
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  start(
    sessionId: string,
    exam: StudentExamSession,
    storageKey: string,
    currentQuestionId: () => string | undefined,
  ): void {
    this.sessionId = sessionId;
    this.exam = exam;
    this.current = currentQuestionId;
    this.queue = new SignalQueue({
      storage: this.doc.defaultView?.localStorage ?? null,
      storageKey,
      serverNow: () => Date.now() + exam.offsetMs(),
      newId: () => globalThis.crypto.randomUUID(),
      recorded: () => this.recorded(),
    });
    this.listen();
    this.subs.add(
      this.socket
        .on(INTEGRITY_EVENTS.INTEGRITY_ACK, parseAck)
        .subscribe((f) => f.data.sessionId === sessionId && this.acked(f.data)),
    );
    this.subs.add(
      this.socket
        .on(CONNECTION_EVENTS.ERROR, parseRefusal)
        .subscribe(
          (f) => f.data.event === INTEGRITY_EVENTS.INTEGRITY_SIGNAL && this.refused(f.data.code),
        ),
    );
    this.subs.add(this.socket.connected$.subscribe(() => this.flush(true)));
    this.timer = setInterval(() => this.flush(), FLUSH_MS);
  }

  /** Asks the browser for full screen (it must come from the student's own click or key). */
  async enterFullscreen(): Promise<void> {
    try {
      await this.doc.documentElement.requestFullscreen();
    } catch {
      // Refused by the browser (an embedded frame, a setting): the page says so where asked.
    }
  }

  private listen(): void {
    const win = this.doc.defaultView;
    const on = (
      target: EventTarget | null,
      type: string,
      fn: (e: Event) => void,
      capture = false,
    ) => {
      target?.addEventListener(type, fn, capture);
      this.off.push(() => target?.removeEventListener(type, fn, capture));
    };
    on(this.doc, 'visibilitychange', () => {
      if (this.doc.visibilityState === 'hidden') {
        // Another tab or app in front: one "page hidden", not also "focus lost".
        this.queue?.cancel('focus_lost');
        this.begin('page_hidden');
      } else this.end('page_hidden');
    });
    on(win, 'blur', () => {
      if (this.doc.visibilityState !== 'hidden') this.begin('focus_lost');
    });
    on(win, 'focus', () => this.end('focus_lost'));
    on(this.doc, 'fullscreenchange', () => {
      const inside = !!this.doc.fullscreenElement;
      this.inFullscreen.set(inside);
      if (inside) this.end('fullscreen_exit');
      else if (this.fullscreenAsked()) this.begin('fullscreen_exit');
    });
    on(
      this.doc,
      'paste',
      (e) => {
        if (!this.running()) return;
        const target = e.target as HTMLElement | null;
        if (!target?.closest('input, textarea, [contenteditable]')) return;
        // Only the length: what was pasted never leaves this handler.
        const chars = (e as ClipboardEvent).clipboardData?.getData('text')?.length ?? 0;
        this.queue?.paste(chars, this.current(), this.offline());
        this.flush();
      },
      true,
    );
    // Leaving the page while hidden or out of focus: what lasted until now is kept.
    on(win, 'pagehide', () => {
      for (const k of ['page_hidden', 'focus_lost', 'fullscreen_exit'] as const) this.end(k);
    });
  }

  private offline(): boolean {
    return this.exam?.connection() !== 'live';
  }

  private begin(kind: ClientSignalKind): void {
    if (this.running()) this.queue?.begin(kind, this.current(), this.offline());
  }

  private end(kind: ClientSignalKind): void {
    this.queue?.end(kind);
    this.flush();
  }

  /** Sends what is queued: over the socket, or over REST when the page works without it. */
  private flush(resend = false): void {
    const q = this.queue;
    if (!q || !q.size || !this.exam) return;
    const stale = this.sent.length > 0 && Date.now() - this.sentAt > RESEND_MS;
    const signals = q.nextReport(resend || stale);
    if (!signals.length) return;
    this.sent = signals.map((s) => s.id);
    this.sentAt = Date.now();
    if (this.exam.mode() === 'rest') this.viaRest(signals);
    else if (this.socket.isOpen()) {
      this.socket.send(INTEGRITY_EVENTS.INTEGRITY_SIGNAL, { sessionId: this.sessionId, signals });
    } else q.failed(this.sent);
  }

  private viaRest(signals: ReportedSignal[]): void {
    const ids = signals.map((s) => s.id);
    this.api.reportSignals(this.sessionId, signals).subscribe({
      next: (ack) => this.acked(ack),
      error: (e: unknown) => {
        const code = toApiError(e).code;
        if (code === 'VALIDATION_FAILED') this.queue?.drop(ids);
        else this.queue?.failed(ids);
      },
    });
  }

  private acked(ack: IntegrityAckPayload): void {
    this.queue?.acked(ack.ids);
    this.sent = [];
    this.flush();
  }

  /** A refused report would be refused again (bad times, a question gone): it is dropped. */
  private refused(code: string | undefined): void {
    if (code === 'VALIDATION_FAILED') this.queue?.drop(this.sent);
    else this.queue?.failed(this.sent);
    this.sent = [];
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.subs.unsubscribe();
    for (const f of this.off.splice(0)) f();
  }
}
