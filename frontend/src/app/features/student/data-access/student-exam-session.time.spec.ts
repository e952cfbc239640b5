/** StudentExamSession: time events in words, how the attempt ended, and the device copy. */
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { StudentSnapshot } from '@exam/contracts';
import { Subject, of } from 'rxjs';
import { FakeWebSocketFactory, type FakeWebSocket } from '../../../../testing/fake-web-socket';
import { AuthService } from '../../../core/auth/auth.service';
import {
  DEFAULT_SOCKET_CONFIG,
  SOCKET_CONFIG,
  SOCKET_URL,
  WEB_SOCKET_FACTORY,
} from '../../../core/socket/socket.tokens';
import { STUDENT_LIVE_TUNING, StudentExamSession } from './student-exam-session.service';

class FakeAuth {
  readonly accessTokenChanges = new Subject<string | null>();
  accessToken = () => 'access-1';
  isLoggedIn = () => true;
  user = () => ({ id: 'stu-1', academyTimeZone: 'UTC' });
  refresh = () => of('access-1');
}

function snapshot(over: Partial<StudentSnapshot> = {}): StudentSnapshot {
  return {
    role: 'student',
    sessionId: 's1',
    title: 'English',
    status: 'active',
    durationMinutes: 60,
    config: { timeWarningMinutes: [5], gracePeriodSeconds: 30, allowLateJoin: true },
    launchedAt: 1,
    pausedAt: null,
    endedAt: null,
    closingAt: null,
    serverNow: Date.now(),
    questionCount: 1,
    lastSeq: 10,
    deadline: Date.now() + 600_000,
    remainingMs: 600_000,
    attemptStatus: 'joined',
    completedAt: null,
    endReason: null,
    allowanceMs: 75 * 60_000,
    currentQuestionId: null,
    questions: [{ id: 'q1', type: 'short_text', position: 0, prompt: 'Type', points: 1 }],
    texts: [],
    answers: [],
    ...over,
  };
}

