/**
 * Test-taker tools over real HTTP (issue 18): a student's tools start at the defaults, are
 * kept on the server (a second sign-in, another device, reads them back), and bad bodies are
 * refused field by field with nothing stored; a student never sets another student's tools;
 * the academy's teachers and admins set a student's tools and can fix them, after which the
 * student's change is refused in words; staff of another academy find no such student; a
 * session may offer the on-screen calculator. A change reaches the student's open sockets at
 * once (`tools_changed`).
 */
import {
  DEFAULT_TEST_TAKER_TOOLS,
  type ApiErrorBody,
  type ExamSessionView,
  type TestTakerTools,
  type TestTakerToolsView,
} from '@exam/contracts';
import { DataSource } from 'typeorm';
import { createAcademy } from '../support/fixtures';
import { api } from '../support/http';
import { person, type Person } from '../support/live-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestSocket } from '../support/ws-client';

describe('test-taker tools', () => {
  let t: TestApp;
  let admin: Person;
  let teacher: Person;
  let ana: Person;
  let ben: Person;
  let stranger: Person;

  beforeAll(async () => {
    t = await startTestApp();
    const a = await createAcademy(t, 'Tools', 2);
    admin = await person(t, a.admin);
    teacher = await person(t, a.teacher);
    [ana, ben] = await Promise.all(a.students.map((e) => person(t, e)));
    const other = await createAcademy(t, 'Tools elsewhere', 1);
    stranger = await person(t, other.teacher);
  });
  afterAll(() => t.close());

  const call = <T>(method: string, path: string, token: string, body?: unknown) =>
    api<T>(t.baseUrl, method, `/api/v1${path}`, { token, body });
  const rows = async () =>
    Number(
      (
        (await t.app.get(DataSource).query('SELECT COUNT(*) AS n FROM test_taker_tools')) as Array<{
          n: number;
        }>
      )[0].n,
    );

  const larger: TestTakerTools = {
    ...DEFAULT_TEST_TAKER_TOOLS,
    textSize: 150,
    lineSpacing: 'wide',
    dyslexiaFont: true,
    optionElimination: true,
  };

  it('starts at the defaults and keeps a student’s own change for every device', async () => {
    const first = await call<TestTakerToolsView>('GET', '/me/test-taker-tools', ana.token);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      tools: DEFAULT_TEST_TAKER_TOOLS,
      studentMayChange: true,
      setBy: null,
      updatedAt: null,
    });
    const put = await call<TestTakerToolsView>('PUT', '/me/test-taker-tools', ana.token, {
      tools: larger,
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ tools: larger, studentMayChange: true, setBy: 'student' });
    // Another sign-in (another device) reads the same.
    const again = await person(t, ana.email);
    const read = await call<TestTakerToolsView>('GET', '/me/test-taker-tools', again.token);
    expect(read.body.tools).toEqual(larger);
    // Ben's stay at the defaults.
    const bens = await call<TestTakerToolsView>('GET', '/me/test-taker-tools', ben.token);
    expect(bens.body.tools).toEqual(DEFAULT_TEST_TAKER_TOOLS);
  });

  it('refuses a bad body field by field and stores nothing', async () => {
    const before = await rows();
    const bad = await call<ApiErrorBody>('PUT', '/me/test-taker-tools', ben.token, {
      tools: { ...DEFAULT_TEST_TAKER_TOOLS, textSize: 175, highContrast: 'yes' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const fields = (bad.body.details as Array<{ field: string }>).map((d) => d.field).sort();
    expect(fields).toEqual(['tools.highContrast', 'tools.textSize']);
    const missing = await call<ApiErrorBody>('PUT', '/me/test-taker-tools', ben.token, {});
    expect(missing.status).toBe(400);
    const extra = await call<ApiErrorBody>('PUT', '/me/test-taker-tools', ben.token, {
      tools: DEFAULT_TEST_TAKER_TOOLS,
      studentMayChange: true,
    });
    expect(extra.status).toBe(400);
    expect(await rows()).toBe(before);
  });

  it('never lets a student set or read another student’s tools', async () => {
    const put = await call<ApiErrorBody>('PUT', `/users/${ben.id}/test-taker-tools`, ana.token, {
      tools: larger,
      studentMayChange: true,
    });
    expect(put.status).toBe(403);
    const get = await call('GET', `/users/${ben.id}/test-taker-tools`, ana.token);
    expect(get.status).toBe(403);
    const bens = await call<TestTakerToolsView>('GET', '/me/test-taker-tools', ben.token);
    expect(bens.body.tools).toEqual(DEFAULT_TEST_TAKER_TOOLS);
  });

  it('lets the academy’s staff set and fix a student’s tools; the student is told why', async () => {
    const fixed: TestTakerTools = {
      ...DEFAULT_TEST_TAKER_TOOLS,
      textSize: 200,
      highContrast: true,
    };
    const socket = await TestSocket.authed(t.wsUrl, ben.token);
    const heard = socket.next<TestTakerToolsView>('tools_changed', () => true, 10_000);
    const set = await call<TestTakerToolsView>(
      'PUT',
      `/users/${ben.id}/test-taker-tools`,
      teacher.token,
      {
        tools: fixed,
        studentMayChange: false,
      },
    );
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ tools: fixed, studentMayChange: false, setBy: 'staff' });
    // Ben's open page heard it at once.
    const live = await heard;
    expect(live.data).toEqual(set.body);
    socket.close();
    const seen = await call<TestTakerToolsView>('GET', '/me/test-taker-tools', ben.token);
    expect(seen.body).toMatchObject({ tools: fixed, studentMayChange: false });
    const refused = await call<ApiErrorBody>('PUT', '/me/test-taker-tools', ben.token, {
      tools: DEFAULT_TEST_TAKER_TOOLS,
    });
    expect([refused.status, refused.body.code]).toEqual([403, 'TOOLS_FIXED']);
    expect(refused.body.message).toMatch(/Your teacher set these tools for you/);
    // An admin reads them and lets the student change them again.
    const byAdmin = await call<TestTakerToolsView>(
      'GET',
      `/users/${ben.id}/test-taker-tools`,
      admin.token,
    );
    expect(byAdmin.body.tools).toEqual(fixed);
    await call('PUT', `/users/${ben.id}/test-taker-tools`, admin.token, {
      tools: fixed,
      studentMayChange: true,
    });
    const ok = await call('PUT', '/me/test-taker-tools', ben.token, {
      tools: DEFAULT_TEST_TAKER_TOOLS,
    });
    expect(ok.status).toBe(200);
  });

  it('finds no such student for staff of another academy, nor for a non-student', async () => {
    const other = await call<ApiErrorBody>(
      'PUT',
      `/users/${ana.id}/test-taker-tools`,
      stranger.token,
      {
        tools: DEFAULT_TEST_TAKER_TOOLS,
        studentMayChange: false,
      },
    );
    expect(other.status).toBe(404);
    const read = await call('GET', `/users/${ana.id}/test-taker-tools`, stranger.token);
    expect(read.status).toBe(404);
    const notStudent = await call('GET', `/users/${teacher.id}/test-taker-tools`, admin.token);
    expect(notStudent.status).toBe(404);
    const mine = await call<TestTakerToolsView>('GET', '/me/test-taker-tools', ana.token);
    expect(mine.body.tools).toEqual(larger);
  });

  it('a session offers the calculator only when asked', async () => {
    const exam = await call<{ id: string }>('POST', '/exams', teacher.token, {
      title: 'Sums',
      durationMinutes: 10,
      questions: [
        {
          type: 'numeric',
          prompt: '2 + 2?',
          points: 1,
          acceptedAnswers: [{ value: 4, creditPercent: 100 }],
        },
      ],
    });
    expect(exam.status).toBe(201);
    const plain = await call<ExamSessionView>('POST', '/exam-sessions', teacher.token, {
      examId: exam.body.id,
      studentIds: [ana.id],
    });
    expect(plain.body.config.calculator).toBe(false);
    const withCalc = await call<ExamSessionView>('POST', '/exam-sessions', teacher.token, {
      examId: exam.body.id,
      studentIds: [ana.id],
      config: { calculator: true },
    });
    expect(withCalc.status).toBe(201);
    expect(withCalc.body.config.calculator).toBe(true);
  });
});
