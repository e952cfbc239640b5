/**
 * "Let everyone finish their own time" (issue 14): complete with mode own_time keeps the
 * session running for the students already working, each to their own deadline; nobody new
 * may start; the session completes by itself once the last of them is done (here by handing
 * in; at their deadline it is the clock's end), and each attempt says how it ended.
 */
import { DataSource } from 'typeorm';
import type {
  ErrorPayload,
  ExamClosingPayload,
  ExamEndPayload,
  ExamSubmitPayload,
  SessionCommandResult,
} from '@exam/contracts';
import { api } from '../support/http';
import { answerOnce, joined, liveWorld, seen } from '../support/live-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestSocket } from '../support/ws-client';

describe('complete: let everyone finish their own time', () => {
  let t: TestApp;
  const open: TestSocket[] = [];
  const track = (s: TestSocket) => (open.push(s), s);
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await t.close();
  });

  it('keeps the workers going to their own deadline, refuses newcomers, then completes', async () => {
    const w = await liveWorld(t, 'Closing', 3, {
      durationMinutes: 1,
      config: { gracePeriodSeconds: 0 },
    });
    const sid = w.fx.sessionId;
    const [working, done, absent] = w.students;
    const call = <T>(path: string, body: unknown = {}) =>
      api<T>(t.baseUrl, 'POST', `/api/v1/exam-sessions/${sid}${path}`, {
        token: w.teacher.token,
        body,
      });
    const teacher = track(await joined(t, w.teacher.token, sid));
    const a = track(await joined(t, working.token, sid));
    const b = track(await joined(t, done.token, sid));
    expect((await call('/launch')).status).toBe(200);
    await seen(a, (f) => f.event === 'exam_launch');
    b.send('exam_submit', { sessionId: sid });
    const handedIn = await seen<ExamSubmitPayload>(b, (f) => f.event === 'exam_submit');
    expect(handedIn.data.endReason).toBe('submitted');

    const r = await call<SessionCommandResult>('/complete', { mode: 'own_time' });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('active');
    const closing = await seen<ExamClosingPayload>(a, (f) => f.event === 'exam_closing');
    expect(closing.data.working).toBe(1);
    expect(closing.data.endsBy).toBeGreaterThan(Date.now());
    await seen(teacher, (f) => f.event === 'exam_closing');
    // Again: nothing changes (idempotent).
    expect((await call('/complete', { mode: 'own_time' })).status).toBe(200);

    // A newcomer is turned away; the worker still saves answers.
    const c = track(await TestSocket.authed(t.wsUrl, absent.token));
    c.send('session_join', { sessionId: sid });
    const refused = await seen<ErrorPayload>(c, (f) => f.event === 'error');
    expect(refused.data.code).toBe('SESSION_NOT_LIVE');
    expect(refused.data.message).toMatch(/no longer takes new students/);
    const ack = await answerOnce(a, {
      sessionId: sid,
      questionId: w.fx.questionIds[0],
      answer: { optionId: 'b' },
      seq: 1,
    });
    expect(ack.data.status).toBe('autosaved');

    // The last worker hands in: nobody is working any more, so the session completes now,
    // long before its deadline.
    const ds = t.app.get(DataSource);
    a.send('exam_submit', { sessionId: sid });
    const end = await seen<ExamEndPayload>(teacher, (f) => f.event === 'exam_complete', 15_000);
    expect(end.data.reason).toBe('teacher');
    const rows = (await ds.query(
      'SELECT student_id AS id, status, end_reason AS reason FROM student_sessions WHERE exam_session_id = ?',
      [sid],
    )) as Array<{ id: string; status: string; reason: string }>;
    const reason = (id: string) => rows.find((x) => x.id === id)?.reason;
    expect(rows.every((x) => x.status === 'completed')).toBe(true);
    expect(reason(working.id)).toBe('submitted');
    expect(reason(done.id)).toBe('submitted');
    expect(reason(absent.id)).toBe('absent');
  });

  it('refuses own_time on a paused or finished exam, with what to do', async () => {
    const w = await liveWorld(t, 'Paused', 1);
    const sid = w.fx.sessionId;
    const call = <T>(path: string, body: unknown = {}) =>
      api<T>(t.baseUrl, 'POST', `/api/v1/exam-sessions/${sid}${path}`, {
        token: w.teacher.token,
        body,
      });
    expect((await call('/complete', { mode: 'own_time' })).status).toBe(409);
    await call('/launch');
    await call('/pause');
    const paused = await call<{ code: string; message: string }>('/complete', {
      mode: 'own_time',
    });
    expect(paused.status).toBe(409);
    expect(paused.body.message).toMatch(/Resume the exam first/);
    expect((await call('/complete', { mode: 'later' })).status).toBe(400);
    // Ending at once still works, from any live state.
    expect((await call('/complete', { mode: 'now' })).status).toBe(200);
  });
});
