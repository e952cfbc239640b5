/**
 * Redis restarted mid-exam under two instances (issue 15): answers keep being acknowledged
 * while it is away (they only need PostgreSQL), a pause made meanwhile reaches the student
 * on the other instance as a fresh snapshot once Redis is back, fan-out works again, and seqs
 * keep increasing although Redis lost its counters.
 *
 * Uses a Redis server of its own (redis-server on a free port) so it can kill and restart
 * it; runs when TEST_POSTGRES_URL is set and redis-server is installed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import type {
  AnswerAckPayload,
  ExamLaunchPayload,
  ExamSessionView,
  ExamView,
  Page,
  SessionSnapshotPayload,
  StudentSnapshot,
  UserView,
} from '@exam/contracts';
import { startCluster, type Cluster } from '../support/cluster';
import { examBody } from '../support/exams';
import { api, login } from '../support/http';
import { answerOnce, joined, lastSeqOf, seen, sleep } from '../support/live-helpers';
import { PG_URL } from '../support/postgres';
import { freePort } from '../support/server-process';
import type { TestSocket } from '../support/ws-client';

const hasRedis = spawnSync('redis-server', ['--version']).status === 0;

(PG_URL && hasRedis ? describe : describe.skip)('Redis restarted mid-exam', () => {
  let c: Cluster;
  let redis: ChildProcess | undefined;
  let redisPort: number;
  const open: TestSocket[] = [];
  const track = (s: TestSocket) => (open.push(s), s);

  async function startRedis(): Promise<void> {
    redis = spawn(
      'redis-server',
      ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    for (let i = 0; i < 100; i++) {
      if (
        spawnSync('redis-cli', ['-p', String(redisPort), 'ping'])
          .stdout?.toString()
          .trim() === 'PONG'
      )
        return;
      await sleep(50);
    }
    throw new Error('redis-server did not start');
  }

  async function stopRedis(): Promise<void> {
    const r = redis;
    if (!r || r.exitCode !== null) return;
    const gone = new Promise((res) => r.once('exit', res));
    r.kill('SIGKILL');
    await gone;
  }

  beforeAll(async () => {
    redisPort = await freePort();
    await startRedis();
    c = await startCluster(2, { REDIS_URL: `redis://127.0.0.1:${redisPort}` });
  }, 120_000);
  afterAll(async () => {
    for (const s of open) s.close();
    await c?.stop();
    await stopRedis();
  });

  it('acknowledges answers while Redis is away and brings clients up to date after', async () => {
    const [A, B] = c.instances;
    const call = <T>(method: string, path: string, token: string, body?: unknown) =>
      api<T>(A.baseUrl, method, `/api/v1${path}`, { token, body });
    const teacher = await login(A.baseUrl, 'teacher@demo.school');
    const student = (await call<Page<UserView>>('GET', '/users?role=student', teacher.accessToken))
      .body.items[0];
    const exam = await call<ExamView>('POST', '/exams', teacher.accessToken, examBody());
    const created = await call<ExamSessionView>('POST', '/exam-sessions', teacher.accessToken, {
      examId: exam.body.id,
      title: 'Redis away',
      studentIds: [student.id],
      durationMinutes: 30,
    });
    const sid = created.body.id;
    const token = (await login(B.baseUrl, student.email)).accessToken;
    const teacherSock = track(await joined(A, teacher.accessToken, sid));
    const s = track(await joined(B, token, sid));
    teacherSock.send('exam_launch', { sessionId: sid });
    const launch = await s.next<ExamLaunchPayload>('exam_launch');
    const text = launch.data.questions!.find((q) => q.type === 'short_text')!;
    const seqBefore = lastSeqOf(s);

    await stopRedis();
    // Away: answers on B are acknowledged (PostgreSQL only).
    const acks: AnswerAckPayload[] = [];
    for (let seq = 1; seq <= 5; seq++) {
      const a = await answerOnce(s, {
        sessionId: sid,
        questionId: text.id,
        answer: { text: `while Redis is away ${seq}` },
        seq,
      });
      acks.push(a.data);
    }
    expect(acks.map((a) => a.status)).toEqual(Array(5).fill('autosaved'));
    // A pause on A: committed, but its fan-out is lost for now.
    const paused = await call('POST', `/exam-sessions/${sid}/pause`, teacher.accessToken);
    expect(paused.status).toBe(200);
    await sleep(500);
    expect(s.frames.some((f) => f.event === 'exam_pause')).toBe(false);

    await startRedis();
    // Back: B sends its socket a fresh snapshot, which says the exam is paused.
    const snap = await seen<SessionSnapshotPayload>(
      s,
      (f) =>
        f.event === 'session_snapshot' && (f.data.snapshot as StudentSnapshot).status === 'paused',
      15_000,
    );
    expect((snap.data.snapshot as StudentSnapshot).answers).toHaveLength(1);
    // Fan-out from A works again once A's own connection to Redis is back (each instance
    // reconnects on its own back-off): a broadcast from A reaches B.
    for (let i = 0; !s.frames.some((f) => f.event === 'broadcast_message'); i++) {
      if (i > 30) throw new Error('no broadcast from A reached B after Redis came back');
      teacherSock.send('broadcast_message', { sessionId: sid, message: `back ${i}` });
      await sleep(500);
    }
    // And the lifecycle, with numbers above everything seen before.
    teacherSock.send('exam_resume', { sessionId: sid });
    const resumed = await s.next('exam_resume', () => true, 15_000);
    expect(resumed.seq).toBeGreaterThan(seqBefore);
    const rows = await c.db.query<{ n: string }>(
      'SELECT count(*) AS n FROM answers WHERE exam_session_id = $1',
      [sid],
    );
    expect(Number(rows[0].n)).toBe(5);
  }, 120_000);
});
