/** Exam sessions REST: planning, stats, roster, enrolment, permissions, pagination. */
import type {
  ApiErrorBody,
  ExamSessionView,
  ExamView,
  MyExamSessionView,
  Page,
  StudentSessionView,
  UserView,
} from '@exam/contracts';
import { DataSource } from 'typeorm';
import { createAcademy, type AcademyFixture } from '../support/fixtures';
import { dataCounts, examBody } from '../support/exams';
import { api, login } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

describe('exam sessions over REST', () => {
  let t: TestApp;
  let ds: DataSource;
  let other: AcademyFixture;
  let teacher: string;
  let teacherId: string;
  let teacher2: string;
  let admin: string;
  let s1: string;
  let s3: string;
  let otherTeacher: string;
  let students: UserView[];
  let exam: ExamView;

  const call = <T = unknown>(method: string, path: string, token: string, body?: unknown) =>
    api<T>(t.baseUrl, method, `/api/v1${path}`, { token, body });
  const create = (body: Record<string, unknown>, token = teacher) =>
    call<ExamSessionView>('POST', '/exam-sessions', token, body);

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get(DataSource);
    other = await createAcademy(t, 'Far School');
    const tl = await login(t.baseUrl, 'teacher@demo.school');
    teacher = tl.accessToken;
    teacherId = tl.user.id;
    admin = (await login(t.baseUrl, 'admin@demo.school')).accessToken;
    s1 = (await login(t.baseUrl, 'student1@demo.school')).accessToken;
    s3 = (await login(t.baseUrl, 'student3@demo.school')).accessToken;
    otherTeacher = (await login(t.baseUrl, other.teacher)).accessToken;
    const created = await call('POST', '/users', admin, {
      email: 'teacher2@demo.school',
      displayName: 'Tess Teacher',
      password: 'demo1234',
      role: 'teacher',
    });
    expect(created.status).toBe(201);
    teacher2 = (await login(t.baseUrl, 'teacher2@demo.school')).accessToken;
    // The three demo students (the demo class of the practice round is left out here).
    students = (
      await call<Page<UserView>>('GET', '/users?role=student&pageSize=100', teacher)
    ).body.items.filter((u) => /^student\d@demo\.school$/.test(u.email));
    expect(students).toHaveLength(3);
    exam = (await call<ExamView>('POST', '/exams', teacher, examBody({ title: 'Session exam' })))
      .body;
  });
  afterAll(() => t.close());

  const byEmail = (e: string) => students.find((s) => s.email === e)!;

  it('the demo seed ran a practice round for the class and planned a session for the three demo students', async () => {
    const done = await call<Page<ExamSessionView>>(
      'GET',
      '/exam-sessions?status=completed',
      teacher,
    );
    expect(done.body.items).toHaveLength(1);
    expect(done.body.items[0]).toMatchObject({
      examTitle: 'English Assessment',
      endReason: 'teacher',
      resultsRelease: 'none',
      stats: { enrolled: 24, completed: 24 },
    });
    const r = await call<Page<ExamSessionView>>('GET', '/exam-sessions?status=preparing', teacher);
    const seeded = r.body.items.find((s) => s.examTitle === 'English Assessment');
    expect(seeded).toMatchObject({
      status: 'preparing',
      durationMinutes: 60,
      stats: { enrolled: 3 },
    });
  });

  it('creates a session: defaults from the exam and server config, accommodation copied, order planned', async () => {
    const r = await create({
      examId: exam.id,
      studentIds: students.map((s) => s.id),
      config: { gracePeriodSeconds: 45 },
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      examId: exam.id,
      examTitle: 'Session exam',
      title: 'Session exam',
      teacherId,
      status: 'preparing',
      durationMinutes: 30,
      config: { timeWarningMinutes: [10, 5, 1], gracePeriodSeconds: 45, allowLateJoin: true },
      launchedAt: null,
      totalPausedMs: 0,
      extraMs: 0,
      examVersion: 1,
      stats: { enrolled: 3, connected: 0, completed: 0, averageProgress: 0, minutesElapsed: 0 },
    });
    const roster = await call<StudentSessionView[]>(
      'GET',
      `/exam-sessions/${r.body.id}/students`,
      teacher,
    );
    expect(roster.status).toBe(200);
    expect(roster.body).toHaveLength(3);
    const sol = roster.body.find((x) => x.studentEmail === 'student3@demo.school');
    expect(sol).toMatchObject({
      extraTimePercent: 25,
      status: 'enrolled',
      connectionStatus: 'not_joined',
      progress: 0,
      score: null,
    });
    const rows = (await ds.query(
      'SELECT option_order FROM student_sessions WHERE exam_session_id = ?',
      [r.body.id],
    )) as Array<{ option_order: string }>;
    for (const row of rows) {
      const order = JSON.parse(row.option_order) as Record<string, string[]>;
      expect(order.__questions__).toHaveLength(8);
      // shuffleOptions is on: the single-choice question has a stored option order.
      expect([...order[exam.questions[0].id]].sort()).toEqual(['a', 'b', 'c', 'd']);
    }
  });

  it('reads one session with live stats computed from the rows', async () => {
    const r = await create({
      examId: exam.id,
      title: 'Stats',
      studentIds: students.map((s) => s.id),
    });
    const id = r.body.id;
    const now = Date.now();
    await ds.query(
      "UPDATE exam_sessions SET status = 'active', launched_at = ?, total_paused_ms = ? WHERE id = ?",
      [now - 10 * 60_000, 2 * 60_000, id],
    );
    await ds.query(
      "UPDATE student_sessions SET connection_status = 'connected', status = 'joined', progress = 50 WHERE exam_session_id = ? AND student_id = ?",
      [id, byEmail('student1@demo.school').id],
    );
    await ds.query(
      "UPDATE student_sessions SET status = 'completed', progress = 100 WHERE exam_session_id = ? AND student_id = ?",
      [id, byEmail('student2@demo.school').id],
    );
    const g = await call<ExamSessionView>('GET', `/exam-sessions/${id}`, teacher);
    expect(g.status).toBe(200);
    expect(g.body.stats).toEqual({
      enrolled: 3,
      connected: 1,
      completed: 1,
      averageProgress: 50,
      minutesElapsed: 8,
    });
  });

  it('validates the body, listing each bad field', async () => {
    const r = await call<ApiErrorBody>('POST', '/exam-sessions', teacher, {
      examId: 'nope',
      studentIds: ['x', 'x'],
      durationMinutes: 0,
      config: { gracePeriodSeconds: -1, timeWarningMinutes: [0], bogus: 1 },
      extra: true,
    });
    expect(r.status).toBe(400);
    const fields = (r.body.details as Array<{ field: string }>).map((d) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'examId',
        'studentIds',
        'durationMinutes',
        'config.gracePeriodSeconds',
        'config.timeWarningMinutes',
        'config.bogus',
        'extra',
      ]),
    );
  });

  it('refuses students of another academy, teachers as students, and unknown exams (404, nothing stored)', async () => {
    const before = await dataCounts(t);
    const foreignStudent = (await call<Page<UserView>>('GET', '/users?role=student', otherTeacher))
      .body.items[0].id;
    const a = await create({ examId: exam.id, studentIds: [students[0].id, foreignStudent] });
    expect([a.status, (a.body as unknown as ApiErrorBody).code]).toEqual([404, 'NOT_FOUND']);
    expect((a.body as unknown as ApiErrorBody).message).toContain(foreignStudent);
    const b = await create({ examId: exam.id, studentIds: [teacherId] });
    expect(b.status).toBe(404);
    const otherExam = (await call<ExamView>('POST', '/exams', otherTeacher, examBody())).body;
    const after = await dataCounts(t);
    const c = await create({ examId: otherExam.id, studentIds: [] });
    expect(c.status).toBe(404);
    expect(await dataCounts(t)).toEqual(after);
    expect(after.exams).toBe(before.exams + 1);
  });

  it('refuses an inactive exam with 409', async () => {
    const inactive = (
      await call<ExamView>('POST', '/exams', teacher, examBody({ isActive: false }))
    ).body;
    const r = await create({ examId: inactive.id, studentIds: [] });
    expect([r.status, (r.body as unknown as ApiErrorBody).code]).toEqual([409, 'CONFLICT']);
  });

  it('students cannot plan, change, delete sessions or read rosters (403)', async () => {
    const s = (await create({ examId: exam.id, studentIds: [byEmail('student1@demo.school').id] }))
      .body;
    const before = await dataCounts(t);
    for (const [m, p, b] of [
      ['POST', '/exam-sessions', { examId: exam.id, studentIds: [] }],
      ['PATCH', `/exam-sessions/${s.id}`, { title: 'mine now' }],
      ['DELETE', `/exam-sessions/${s.id}`, undefined],
      ['GET', `/exam-sessions/${s.id}/students`, undefined],
    ] as const) {
      const r = await call<ApiErrorBody>(m, p, s1, b);
      expect([m, p, r.status]).toEqual([m, p, 403]);
    }
    expect(await dataCounts(t)).toEqual(before);
  });

  it('another academy and another teacher get 404 for a session, and nothing changes', async () => {
    const s = (await create({ examId: exam.id, studentIds: [] })).body;
    const before = await dataCounts(t);
    for (const token of [otherTeacher, teacher2]) {
      for (const [m, p, b] of [
        ['GET', `/exam-sessions/${s.id}`, undefined],
        ['GET', `/exam-sessions/${s.id}/students`, undefined],
        ['PATCH', `/exam-sessions/${s.id}`, { title: 'x' }],
        ['DELETE', `/exam-sessions/${s.id}`, undefined],
      ] as const) {
        const r = await call<ApiErrorBody>(m, p, token, b);
        expect([m, p, r.status]).toEqual([m, p, 404]);
      }
    }
    expect(await dataCounts(t)).toEqual(before);
    expect((await call('GET', `/exam-sessions/${s.id}`, admin)).status).toBe(200);
  });

  it('a student sees only their own view of sessions they are enrolled in', async () => {
    const mine = (
      await create({
        examId: exam.id,
        title: 'Mine',
        studentIds: [byEmail('student3@demo.school').id],
      })
    ).body;
    const notMine = (
      await create({
        examId: exam.id,
        title: 'Not mine',
        studentIds: [byEmail('student1@demo.school').id],
      })
    ).body;
    const r = await call<MyExamSessionView>('GET', `/exam-sessions/${mine.id}`, s3);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      id: mine.id,
      title: 'Mine',
      status: 'preparing',
      examTitle: 'Session exam',
      instructions: 'Answer everything.',
      durationMinutes: 30,
      questionCount: 8,
      scheduledStartAt: null,
      launchedAt: null,
      endedAt: null,
      config: mine.config,
      resultsRelease: 'none',
      // 30 minutes + 25 % accommodation: the student's own time, shown instead of 30.
      allowanceMs: 37.5 * 60_000,
      me: expect.objectContaining({
        studentId: byEmail('student3@demo.school').id,
        extraTimePercent: 25,
        status: 'enrolled',
      }),
    });
    expect(r.body).not.toHaveProperty('stats');
    expect((await call('GET', `/exam-sessions/${notMine.id}`, s3)).status).toBe(404);
    const list = await call<Page<MyExamSessionView>>('GET', '/exam-sessions?pageSize=100', s3);
    expect(list.body.items.map((x) => x.id)).toContain(mine.id);
    expect(list.body.items.map((x) => x.id)).not.toContain(notMine.id);
    expect(
      list.body.items.every((x) => x.me.studentId === byEmail('student3@demo.school').id),
    ).toBe(true);
  });

  it('lists by status with pagination; teachers see the sessions they teach, admins all', async () => {
    const mineIds: string[] = [];
    for (let i = 0; i < 4; i++)
      mineIds.push(
        (await create({ examId: exam.id, title: `T2 ${i}`, studentIds: [] }, teacher2)).body.id,
      );
    const t2 = await call<Page<ExamSessionView>>(
      'GET',
      '/exam-sessions?page=1&pageSize=3',
      teacher2,
    );
    expect([t2.body.total, t2.body.items.length]).toEqual([4, 3]);
    const t2p2 = await call<Page<ExamSessionView>>(
      'GET',
      '/exam-sessions?page=2&pageSize=3',
      teacher2,
    );
    expect(t2p2.body.items).toHaveLength(1);
    expect([...t2.body.items, ...t2p2.body.items].map((s) => s.id).sort()).toEqual(
      [...mineIds].sort(),
    );
    const t1 = await call<Page<ExamSessionView>>('GET', '/exam-sessions?pageSize=100', teacher);
    expect(t1.body.items.some((s) => mineIds.includes(s.id))).toBe(false);
    const all = await call<Page<ExamSessionView>>('GET', '/exam-sessions?pageSize=100', admin);
    expect(mineIds.every((id) => all.body.items.some((s) => s.id === id))).toBe(true);
    await ds.query("UPDATE exam_sessions SET status = 'completed' WHERE id = ?", [mineIds[0]]);
    const done = await call<Page<ExamSessionView>>(
      'GET',
      '/exam-sessions?status=completed',
      teacher2,
    );
    expect(done.body.items.map((s) => s.id)).toEqual([mineIds[0]]);
    const bad = await call<ApiErrorBody>('GET', '/exam-sessions?status=running', teacher2);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/status/);
    const far = await call<Page<ExamSessionView>>(
      'GET',
      '/exam-sessions?pageSize=100',
      otherTeacher,
    );
    expect(far.body.items.some((s) => mineIds.includes(s.id))).toBe(false);
  });

  it('changes title, schedule, config and enrolment while preparing', async () => {
    const s = (
      await create({
        examId: exam.id,
        studentIds: [byEmail('student1@demo.school').id, byEmail('student2@demo.school').id],
      })
    ).body;
    const keptRow = (
      await call<StudentSessionView[]>('GET', `/exam-sessions/${s.id}/students`, teacher)
    ).body.find((r) => r.studentEmail === 'student2@demo.school')!;
    const at = Date.now() + 3_600_000;
    const r = await call<ExamSessionView>('PATCH', `/exam-sessions/${s.id}`, teacher, {
      title: 'Renamed',
      scheduledStartAt: at,
      durationMinutes: 40,
      config: { timeWarningMinutes: [15, 5], allowLateJoin: false },
      studentIds: [byEmail('student2@demo.school').id, byEmail('student3@demo.school').id],
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      title: 'Renamed',
      scheduledStartAt: at,
      durationMinutes: 40,
      config: { timeWarningMinutes: [15, 5], gracePeriodSeconds: 30, allowLateJoin: false },
      stats: { enrolled: 2 },
    });
    const roster = (
      await call<StudentSessionView[]>('GET', `/exam-sessions/${s.id}/students`, teacher)
    ).body;
    expect(roster.map((x) => x.studentEmail).sort()).toEqual([
      'student2@demo.school',
      'student3@demo.school',
    ]);
    expect(roster.find((x) => x.studentEmail === 'student2@demo.school')!.id).toBe(keptRow.id);
    const cleared = await call<ExamSessionView>('PATCH', `/exam-sessions/${s.id}`, teacher, {
      scheduledStartAt: null,
    });
    expect(cleared.body.scheduledStartAt).toBeNull();
  });

  it('refuses PATCH and DELETE once launched (409), allows DELETE while preparing', async () => {
    const s = (await create({ examId: exam.id, studentIds: [students[0].id] })).body;
    await ds.query("UPDATE exam_sessions SET status = 'active', launched_at = ? WHERE id = ?", [
      Date.now(),
      s.id,
    ]);
    const before = await dataCounts(t);
    const p = await call<ApiErrorBody>('PATCH', `/exam-sessions/${s.id}`, teacher, {
      title: 'late',
    });
    expect([p.status, p.body.code]).toEqual([409, 'INVALID_TRANSITION']);
    expect(p.body.message).toMatch(/active; it can only be changed while preparing/);
    const d = await call<ApiErrorBody>('DELETE', `/exam-sessions/${s.id}`, admin);
    expect([d.status, d.body.code]).toEqual([409, 'INVALID_TRANSITION']);
    expect(await dataCounts(t)).toEqual(before);

    const prep = (await create({ examId: exam.id, studentIds: [students[0].id, students[1].id] }))
      .body;
    const mid = await dataCounts(t);
    expect((await call('DELETE', `/exam-sessions/${prep.id}`, teacher)).status).toBe(204);
    const after = await dataCounts(t);
    expect(after.exam_sessions).toBe(mid.exam_sessions - 1);
    expect(after.student_sessions).toBe(mid.student_sessions - 2);
    expect((await call('GET', `/exam-sessions/${prep.id}`, teacher)).status).toBe(404);
  });
});
