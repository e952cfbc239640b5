import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { StudentQuestionView, StudentSnapshot } from '@exam/contracts';
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
  user = () => ({ id: 'stu-1' });
  refresh = () => of('access-1');
}

const Q: StudentQuestionView[] = [
  {
    id: 'q1',
    type: 'single_choice',
    position: 0,
    prompt: 'Pick',
    points: 1,
    options: [{ id: 'a', text: 'A' }],
  },
  { id: 'q2', type: 'short_text', position: 1, prompt: 'Type', points: 1 },
];

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
    serverNow: 0,
    questionCount: 2,
    lastSeq: 10,
    deadline: 0,
    remainingMs: 0,
    attemptStatus: 'joined',
    completedAt: null,
    endReason: null,
    allowanceMs: 60 * 60_000,
    currentQuestionId: null,
    questions: Q,
    texts: [],
    answers: [],
    ...over,
  };
}

describe('StudentExamSession', () => {
  let factory: FakeWebSocketFactory;
  let session: StudentExamSession;
  let http: HttpTestingController;
  const SERVER_AHEAD = 120_000; // the server clock is 2 minutes ahead of this device

  function connect(): FakeWebSocket {
    const ws = factory.last;
    ws.open();
    ws.receive({
      event: 'auth_success',
      data: { user: { id: 'stu-1' }, serverNow: Date.now() + SERVER_AHEAD, tokenExpiresAt: 0 },
    });
    return ws;
  }

  function receive(ws: FakeWebSocket, event: string, data: object, seq?: number) {
    ws.receive({
      event,
      data: { sessionId: 's1', ...data },
      sessionId: 's1',
      ...(seq ? { seq } : {}),
    });
  }

  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
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
    session = TestBed.inject(StudentExamSession);
    http = TestBed.inject(HttpTestingController);
    session.start('s1');
    http.expectOne('/api/v1/exam-sessions/s1').flush(null);
  });

  afterEach(() => {
    TestBed.resetTestingModule();
    jest.useRealTimers();
  });

  it('joins after auth, replaces state with the snapshot and counts down on the server clock', () => {
    const ws = connect();
    expect(ws.sent.at(-1)).toEqual({ event: 'session_join', data: { sessionId: 's1' } });
    const serverNow = Date.now() + SERVER_AHEAD;
    receive(
      ws,
      'session_snapshot',
      { snapshot: snapshot({ serverNow, deadline: serverNow + 600_000 }) },
      10,
    );
    expect(session.state()?.questions.map((q) => q.id)).toEqual(['q1', 'q2']);
    expect(session.joined()).toBe(true);
    jest.advanceTimersByTime(1000);
    // 10 min minus the second that passed; with the local clock alone it would be 12 min.
    expect(session.remainingMs()).toBe(599_000);
  });

  it('moves the countdown when time is added, and announces warnings politely', () => {
    const ws = connect();
    const now = Date.now() + SERVER_AHEAD;
    receive(
      ws,
      'session_snapshot',
      { snapshot: snapshot({ serverNow: now, deadline: now + 60_000 }) },
      10,
    );
    receive(
      ws,
      'exam_add_time',
      { addedMs: 600_000, scope: 'student', deadline: now + 660_000, serverNow: now },
      11,
    );
    jest.advanceTimersByTime(500);
    expect(session.remainingMs()).toBe(659_500);
    receive(
      ws,
      'time_warning',
      { minutesRemaining: 5, urgent: true, deadline: now + 660_000, serverNow: now },
      12,
    );
    expect(session.timeAnnouncement()).toBe('5 minutes left. Finish your answers now.');
  });

  it('on reconnect sends lastSeq, merges replayed events in order and ignores duplicates', () => {
    const ws = connect();
    receive(ws, 'session_snapshot', { snapshot: snapshot({ deadline: 5_000_000 }) }, 10);
    receive(ws, 'exam_pause', { pausedAt: 2_000_000, serverNow: 2_000_000 }, 11);
    ws.close(1006, false);
    jest.advanceTimersByTime(2000);
    const ws2 = connect();
    expect(ws2.sent.at(-1)).toEqual({
      event: 'session_join',
      data: { sessionId: 's1', lastSeq: 11 },
    });
    // The replay overlaps what we saw (11) and brings 12 and 13.
    receive(ws2, 'exam_pause', { pausedAt: 2_000_000, serverNow: 2_000_000 }, 11);
    receive(ws2, 'exam_resume', { deadline: 6_000_000, serverNow: 1, totalPausedMs: 1 }, 12);
    receive(
      ws2,
      'broadcast_message',
      { message: 'Hi', level: 'info', fromUserId: 't', sentAt: 1 },
      13,
    );
    receive(
      ws2,
      'broadcast_message',
      { message: 'Hi', level: 'info', fromUserId: 't', sentAt: 1 },
      13,
    );
    ws2.receive({
      event: 'session_resumed',
      data: { sessionId: 's1', fromSeq: 11, toSeq: 13, replayed: 3 },
    });
    expect(session.state()?.status).toBe('active');
    expect(session.state()?.deadline).toBe(6_000_000);
    expect(session.messages().map((m) => m.message)).toEqual(['Hi']);
    expect(session.joined()).toBe(true);
  });

  it('a snapshot after a gap replaces state instead of merging', () => {
    const ws = connect();
    receive(ws, 'session_snapshot', { snapshot: snapshot({ status: 'paused', pausedAt: 5 }) }, 10);
    receive(
      ws,
      'session_snapshot',
      {
        snapshot: snapshot({ status: 'completed', lastSeq: 40, attemptStatus: 'completed' }),
      },
      40,
    );
    expect(session.state()?.status).toBe('completed');
    receive(ws, 'exam_resume', { deadline: 1, serverNow: 1, totalPausedMs: 1 }, 39);
    expect(session.state()?.status).toBe('completed');
  });

  it('follows results_released (even before a snapshot), ignores stale or foreign frames', () => {
    const ws = connect();
    expect(session.resultsRelease()).toBe('none');
    receive(ws, 'results_released', { mode: 'score', releasedAt: 5 }, 9);
    expect(session.resultsRelease()).toBe('score');
    expect(session.timeAnnouncement()).toBe('Your teacher released your results.');
    receive(
      ws,
      'session_snapshot',
      { snapshot: snapshot({ status: 'completed', attemptStatus: 'completed' }) },
      10,
    );
    receive(ws, 'results_released', { mode: 'full_review', releasedAt: 6 }, 11);
    expect(session.resultsRelease()).toBe('full_review');
    // An older frame replayed late, an unknown mode, another session's frame: no change.
    receive(ws, 'results_released', { mode: 'score', releasedAt: 5 }, 9);
    receive(ws, 'results_released', { mode: 'everything', releasedAt: 7 }, 12);
    ws.receive({
      event: 'results_released',
      data: { sessionId: 's2', mode: 'none', releasedAt: null },
      seq: 13,
    });
    expect(session.resultsRelease()).toBe('full_review');
    // Withdrawn by the teacher.
    receive(ws, 'results_released', { mode: 'none', releasedAt: null }, 14);
    expect(session.resultsRelease()).toBe('none');
    expect(session.state()?.status).toBe('completed');
  });

  it('sends answers over the socket once joined and marks them saved on the matching ack', () => {
    const ws = connect();
    receive(
      ws,
      'session_snapshot',
      {
        snapshot: snapshot({
          answers: [
            {
              questionId: 'q2',
              answer: { text: 'old' },
              key: 'k0',
              seq: 4,
              final: false,
              savedAt: 1,
            },
          ],
        }),
      },
      10,
    );
    session.change('q2', { text: 'new' }, true);
    const frame = ws.sent.at(-1);
    expect(frame?.event).toBe('answer_autosaved');
    expect(frame?.data).toMatchObject({
      sessionId: 's1',
      questionId: 'q2',
      answer: { text: 'new' },
      seq: 5,
    });
    ws.receive({
      event: 'answer_ack',
      data: {
        sessionId: 's1',
        questionId: 'q2',
        key: frame?.data['key'],
        seq: 5,
        status: 'autosaved',
        savedAt: 9,
      },
    });
    expect(session.queue.saves()['q2']).toEqual({ state: 'saved', savedAt: 9 });
  });

  it('sends an answer refused for an expired token again, with the same key, once renewed', () => {
    const ws = connect();
    receive(ws, 'session_snapshot', { snapshot: snapshot() }, 10);
    session.change('q2', { text: 'late' }, true);
    const frame = ws.sent.at(-1);
    const key = frame?.data['key'];
    ws.receive({
      event: 'error',
      data: {
        code: 'TOKEN_EXPIRED',
        message: 'Your access token expired',
        recoverable: true,
        event: 'answer_autosaved',
        key,
      },
    });
    expect(session.queue.saves()['q2']).toEqual({ state: 'queued-offline' });
    const before = ws.sent.length;
    jest.advanceTimersByTime(STUDENT_LIVE_TUNING.tickMs);
    const resent = ws.sent.slice(before).find((f) => f.event === 'answer_autosaved');
    expect(resent?.data['key']).toBe(key);
  });

  it('falls back to REST after three failed handshakes: polls the snapshot and POSTs answers', () => {
    for (let i = 0; i < 3; i++) {
      factory.last.failToConnect();
      jest.advanceTimersByTime(i === 2 ? 600 : 5_000);
    }
    expect(session.mode()).toBe('rest');
    expect(session.connection()).toBe('slow');
    const poll = http.expectOne('/api/v1/exam-sessions/s1/snapshot');
    poll.flush(snapshot({ serverNow: Date.now() + 30_000, deadline: Date.now() + 90_000 }));
    // The server clock from the polled snapshot (within the half round-trip correction).
    expect(Math.abs((session.remainingMs() ?? 0) - 60_000)).toBeLessThanOrEqual(300);
    session.change('q1', { optionId: 'a' }, true);
    const post = http.expectOne({ method: 'POST', url: '/api/v1/exam-sessions/s1/answers' });
    expect(post.request.body).toMatchObject({
      questionId: 'q1',
      answer: { optionId: 'a' },
      seq: 1,
    });
    post.flush({
      sessionId: 's1',
      questionId: 'q1',
      key: post.request.body.key,
      seq: 1,
      status: 'autosaved',
      savedAt: 3,
    });
    expect(session.queue.saves()['q1'].state).toBe('saved');
  });

  it('slower mode polls the missed events after its last seq and shows warnings and broadcasts', () => {
    for (let i = 0; i < 3; i++) {
      factory.last.failToConnect();
      jest.advanceTimersByTime(i === 2 ? 600 : 5_000);
    }
    expect(session.mode()).toBe('rest');
    const now = Date.now() + 30_000;
    http
      .expectOne('/api/v1/exam-sessions/s1/snapshot')
      .flush(snapshot({ serverNow: now, deadline: now + 300_000, lastSeq: 10 }));
    jest.advanceTimersByTime(3_000);
    const ev = http.expectOne(
      (r) => r.url === '/api/v1/exam-sessions/s1/events' && r.params.get('afterSeq') === '10',
    );
    const data = { sessionId: 's1' };
    ev.flush({
      snapshotRequired: false,
      events: [
        {
          event: 'time_warning',
          seq: 11,
          data: { ...data, minutesRemaining: 5, urgent: true, deadline: now, serverNow: now },
        },
        {
          event: 'broadcast_message',
          seq: 12,
          data: { ...data, message: 'Pens down soon', level: 'info' },
        },
        // Already seen (seq <= 12 after the replay) and another session's frame: ignored.
        {
          event: 'broadcast_message',
          seq: 12,
          data: { ...data, message: 'Pens down soon', level: 'info' },
        },
        {
          event: 'broadcast_message',
          seq: 13,
          data: { sessionId: 's2', message: 'Not mine', level: 'info' },
        },
      ],
    });
    expect(session.timeAnnouncement()).toBe('5 minutes left. Finish your answers now.');
    expect(session.messages().map((m) => m.message)).toEqual(['Pens down soon']);
    // Then the snapshot, as before.
    http
      .expectOne('/api/v1/exam-sessions/s1/snapshot')
      .flush(snapshot({ serverNow: now, deadline: now + 300_000, lastSeq: 12 }));
    jest.advanceTimersByTime(3_000);
    http
      .expectOne(
        (r) => r.url === '/api/v1/exam-sessions/s1/events' && r.params.get('afterSeq') === '12',
      )
      .flush({ snapshotRequired: true, events: [] });
    http.expectOne('/api/v1/exam-sessions/s1/snapshot');
  });
});
