/**
 * Scheduled sessions (issue 14): a session planned with "launch by itself" launches at its
 * planned start for the students waiting in the lobby, through the same lifecycle as the
 * teacher's launch; without it nothing happens by itself. Bad combinations are refused.
 */
import type { ExamLaunchPayload, ExamSessionView } from '@exam/contracts';
import { DataSource } from 'typeorm';
import { examBody } from '../support/exams';
import { createAcademy } from '../support/fixtures';
import { api, login } from '../support/http';
import { seen } from '../support/live-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestSocket } from '../support/ws-client';

describe('scheduled sessions launch by themselves when asked to', () => {
  let t: TestApp;
  const open: TestSocket[] = [];
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await t.close();
  });

  it('launches at the planned start for the lobby; plain planned sessions wait for the teacher', async () => {
    const a = await createAcademy(t, 'Scheduled', 1);
    const teacher = await login(t.baseUrl, a.teacher);
    const student = await login(t.baseUrl, a.students[0]);
    const exam = await api<{ id: string }>(t.baseUrl, 'POST', '/api/v1/exams', {
      token: teacher.accessToken,
      body: examBody({ title: 'Scheduled exam' }),
    });
    const plan = (body: Record<string, unknown>) =>
      api<ExamSessionView & { code?: string; message?: string }>(
        t.baseUrl,
        'POST',
        '/api/v1/exam-sessions',
        {
          token: teacher.accessToken,
          body: { examId: exam.body.id, studentIds: [student.user.id], ...body },
        },
      );
    const noTime = await plan({ config: { autoLaunch: true } });
    expect(noTime.status).toBe(400);
    expect(noTime.body.message).toBe('Choose a planned start for the session to launch by itself.');
    const past = await plan({
      scheduledStartAt: Date.now() - 60_000,
      config: { autoLaunch: true },
    });
    expect(past.status).toBe(400);
    expect(past.body.message).toMatch(/planned start has passed/);

    const startAt = Date.now() + 1500;
    const auto = await plan({ scheduledStartAt: startAt, config: { autoLaunch: true } });
    expect(auto.status).toBe(201);
    expect(auto.body.config.autoLaunch).toBe(true);
    const manual = await plan({ scheduledStartAt: Date.now() + 1000 });
    expect(manual.body.config.autoLaunch).toBe(false);

    const s = await TestSocket.authed(t.wsUrl, student.accessToken);
    open.push(s);
    s.send('session_join', { sessionId: auto.body.id });
    await seen(s, (f) => f.event === 'session_snapshot');
    const launch = await seen<ExamLaunchPayload>(s, (f) => f.event === 'exam_launch', 12_000);
    expect(launch.data.launchedAt).toBeGreaterThanOrEqual(startAt);
    expect(launch.data.questions?.length).toBeGreaterThan(0);

    const get = (id: string) =>
      api<ExamSessionView>(t.baseUrl, 'GET', `/api/v1/exam-sessions/${id}`, {
        token: teacher.accessToken,
      });
    expect((await get(auto.body.id)).body.status).toBe('active');
    expect((await get(manual.body.id)).body.status).toBe('preparing');
    const [logged] = (await t.app
      .get(DataSource)
      .query(
        "SELECT actor_type AS actor, data FROM session_events WHERE exam_session_id = ? AND type = 'exam_launch'",
        [auto.body.id],
      )) as Array<{ actor: string; data: string }>;
    expect(logged.actor).toBe('system');
    expect(JSON.parse(logged.data)).toMatchObject({ reason: 'scheduled start' });
  }, 30_000);
});