describe('StudentExamSession: time, endings and the device copy', () => {
  let factory: FakeWebSocketFactory;
  let http: HttpTestingController;

  function start(): StudentExamSession {
    const session = TestBed.inject(StudentExamSession);
    session.start('s1');
    http.expectOne('/api/v1/exam-sessions/s1').flush(null);
    return session;
  }

  function connect(): FakeWebSocket {
    const ws = factory.last;
    ws.open();
    ws.receive({
      event: 'auth_success',
      data: { user: { id: 'stu-1' }, serverNow: Date.now(), tokenExpiresAt: 0 },
    });
    return ws;
  }

  function receive(ws: FakeWebSocket, event: string, data: object, seq?: number) {
    ws.receive({ event, data: { sessionId: 's1', ...data }, ...(seq ? { seq } : {}) });
  }

  beforeEach(() => {
    jest.useFakeTimers({ now: Date.UTC(2026, 0, 8, 10, 0, 0) });
    localStorage.clear();
    factory = new FakeWebSocketFactory();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        StudentExamSession,
        { provide: AuthService, useClass: FakeAuth },
        { provide: WEB_SOCKET_FACTORY, useValue: factory.create },
        { provide: SOCKET_URL, useValue: 'ws://exam.test/ws' },
        { provide: SOCKET_CONFIG, useValue: { ...DEFAULT_SOCKET_CONFIG, random: () => 0.5 } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    TestBed.resetTestingModule();
    jest.useRealTimers();
  });

  it('shows time added with the new end time, and the resume, as notices', () => {
    const session = start();
    const ws = connect();
    receive(ws, 'session_snapshot', { snapshot: snapshot() }, 10);
    const deadline = Date.UTC(2026, 0, 8, 10, 42);
    receive(
      ws,
      'exam_add_time',
      { addedMs: 300_000, scope: 'session', deadline, serverNow: Date.now() },
      11,
    );
    expect(session.notices.notices().map((n) => n.text)).toEqual([
      'Your teacher added 5 minutes. You now have until 10:42.',
    ]);
    expect(session.timeAnnouncement()).toBe(
      'Your teacher added 5 minutes. You now have until 10:42.',
    );
    expect(session.state()?.allowanceMs).toBe(80 * 60_000);
    receive(ws, 'exam_pause', { pausedAt: Date.now(), serverNow: Date.now() }, 12);
    receive(ws, 'exam_resume', { deadline, serverNow: Date.now(), totalPausedMs: 1 }, 13);
    expect(session.notices.notices().map((n) => n.kind)).toEqual(['added', 'resumed']);
    session.dismissNotice(session.notices.notices()[0].id);
    expect(session.notices.notices().map((n) => n.kind)).toEqual(['resumed']);
  });

  it('announces the grace period at the deadline and the closing after it', () => {
    const session = start();
    const ws = connect();
    receive(
      ws,
      'session_snapshot',
      { snapshot: snapshot({ deadline: Date.now() + 1_000, remainingMs: 1_000 }) },
      10,
    );
    jest.advanceTimersByTime(1_000);
    expect(session.phase()).toEqual({ kind: 'grace', secondsLeft: 30 });
    expect(session.timeAnnouncement()).toContain(
      'Time is up. Your answers are still being saved for 30 seconds',
    );
    jest.advanceTimersByTime(30_000);
    expect(session.phase()).toEqual({ kind: 'closing' });
    expect(session.timeAnnouncement()).toContain('The exam is closing');
  });

  it('an own submit ends as "submitted"; an attempt closed by the clock asks the server how', async () => {
    const session = start();
    const ws = connect();
    receive(ws, 'session_snapshot', { snapshot: snapshot() }, 10);
    const done = session.submit();
    await jest.advanceTimersByTimeAsync(0);
    await done;
    receive(ws, 'exam_submit', { status: 'completed', completedAt: Date.now() + 900_000 }, 11);
    expect(session.state()?.endReason).toBe('submitted');
    http.expectNone('/api/v1/exam-sessions/s1/snapshot');
  });

  it('an attempt closed without a submit from here takes the reason from the snapshot', () => {
    const session = start();
    const ws = connect();
    receive(ws, 'session_snapshot', { snapshot: snapshot() }, 10);
    receive(ws, 'exam_submit', { status: 'completed', completedAt: Date.now() + 900_000 }, 11);
    expect(session.state()?.endReason).toBe('deadline');
    http
      .expectOne('/api/v1/exam-sessions/s1/snapshot')
      .flush(snapshot({ attemptStatus: 'completed', endReason: 'submitted' }));
    expect(session.state()?.endReason).toBe('submitted');
  });

  it('keeps a copy on the device, shows it after an offline reload, and clears it at the end', () => {
    const first = start();
    const ws = connect();
    receive(ws, 'session_snapshot', { snapshot: snapshot() }, 10);
    first.viewing('q1');
    expect(localStorage.getItem('exam-room.exam.stu-1.s1')).toContain('"currentQuestionId":"q1"');
    first.stop();
    TestBed.resetTestingModule();

    // The reload, offline: no server, the copy.
    const online = jest.spyOn(window.navigator, 'onLine', 'get').mockReturnValue(false);
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        StudentExamSession,
        { provide: AuthService, useClass: FakeAuth },
        { provide: WEB_SOCKET_FACTORY, useValue: factory.create },
        { provide: SOCKET_URL, useValue: 'ws://exam.test/ws' },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    const again = TestBed.inject(StudentExamSession);
    again.start('s1');
    http.expectOne('/api/v1/exam-sessions/s1').error(new ProgressEvent('error'));
    expect(again.fromDevice()).toBe(true);
    expect(again.connection()).toBe('offline');
    expect(again.state()?.questions.map((q) => q.id)).toEqual(['q1']);
    expect(again.state()?.currentQuestionId).toBe('q1');
    expect(again.remainingMs()).toBeGreaterThan(590_000);
    jest.advanceTimersByTime(STUDENT_LIVE_TUNING.tickMs);
    expect(again.fromDevice()).toBe(true);

    // Back online: the server's snapshot replaces the copy; the end clears it.
    online.mockReturnValue(true);
    window.dispatchEvent(new Event('online'));
    jest.advanceTimersByTime(STUDENT_LIVE_TUNING.tickMs);
    const ws2 = connect();
    receive(
      ws2,
      'session_snapshot',
      {
        snapshot: snapshot({
          status: 'completed',
          attemptStatus: 'completed',
          endReason: 'teacher',
        }),
      },
      20,
    );
    expect(again.fromDevice()).toBe(false);
    expect(again.state()?.endReason).toBe('teacher');
    expect(localStorage.getItem('exam-room.exam.stu-1.s1')).toBeNull();
    expect(localStorage.getItem('exam-room.answers.stu-1.s1')).toBeNull();
  });
});
