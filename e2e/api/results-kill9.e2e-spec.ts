/**
 * kill -9 during finalisation (issue 11): the built server ends sessions (the teacher's end
 * and students' submits at once) and is SIGKILLed at a random moment while it grades. After
 * each restart every attempt is either open with no score, or finished and graded exactly
 * once (one score row per question, totals set) with scores equal to the grading rules on
 * the stored answers. Then the restart catch-up: attempts finished without scores (as an
 * older version left them) are graded on start, once, however many times it restarts.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoginResponse, QuestionDefinition } from '@exam/contracts';
import { gradeAnswer } from '../../backend/src/app/exams/domain/grading';
import { openDb } from '../support/answer-bots';
import { api, login } from '../support/http';
import { createLiveSession, type LiveFixture } from '../support/live-fixtures';
import { buildServer, startServer, type ServerProcess } from '../support/server-process';

const ROUNDS = 4;
const STUDENTS = 150;
const QUESTIONS = 25;
const SUBMITTERS = 5;

type Db = ReturnType<typeof openDb>;

/** The fixture's questions: even positions single choice (key b), odd ones short text. */
function definition(i: number, secret: string): QuestionDefinition {
  return i % 2 === 0
    ? {
        type: 'single_choice',
        prompt: '',
        points: 1,
        options: ['a', 'b', 'c'].map((x) => ({ id: x, text: x })),
        correctOptionId: 'b',
      }
    : {
        type: 'short_text',
        prompt: '',
        points: 1,
        acceptedAnswers: [{ text: secret, creditPercent: 100 }],
      };
}

async function checkSession(db: Db, fx: LiveFixture): Promise<{ graded: number; open: number }> {
  const attempts = await db.all<{
    id: string;
    status: string;
    graded_at: number | null;
    score: number | null;
  }>('SELECT id, status, graded_at, score FROM student_sessions WHERE exam_session_id = ?', [
    fx.sessionId,
  ]);
  const scores = await db.all<{ a: string; q: string; points: number | null }>(
    'SELECT student_session_id AS a, question_id AS q, points FROM question_scores WHERE exam_session_id = ?',
    [fx.sessionId],
  );
  const answers = await db.all<{ a: string; q: string; value: string; seq: number }>(
    'SELECT student_session_id AS a, question_id AS q, value, seq FROM answers WHERE exam_session_id = ? ORDER BY seq',
    [fx.sessionId],
  );
  const latest = new Map<string, unknown>();
  for (const r of answers) latest.set(`${r.a}|${r.q}`, JSON.parse(r.value));
  let graded = 0;
  let open = 0;
  for (const a of attempts) {
    const mine = scores.filter((s) => s.a === a.id);
    if (a.status !== 'completed') {
      open++;
      expect([a.id, a.graded_at, mine.length]).toEqual([a.id, null, 0]);
      continue;
    }
    graded++;
    expect(a.graded_at).not.toBeNull();
    // Exactly once: one row per question, no more, no less.
    expect(mine.map((s) => s.q).sort()).toEqual([...fx.questionIds].sort());
    let total = 0;
    fx.questionIds.forEach((q, i) => {
      const expected = gradeAnswer(
        definition(i, fx.secretKeyText),
        latest.get(`${a.id}|${q}`) ?? null,
      );
      const got = mine.find((s) => s.q === q)!.points;
      expect([q, got]).toEqual([q, expected.score]);
      total += expected.score;
    });
    expect(a.score).toBe(total);
  }
  return { graded, open };
}

