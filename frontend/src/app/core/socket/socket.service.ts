/**
 * The tab's one live connection to /ws, built on RxJS webSocket().
 *
 * - Opens, sends `auth_request` first, and counts as open only after `auth_success`.
 * - `send()` queues while not open and flushes in order right after `auth_success`.
 * - Reconnects with exponential backoff and jitter, at most `maxAttempts` times in a row, then
 *   reports 'failed' until `retry()`; follows the browser's online/offline events.
 * - Re-authenticates on the open socket whenever AuthService refreshes the access token.
 * - Measures the server clock (offset = serverNow - local now, corrected by half the round
 *   trip) from `auth_success` and heartbeats, and remembers the last `seq` per exam session
 *   for resume.
 * Features build on `on()` and `send()`; they never touch the socket.
 */
import { DOCUMENT, DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import {
  CONNECTION_EVENTS,
  WS_CLOSE,
  type AuthFailedPayload,
  type ClientFrame,
  type ErrorCode,
  type ServerFrame,
} from '@exam/contracts';
import { Subject, filter, fromEvent, map, type Observable, type Subscription } from 'rxjs';
import type { WebSocketSubject } from 'rxjs/webSocket';
import { AuthService } from '../auth/auth.service';
import { backoffDelay } from './backoff';
import { isRecord, parseServerFrame } from './frame-parser';
import { SOCKET_CONFIG, SOCKET_URL, WEB_SOCKET_FACTORY } from './socket.tokens';

export type SocketStatus =
  'idle' | 'connecting' | 'authenticating' | 'open' | 'reconnecting' | 'offline' | 'failed';

export interface SocketError {
  code: ErrorCode | 'CONNECTION_LOST';
  message: string;
}

interface ClockSample {
  rttMs: number;
  offsetMs: number;
}

@Injectable({ providedIn: 'root' })
export class SocketService {
  private readonly auth = inject(AuthService);
  private readonly makeSocket = inject(WEB_SOCKET_FACTORY);
  private readonly url = inject(SOCKET_URL);
  private readonly cfg = inject(SOCKET_CONFIG);
  private readonly win = inject(DOCUMENT).defaultView;

  private readonly _status = signal<SocketStatus>('idle');
  private readonly _lastError = signal<SocketError | null>(null);
  private readonly _clockOffsetMs = signal(0);
  private readonly _rttMs = signal<number | null>(null);
  private readonly _attempt = signal(0);

  readonly status = this._status.asReadonly();
  readonly lastError = this._lastError.asReadonly();
  /** serverNow - local now, in ms; add it to Date.now() to get the server's time. */
  readonly clockOffsetMs = this._clockOffsetMs.asReadonly();
  readonly rttMs = this._rttMs.asReadonly();
  /** Reconnect attempt in progress (1..maxAttempts), 0 when not reconnecting. */
  readonly attempt = this._attempt.asReadonly();
  readonly maxAttempts = this.cfg.maxAttempts;
  readonly isOpen = computed(() => this._status() === 'open');

  private readonly frames = new Subject<ServerFrame>();
  private readonly opened = new Subject<void>();
  /**
   * Emits each time a connection becomes usable (after `auth_success` on a new socket, not on
   * re-authentication of an open one): the moment to (re)join sessions and resend work.
   */
  readonly connected$: Observable<void> = this.opened.asObservable();
  private readonly seqs = new Map<string, number>();
  private queue: ClientFrame[] = [];
  private clock: ClockSample[] = [];

  private socket: WebSocketSubject<unknown> | null = null;
  private socketSub: Subscription | null = null;
  /** Bumped for every socket, so late events of a socket we already dropped are ignored. */
  private generation = 0;
  /** True between connect() and disconnect(): the app wants a connection. */
  private wanted = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  private heartbeatPending = false;
  private authSentAt = 0;
  private lastAuthFailure: AuthFailedPayload | null = null;

  constructor() {
    const subs: Subscription[] = [
      this.auth.accessTokenChanges.subscribe((token) => this.onTokenChange(token)),
    ];
    if (this.win) {
      subs.push(fromEvent(this.win, 'offline').subscribe(() => this.onOffline()));
      subs.push(fromEvent(this.win, 'online').subscribe(() => this.onOnline()));
    }
    inject(DestroyRef).onDestroy(() => {
      subs.forEach((s) => s.unsubscribe());
      this.disconnect();
    });
  }

  /** Server frames of one event, across reconnects. `parse` turns `data` into a trusted type. */
  on<T = unknown>(
    event: string,
    parse?: (data: unknown) => T | undefined,
  ): Observable<ServerFrame<string, T>> {
    const frames = this.frames.pipe(filter((f) => f.event === event));
    if (!parse) return frames as Observable<ServerFrame<string, T>>;
    return frames.pipe(
      map((f) => ({ ...f, data: parse(f.data) })),
      filter((f): f is ServerFrame<string, T> => f.data !== undefined),
    );
  }

  /** Sends now when open; otherwise queues, to go out in order right after the next auth. */
  send<D>(event: string, data: D): void {
    const frame: ClientFrame<string, D> = { event, data };
    if (this._status() === 'open' && this.socket) this.socket.next(frame);
    else this.queue.push(frame);
  }

  /** Frames waiting for the connection. */
  queuedCount(): number {
    return this.queue.length;
  }

  /** The last sequence number seen for an exam session (for resume). */
  lastSeq(sessionId: string): number | undefined {
    return this.seqs.get(sessionId);
  }

  /** The server's current time as far as this tab can tell. */
  serverNow(): number {
    return Date.now() + this._clockOffsetMs();
  }

  connect(): void {
    this.wanted = true;
    if (this.socket || this.reconnectTimer !== undefined) return;
    if (!this.auth.accessToken()) {
      this._status.set('idle');
      return;
    }
    if (!this.isOnline()) {
      this._status.set('offline');
      return;
    }
    this.startFresh();
  }

  /** Starts over after 'failed' (or any time): a new attempt series from the first delay. */
  retry(): void {
    this.wanted = true;
    this.dropSocket();
    this.startFresh();
  }

  /** Closes the connection and forgets queued frames (they belonged to this sign-in). */
  disconnect(): void {
    this.wanted = false;
    this.dropSocket();
    this.queue = [];
    this.seqs.clear();
    this._attempt.set(0);
    this._status.set('idle');
  }

  private startFresh(): void {
    this.clearReconnect();
    this._attempt.set(0);
    this._lastError.set(null);
    this._status.set('connecting');
    this.open();
  }

  private open(): void {
    const gen = ++this.generation;
    let closeEvent: CloseEvent | undefined;
    this.lastAuthFailure = null;
    const socket = this.makeSocket({
      url: this.url,
      deserializer: (e: MessageEvent) => e.data as unknown,
      serializer: (v: unknown) => JSON.stringify(v),
      openObserver: { next: () => gen === this.generation && this.onOpen() },
      closeObserver: { next: (e: CloseEvent) => (closeEvent = e) },
    });
    this.socket = socket;
    this.socketSub = socket.subscribe({
      next: (raw) => gen === this.generation && this.onMessage(raw),
      error: (e: unknown) =>
        gen === this.generation && this.onClosed(closeEvent ?? (isCloseEvent(e) ? e : undefined)),
      complete: () => gen === this.generation && this.onClosed(closeEvent),
    });
  }

  private onOpen(): void {
    this._status.set('authenticating');
    this.sendAuth();
  }

  private sendAuth(): void {
    const token = this.auth.accessToken();
    if (!token || !this.socket) return;
    this.authSentAt = Date.now();
    this.socket.next({ event: CONNECTION_EVENTS.AUTH_REQUEST, data: { token } });
  }

  private onMessage(raw: unknown): void {
    const frame = parseServerFrame(raw);
    if (!frame) return;
    if (frame.sessionId !== undefined && frame.seq !== undefined) {
      const prev = this.seqs.get(frame.sessionId);
      if (prev === undefined || frame.seq > prev) this.seqs.set(frame.sessionId, frame.seq);
    }
    const data = isRecord(frame.data) ? frame.data : {};
    switch (frame.event) {
      case CONNECTION_EVENTS.AUTH_SUCCESS:
        if (typeof data['serverNow'] === 'number') {
          this.addClockSample(data['serverNow'], this.authSentAt, Date.now());
        }
        this.onAuthenticated();
        break;
      case CONNECTION_EVENTS.AUTH_FAILED:
        this.lastAuthFailure = errorFrom(
          data,
          'TOKEN_INVALID',
          'The live server did not accept your sign-in.',
        );
        this._lastError.set(this.lastAuthFailure);
        break;
      case CONNECTION_EVENTS.HEARTBEAT:
        this.heartbeatPending = false;
        if (typeof data['serverNow'] === 'number' && typeof data['clientNow'] === 'number') {
          this.addClockSample(data['serverNow'], data['clientNow'], Date.now());
        }
        break;
      case CONNECTION_EVENTS.ERROR: {
        const err = errorFrom(data, 'INTERNAL_ERROR', 'The live server reported an error.');
        // The token is about to expire (or has, e.g. after the laptop slept): renew it now;
        // the new token is sent on this socket when it arrives.
        if (err.code === 'TOKEN_EXPIRING' || err.code === 'TOKEN_EXPIRED') this.renewToken();
        else this._lastError.set(err);
        break;
      }
    }
    this.frames.next(frame);
  }

  private onAuthenticated(): void {
    const wasOpen = this._status() === 'open';
    this._status.set('open');
    this._attempt.set(0);
    if (!wasOpen) {
      this._lastError.set(null);
      this.startHeartbeat();
    }
    const pending = this.queue;
    this.queue = [];
    for (const frame of pending) this.socket?.next(frame);
    if (!wasOpen) this.opened.next();
  }

  private onClosed(ev: CloseEvent | undefined): void {
    this.dropSocket();
    if (!this.wanted) {
      this._status.set('idle');
      return;
    }
    if (!this.isOnline()) {
      this._status.set('offline');
      return;
    }
    switch (ev?.code) {
      case WS_CLOSE.LOGGED_OUT:
        this.wanted = false;
        this._status.set('idle');
        this._lastError.set({
          code: 'AUTH_REQUIRED',
          message: 'You were signed out. Sign in again.',
        });
        return;
      case WS_CLOSE.TOKEN_EXPIRED:
        this.refreshThenReconnect();
        return;
      case WS_CLOSE.AUTH_FAILED:
        if (this.lastAuthFailure?.code === 'TOKEN_EXPIRED') this.refreshThenReconnect();
        else
          this.fail(
            this.lastAuthFailure ?? {
              code: 'TOKEN_INVALID',
              message: 'The live server did not accept your sign-in. Sign in again.',
            },
          );
        return;
      case WS_CLOSE.ORIGIN_NOT_ALLOWED:
        this.fail({
          code: 'ORIGIN_NOT_ALLOWED',
          message:
            'The server does not accept live connections from this address. Tell your administrator.',
        });
        return;
      default:
        this.scheduleReconnect();
    }
  }

  private renewToken(): void {
    // Failures are handled inside refresh(): retried later, or the session ends.
    this.auth.refresh().subscribe({ error: () => undefined });
  }

  private refreshThenReconnect(): void {
    this._status.set('reconnecting');
    this.auth.refresh().subscribe({
      next: () => this.scheduleReconnect(),
      // A refused refresh ends the session (AuthService sends the user to /login).
      error: () =>
        this.isOnline() && this.auth.isLoggedIn() ? this.scheduleReconnect() : undefined,
    });
  }

  private scheduleReconnect(): void {
    if (!this.wanted) return;
    const done = this._attempt();
    if (done >= this.cfg.maxAttempts) {
      this.fail(
        this._lastError() ?? {
          code: 'CONNECTION_LOST',
          message: 'The live server cannot be reached. Check your connection, then choose Retry.',
        },
      );
      return;
    }
    const delay = backoffDelay(
      done,
      { baseMs: this.cfg.backoffBaseMs, capMs: this.cfg.backoffCapMs },
      this.cfg.random,
    );
    this._attempt.set(done + 1);
    this._status.set('reconnecting');
    this.clearReconnect();
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.open();
    }, delay);
  }

  private fail(error: SocketError): void {
    this.clearReconnect();
    this._lastError.set(error);
    this._status.set('failed');
  }

  private startHeartbeat(): void {
    this.stopHeartbeat();
    this.heartbeatPending = false;
    this.heartbeatTimer = setInterval(() => {
      if (this.heartbeatPending) {
        // No answer for a whole interval: the link is dead even if the browser has not noticed.
        this._lastError.set({
          code: 'CONNECTION_LOST',
          message: 'The live server stopped answering.',
        });
        this.onClosed(undefined);
        return;
      }
      this.heartbeatPending = true;
      this.socket?.next({ event: CONNECTION_EVENTS.HEARTBEAT, data: { clientNow: Date.now() } });
    }, this.cfg.heartbeatMs);
  }

  private stopHeartbeat(): void {
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }

  private addClockSample(serverNow: number, sentAt: number, receivedAt: number): void {
    const rttMs = Math.max(0, receivedAt - sentAt);
    const sample: ClockSample = { rttMs, offsetMs: serverNow + rttMs / 2 - receivedAt };
    this.clock = [...this.clock, sample].slice(-this.cfg.clockSamples);
    const best = this.clock.reduce((a, b) => (b.rttMs < a.rttMs ? b : a));
    this._clockOffsetMs.set(Math.round(best.offsetMs));
    this._rttMs.set(rttMs);
  }

  private onTokenChange(token: string | null): void {
    if (token === null) {
      this.disconnect();
    } else if (this._status() === 'open') {
      this.sendAuth();
    }
  }

  private onOffline(): void {
    if (!this.wanted) return;
    this.dropSocket();
    this._status.set('offline');
  }

  private onOnline(): void {
    if (!this.wanted || this.socket) return;
    if (this.auth.accessToken()) this.startFresh();
  }

  /** Stops timers and closes the socket without reacting to its close event. */
  private dropSocket(): void {
    this.generation++;
    this.clearReconnect();
    this.stopHeartbeat();
    this.socketSub?.unsubscribe();
    this.socketSub = null;
    this.socket = null;
  }

  private clearReconnect(): void {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
  }

  private isOnline(): boolean {
    return this.win?.navigator.onLine ?? true;
  }
}

function isCloseEvent(e: unknown): e is CloseEvent {
  return (
    typeof e === 'object' && e !== null && 'code' in e && typeof (e as CloseEvent).code === 'number'
  );
}

function errorFrom(
  data: Record<string, unknown>,
  code: ErrorCode,
  message: string,
): { code: ErrorCode; message: string } {
  return {
    code: typeof data['code'] === 'string' ? (data['code'] as ErrorCode) : code,
    message: typeof data['message'] === 'string' ? data['message'] : message,
  };
}
