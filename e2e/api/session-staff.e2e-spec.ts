/**
 * Who controls an exam session (issue 13, item 3): its teacher, the co-teachers and
 * invigilators assigned to it, and the academy's admins - on every route and event alike.
 * A colleague of the same academy gets 404 / NOT_FOUND everywhere (REST mirrors, snapshot,
 * results, session_join, control events) and changes nothing; an invigilator runs the live
 * exam but cannot change the plan or see results; removing someone takes effect at once.
 */
import type {
  ErrorPayload,
  ExamSessionView,
  Page,
  SessionStaffMember,
  TeacherSnapshot,
} from '@exam/contracts';
import { examBody } from '../support/exams';
import { createAcademy, tableCounts } from '../support/fixtures';
import { api, login } from '../support/http';
import { seen } from '../support/live-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestSocket } from '../support/ws-client';

describe('session staff: one rule for every route and event', () => {
  let t: TestApp;
  const open: TestSocket[] = [];
  let tok: {
    owner: string;
    co: string;
    inv: string;
    colleague: string;
    admin: string;
    student: string;
  };
  let ids: { co: string; inv: string; colleague: string; student: string };
  let sessionId: string;
  let otherTeacherId: string;

  const call = <T = unknown>(token: string, method: string, path: string, body?: unknown) =>
    api<T>(t.baseUrl, method, `/api/v1/exam-sessions/${sessionId}${path}`, { token, body });
  const socket = async (token: string) => {
    const s = await TestSocket.authed(t.wsUrl, token);
    open.push(s);
    return s;
  };
  /** Row counts that matter (socket bookkeeping and seq reservations are not changes). */
  const counts = async () => {
    const c = await tableCounts(t);
    delete c['connections'];
    delete c['session_seq_reservations'];
    delete c['security_events'];
    return c;
  };
  const wsError = (s: TestSocket, event: string) =>
    s.next<ErrorPayload>('error', (f) => f.data.event === event, 5000).then((f) => f.data);

  beforeAll(async () => {
    t = await startTestApp();
    const a = await createAcademy(t, 'Staffing', 2, 3);
    const [coEmail, invEmail, colleagueEmail] = a.otherTeachers;
    const owner = await login(t.baseUrl, a.teacher);
    const co = await login(t.baseUrl, coEmail);
    const inv = await login(t.baseUrl, invEmail);
    const colleague = await login(t.baseUrl, colleagueEmail);
    const admin = await login(t.baseUrl, a.admin);
    const student = await login(t.baseUrl, a.students[0]);
    tok = {
      owner: owner.accessToken,
      co: co.accessToken,
      inv: inv.accessToken,
      colleague: colleague.accessToken,
      admin: admin.accessToken,
      student: student.accessToken,
    };
    ids = {
      co: co.user.id,
      inv: inv.user.id,
      colleague: colleague.user.id,
      student: student.user.id,
    };
    const other = await createAcademy(t, 'Elsewhere', 0);
    otherTeacherId = (await login(t.baseUrl, other.teacher)).user.id;

    const exam = await api<{ id: string }>(t.baseUrl, 'POST', '/api/v1/exams', {
      token: tok.owner,
      body: examBody({ title: 'Staffed exam' }),
    });
    expect(exam.status).toBe(201);
    const s = await api<ExamSessionView>(t.baseUrl, 'POST', '/api/v1/exam-sessions', {
      token: tok.owner,
      body: {
        examId: exam.body.id,
        studentIds: [student.user.id],
        staff: [{ userId: co.user.id, role: 'co_teacher' }],
      },
    });
    expect(s.status).toBe(201);
    sessionId = s.body.id;
    expect(s.body.staff).toEqual([
      expect.objectContaining({ userId: co.user.id, role: 'co_teacher', email: coEmail }),
    ]);
    expect(s.body.teacherName).toBe('Staffing teacher');
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await t.close();
  });

  it('refuses invalid staff lists with a clear error and stores nothing', async () => {
    const before = await counts();
    const put = (staff: unknown) =>
      call<{ code: string; message: string; details?: unknown }>(tok.owner, 'PUT', '/staff', {
        staff,
      });
    const student = await put([{ userId: ids.student, role: 'invigilator' }]);
    expect(student.status).toBe(404);
    expect(student.body.message).toBe(
      'One of the people chosen is not an active teacher of your school (removed or deactivated). Choose again.',
    );
    expect(student.body.details).toEqual({ userIds: [ids.student] });
    expect((await put([{ userId: otherTeacherId, role: 'invigilator' }])).status).toBe(404);
    const dup = await put([
      { userId: ids.inv, role: 'invigilator' },
      { userId: ids.inv, role: 'co_teacher' },
    ]);
    expect(dup.status).toBe(400);
    expect(dup.body.message).toMatch(/listed twice/);
    const ownerId = (
      await api<{ id: string }>(t.baseUrl, 'GET', '/api/v1/auth/me', { token: tok.owner })
    ).body.id;
    expect((await put([{ userId: ownerId, role: 'co_teacher' }])).body.message).toMatch(
      /own teacher/,
    );
    const role = await put([{ userId: ids.inv, role: 'proctor' }]);
    expect(role.status).toBe(400);
    expect(role.body.code).toBe('VALIDATION_FAILED');
    expect(await counts()).toEqual(before);
  });

  it('a colleague who is not on the staff gets 404 on every route and event, and nothing changes', async () => {
    const before = await counts();
    for (const [method, path, body] of [
      ['GET', '', undefined],
      ['GET', '/students', undefined],
      ['PATCH', '', { title: 'mine now' }],
      ['PUT', '/staff', { staff: [] }],
      ['POST', '/prepare', {}],
      ['POST', '/launch', {}],
      ['POST', '/add-time', { minutes: 5 }],
      ['POST', '/broadcast', { message: 'hello' }],
      ['POST', '/terminate', {}],
      ['GET', '/snapshot', undefined],
      ['GET', '/events?afterSeq=0', undefined],
      ['GET', '/results', undefined],
      ['GET', '/statistics', undefined],
      ['PUT', '/release', { mode: 'score' }],
    ] as Array<[string, string, unknown]>) {
      const r = await call(tok.colleague, method, path, body);
      expect(`${method} ${path} = ${r.status}`).toBe(`${method} ${path} = 404`);
    }
    const list = await api<Page<ExamSessionView>>(t.baseUrl, 'GET', '/api/v1/exam-sessions', {
      token: tok.colleague,
    });
    expect(list.body.items.map((s) => s.id)).not.toContain(sessionId);

    const s = await socket(tok.colleague);
    s.send('session_join', { sessionId });
    expect((await wsError(s, 'session_join')).code).toBe('NOT_FOUND');
    s.send('exam_launch', { sessionId });
    expect((await wsError(s, 'exam_launch')).code).toBe('NOT_FOUND');
    s.send('broadcast_message', { sessionId, message: 'hello' });
    expect((await wsError(s, 'broadcast_message')).code).toBe('NOT_FOUND');
    expect(s.frames.some((f) => f.event === 'session_snapshot')).toBe(false);
    expect(await counts()).toEqual(before);
  });

  it('an invigilator runs the live exam but cannot change the plan or see results', async () => {
    const put = await call<ExamSessionView>(tok.owner, 'PUT', '/staff', {
      staff: [
        { userId: ids.co, role: 'co_teacher' },
        { userId: ids.inv, role: 'invigilator' },
      ],
    });
    expect(put.status).toBe(200);
    expect(put.body.staff.map((m: SessionStaffMember) => [m.userId, m.role]).sort()).toEqual(
      [
        [ids.co, 'co_teacher'],
        [ids.inv, 'invigilator'],
      ].sort(),
    );
    // The co-teacher changes the plan; the invigilator may not.
    expect((await call(tok.co, 'PATCH', '', { title: 'Staffed - 3B' })).status).toBe(200);
    const patch = await call<{ message: string }>(tok.inv, 'PATCH', '', { title: 'nope' });
    expect(patch.status).toBe(403);
    expect(patch.body.message).toMatch(/Invigilators run the live exam/);
    expect((await call(tok.inv, 'PUT', '/staff', { staff: [] })).status).toBe(403);

    // It is on the invigilator's list and they run it: join, launch, add time, broadcast.
    const list = await api<Page<ExamSessionView>>(t.baseUrl, 'GET', '/api/v1/exam-sessions', {
      token: tok.inv,
    });
    expect(list.body.items.map((x) => x.id)).toContain(sessionId);
    const s = await socket(tok.inv);
    s.send('session_join', { sessionId });
    await seen(s, (f) => f.event === 'session_snapshot');
    const pupil = await socket(tok.student);
    pupil.send('session_join', { sessionId });
    await seen(pupil, (f) => f.event === 'session_snapshot');
    expect((await call(tok.inv, 'POST', '/launch', {})).status).toBe(200);
    expect((await call(tok.inv, 'POST', '/add-time', { minutes: 5 })).status).toBe(200);
    s.send('broadcast_message', { sessionId, message: 'Ten minutes in.' });
    await seen(pupil, (f) => f.event === 'broadcast_message');
    const snap = await call<TeacherSnapshot>(tok.inv, 'GET', '/snapshot');
    expect(snap.status).toBe(200);
    expect(snap.body.roster).toHaveLength(1);

    // Scores stay with the teachers: no attempt_graded, no score in the roster or replay.
    const owner = await socket(tok.owner);
    owner.send('session_join', { sessionId });
    await seen(owner, (f) => f.event === 'session_snapshot');
    pupil.send('exam_submit', { sessionId });
    await seen(owner, (f) => f.event === 'attempt_graded');
    await new Promise((r) => setTimeout(r, 200));
    expect(s.frames.some((f) => f.event === 'attempt_graded')).toBe(false);
    const invSnap = await call<TeacherSnapshot>(tok.inv, 'GET', '/snapshot');
    expect(invSnap.body.roster[0].score).toBeNull();
    const ownerSnap = await call<TeacherSnapshot>(tok.owner, 'GET', '/snapshot');
    expect(ownerSnap.body.roster[0].score).not.toBeNull();
    const replay = await call<{ events: Array<{ event: string }> }>(
      tok.inv,
      'GET',
      '/events?afterSeq=0',
    );
    expect(replay.body.events.some((e) => e.event === 'exam_launch')).toBe(true);
    expect(replay.body.events.some((e) => e.event === 'attempt_graded')).toBe(false);

    // Results stay with the teachers.
    expect((await call(tok.inv, 'GET', '/results')).status).toBe(403);
    expect((await call(tok.inv, 'PUT', '/release', { mode: 'score' })).status).toBe(403);
    expect((await call(tok.co, 'GET', '/results')).status).toBe(200);
    expect((await call(tok.admin, 'GET', '/results')).status).toBe(200);
  });

  it('someone removed from the staff loses the live view and every control at once', async () => {
    const s = await socket(tok.inv);
    s.send('session_join', { sessionId });
    await seen(s, (f) => f.event === 'session_snapshot');
    const put = await call(tok.owner, 'PUT', '/staff', {
      staff: [{ userId: ids.co, role: 'co_teacher' }],
    });
    expect(put.status).toBe(200);
    const gone = await seen<ErrorPayload>(
      s,
      (f) => f.event === 'error' && f.data.code === 'FORBIDDEN' && f.data.recoverable === false,
    );
    expect(gone.data.message).toMatch(/removed from this session's staff/);
    const mark = s.frames.length;
    s.send('exam_add_time', { sessionId, minutes: 1 });
    expect((await wsError(s, 'exam_add_time')).code).toBe('NOT_FOUND');
    // Events of the session no longer reach the removed invigilator's socket.
    const co = await socket(tok.co);
    co.send('session_join', { sessionId });
    await seen(co, (f) => f.event === 'session_snapshot');
    const coMark = co.frames.length;
    expect((await call(tok.owner, 'POST', '/add-time', { minutes: 1 })).status).toBe(200);
    await seen(co, (f) => f.event === 'exam_add_time' && co.frames.indexOf(f) >= coMark);
    await new Promise((r) => setTimeout(r, 200));
    expect(s.frames.slice(mark).some((f) => f.event === 'exam_add_time')).toBe(false);
    expect((await call(tok.inv, 'GET', '')).status).toBe(404);
    expect((await call(tok.inv, 'POST', '/pause', {})).status).toBe(404);
  });
});
