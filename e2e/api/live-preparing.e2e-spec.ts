/**
 * A preparing session's cached live state follows the database: roster changes and deletion
 * over REST are seen at once (no waiting for a cache to expire), a change written by another
 * process is picked up when the cheap updated_at check sees it, and a student row without a
 * stored question/option order gets the deterministic plan, stored once and identical after
 * a reload. Launching no longer writes orders, so it only commits the status change.
 */
import { DataSource } from 'typeorm';
import type {
  ErrorPayload,
  ExamLaunchPayload,
  SessionSnapshotPayload,
  StudentSnapshot,
  TeacherSnapshot,
} from '@exam/contracts';
import { LiveSessionService } from '../../backend/src/app/exam-session/live-session.service';
import { planOrder, QUESTION_ORDER_KEY } from '../../backend/src/app/exams/domain/student-view';
import { api } from '../support/http';
import { joined, liveWorld, seen, sleep } from '../support/live-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestSocket } from '../support/ws-client';

/** Just over the service's PREPARING_TTL_MS. */
const AFTER_TTL_MS = 2_200;

describe('live sessions while preparing: the cached state follows the database', () => {
  let t: TestApp;
  let ds: DataSource;
  const open: TestSocket[] = [];
  const track = (s: TestSocket) => (open.push(s), s);
  const patch = (token: string, id: string, body: unknown) =>
    api(t.baseUrl, 'PATCH', `/api/v1/exam-sessions/${id}`, { token, body });

  /** Joins; the reply is the snapshot or the error frame. */
  async function tryJoin(token: string, sessionId: string) {
    const sock = track(await TestSocket.authed(t.wsUrl, token));
    sock.send('session_join', { sessionId });
    const reply = await seen(sock, (f) => f.event === 'session_snapshot' || f.event === 'error');
    return Object.assign(reply, { sock });
  }

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get(DataSource);
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await t.close();
  });

  it('a roster change over REST reaches the lobby and the launch at once', async () => {
    const w = await liveWorld(t, 'Roster', 3);
    const [a, b, c] = w.students;
    const sid = w.fx.sessionId;
    await patch(w.teacher.token, sid, { studentIds: [a.id, b.id] });
    const teacher = track(await joined(t, w.teacher.token, sid));
    // The state is now cached; c is not enrolled.
    const refused = await tryJoin(c.token, sid);
    expect(refused.event).toBe('error');
    expect((refused.data as ErrorPayload).code).toBe('NOT_ENROLLED');

    // Swap b for c, then act immediately (well inside the cache's 2 s).
    const r = await patch(w.teacher.token, sid, { studentIds: [a.id, c.id] });
    expect(r.status).toBe(200);
    const cJoin = await tryJoin(c.token, sid);
    expect(cJoin.event).toBe('session_snapshot');
    const bJoin = await tryJoin(b.token, sid);
    expect((bJoin.data as ErrorPayload).code).toBe('NOT_ENROLLED');

    const again = track(await joined(t, w.teacher.token, sid));
    const roster = (
      again.frames.find((f) => f.event === 'session_snapshot')!.data as SessionSnapshotPayload
    ).snapshot as TeacherSnapshot;
    expect(roster.roster.map((x) => x.studentId).sort()).toEqual([a.id, c.id].sort());

    teacher.send('exam_launch', { sessionId: sid });
    const launch = await cJoin.sock.next<ExamLaunchPayload>('exam_launch');
    expect(launch.data.questions).toHaveLength(w.fx.questionIds.length);
  });

  it('deleting a preparing session over REST closes its lobby at once', async () => {
    const w = await liveWorld(t, 'Deleted', 1);
    const sid = w.fx.sessionId;
    track(await joined(t, w.teacher.token, sid));
    const del = await api(t.baseUrl, 'DELETE', `/api/v1/exam-sessions/${sid}`, {
      token: w.teacher.token,
    });
    expect(del.status).toBe(204);
    const reply = await tryJoin(w.students[0].token, sid);
    expect(reply.event).toBe('error');
    expect((reply.data as ErrorPayload).code).toBe('NOT_FOUND');
  });

  it('after the cache period a change by another process is reloaded, and only then', async () => {
    const w = await liveWorld(t, 'Elsewhere', 1);
    const sid = w.fx.sessionId;
    track(await joined(t, w.teacher.token, sid));
    const titleOf = async () => {
      const s = track(await joined(t, w.teacher.token, sid));
      const snap = s.frames.find((f) => f.event === 'session_snapshot')!
        .data as SessionSnapshotPayload;
      return snap.snapshot.title;
    };
    // Written without moving updated_at: the cheap check keeps the cached state.
    await ds.query('UPDATE exam_sessions SET title = ? WHERE id = ?', ['Quiet edit', sid]);
    await sleep(AFTER_TTL_MS);
    expect(await titleOf()).toBe('Live test session');
    // A real change moves updated_at (as every writer does): reloaded on the next use.
    await ds.query('UPDATE exam_sessions SET title = ?, updated_at = ? WHERE id = ?', [
      'Renamed elsewhere',
      Date.now() + 1,
      sid,
    ]);
    await sleep(AFTER_TTL_MS);
    expect(await titleOf()).toBe('Renamed elsewhere');
  });

  it('a student row without an order gets the deterministic plan, stored once and stable after a reload', async () => {
    const w = await liveWorld(t, 'Orders', 3);
    const sid = w.fx.sessionId;
    await ds.query('UPDATE exams SET shuffle_questions = 1, shuffle_options = 1 WHERE id = ?', [
      w.fx.examId,
    ]);
    const stored = async () =>
      (await ds.query(
        'SELECT id, student_id, option_order FROM student_sessions WHERE exam_session_id = ? ORDER BY id',
        [sid],
      )) as Array<{ id: string; student_id: string; option_order: string | null }>;
    expect((await stored()).every((r) => r.option_order === null)).toBe(true);

    const teacher = track(await joined(t, w.teacher.token, sid));
    // Stored in the background shortly after the state is loaded.
    let rows = await stored();
    for (let i = 0; i < 200 && rows.some((r) => r.option_order === null); i++) {
      await sleep(25);
      rows = await stored();
    }
    const questions = (await ds.query(
      'SELECT id, type, prompt, points, body FROM questions WHERE exam_id = ? ORDER BY position',
      [w.fx.examId],
    )) as Array<{ id: string; type: string; prompt: string; points: number; body: string }>;
    const pub = questions.map((q) => ({ ...q, body: JSON.parse(q.body) as unknown }));
    for (const r of rows) {
      expect(JSON.parse(r.option_order!)).toEqual(
        planOrder(pub as never, { shuffleQuestions: true, shuffleOptions: true }, r.id),
      );
    }

    const student = track(await joined(t, w.students[0].token, sid));
    teacher.send('exam_launch', { sessionId: sid });
    const launched = await student.next<ExamLaunchPayload>('exam_launch');
    const mine = rows.find((r) => r.student_id === w.students[0].id)!;
    const order = JSON.parse(mine.option_order!) as Record<string, string[]>;
    const firstId = launched.data.questions![0].id;
    expect(launched.data.questions!.map((q) => q.id)).toEqual(order[QUESTION_ORDER_KEY]);
    if (order[firstId]) {
      const q = launched.data.questions![0] as { options?: Array<{ id: string }> };
      expect(q.options?.map((o) => o.id)).toEqual(order[firstId]);
    }

    // As after a restart: the state is rebuilt from the database, same order.
    await t.app.get(LiveSessionService).reload(sid);
    const back = track(await joined(t, w.students[0].token, sid));
    const snap = back.frames.find((f) => f.event === 'session_snapshot')!
      .data as SessionSnapshotPayload;
    expect((snap.snapshot as StudentSnapshot).questions.map((q) => q.id)).toEqual(
      order[QUESTION_ORDER_KEY],
    );
  });
});
