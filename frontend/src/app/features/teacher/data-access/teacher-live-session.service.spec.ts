import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Subject, of } from 'rxjs';
import { FakeWebSocketFactory, type FakeWebSocket } from '../../../../testing/fake-web-socket';
import { AuthService } from '../../../core/auth/auth.service';
import {
  DEFAULT_SOCKET_CONFIG,
  SOCKET_CONFIG,
  SOCKET_URL,
  WEB_SOCKET_FACTORY,
} from '../../../core/socket/socket.tokens';
import { TeacherActivity } from './teacher-activity.service';
import { TeacherLiveSession } from './teacher-live-session.service';

class FakeAuth {
  readonly accessTokenChanges = new Subject<string | null>();
  accessToken = () => 'access-1';
  isLoggedIn = () => true;
  user = () => ({ id: 't2' });
  refresh = () => of('access-1');
}

const REMOVED =
  "You were removed from this session's staff, so its live view closed. Ask its teacher if this is a mistake.";

describe('TeacherLiveSession when the user leaves the staff', () => {
  let factory: FakeWebSocketFactory;
  let live: TeacherLiveSession;

  function connect(): FakeWebSocket {
    const ws = factory.last;
    ws.open();
    ws.receive({
      event: 'auth_success',
      data: { user: { id: 't2' }, serverNow: Date.now(), tokenExpiresAt: 0 },
    });
    return ws;
  }
  const joins = (ws: FakeWebSocket) => ws.sent.filter((f) => f.event === 'session_join');
  const error = (ws: FakeWebSocket, data: Record<string, unknown>) =>
    ws.receive({ event: 'error', data: { recoverable: false, event: 'session_join', ...data } });

  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
    factory = new FakeWebSocketFactory();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        TeacherLiveSession,
        TeacherActivity,
        { provide: AuthService, useClass: FakeAuth },
        { provide: WEB_SOCKET_FACTORY, useValue: factory.create },
        { provide: SOCKET_URL, useValue: 'ws://exam.test/ws' },
        { provide: SOCKET_CONFIG, useValue: { ...DEFAULT_SOCKET_CONFIG, random: () => 0.5 } },
      ],
    });
    live = TestBed.inject(TeacherLiveSession);
    live.start('s1');
  });

  afterEach(() => {
    TestBed.resetTestingModule();
    jest.useRealTimers();
  });

  it("says so when removed from this session's staff, and never rejoins", () => {
    const ws = connect();
    expect(joins(ws)).toHaveLength(1);
    error(ws, { code: 'FORBIDDEN', message: REMOVED, details: { sessionId: 's1' } });
    expect(live.removed()).toBe(REMOVED);
    expect(live.error()).toBeNull();
    // The socket drops and comes back: the removed user stays out of the room.
    ws.close(1006, false);
    jest.advanceTimersByTime(5000);
    const ws2 = connect();
    expect(factory.sockets).toHaveLength(2);
    expect(joins(ws2)).toHaveLength(0);
    live.stop();
    expect(ws2.events()).not.toContain('session_leave');
  });

  it('treats a removal from another session, or a refused join, as what they are', () => {
    const ws = connect();
    error(ws, { code: 'FORBIDDEN', message: REMOVED, details: { sessionId: 's9' } });
    expect(live.removed()).toBeNull();
    error(ws, { code: 'NOT_FOUND', message: 'The exam session was not found.' });
    expect(live.removed()).toBeNull();
    expect(live.error()).toBe('The exam session was not found.');
  });
});

describe('TeacherLiveSession: ending, and the activity feed across a reconnect', () => {
  let factory: FakeWebSocketFactory;
  let live: TeacherLiveSession;
  let http: HttpTestingController;

  function connect(): FakeWebSocket {
    const ws = factory.last;
    ws.open();
    ws.receive({
      event: 'auth_success',
      data: { user: { id: 't2' }, serverNow: Date.now(), tokenExpiresAt: 0 },
    });
    return ws;
  }
  const activityCalls = () => http.match((r) => r.url === '/api/v1/exam-sessions/s1/activity');

  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
    factory = new FakeWebSocketFactory();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        TeacherLiveSession,
        TeacherActivity,
        { provide: AuthService, useClass: FakeAuth },
        { provide: WEB_SOCKET_FACTORY, useValue: factory.create },
        { provide: SOCKET_URL, useValue: 'ws://exam.test/ws' },
        { provide: SOCKET_CONFIG, useValue: { ...DEFAULT_SOCKET_CONFIG, random: () => 0.5 } },
      ],
    });
    live = TestBed.inject(TeacherLiveSession);
    http = TestBed.inject(HttpTestingController);
    live.start('s1');
  });

  afterEach(() => {
    live.stop();
    TestBed.resetTestingModule();
    jest.useRealTimers();
  });

  it('fetches the stored activity on start and again after every rejoin', () => {
    expect(activityCalls()).toHaveLength(1);
    const ws = connect();
    // The first join needs nothing more: the page was just fetched.
    expect(activityCalls()).toHaveLength(0);
    ws.close(1006, false);
    jest.advanceTimersByTime(5000);
    connect();
    expect(activityCalls()).toHaveLength(1);
  });

  it('lets everyone finish their own time, and shows the server sentence when it refuses', () => {
    activityCalls();
    const done = jest.fn();
    live.complete('own_time', done);
    const req = http.expectOne('/api/v1/exam-sessions/s1/complete');
    expect(req.request.body).toEqual({ mode: 'own_time' });
    req.flush({ sessionId: 's1', status: 'active' });
    expect(done).toHaveBeenCalled();
    expect(live.notice()).toBe(
      'Everyone still working finishes their own time; nobody new can start.',
    );

    const sentence =
      "Resume the exam first: while it is paused nobody's time runs, so it could never finish by itself. Or end it now.";
    live.complete('own_time', done);
    http
      .expectOne('/api/v1/exam-sessions/s1/complete')
      .flush(
        { code: 'INVALID_TRANSITION', message: sentence },
        { status: 409, statusText: 'Conflict' },
      );
    expect(live.error()).toBe(sentence);
    expect(done).toHaveBeenCalledTimes(1);

    live.complete('now');
    expect(http.expectOne('/api/v1/exam-sessions/s1/complete').request.body).toEqual({
      mode: 'now',
    });
  });
});
