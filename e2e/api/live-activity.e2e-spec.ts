/**
 * The activity feed from the stored session log (issue 14): after a reload the staff see
 * the whole story - launch, a student's first arrival, a dropped connection, the return
 * (with how long they were away), a departure after the reconnect grace, time added, a
 * message and the hand-in - newest first, pageable, for the session's staff only.
 */
import type {
  SessionActivityPage,
  StudentJoinedPayload,
  StudentProgressPayload,
} from '@exam/contracts';
import { api, login } from '../support/http';
import { joined, liveWorld, seen, sleep } from '../support/live-helpers';
import { createAcademy } from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import type { TestSocket } from '../support/ws-client';

const GRACE = 300;

describe('activity feed from the session log', () => {
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

  it('tells arrival, drop, return and departure apart, with the teacher actions, newest first', async () => {
    const w = await liveWorld(t, 'Activity', 1);
    const sid = w.fx.sessionId;
    const me = w.students[0];
    const feed = (query = '', token = w.teacher.token) =>
      api<SessionActivityPage>(t.baseUrl, 'GET', `/api/v1/exam-sessions/${sid}/activity${query}`, {
        token,
      });
    const teacher = track(await joined(t, w.teacher.token, sid));
    const post = (path: string, body: unknown = {}) =>
      api(t.baseUrl, 'POST', `/api/v1/exam-sessions/${sid}${path}`, {
        token: w.teacher.token,
        body,
      });
    expect((await post('/launch')).status).toBe(200);

    const first = await joined(t, me.token, sid);
    await seen(teacher, (f) => f.event === 'student_joined');
    first.close(); // dropped, back within the grace
    await sleep(80);
    const second = await joined(t, me.token, sid);
    await sleep(50);
    second.close(); // dropped, and stays away past the grace
    await seen(teacher, (f) => f.event === 'student_left', 5000);
    const third = track(await joined(t, me.token, sid));
    expect((await post('/add-time', { minutes: 5 })).status).toBe(200);
    expect((await post('/broadcast', { message: 'Check your spelling.' })).status).toBe(200);
    // Entries of the same millisecond have no order of their own: the hand-in comes after.
    await sleep(10);
    third.send('exam_submit', { sessionId: sid });
    await seen(third, (f) => f.event === 'exam_submit');

    // The live frames say the same: a return with its time away, the hand-in's end reason.
    const liveJoins = teacher.frames
      .filter((f) => f.event === 'student_joined')
      .map((f) => f.data as StudentJoinedPayload);
    expect(liveJoins.map((j) => j.rejoin)).toEqual([false, true, true]);
    expect(liveJoins[1].offlineMs).toBeGreaterThanOrEqual(50);
    const handedIn = await seen<StudentProgressPayload>(
      teacher,
      (f) => f.event === 'student_progress' && f.data.endReason === 'submitted',
    );
    expect(handedIn.data.studentId).toBe(me.id);

    const r = await feed();
    expect(r.status).toBe(200);
    const story = [...r.body.entries].reverse();
    expect(story.map((e) => e.type)).toEqual([
      'exam_launch',
      'student_joined',
      'student_disconnected',
      'student_joined',
      'student_disconnected',
      'student_left',
      'student_joined',
      'exam_add_time',
      'broadcast_message',
      'exam_submit',
    ]);
    const joins = story.filter((e) => e.type === 'student_joined');
    expect(joins.map((e) => e.data['rejoin'])).toEqual([false, true, true]);
    expect(joins[0].data['offlineMs']).toBeNull();
    expect(joins[1].data['offlineMs']).toBeGreaterThanOrEqual(50);
    expect(joins[1].data['offlineMs']).toBeLessThan(GRACE + 1000);
    expect(story.find((e) => e.type === 'student_left')?.data['reason']).toBe('disconnect');
    expect(story.find((e) => e.type === 'exam_add_time')?.data).toMatchObject({ minutes: 5 });
    expect(story.find((e) => e.type === 'broadcast_message')?.data).toMatchObject({
      message: 'Check your spelling.',
    });
    for (const e of story.filter((x) => x.type.startsWith('student_') || x.type === 'exam_submit'))
      expect(e.studentIds).toEqual([me.id]);
    expect(story[0].actor).toEqual({ id: w.teacher.id, role: 'teacher' });
    expect(r.body.names[me.id]).toBe('Activity student1');
    expect(r.body.hasMore).toBe(false);

    // Paging back.
    const newest = await feed('?limit=3');
    expect(newest.body.entries).toHaveLength(3);
    expect(newest.body.hasMore).toBe(true);
    const older = await feed(`?limit=3&beforeId=${newest.body.entries[2].id}`);
    expect(older.body.entries.map((e) => e.id)).toEqual(
      r.body.entries.slice(3, 6).map((e) => e.id),
    );
    expect((await feed('?limit=0')).status).toBe(400);

    // Staff only.
    expect((await feed('', me.token)).status).toBe(403);
    const other = await createAcademy(t, 'Other school', 0);
    const stranger = await login(t.baseUrl, other.teacher);
    expect((await feed('', stranger.accessToken)).status).toBe(404);
  });
});
