/**
 * The same application on PostgreSQL (DATABASE_URL=postgres://…), end to end: migrations and
 * demo data on an empty database, an exam and a session over REST, a roster change, a live
 * exam over real sockets (launch, answers with duplicates and stale seqs, progress, resume
 * with missed events, a rebuilt state), the end, and what is stored: answers, attempts,
 * progress columns, the session log and connection rows (the advisory writes use multi-row
 * statements whose SQL differs most from SQLite's).
 *
 * Runs when TEST_POSTGRES_URL points at a server where it may create a database (.ci/run
 * exports it when PostgreSQL answers); skipped otherwise.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type {
  ExamLaunchPayload,
  ExamSessionView,
  ExamView,
  GradeResponse,
  JoinByCodeResponse,
  MyResult,
  Page,
  RegradeResult,
  SessionResultsView,
  SessionStatisticsView,
  SessionJoinCode,
  SessionResumedPayload,
  SessionSnapshotPayload,
  StudentProgressPayload,
  StudentSnapshot,
  TestTakerToolsView,
  UserView,
} from '@exam/contracts';
import { DEFAULT_TEST_TAKER_TOOLS } from '@exam/contracts';
import { LiveSessionService } from '../../backend/src/app/exam-session/live-session.service';
import { examBody } from '../support/exams';
import { api, login } from '../support/http';
import { answerOnce, joined, lastSeqOf, seen, sleep } from '../support/live-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import type { TestSocket } from '../support/ws-client';

const PG = process.env.TEST_POSTGRES_URL;

(PG ? describe : describe.skip)('on PostgreSQL (TEST_POSTGRES_URL)', () => {
  const dbName = `exam_it_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  let admin: Client;
  let t: TestApp;
  const open: TestSocket[] = [];
  const track = (s: TestSocket) => (open.push(s), s);

  /** A query on the test database, from outside the app. */
  async function pg<T = Record<string, unknown>>(sql: string, params: unknown[] = []) {
    const c = new Client({ connectionString: urlFor(dbName) });
    await c.connect();
    try {
      return (await c.query(sql, params)).rows as T[];
    } finally {
      await c.end();
    }
  }
  function urlFor(db: string): string {
    const u = new URL(PG!);
    u.pathname = `/${db}`;
    return u.toString();
  }

  beforeAll(async () => {
    admin = new Client({ connectionString: PG });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    t = await startTestApp({ DATABASE_URL: urlFor(dbName) });
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await t?.close();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  });

  it('runs a live exam end to end and stores everything', async () => {
    const call = <T>(method: string, path: string, token: string, body?: unknown) =>
      api<T>(t.baseUrl, method, `/api/v1${path}`, { token, body });
    const teacher = await login(t.baseUrl, 'teacher@demo.school');
    const students = (await call<Page<UserView>>('GET', '/users?role=student', teacher.accessToken))
      .body.items;
    expect(students.length).toBeGreaterThanOrEqual(3);
    const exam = await call<ExamView>(
      'POST',
      '/exams',
      teacher.accessToken,
      examBody({ texts: [{ beforeQuestion: 1, text: 'Read this first.', format: 'markdown' }] }),
    );
    expect(exam.status).toBe(201);
    expect(exam.body.texts).toEqual([
      { id: expect.any(String), beforeQuestion: 1, text: 'Read this first.', format: 'markdown' },
    ]);
    const created = await call<ExamSessionView>('POST', '/exam-sessions', teacher.accessToken, {
      examId: exam.body.id,
      title: 'On PostgreSQL',
      studentIds: [students[0].id, students[1].id],
      durationMinutes: 30,
    });
    expect(created.status).toBe(201);
    const sid = created.body.id;

    const tSock = track(await joined(t, teacher.accessToken, sid));
    // Roster change while the live state is cached: seen at once.
    const patched = await call('PATCH', `/exam-sessions/${sid}`, teacher.accessToken, {
      studentIds: [students[0].id, students[1].id, students[2].id],
    });
    expect(patched.status).toBe(200);
    const tokens = await Promise.all(
      students.slice(0, 3).map(async (s) => (await login(t.baseUrl, s.email)).accessToken),
    );
    const socks = await Promise.all(tokens.map(async (tok) => track(await joined(t, tok, sid))));

    tSock.send('exam_launch', { sessionId: sid });
    const launches = await Promise.all(
      socks.map((s) => s.next<ExamLaunchPayload>('exam_launch', () => true, 15_000)),
    );
    const questions = launches[0].data.questions!;
    expect(questions).toHaveLength(exam.body.questions.length);
    expect(launches[0].data.texts).toEqual([
      expect.objectContaining({ beforeQuestionId: exam.body.questions[1].id }),
    ]);
    const single = questions.find((q) => q.type === 'single_choice') as {
      id: string;
      options: Array<{ id: string }>;
    };
    const text = questions.find((q) => q.type === 'short_text')!;

    // Answers: saved, duplicate (original reply, no second row), stale (not stored).
    const a1 = await answerOnce(socks[0], {
      sessionId: sid,
      questionId: single.id,
      answer: { optionId: single.options[0].id },
      seq: 2,
      key: 'dup-key-0001',
    });
    expect(a1.data.status).toBe('autosaved');
    const dup = await answerOnce(socks[0], {
      sessionId: sid,
      questionId: single.id,
      answer: { optionId: single.options[1].id },
      seq: 3,
      key: 'dup-key-0001',
    });
    expect(dup.data).toEqual(a1.data);
    const stale = await answerOnce(socks[0], {
      sessionId: sid,
      questionId: single.id,
      answer: { optionId: single.options[1].id },
      seq: 1,
    });
    expect(stale.data.status).toBe('stale');
    for (const [i, s] of socks.entries()) {
      const ack = await answerOnce(s, {
        sessionId: sid,
        questionId: text.id,
        answer: { text: `answer from ${i}` },
        seq: 1,
      });
      expect(ack.data.status).toBe('autosaved');
    }
    await seen<StudentProgressPayload>(
      tSock,
      (f) =>
        f.event === 'student_progress' &&
        f.data.studentId === students[0].id &&
        f.data.answered === 2,
    );

    // A student drops and comes back with the last seq: exactly the missed events.
    const before = lastSeqOf(socks[1]);
    socks[1].close();
    tSock.send('broadcast_message', { sessionId: sid, message: 'Ten minutes in' });
    await seen(socks[0], (f) => f.event === 'broadcast_message');
    const back = track(await joined(t, tokens[1], sid, before));
    const resumed = back.frames.find((f) => f.event === 'session_resumed');
    expect((resumed?.data as SessionResumedPayload).replayed).toBeGreaterThanOrEqual(1);
    expect(back.frames.some((f) => f.event === 'broadcast_message')).toBe(true);

    // State rebuilt from PostgreSQL (as after a restart): the saved answers are there.
    await t.app.get(LiveSessionService).reload(sid);
    const again = track(await joined(t, tokens[0], sid));
    const snap = again.frames.find((f) => f.event === 'session_snapshot')!
      .data as SessionSnapshotPayload;
    const mine = snap.snapshot as StudentSnapshot;
    expect(mine.answers.map((a) => a.questionId).sort()).toEqual([single.id, text.id].sort());

    const sub = await answerOnce(
      socks[2],
      { sessionId: sid, questionId: text.id, answer: { text: 'final' }, seq: 2 },
      'answer_submitted',
    );
    expect(sub.data.status).toBe('saved');
    socks[2].send('exam_submit', { sessionId: sid });
    await socks[2].next('exam_submit');
    tSock.send('exam_complete', { sessionId: sid });
    await seen(again, (f) => f.event === 'exam_complete');

    // Stored: every acked answer once, every attempt completed, the advisory rows written.
    const rows = await pg<{ idempotency_key: string; seq: number }>(
      'SELECT idempotency_key, seq FROM answers WHERE exam_session_id = $1',
      [sid],
    );
    expect(rows).toHaveLength(5);
    expect(rows.filter((r) => r.idempotency_key === 'dup-key-0001')).toHaveLength(1);
    const attempts = await pg<{ status: string; answered_count: number; option_order: string }>(
      'SELECT status, answered_count, option_order FROM student_sessions WHERE exam_session_id = $1',
      [sid],
    );
    expect(attempts.map((a) => a.status)).toEqual(['completed', 'completed', 'completed']);
    expect(attempts.every((a) => a.option_order !== null)).toBe(true);
    // Progress columns arrive with the periodic background write (every 5 s).
    let progress: Array<{ answered_count: number }> = [];
    for (let i = 0; i < 80; i++) {
      progress = await pg<{ answered_count: number }>(
        'SELECT answered_count FROM student_sessions WHERE exam_session_id = $1 AND answered_count > 0',
        [sid],
      );
      if (progress.length === 3) break;
      await sleep(100);
    }
    expect(progress).toHaveLength(3);
    const events = (
      await pg<{ type: string }>('SELECT type FROM session_events WHERE exam_session_id = $1', [
        sid,
      ])
    ).map((e) => e.type);
    expect(events).toEqual(
      expect.arrayContaining(['exam_launch', 'student_joined', 'exam_submit', 'exam_complete']),
    );
    const conns = await pg<{ n: string }>(
      'SELECT COUNT(*) AS n FROM connections WHERE user_id = $1',
      [students[0].id],
    );
    expect(Number(conns[0].n)).toBeGreaterThan(0);

    // Results on PostgreSQL: graded in the finalising transactions, one row per question.
    const scored = await pg<{ n: string }>(
      'SELECT COUNT(*) AS n FROM question_scores WHERE exam_session_id = $1',
      [sid],
    );
    expect(Number(scored[0].n)).toBe(3 * exam.body.questions.length);
    const results = await call<SessionResultsView>(
      'GET',
      `/exam-sessions/${sid}/results?sort=score&order=desc`,
      teacher.accessToken,
    );
    expect(results.status).toBe(200);
    expect(results.body.items.map((r) => r.endReason).sort()).toEqual([
      'submitted',
      'teacher',
      'teacher',
    ]);
    const graded = results.body.items.find((r) => r.studentId === students[2].id)!;
    // Manual grade (multi-row UPDATE ... FROM VALUES with typed first row), regrade, release.
    const essay = exam.body.questions.find((q) => q.type === 'essay')!;
    const grade = await call<GradeResponse>(
      'POST',
      `/exam-sessions/${sid}/grades`,
      teacher.accessToken,
      {
        studentSessionId: graded.studentSessionId,
        questionId: text.id,
        points: 1.5,
        comment: 'Close enough',
      },
    );
    expect(grade.status).toBe(200);
    expect(grade.body.item).toMatchObject({ points: 1.5, comment: 'Close enough' });
    const regrade = await call<RegradeResult>(
      'POST',
      `/exam-sessions/${sid}/regrade`,
      teacher.accessToken,
      {
        changes: [{ questionId: essay.id, action: 'drop' }],
      },
    );
    expect(regrade.status).toBe(200);
    expect(regrade.body.changed).toHaveLength(3);
    const release = await call('PUT', `/exam-sessions/${sid}/release`, teacher.accessToken, {
      mode: 'full_review',
    });
    expect(release.status).toBe(200);
    const myResult = await call<MyResult>('GET', `/exam-sessions/${sid}/my-result`, tokens[2]);
    expect(myResult.status).toBe(200);
    expect(myResult.body.score.maxScore).toBe(regrade.body.changed[0].after.maxScore);
    const stats = await call<SessionStatisticsView>(
      'GET',
      `/exam-sessions/${sid}/statistics`,
      teacher.accessToken,
    );
    expect(stats.body.exam.n).toBe(3);
    const csv = await fetch(`${t.baseUrl}/api/v1/exam-sessions/${sid}/export/results.csv`, {
      headers: { authorization: `Bearer ${teacher.accessToken}` },
    });
    expect((await csv.text()).split('\r\n').filter(Boolean)).toHaveLength(4);
  });

  it('joins by code and keeps test-taker tools (upsert) on PostgreSQL', async () => {
    const call = <T>(method: string, path: string, token: string, body?: unknown) =>
      api<T>(t.baseUrl, method, `/api/v1${path}`, { token, body });
    const teacher = await login(t.baseUrl, 'teacher@demo.school');
    const student = await login(t.baseUrl, 'student3@demo.school');
    const exam = await call<ExamView>('POST', '/exams', teacher.accessToken, examBody({}));
    const created = await call<ExamSessionView>('POST', '/exam-sessions', teacher.accessToken, {
      examId: exam.body.id,
      studentIds: [],
    });
    const opened = await call<SessionJoinCode>(
      'POST',
      `/exam-sessions/${created.body.id}/join-code`,
      teacher.accessToken,
      { open: true },
    );
    expect(opened.status).toBe(200);
    const joinedByCode = await call<JoinByCodeResponse>(
      'POST',
      '/exam-sessions/join',
      student.accessToken,
      { code: opened.body.code },
    );
    expect(joinedByCode.body).toMatchObject({ sessionId: created.body.id, alreadyEnrolled: false });
    for (const textSize of [150, 200] as const) {
      const put = await call<TestTakerToolsView>(
        'PUT',
        '/me/test-taker-tools',
        student.accessToken,
        {
          tools: { ...DEFAULT_TEST_TAKER_TOOLS, textSize },
        },
      );
      expect(put.status).toBe(200);
    }
    const rows = await pg<{ tools: string; set_by: string }>(
      'SELECT tools, set_by FROM test_taker_tools WHERE user_id = $1',
      [student.user.id],
    );
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0].tools).textSize).toBe(200);
    expect(rows[0].set_by).toBe('student');
  });
});
