/**
 * The benchmarks' baseline (scripts/bench-baseline-server.mjs, issue 16) is only a fair
 * yardstick if it does the same durable work: it speaks the protocol subset the load client
 * uses, refuses a bad token, and acknowledges an answer only once its row is committed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { answerOnce, sleep } from '../support/live-helpers';
import { freePort, ROOT } from '../support/server-process';
import { TestSocket } from '../support/ws-client';

const SECRET = 'baseline-test-secret-0123456789abcdef';
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
function token(sub: string, role: string, secret = SECRET): string {
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub, role, exp: Date.now() / 1000 + 600 })}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

describe('the benchmark baseline server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'exam-baseline-'));
  const dbFile = join(dir, 'baseline.sqlite');
  const seed = {
    secret: SECRET,
    sessionId: randomUUID(),
    teacherId: randomUUID(),
    questionIds: [randomUUID(), randomUUID()],
    students: [randomUUID(), randomUUID()],
  };
  let server: ChildProcess;
  let url: string;

  beforeAll(async () => {
    writeFileSync(join(dir, 'seed.json'), JSON.stringify(seed));
    const port = await freePort();
    server = spawn(
      process.execPath,
      [
        join(ROOT, 'scripts/bench-baseline-server.mjs'),
        String(port),
        dbFile,
        join(dir, 'seed.json'),
      ],
      { stdio: 'inherit' },
    );
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/`)).ok) break;
      } catch {
        if (i > 100) throw new Error('baseline did not start');
        await sleep(100);
      }
    }
    url = `ws://127.0.0.1:${port}/ws`;
  }, 30_000);
  afterAll(() => server?.kill('SIGKILL'));

  const rows = (key: string) =>
    new Promise<number>((res, rej) => {
      const d = new sqlite3.Database(dbFile);
      d.all(
        'SELECT COUNT(*) AS n FROM answers WHERE key = ?',
        [key],
        (e, r: Array<{ n: number }>) => (e ? rej(e) : d.close(() => res(r[0].n))),
      );
    });

  it('speaks the subset: auth, heartbeat, join, launch, answer acked after its row, progress', async () => {
    const teacher = await TestSocket.authed(url, token(seed.teacherId, 'teacher'));
    const student = await TestSocket.authed(url, token(seed.students[0], 'student'));
    student.send('heartbeat', { clientNow: 5 });
    expect((await student.next<{ clientNow: number }>('heartbeat')).data.clientNow).toBe(5);
    for (const s of [teacher, student]) {
      s.send('session_join', { sessionId: seed.sessionId });
      await s.next('session_snapshot');
    }
    // Not live yet: refused.
    student.send('answer_autosaved', {
      sessionId: seed.sessionId,
      questionId: seed.questionIds[0],
      answer: { text: 'early' },
      key: 'early',
      seq: 1,
    });
    expect((await student.next<{ key: string }>('error')).data.key).toBe('early');
    student.send('exam_launch', { sessionId: seed.sessionId });
    expect((await student.next<{ code: string }>('error')).data.code).toBe('FORBIDDEN');
    teacher.send('exam_launch', { sessionId: seed.sessionId });
    await student.next('exam_launch');
    const ack = await answerOnce(student, {
      sessionId: seed.sessionId,
      questionId: seed.questionIds[1],
      answer: { text: 'hello' },
      key: 'k1',
      seq: 1,
    });
    expect(ack.data).toMatchObject({ key: 'k1', status: 'autosaved' });
    expect(await rows('k1')).toBe(1);
    const p = await teacher.next<{ studentId: string; answered: number }>('student_progress');
    expect(p.data).toMatchObject({ studentId: seed.students[0], answered: 1 });
    teacher.close();
    student.close();
  });

  it('refuses a token signed with another secret', async () => {
    const s = await TestSocket.open(url, { token: token(seed.students[1], 'student', 'other') });
    expect((await s.waitClose(5_000)).code).toBe(4001);
  });
});
