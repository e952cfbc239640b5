/**
 * kill -9 of the instance that runs a live session's clock, mid-exam, while students answer
 * on all three instances (issue 15): no acknowledged answer lost, no duplicate, the student
 * on the dead instance reconnects to another one and resumes, another instance takes the
 * clock within 5 s, and the next warning and the automatic end happen exactly once, on time.
 *
 * Runs when TEST_POSTGRES_URL and TEST_REDIS_URL are set (.ci/run exports both).
 */
import type {
  ExamLaunchPayload,
  ExamSessionView,
  ExamView,
  Page,
  TimeWarningPayload,
  UserView,
} from '@exam/contracts';
import { startCluster, type Cluster } from '../support/cluster';
import { examBody } from '../support/exams';
import { api, login } from '../support/http';
import { answerLoop } from '../support/answer-loop';
import { joined, sleep } from '../support/live-helpers';
import { PG_URL, REDIS_URL } from '../support/postgres';
import type { TestSocket } from '../support/ws-client';

const MIN = 60_000;

(PG_URL && REDIS_URL ? describe : describe.skip)('losing the clock’s instance', () => {
  let c: Cluster;
  const open: TestSocket[] = [];
  const track = (s: TestSocket) => (open.push(s), s);

  beforeAll(async () => {
    c = await startCluster(3);
  }, 120_000);
  afterAll(async () => {
    for (const s of open) s.close();
    await c?.stop();
  });

  async function owner(sid: string): Promise<{ index: number; token: number } | null> {
    const rows = await c.db.query<{ owner_id: string; token: string; expires_at: string }>(
      'SELECT owner_id, token, expires_at FROM session_leases WHERE exam_session_id = $1',
      [sid],
    );
    const r = rows[0];
    if (!r || Number(r.expires_at) < Date.now()) return null;
    const index = Number(/^app(\d+)-/.exec(r.owner_id)?.[1]) - 1;
    return { index, token: Number(r.token) };
  }

  it('loses no answer, moves the clock within 5 s, and warns and ends once', async () => {
    const base = c.instances[0].baseUrl;
    const call = <T>(method: string, path: string, token: string, body?: unknown) =>
      api<T>(base, method, `/api/v1${path}`, { token, body });
    const teacher = await login(base, 'teacher@demo.school');
    const students = (
      await call<Page<UserView>>('GET', '/users?role=student', teacher.accessToken)
    ).body.items.slice(0, 3);
    const exam = await call<ExamView>('POST', '/exams', teacher.accessToken, examBody());
    const created = await call<ExamSessionView>('POST', '/exam-sessions', teacher.accessToken, {
      examId: exam.body.id,
      title: 'Failover',
      studentIds: students.map((s) => s.id),
      durationMinutes: 30,
      config: { gracePeriodSeconds: 2, timeWarningMinutes: [10, 5, 1] },
    });
    expect(created.status).toBe(201);
    const sid = created.body.id;
    const tokens = await Promise.all(
      students.map(async (s) => (await login(base, s.email)).accessToken),
    );
    // Student i on instance i; the teacher on the first.
    const teacherSock = track(await joined(c.instances[0], teacher.accessToken, sid));
    const socks = await Promise.all(
      tokens.map(async (tok, i) => track(await joined(c.instances[i], tok, sid))),
    );
    teacherSock.send('exam_launch', { sessionId: sid });
    const launches = await Promise.all(socks.map((s) => s.next<ExamLaunchPayload>('exam_launch')));
    const text = launches[0].data.questions!.find((q) => q.type === 'short_text')!;

    let lease: { index: number; token: number } | null = null;
    for (let i = 0; i < 50 && !lease; i++) {
      lease = await owner(sid);
      if (!lease) await sleep(100);
    }
    expect(lease).not.toBeNull();
    const dead = lease!.index;
    const survivors = c.instances.filter((_, i) => i !== dead);

    // Every student answers without pause; a student whose socket dies moves to a survivor,
    // resumes with its last seq and sends its unacknowledged answer again (same key).
    const loop = answerLoop({
      sockets: socks,
      sessionId: sid,
      questionId: text.id,
      reconnect: async (i, lastSeq, old) => {
        const back = track(await joined(survivors[i % survivors.length], tokens[i], sid, lastSeq));
        back.frames.unshift(...old.frames.filter((f) => f.event === 'time_warning'));
        return back;
      },
    });
    const current = loop.current;

    /** A frame seen by student i, on whichever socket they have now. */
    async function seenBy(i: number, event: string, timeoutMs: number) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const f = current[i].frames.find((x) => x.event === event);
        if (f) return f;
        if (Date.now() > until) throw new Error(`student ${i}: no ${event}`);
        await sleep(20);
      }
    }

    await sleep(1_000);
    const killedAt = Date.now();
    await c.instances[dead].kill('SIGKILL');
    // Twenty seconds left: the next warning due is the 1-minute one, then the end.
    const deadline = Date.now() + 20_000;
    await c.db.query('UPDATE exam_sessions SET launched_at = $1 WHERE id = $2', [
      deadline - 30 * MIN,
      sid,
    ]);

    let taken: { index: number; token: number } | null = null;
    while (!taken || taken.index === dead) {
      expect(Date.now() - killedAt).toBeLessThan(5_000);
      await sleep(100);
      taken = await owner(sid);
    }
    expect(taken.token).toBeGreaterThan(lease!.token);

    for (const i of current.keys()) {
      const w = await seenBy(i, 'time_warning', 15_000);
      expect((w.data as TimeWarningPayload).minutesRemaining).toBe(1);
    }
    const end = await Promise.all(current.map((_, i) => seenBy(i, 'exam_complete', 30_000)));
    const endedAt = Date.now();
    await loop.stop();
    // On time: the deadline plus the 2 s grace, within 2 s.
    expect(endedAt - (deadline + 2_000)).toBeLessThan(2_000 + 1_000);
    expect(end).toHaveLength(3);

    // Once each: one warning row, one automatic end, one warning per student.
    const events = await c.db.query<{ type: string; data: string }>(
      `SELECT type, data FROM session_events WHERE exam_session_id = $1 AND type IN ('time_warning', 'exam_expire')`,
      [sid],
    );
    expect(events.filter((e) => e.type === 'time_warning')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'exam_expire')).toHaveLength(1);
    for (const s of loop.current) {
      const warnings = new Set(s.frames.filter((f) => f.event === 'time_warning').map((f) => f.id));
      expect(warnings.size).toBe(1);
    }

    // Every acknowledged answer stored, once.
    const rows = await c.db.query<{ idempotency_key: string }>(
      'SELECT idempotency_key FROM answers WHERE exam_session_id = $1',
      [sid],
    );
    const stored = rows.map((r) => r.idempotency_key);
    expect(new Set(stored).size).toBe(stored.length);
    const missing = [...loop.acked].filter((k) => !stored.includes(k));
    expect(missing).toEqual([]);
    expect(loop.acked.size).toBeGreaterThan(30);
  }, 120_000);
});