describe('kill -9 while attempts are finalised: every attempt graded exactly once', () => {
  let dir: string;
  let server: ServerProcess | undefined;
  beforeAll(() => {
    buildServer();
    dir = mkdtempSync(join(tmpdir(), 'exam-results-kill9-'));
  }, 240_000);
  afterAll(async () => {
    await server?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it(`grades each attempt once over ${ROUNDS} random SIGKILLs, and catches up on restart`, async () => {
    const dbFile = join(dir, 'exam.sqlite');
    server = await startServer(dbFile);
    const admin = await login(server.baseUrl, 'admin@demo.school');
    const teacher = await login(server.baseUrl, 'teacher@demo.school');
    const submitters: LoginResponse[] = [];
    for (let i = 0; i < SUBMITTERS; i++) {
      const email = `submitter${i}@demo.school`;
      await api(server.baseUrl, 'POST', '/api/v1/users', {
        token: admin.accessToken,
        body: { email, displayName: `Submitter ${i}`, password: 'demo1234', role: 'student' },
      });
      submitters.push(await login(server.baseUrl, email));
    }
    await server.kill('SIGTERM');

    // Sessions and answers written while the server is down (so they are what it loads).
    const db = openDb(dbFile);
    await db.run('PRAGMA busy_timeout = 5000');
    const academyId = teacher.user.academyId;
    const now = Date.now();
    const bulk: string[] = [];
    for (let i = 0; i < STUDENTS - SUBMITTERS; i++) {
      const id = randomUUID();
      bulk.push(id);
      await db.run(
        `INSERT INTO users (id, academy_id, email, display_name, role, password_hash, extra_time_percent, password_changed_at, created_at)
         VALUES (?, ?, ?, ?, 'student', 'x', 0, ?, ?)`,
        [id, academyId, `bulk${i}@demo.school`, `Bulk ${i}`, now, now],
      );
    }
    const studentIds = [...submitters.map((s) => s.user.id), ...bulk];
    const sessions: LiveFixture[] = [];
    // One more session than rounds: the first is ended without a kill to time an end.
    for (let r = 0; r <= ROUNDS; r++) {
      const fx = await createLiveSession(db.run, {
        academyId,
        teacherId: teacher.user.id,
        studentIds,
        questions: QUESTIONS,
        durationMinutes: 120,
      });
      const attempts = await db.all<{ id: string }>(
        'SELECT id FROM student_sessions WHERE exam_session_id = ? ORDER BY id',
        [fx.sessionId],
      );
      // Most students answer most questions, right or wrong; a few leave some out.
      const rows: unknown[][] = [];
      attempts.forEach((a, ai) =>
        fx.questionIds.forEach((q, qi) => {
          if ((ai + qi) % 7 === 0) return;
          const value =
            qi % 2 === 0
              ? { optionId: (ai + qi) % 3 === 0 ? 'a' : 'b' }
              : { text: (ai * qi) % 4 === 0 ? 'nope' : fx.secretKeyText };
          rows.push([
            academyId,
            fx.sessionId,
            a.id,
            q,
            `k-${ai}-${qi}`,
            1,
            JSON.stringify(value),
            now,
          ]);
        }),
      );
      for (let i = 0; i < rows.length; i += 100) {
        const chunk = rows.slice(i, i + 100);
        await db.run(
          `INSERT INTO answers (academy_id, exam_session_id, student_session_id, question_id, idempotency_key, seq, final, value, created_at)
           VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, 0, ?, ?)').join(', ')}`,
          chunk.flat(),
        );
      }
      sessions.push(fx);
    }
    await db.close();

    server = await startServer(dbFile, {}, server.port);
    // Tokens stay valid across restarts (same secret): no sign-in on the timed path.
    const teacherToken = (await login(server.baseUrl, 'teacher@demo.school')).accessToken;
    const tokens = await Promise.all(
      submitters.map(async (s) => (await login(server!.baseUrl, s.user.email)).accessToken),
    );
    const launchAndEnd = async (fx: LiveFixture) => {
      const launch = await api(
        server!.baseUrl,
        'POST',
        `/api/v1/exam-sessions/${fx.sessionId}/launch`,
        {
          token: teacherToken,
          body: {},
        },
      );
      expect(launch.status).toBe(200);
      // The teacher ends the session while some students submit.
      return [
        api(server!.baseUrl, 'POST', `/api/v1/exam-sessions/${fx.sessionId}/complete`, {
          token: teacherToken,
          body: {},
        }),
        ...tokens.map((token) =>
          api(server!.baseUrl, 'POST', `/api/v1/exam-sessions/${fx.sessionId}/submit`, {
            token,
            body: {},
          }),
        ),
      ].map((p) => p.catch(() => null));
    };
    const [calibration, ...killed] = sessions;
    const t0 = Date.now();
    await Promise.all(await launchAndEnd(calibration));
    const endMs = Date.now() - t0;
    const rounds: Array<{ killAfterMs: number; graded: number; open: number }> = [];
    for (const [r, fx] of killed.entries()) {
      const calls = await launchAndEnd(fx);
      // Spread the kills from before the end's commit to after it, with some jitter.
      const killAfterMs = Math.round(((r + 0.25 + Math.random() * 0.5) / ROUNDS) * 1.5 * endMs);
      await new Promise((res) => setTimeout(res, killAfterMs));
      await server.kill('SIGKILL');
      await Promise.all(calls);

      let check = openDb(dbFile);
      const afterKill = await checkSession(check, fx);
      await check.close();
      rounds.push({ killAfterMs, ...afterKill });

      // Restarted: whatever did not commit is still open; ending it now grades the rest.
      server = await startServer(dbFile, {}, server.port);
      const again = teacherToken;
      const status = await api<{ status: string }>(
        server.baseUrl,
        'GET',
        `/api/v1/exam-sessions/${fx.sessionId}`,
        { token: again },
      );
      if (status.body.status === 'active') {
        const end = await api(
          server.baseUrl,
          'POST',
          `/api/v1/exam-sessions/${fx.sessionId}/complete`,
          {
            token: again,
            body: {},
          },
        );
        expect(end.status).toBe(200);
      }
      check = openDb(dbFile);
      expect(await checkSession(check, fx)).toEqual({ graded: STUDENTS, open: 0 });
      await check.close();
    }
    // Each round left every attempt either open and ungraded or finished and graded.
    for (const r of rounds) expect(r.graded + r.open).toBe(STUDENTS);
    const check0 = openDb(dbFile);
    expect(await checkSession(check0, calibration)).toEqual({ graded: STUDENTS, open: 0 });
    await check0.close();

    // The catch-up: attempts finished without scores are graded on start, exactly once.
    await server.kill('SIGTERM');
    const legacy = openDb(dbFile);
    await legacy.run('PRAGMA busy_timeout = 5000');
    await legacy.run('DELETE FROM question_scores WHERE exam_session_id = ?', [
      sessions[0].sessionId,
    ]);
    await legacy.run(
      'UPDATE student_sessions SET graded_at = NULL, score = NULL WHERE exam_session_id = ?',
      [sessions[0].sessionId],
    );
    await legacy.close();
    for (let i = 0; i < 2; i++) {
      server = await startServer(dbFile, {}, server.port);
      // Graded during start-up, before the server answers.
      const check = openDb(dbFile);
      expect(await checkSession(check, sessions[0])).toEqual({ graded: STUDENTS, open: 0 });
      await check.close();
      await server.kill(i === 0 ? 'SIGKILL' : 'SIGTERM');
    }
    // eslint-disable-next-line no-console
    console.log(`results kill -9: an end took ${endMs} ms; rounds ${JSON.stringify(rounds)}`);
  }, 300_000);
});
