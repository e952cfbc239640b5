/**
 * Presence after a dropped socket (issue 5): a student whose last socket closes shows as
 * reconnecting at once, back to connected on a rejoin within RECONNECT_GRACE_MS, and
 * disconnected when the grace runs out. The REST events mirror (missed warnings and
 * broadcasts for the slower mode) lives here too.
 */
import type {
  ServerFrame,
  LiveRosterEntry,
  StudentLeftPayload,
  StudentProgressPayload,
  TeacherSnapshot,
} from '@exam/contracts';
import { api } from '../support/http';
import { joined, liveWorld, seen, sleep } from '../support/live-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import type { TestSocket } from '../support/ws-client';

const GRACE = 300;

describe('live sessions: reconnecting presence', () => {
  let t: TestApp;
  const open: TestSocket[] = [];
  const track = (s: TestSocket) => (open.push(s), s);
  beforeAll(async () => {
    t = await startTestApp({ RECONNECT_GRACE_MS: String(GRACE) });
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await t.close();
  });

  async function rosterStatus(token: string, sid: string, studentId: string) {
    const r = await api<TeacherSnapshot>(
      t.baseUrl,
      'GET',
      `/api/v1/exam-sessions/${sid}/snapshot`,
      {
        token,
      },
    );
    expect(r.status).toBe(200);
    return r.body.roster.find((e: LiveRosterEntry) => e.studentId === studentId)?.connectionStatus;
  }

  it('drop -> reconnecting; rejoin within the grace -> connected; stay away -> disconnected', async () => {
    const w = await liveWorld(t, 'Reconnecting', 1);
    const sid = w.fx.sessionId;
    const me = w.students[0];
    const teacher = track(await joined(t, w.teacher.token, sid));
    const first = track(await joined(t, me.token, sid));
    await seen(teacher, (f) => f.event === 'student_joined');
    const mark = teacher.frames.length;
    const after = (from: number) => teacher.frames.slice(from);

    // The socket drops (no session_leave): reconnecting at once, no student_left.
    first.close();
    await seen<StudentProgressPayload>(
      teacher,
      (f) =>
        f.event === 'student_progress' &&
        f.data.studentId === me.id &&
        f.data.connectionStatus === 'reconnecting',
    );
    expect(await rosterStatus(w.teacher.token, sid, me.id)).toBe('reconnecting');
    expect(after(mark).some((f) => f.event === 'student_left')).toBe(false);

    // Back within the grace: connected, and the grace timer is cancelled.
    const mark2 = teacher.frames.length;
    const second = track(await joined(t, me.token, sid));
    await seen(teacher, (f) => f.event === 'student_joined' && teacher.frames.indexOf(f) >= mark2);
    expect(await rosterStatus(w.teacher.token, sid, me.id)).toBe('connected');
    await sleep(GRACE * 2);
    expect(after(mark).some((f) => f.event === 'student_left')).toBe(false);
    expect(await rosterStatus(w.teacher.token, sid, me.id)).toBe('connected');

    // Drops and stays away: reconnecting, then disconnected after the grace.
    const mark3 = teacher.frames.length;
    second.close();
    const t0 = Date.now();
    await seen<StudentProgressPayload>(
      teacher,
      (f) =>
        teacher.frames.indexOf(f) >= mark3 &&
        f.event === 'student_progress' &&
        f.data.connectionStatus === 'reconnecting',
    );
    expect(await rosterStatus(w.teacher.token, sid, me.id)).toBe('reconnecting');
    const left = await seen<StudentLeftPayload>(
      teacher,
      (f) => f.event === 'student_left' && f.data.studentId === me.id,
    );
    expect(left.data.reason).toBe('disconnect');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(GRACE - 50);
    expect(await rosterStatus(w.teacher.token, sid, me.id)).toBe('disconnected');
  });

  it('an explicit session_leave is disconnected at once (no grace)', async () => {
    const w = await liveWorld(t, 'Leaving', 1);
    const sid = w.fx.sessionId;
    const me = w.students[0];
    const teacher = track(await joined(t, w.teacher.token, sid));
    const s = track(await joined(t, me.token, sid));
    s.send('session_leave', { sessionId: sid });
    const left = await seen<StudentLeftPayload>(teacher, (f) => f.event === 'student_left');
    expect(left.data.reason).toBe('left');
    expect(await rosterStatus(w.teacher.token, sid, me.id)).toBe('disconnected');
  });

  it('GET events?afterSeq: the missed warnings/broadcasts per audience; snapshotRequired when gone; other academies refused', async () => {
    const w = await liveWorld(t, 'Events', 2);
    const sid = w.fx.sessionId;
    const [a, b] = w.students;
    type Events = { events: ServerFrame[]; snapshotRequired: boolean };
    const get = (token: string, after: number | string) =>
      api<Events>(t.baseUrl, 'GET', `/api/v1/exam-sessions/${sid}/events?afterSeq=${after}`, {
        token,
      });
    const teacher = track(await joined(t, w.teacher.token, sid));
    const sa = track(await joined(t, a.token, sid));
    const before = (await get(a.token, 0)).body;
    const from = Math.max(0, ...before.events.map((f) => f.seq ?? 0));
    const all = await api<{ seq: number }>(
      t.baseUrl,
      'POST',
      `/api/v1/exam-sessions/${sid}/broadcast`,
      {
        token: w.teacher.token,
        body: { message: 'To everyone' },
      },
    );
    expect(all.status).toBe(200);
    const one = await api<{ seq: number }>(
      t.baseUrl,
      'POST',
      `/api/v1/exam-sessions/${sid}/broadcast`,
      {
        token: w.teacher.token,
        body: { message: 'Only B', studentIds: [b.id] },
      },
    );
    expect(one.status).toBe(200);
    await seen(sa, (f) => f.event === 'broadcast_message');

    const ra = await get(a.token, from);
    expect(ra.status).toBe(200);
    expect(ra.body.snapshotRequired).toBe(false);
    const msgs = ra.body.events.filter((f) => f.event === 'broadcast_message');
    expect(msgs.map((f) => f.seq)).toEqual([all.body.seq]);
    const rb = (await get(b.token, from)).body;
    expect(rb.events.filter((f) => f.event === 'broadcast_message').map((f) => f.seq)).toEqual([
      all.body.seq,
      one.body.seq,
    ]);
    // Only what came after afterSeq.
    expect((await get(b.token, all.body.seq)).body.events.map((f) => f.seq)).toEqual([
      one.body.seq,
    ]);
    // Teachers get teacher events (the student_joined), not student-only ones.
    const rt = (await get(w.teacher.token, 0)).body;
    expect(rt.snapshotRequired).toBe(false);
    expect(rt.events.some((f) => f.event === 'student_joined')).toBe(true);
    expect(rt.events.some((f) => f.event === 'broadcast_message')).toBe(false);
    // Beyond the current seq: the snapshot is required.
    expect((await get(a.token, 10_000_000)).body.snapshotRequired).toBe(true);
    expect((await get(a.token, 'x')).status).toBe(400);
    expect((await get(a.token, -1)).status).toBe(400);
    // Other academies and unauthenticated callers are refused.
    const other = await liveWorld(t, 'Events other', 1);
    expect((await get(other.teacher.token, 0)).status).toBeGreaterThanOrEqual(403);
    expect((await get(other.students[0].token, 0)).status).toBeGreaterThanOrEqual(403);
    expect(
      (await api(t.baseUrl, 'GET', `/api/v1/exam-sessions/${sid}/events?afterSeq=0`)).status,
    ).toBe(401);
    void teacher;
  });
});
