/**
 * One exam spread over three instances (child processes of the built server) on PostgreSQL
 * and Redis (issue 15): the teacher on A, students on B and C. Every lifecycle event and
 * answer is seen where it should be: launch, answers and the grid, broadcast, pause (answers
 * on the other instances refused at once), resume, add time, a student moving to another
 * instance with its last seq (exactly the missed events), a retry through another instance
 * (the original reply, one row), an older seq through another instance (refused as stale),
 * two devices answering in the same instant through two instances (never an older seq
 * stored after a newer one),
 * the end and the grades computed from answers stored through every instance. Then a user's
 * and an address's sockets counted over every instance (the caps), and a logout or a
 * password change on one instance closing the sockets another holds.
 *
 * Runs when TEST_POSTGRES_URL and TEST_REDIS_URL are set (.ci/run exports both).
 */
import type {
  AnswerAckPayload,
  ExamAddTimePayload,
  ExamLaunchPayload,
  ExamSessionView,
  ExamView,
  Page,
  SessionResumedPayload,
  StudentProgressPayload,
  StudentSnapshot,
  TeacherSnapshot,
  UserView,
} from '@exam/contracts';
import { startCluster, type Cluster } from '../support/cluster';
import { examBody } from '../support/exams';
import { api, DEMO_PASSWORD, login } from '../support/http';
import { answerOnce, joined, lastSeqOf, seen, sleep } from '../support/live-helpers';
import { PG_URL, REDIS_URL } from '../support/postgres';
import { TestSocket } from '../support/ws-client';

