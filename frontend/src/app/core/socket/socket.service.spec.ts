import { TestBed } from '@angular/core/testing';
import { WS_CLOSE } from '@exam/contracts';
import { Subject, of, throwError } from 'rxjs';
import { FakeWebSocketFactory, type FakeWebSocket } from '../../../testing/fake-web-socket';
import { AuthService } from '../auth/auth.service';
import { SocketService } from './socket.service';
import {
  DEFAULT_SOCKET_CONFIG,
  SOCKET_CONFIG,
  SOCKET_URL,
  WEB_SOCKET_FACTORY,
} from './socket.tokens';

class FakeAuth {
  token: string | null = 'access-1';
  readonly changes = new Subject<string | null>();
  readonly accessTokenChanges = this.changes.asObservable();
  readonly refresh = jest.fn(() => {
    this.token = 'access-2';
    return of('access-2');
  });
  accessToken(): string | null {
    return this.token;
  }
  isLoggedIn(): boolean {
    return this.token !== null;
  }
}

describe('SocketService', () => {
  let factory: FakeWebSocketFactory;
  let auth: FakeAuth;
  let service: SocketService;

  /** Opens the current socket and lets the server accept the token. */
  function openAndAuth(socket: FakeWebSocket = factory.last, serverNow = Date.now()): void {
    socket.open();
    socket.receive({
      event: 'auth_success',
      data: { user: { id: 'u1' }, serverNow, tokenExpiresAt: serverNow + 900_000 },
    });
  }

  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
    factory = new FakeWebSocketFactory();
    auth = new FakeAuth();
    TestBed.configureTestingModule({
      providers: [
        { provide: AuthService, useValue: auth },
        { provide: WEB_SOCKET_FACTORY, useValue: factory.create },
        { provide: SOCKET_URL, useValue: 'ws://exam.test/ws' },
        // Jitter fixed at the middle, so every delay is 3/4 of its exponential step.
        { provide: SOCKET_CONFIG, useValue: { ...DEFAULT_SOCKET_CONFIG, random: () => 0.5 } },
      ],
    });
    service = TestBed.inject(SocketService);
  });

  afterEach(() => {
    TestBed.resetTestingModule();
    jest.useRealTimers();
  });

  it('authenticates first, and counts as open only after auth_success', () => {
    service.connect();
    expect(factory.sockets).toHaveLength(1);
    expect(factory.last.config.url).toBe('ws://exam.test/ws');
    expect(service.status()).toBe('connecting');

    factory.last.open();
    expect(service.status()).toBe('authenticating');
    expect(factory.last.sent).toEqual([{ event: 'auth_request', data: { token: 'access-1' } }]);

    service.send('answer', { n: 1 });
    expect(factory.last.events()).toEqual(['auth_request']);

    factory.last.receive({
      event: 'auth_success',
      data: { serverNow: Date.now(), tokenExpiresAt: 0, user: {} },
    });
    expect(service.status()).toBe('open');
    expect(factory.last.events()).toEqual(['auth_request', 'answer']);

    service.send('answer', { n: 2 });
    expect(factory.last.sent.at(-1)).toEqual({ event: 'answer', data: { n: 2 } });
  });

  it('queues while disconnected and flushes in order, after the new auth, on reconnect', () => {
    service.connect();
    openAndAuth();
    const first = factory.last;
    first.close(WS_CLOSE.SERVICE_RESTART);
    expect(service.status()).toBe('reconnecting');

    service.send('a', { i: 1 });
    service.send('b', { i: 2 });
    service.send('c', { i: 3 });
    expect(first.events()).toEqual(['auth_request']);
    expect(service.queuedCount()).toBe(3);

    jest.advanceTimersByTime(375); // first delay: 500/2 + 0.5 * 500/2
    expect(factory.sockets).toHaveLength(2);
    const second = factory.last;
    second.open();
    expect(second.events()).toEqual(['auth_request']);
    service.send('d', { i: 4 });
    second.receive({
      event: 'auth_success',
      data: { serverNow: Date.now(), tokenExpiresAt: 0, user: {} },
    });
    expect(second.events()).toEqual(['auth_request', 'a', 'b', 'c', 'd']);
    expect(service.queuedCount()).toBe(0);
    expect(service.status()).toBe('open');
  });

  it('backs off exponentially with jitter, and gives up after 10 attempts until retry()', () => {
    service.connect();
    factory.last.failToConnect();
    const expected = [375, 750, 1500, 3000, 6000, 11250, 11250, 11250, 11250, 11250];
    expected.forEach((delay, i) => {
      expect(service.status()).toBe('reconnecting');
      expect(service.attempt()).toBe(i + 1);
      jest.advanceTimersByTime(delay - 1);
      expect(factory.sockets).toHaveLength(i + 1);
      jest.advanceTimersByTime(1);
      expect(factory.sockets).toHaveLength(i + 2);
      factory.last.failToConnect();
    });
    expect(service.status()).toBe('failed');
    expect(service.lastError()?.code).toBe('CONNECTION_LOST');
    jest.advanceTimersByTime(120_000);
    expect(factory.sockets).toHaveLength(11);

    service.retry();
    expect(factory.sockets).toHaveLength(12);
    expect(service.status()).toBe('connecting');
    expect(service.lastError()).toBeNull();
    openAndAuth();
    expect(service.status()).toBe('open');
    expect(service.attempt()).toBe(0);
  });

  it('starts the attempt count again after a successful connection', () => {
    service.connect();
    factory.last.failToConnect();
    jest.advanceTimersByTime(375);
    factory.last.failToConnect();
    jest.advanceTimersByTime(750);
    openAndAuth();
    factory.last.close(WS_CLOSE.GOING_AWAY);
    expect(service.attempt()).toBe(1);
    jest.advanceTimersByTime(374);
    expect(factory.sockets).toHaveLength(3);
    jest.advanceTimersByTime(1);
    expect(factory.sockets).toHaveLength(4);
  });

  it('computes the clock offset from auth_success with half the round trip', () => {
    service.connect();
    factory.last.open(); // auth_request sent at t0
    const t0 = Date.now();
    jest.advanceTimersByTime(100); // 100 ms round trip; the server answered at t0 + 50 of its own clock
    factory.last.receive({
      event: 'auth_success',
      data: { serverNow: t0 + 50 + 5000, tokenExpiresAt: 0, user: {} },
    });
    expect(service.clockOffsetMs()).toBe(5000);
    expect(service.rttMs()).toBe(100);
    expect(service.serverNow()).toBe(Date.now() + 5000);
  });

  it('sends a heartbeat every 20 s and keeps the offset of the fastest round trip', () => {
    service.connect();
    openAndAuth(factory.last, Date.now() + 2000); // rtt 0: offset 2000
    expect(service.clockOffsetMs()).toBe(2000);

    jest.advanceTimersByTime(20_000);
    const hb = factory.last.sent.at(-1);
    expect(hb).toEqual({ event: 'heartbeat', data: { clientNow: Date.now() } });
    const clientNow = hb?.data['clientNow'] as number;
    jest.advanceTimersByTime(400); // slow answer: offset sample 2100 + 200 - 400 = 1900, rtt 400
    factory.last.receive({ event: 'heartbeat', data: { serverNow: clientNow + 2100, clientNow } });
    expect(service.rttMs()).toBe(400);
    expect(service.clockOffsetMs()).toBe(2000); // the rtt-0 sample is still the best
  });

  it('treats an unanswered heartbeat as a dead link and reconnects', () => {
    service.connect();
    openAndAuth();
    jest.advanceTimersByTime(20_000); // heartbeat sent, never answered
    expect(factory.sockets).toHaveLength(1);
    jest.advanceTimersByTime(20_000);
    expect(service.status()).toBe('reconnecting');
    expect(factory.sockets[0].closedByClient).toBe(true);
    jest.advanceTimersByTime(375);
    expect(factory.sockets).toHaveLength(2);
  });

  it('re-authenticates on the open socket when the access token is refreshed', () => {
    service.connect();
    openAndAuth();
    auth.token = 'access-9';
    auth.changes.next('access-9');
    expect(factory.sockets).toHaveLength(1);
    expect(factory.last.sent.at(-1)).toEqual({
      event: 'auth_request',
      data: { token: 'access-9' },
    });
  });

  it('connected$ fires once per new connection, not on re-authentication', () => {
    let opened = 0;
    service.connected$.subscribe(() => opened++);
    service.connect();
    openAndAuth();
    expect(opened).toBe(1);
    auth.token = 'access-9';
    auth.changes.next('access-9');
    factory.last.receive({
      event: 'auth_success',
      data: { user: { id: 'u1' }, serverNow: Date.now(), tokenExpiresAt: 0 },
    });
    expect(opened).toBe(1);
    factory.last.close(1006, false);
    jest.advanceTimersByTime(1000);
    openAndAuth();
    expect(opened).toBe(2);
  });

  it('disconnects and drops the queue when the session ends', () => {
    service.connect();
    openAndAuth();
    factory.last.close(1006, false);
    service.send('a', {});
    auth.token = null;
    auth.changes.next(null);
    expect(service.status()).toBe('idle');
    expect(service.queuedCount()).toBe(0);
    jest.advanceTimersByTime(60_000);
    expect(factory.sockets).toHaveLength(1);
  });

  it('remembers the highest seq per exam session', () => {
    service.connect();
    openAndAuth();
    factory.last.receive({ event: 'student_progress', data: {}, seq: 3, sessionId: 's1' });
    factory.last.receive({ event: 'student_progress', data: {}, seq: 5, sessionId: 's1' });
    factory.last.receive({ event: 'student_progress', data: {}, seq: 4, sessionId: 's1' });
    factory.last.receive({ event: 'exam_launch', data: {}, seq: 1, sessionId: 's2' });
    factory.last.receive({ event: 'heartbeat', data: { serverNow: Date.now() } });
    expect(service.lastSeq('s1')).toBe(5);
    expect(service.lastSeq('s2')).toBe(1);
    expect(service.lastSeq('s3')).toBeUndefined();
  });

  it('delivers frames by event to on() subscribers, across reconnects, parsed at the edge', () => {
    const seen: unknown[] = [];
    const parsed: number[] = [];
    service.on('tick').subscribe((f) => seen.push(f.data));
    service
      .on('tick', (d) =>
        typeof d === 'object' && d !== null && typeof (d as { n?: unknown }).n === 'number'
          ? (d as { n: number }).n
          : undefined,
      )
      .subscribe((f) => parsed.push(f.data));
    service.connect();
    openAndAuth();
    factory.last.receive({ event: 'tick', data: { n: 1 } });
    factory.last.receive({ event: 'other', data: { n: 99 } });
    factory.last.close(WS_CLOSE.SERVICE_RESTART);
    jest.advanceTimersByTime(375);
    openAndAuth();
    factory.last.receive({ event: 'tick', data: { n: 'bad' } });
    factory.last.receive({ event: 'tick', data: { n: 2 } });
    expect(seen).toEqual([{ n: 1 }, { n: 'bad' }, { n: 2 }]);
    expect(parsed).toEqual([1, 2]);
  });

  it('stops on a refused sign-in and reports the server message', () => {
    service.connect();
    factory.last.open();
    factory.last.receive({
      event: 'auth_failed',
      data: { code: 'TOKEN_INVALID', message: 'The token is invalid.' },
    });
    factory.last.close(WS_CLOSE.AUTH_FAILED);
    expect(service.status()).toBe('failed');
    expect(service.lastError()).toEqual({
      code: 'TOKEN_INVALID',
      message: 'The token is invalid.',
    });
    jest.advanceTimersByTime(60_000);
    expect(factory.sockets).toHaveLength(1);
  });

  it('refreshes the token and reconnects when the server says it expired', () => {
    service.connect();
    openAndAuth();
    factory.last.close(WS_CLOSE.TOKEN_EXPIRED);
    expect(auth.refresh).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(375);
    factory.last.open();
    expect(factory.last.sent[0]).toEqual({ event: 'auth_request', data: { token: 'access-2' } });
  });

  it('renews the token on the open socket when the server says it is expiring', () => {
    service.connect();
    openAndAuth();
    factory.last.receive({
      event: 'error',
      data: { code: 'TOKEN_EXPIRING', message: 'expires in 60 s', recoverable: true },
    });
    expect(auth.refresh).toHaveBeenCalledTimes(1);
    auth.changes.next('access-2');
    expect(factory.sockets).toHaveLength(1);
    expect(factory.last.sent.at(-1)).toEqual({
      event: 'auth_request',
      data: { token: 'access-2' },
    });
    expect(service.lastError()).toBeNull();
  });

  it('does not reconnect after the server signed this login out', () => {
    service.connect();
    openAndAuth();
    factory.last.close(WS_CLOSE.LOGGED_OUT);
    expect(service.status()).toBe('idle');
    jest.advanceTimersByTime(60_000);
    expect(factory.sockets).toHaveLength(1);
  });

  it('goes offline with the browser and reconnects at once when it is back', () => {
    const onLine = jest.spyOn(window.navigator, 'onLine', 'get');
    service.connect();
    openAndAuth();
    onLine.mockReturnValue(false);
    window.dispatchEvent(new Event('offline'));
    expect(service.status()).toBe('offline');
    expect(factory.sockets[0].closedByClient).toBe(true);
    service.send('a', { i: 1 });
    jest.advanceTimersByTime(60_000);
    expect(factory.sockets).toHaveLength(1);

    onLine.mockReturnValue(true);
    window.dispatchEvent(new Event('online'));
    expect(factory.sockets).toHaveLength(2);
    expect(service.status()).toBe('connecting');
    openAndAuth();
    expect(factory.last.events()).toEqual(['auth_request', 'a']);
  });

  it('waits for a token before connecting, and gives up when the refresh is refused', () => {
    auth.token = null;
    service.connect();
    expect(factory.sockets).toHaveLength(0);
    expect(service.status()).toBe('idle');

    auth.token = 'access-1';
    service.connect();
    openAndAuth();
    auth.refresh.mockImplementationOnce(() => {
      auth.token = null;
      return throwError(() => new Error('refused'));
    });
    factory.last.close(WS_CLOSE.TOKEN_EXPIRED);
    jest.advanceTimersByTime(60_000);
    expect(factory.sockets).toHaveLength(1);
  });
});