(PG_URL && REDIS_URL ? describe : describe.skip)('one exam over three instances', () => {
  let c: Cluster;
  const open: TestSocket[] = [];
  const track = (s: TestSocket) => (open.push(s), s);

  beforeAll(async () => {
    // The socket caps count over all instances (low here, to meet them quickly: every
    // socket of this test comes from 127.0.0.1).
    c = await startCluster(3, { WS_MAX_CONNECTIONS_PER_USER: '2', WS_MAX_CONNECTIONS_PER_IP: '4' });
  }, 120_000);
  afterAll(async () => {
    for (const s of open) s.close();
    await c?.stop();
  });

  it('runs a whole exam with the teacher on A and students on B and C', async () => {
    const [A, B, C] = c.instances;
    const call = <T>(base: string, method: string, path: string, token: string, body?: unknown) =>
      api<T>(base, method, `/api/v1${path}`, { token, body });
    // Tokens from any instance work on every instance (one JWT secret, one database).
    const teacher = await login(A.baseUrl, 'teacher@demo.school');
    const students = (
      await call<Page<UserView>>(B.baseUrl, 'GET', '/users?role=student', teacher.accessToken)
    ).body.items.slice(0, 2);
    const exam = await call<ExamView>(A.baseUrl, 'POST', '/exams', teacher.accessToken, examBody());
    expect(exam.status).toBe(201);
    const created = await call<ExamSessionView>(
      C.baseUrl,
      'POST',
      '/exam-sessions',
      teacher.accessToken,
      {
        examId: exam.body.id,
        title: 'Across instances',
        studentIds: students.map((s) => s.id),
        durationMinutes: 30,
      },
    );
    expect(created.status).toBe(201);
    const sid = created.body.id;
    const [t1, t2] = await Promise.all(
      students.map(async (s) => (await login(B.baseUrl, s.email)).accessToken),
    );

    const teacherSock = track(await joined(A, teacher.accessToken, sid));
    const s1 = track(await joined(B, t1, sid));
    const s2 = track(await joined(C, t2, sid));
    // Presence on B and C reaches the teacher on A.
    for (const s of students) {
      await seen<StudentProgressPayload>(
        teacherSock,
        (f) =>
          f.event === 'student_progress' &&
          f.data.studentId === s.id &&
          f.data.connectionStatus === 'connected',
      );
    }

    teacherSock.send('exam_launch', { sessionId: sid });
    const [l1] = await Promise.all([
      s1.next<ExamLaunchPayload>('exam_launch'),
      s2.next<ExamLaunchPayload>('exam_launch'),
      teacherSock.next('exam_launch'),
    ]);
    const questions = l1.data.questions!;
    const text = questions.find((q) => q.type === 'short_text')!;
    const single = questions.find((q) => q.type === 'single_choice') as {
      id: string;
      options: Array<{ id: string }>;
    };

    // The same student also on C (a second device) before answering on B: C's memory
    // knows nothing of what B stores, so only the database can arbitrate below.
    const viaC = track(await joined(C, t1, sid));

    // Answers on B and C, the grid on A.
    const a1 = await answerOnce(s1, {
      sessionId: sid,
      questionId: text.id,
      answer: { text: 'from B' },
      seq: 1,
      key: 'cluster-key-b1',
    });
    expect(a1.data.status).toBe('autosaved');
    const a2 = await answerOnce(s2, {
      sessionId: sid,
      questionId: single.id,
      answer: { optionId: single.options[0].id },
      seq: 1,
    });
    expect(a2.data.status).toBe('autosaved');
    for (const s of students) {
      await seen<StudentProgressPayload>(
        teacherSock,
        (f) => f.event === 'student_progress' && f.data.studentId === s.id && f.data.answered === 1,
      );
    }

    // A retry of B's answer through C: the original reply, still one row.
    const retry = await answerOnce(viaC, {
      sessionId: sid,
      questionId: text.id,
      answer: { text: 'from B' },
      seq: 1,
      key: 'cluster-key-b1',
    });
    expect(retry.data).toMatchObject({
      key: 'cluster-key-b1',
      seq: 1,
      status: 'autosaved',
      savedAt: a1.data.savedAt,
    });
    // An older seq through C than the one stored through B: refused as stale, not stored.
    const stale = await answerOnce(viaC, {
      sessionId: sid,
      questionId: text.id,
      answer: { text: 'older, from C' },
      seq: 1,
    });
    expect(stale.data).toMatchObject({ status: 'stale', currentSeq: 1, code: 'STALE' });

    // Both devices answer the same question in the same instant, B with the newer seq: the
    // database takes them in turn, so an older seq is never stored after a newer one (in
    // commit order, PostgreSQL's xmin), whichever instance commits first.
    for (let round = 0; round < 15; round++) {
      const newer = 10 + 2 * round;
      const acks = await Promise.all([
        answerOnce(s1, {
          sessionId: sid,
          questionId: text.id,
          answer: { text: `B ${newer}: O'Brien \\ "x" $$ ;--` },
          seq: newer,
          key: `race-b-${round}`,
        }),
        answerOnce(viaC, {
          sessionId: sid,
          questionId: text.id,
          answer: { text: `C ${newer - 1}` },
          seq: newer - 1,
          key: `race-c-${round}`,
        }),
      ]);
      expect(acks[0].data.status).toBe('autosaved');
      expect(['autosaved', 'stale']).toContain(acks[1].data.status);
    }
    const raced = await c.db.query<{ seq: number }>(
      `SELECT seq FROM answers WHERE exam_session_id = $1 AND question_id = $2
       ORDER BY xmin::text::bigint, seq`,
      [sid, text.id],
    );
    const order = raced.map((r) => Number(r.seq));
    expect(order).toEqual([...order].sort((x, y) => x - y));
    // Quotes, backslashes and dollars in an answer are stored as sent (values are escaped
    // literals there: the two statements go as one text).
    const [last] = await c.db.query<{ value: string }>(
      "SELECT value FROM answers WHERE idempotency_key = 'race-b-14' AND exam_session_id = $1",
      [sid],
    );
    expect(JSON.parse(last.value)).toEqual({ text: `B 38: O'Brien \\ "x" $$ ;--` });
    viaC.close();

    // Broadcast from A reaches B and C.
    teacherSock.send('broadcast_message', { sessionId: sid, message: 'Halfway' });
    await Promise.all([s1.next('broadcast_message'), s2.next('broadcast_message')]);

    // Pause on A: B and C know at once, and refuse answers.
    teacherSock.send('exam_pause', { sessionId: sid });
    await Promise.all([s1.next('exam_pause'), s2.next('exam_pause')]);
    const refused = await answerOnce(s2, {
      sessionId: sid,
      questionId: text.id,
      answer: { text: 'while paused' },
      seq: 1,
    });
    expect(refused.data).toMatchObject({ status: 'error', code: 'SESSION_NOT_LIVE' });
    teacherSock.send('exam_resume', { sessionId: sid });
    await Promise.all([s1.next('exam_resume'), s2.next('exam_resume')]);

    // Ten more minutes for the student on B, sent from A; B's own view has them.
    teacherSock.send('exam_add_time', { sessionId: sid, minutes: 10, studentId: students[0].id });
    const added = await s1.next<ExamAddTimePayload>('exam_add_time');
    const snapB = await call<StudentSnapshot>(
      B.baseUrl,
      'GET',
      `/exam-sessions/${sid}/snapshot`,
      t1,
    );
    expect(snapB.body.deadline).toBe(added.data.deadline);
    expect(snapB.body.allowanceMs).toBe(40 * 60_000);

    // The student on C moves to B with its last seq: exactly what it missed.
    const before = lastSeqOf(s2);
    s2.close();
    await sleep(100);
    teacherSock.send('broadcast_message', { sessionId: sid, message: 'While you were away' });
    await s1.next('broadcast_message');
    const moved = track(await joined(B, t2, sid, before));
    const resumed = moved.frames.find((f) => f.event === 'session_resumed');
    expect(resumed).toBeDefined();
    expect((resumed!.data as SessionResumedPayload).replayed).toBeGreaterThanOrEqual(1);
    const replayed = moved.frames.filter((f) => f.event === 'broadcast_message');
    expect(replayed.map((f) => (f.data as { message: string }).message)).toEqual([
      'While you were away',
    ]);

    // The teacher's view from yet another instance: both students' answers counted.
    const snapC = await call<TeacherSnapshot>(
      C.baseUrl,
      'GET',
      `/exam-sessions/${sid}/snapshot`,
      teacher.accessToken,
    );
    expect(snapC.body.roster.map((r) => r.answered).sort()).toEqual([1, 1]);

    // The end, from A: every instance's students hear it; grades use every stored answer.
    teacherSock.send('exam_complete', { sessionId: sid });
    await Promise.all([s1.next('exam_complete'), moved.next('exam_complete')]);
    const late = await answerOnce(moved, {
      sessionId: sid,
      questionId: text.id,
      answer: { text: 'too late' },
      seq: 2,
    });
    expect(['error', 'late']).toContain((late.data as AnswerAckPayload).status);
    const rows = await c.db.query<{ idempotency_key: string }>(
      "SELECT idempotency_key FROM answers WHERE exam_session_id = $1 AND idempotency_key NOT LIKE 'race-%'",
      [sid],
    );
    expect(rows).toHaveLength(2);
    const attempts = await c.db.query<{ status: string; graded_at: string | null }>(
      'SELECT status, graded_at FROM student_sessions WHERE exam_session_id = $1',
      [sid],
    );
    expect(attempts.map((a) => a.status)).toEqual(['completed', 'completed']);
    expect(attempts.every((a) => a.graded_at !== null)).toBe(true);
    // Each student's one answer was graded, though the instance that ended the exam (A)
    // never saw either of them arrive.
    const graded = await c.db.query<{ n: string }>(
      'SELECT count(*) AS n FROM question_scores WHERE exam_session_id = $1 AND answer_seq IS NOT NULL',
      [sid],
    );
    expect(Number(graded[0].n)).toBe(2);
  }, 120_000);

  it('counts a user’s and an address’s sockets over every instance and signs out everywhere', async () => {
    for (const s of open.splice(0)) s.close();
    await sleep(300);
    const [A, B, C] = c.instances;
    const teacher = await login(A.baseUrl, 'teacher@demo.school');
    const student = (
      await api<Page<UserView>>(A.baseUrl, 'GET', '/api/v1/users?role=student', {
        token: teacher.accessToken,
      })
    ).body.items[2];
    const first = await login(A.baseUrl, student.email);
    const second = await login(B.baseUrl, student.email);
    const onA = track(await TestSocket.authed(A.wsUrl, first.accessToken));
    const onB = track(await TestSocket.authed(B.wsUrl, second.accessToken));
    // B has checked (and cached) the first login as live.
    const me = (base: string, token: string) => api(base, 'GET', '/api/v1/auth/me', { token });
    expect((await me(B.baseUrl, first.accessToken)).status).toBe(200);
    await sleep(300);
    // A third socket, on a third instance: over the cap of 2, closed with 4006.
    const onC = track(await TestSocket.authed(C.wsUrl, first.accessToken));
    expect((await onC.waitClose(5_000)).code).toBe(4006);
    // Logging out on A closes that login's socket on A only; the other login's stays.
    const out = await api(A.baseUrl, 'POST', '/api/v1/auth/logout', {
      token: first.accessToken,
      body: { refreshToken: first.refreshToken },
    });
    expect(out.status).toBeLessThan(300);
    expect((await onA.waitClose(5_000)).code).toBe(4004);
    // B refuses that login's token at once too (its cache dropped the login when told).
    await sleep(200);
    expect((await me(B.baseUrl, first.accessToken)).status).toBe(401);
    // A password change made through C reaches the socket held by B.
    const changed = await api(C.baseUrl, 'POST', '/api/v1/auth/change-password', {
      token: second.accessToken,
      body: { currentPassword: DEMO_PASSWORD, newPassword: 'another-pass-2026' },
    });
    expect(changed.status).toBeLessThan(300);
    expect((await onB.waitClose(5_000)).code).toBe(4004);

    // Four sockets from this address over the three instances; a fifth is one too many.
    await sleep(300);
    const others = (
      await api<Page<UserView>>(A.baseUrl, 'GET', '/api/v1/users?role=student', {
        token: teacher.accessToken,
      })
    ).body.items.slice(0, 2);
    const [o1, o2] = await Promise.all(
      others.map(async (u) => (await login(A.baseUrl, u.email)).accessToken),
    );
    for (const [url, tok] of [
      [A.wsUrl, teacher.accessToken],
      [B.wsUrl, teacher.accessToken],
      [C.wsUrl, o1],
      [A.wsUrl, o1],
    ] as const) {
      track(await TestSocket.authed(url, tok));
    }
    await sleep(300);
    const fifth = track(await TestSocket.authed(B.wsUrl, o2));
    const closed = await fifth.waitClose(5_000);
    expect(closed.code).toBe(4006);
    expect(
      fifth.frames.some(
        (f) =>
          f.event === 'error' && /from your network/.test((f.data as { message: string }).message),
      ),
    ).toBe(true);
  }, 60_000);
});
