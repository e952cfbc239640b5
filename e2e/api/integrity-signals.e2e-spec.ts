/**
 * Integrity signals over real sockets, REST and a real database: a student's page reports
 * what it saw and gets the ack only once stored; a resend is stored once; the teacher gets
 * each new signal with the student's count; the server adds another device and a reconnect
 * itself; the planner's choice is honoured; a report can only ever be about its sender; a
 * student's timeline puts signals beside answers and connection changes.
 */
import { DataSource } from 'typeorm';
import type {
  ApiErrorBody,
  ExamLaunchPayload,
  IntegrityAckPayload,
  IntegritySignalPayload,
  SessionSnapshotPayload,
  StudentTimeline,
  TeacherSnapshot,
} from '@exam/contracts';
import { api } from '../support/http';
import { answerOnce, joined, liveWorld, sleep, type LiveWorld } from '../support/live-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestSocket } from '../support/ws-client';

const T = 20_000;

describe('integrity signals', () => {
  let t: TestApp;
  let w: LiveWorld;
  const open: TestSocket[] = [];
  const track = (s: TestSocket) => (open.push(s), s);

  beforeAll(async () => {
    t = await startTestApp({
      RECONNECT_GRACE_MS: '60000',
      WS_MAX_CONNECTIONS_PER_USER: '10',
      // The address comes from X-Forwarded-For, as behind the documented proxy.
      TRUST_PROXY: 'true',
    });
    w = await liveWorld(t, 'Signals', 3, { questions: 4 });
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await t.close();
  });

  const rows = (sql: string, params: unknown[]) =>
    t.app.get(DataSource).query(sql, params) as Promise<Array<Record<string, unknown>>>;

  it('stores what the page saw, acks after storing, tells the teacher, and keeps a resend once', async () => {
    const sid = w.fx.sessionId;
    const teacher = track(await joined(t, w.teacher.token, sid));
    const [ana, ben] = w.students;
    const s1 = track(await joined(t, ana.token, sid));
    // Nothing is recorded before the exam starts.
    s1.send('integrity_signal', {
      sessionId: sid,
      signals: [{ id: 'early-0001', kind: 'page_hidden', at: Date.now(), durationMs: 1 }],
    });
    expect((await s1.next<{ code: string }>('error')).data.code).toBe('SESSION_NOT_LIVE');

    teacher.send('exam_launch', { sessionId: sid });
    const launch = await s1.next<ExamLaunchPayload>('exam_launch', () => true, T);
    const q = launch.data.questions!;
    // Times inside the attempt (a time before the launch is moved to the launch).
    await sleep(700);
    const now = Date.now();
    const report = {
      sessionId: sid,
      signals: [
        {
          id: 'hid-00000001',
          kind: 'page_hidden',
          at: now - 500,
          durationMs: 4_000,
          questionId: q[2].id,
        },
        { id: 'pst-00000001', kind: 'paste', at: now - 200, chars: 42, questionId: q[1].id },
      ],
    };
    s1.send('integrity_signal', report);
    const ack = await s1.next<IntegrityAckPayload>('integrity_ack', () => true, T);
    expect(ack.data).toEqual({
      sessionId: sid,
      ids: ['hid-00000001', 'pst-00000001'],
      stored: 2,
      duplicates: 0,
      ignored: 0,
    });
    // Acked only once stored: the rows are there.
    const stored = await rows(
      'SELECT kind, at, duration_ms, chars, question_id, student_id FROM integrity_signals WHERE exam_session_id = ? ORDER BY at',
      [sid],
    );
    expect(stored.map((r) => [r['kind'], Number(r['at']), r['student_id']])).toEqual([
      ['page_hidden', now - 500, ana.id],
      ['paste', now - 200, ana.id],
    ]);
    expect(Number(stored[0]['duration_ms'])).toBeLessThanOrEqual(4_000);
    expect(Number(stored[1]['chars'])).toBe(42);
    const pushed = await teacher.next<IntegritySignalPayload>('integrity_signal', () => true, T);
    expect(pushed.data).toMatchObject({
      studentId: ana.id,
      summary: { count: 2, latest: { kind: 'paste', chars: 42, questionId: q[1].id } },
    });
    // The page resends (it never saw the ack): stored once.
    s1.send('integrity_signal', report);
    const again = await s1.next<IntegrityAckPayload>('integrity_ack', () => true, T);
    expect(again.data).toMatchObject({ stored: 0, duplicates: 2 });
    expect(
      await rows('SELECT id FROM integrity_signals WHERE exam_session_id = ?', [sid]),
    ).toHaveLength(2);

    // Queued while offline, sent later with the times they happened.
    const offline = track(await joined(t, ben.token, sid));
    await sleep(300);
    const benAt = Date.now() - 100;
    offline.send('integrity_signal', {
      sessionId: sid,
      signals: [
        { id: 'off-00000001', kind: 'focus_lost', at: benAt, durationMs: 6_000, offline: true },
      ],
    });
    expect(
      (await offline.next<IntegrityAckPayload>('integrity_ack', () => true, T)).data.stored,
    ).toBe(1);
    const [ben1] = await rows('SELECT offline, at FROM integrity_signals WHERE client_id = ?', [
      'off-00000001',
    ]);
    expect(Boolean(ben1['offline'])).toBe(true);
    expect(Number(ben1['at'])).toBe(benAt);

    // A teacher joining now sees each student's count and latest in the roster.
    const late = track(await joined(t, w.teacher.token, sid));
    const snap = late.frames.find((f) => f.event === 'session_snapshot')!
      .data as SessionSnapshotPayload;
    const roster = (snap.snapshot as TeacherSnapshot).roster;
    expect(roster.find((r) => r.studentId === ana.id)!.signals).toMatchObject({ count: 2 });
    expect(roster.find((r) => r.studentId === ben.id)!.signals).toMatchObject({
      count: 1,
      latest: { kind: 'focus_lost', offline: true },
    });
  });

  it('can only ever be about its sender, inside the attempt, with valid fields', async () => {
    const sid = w.fx.sessionId;
    const [ana, ben] = w.students;
    const s = track(await joined(t, ana.token, sid));
    const refused = async (data: unknown) => {
      s.send('integrity_signal', data);
      return (
        await s.next<{ code: string; details?: Array<{ field: string }> }>('error', () => true, T)
      ).data;
    };
    const ok = { id: 'sig-12345678', kind: 'paste', at: Date.now(), chars: 3 };
    // Naming another student is an unknown field: refused, nothing stored for anyone.
    const other = await refused({ sessionId: sid, studentId: ben.id, signals: [ok] });
    expect(other.code).toBe('VALIDATION_FAILED');
    const forged = await refused({ sessionId: sid, signals: [{ ...ok, studentId: ben.id }] });
    expect(forged.code).toBe('VALIDATION_FAILED');
    // A kind only the server records, a time from before the attempt, a foreign question.
    expect((await refused({ sessionId: sid, signals: [{ ...ok, kind: 'new_ip' }] })).code).toBe(
      'VALIDATION_FAILED',
    );
    const old = await refused({ sessionId: sid, signals: [{ ...ok, at: Date.now() - 3_600_000 }] });
    expect(old.code).toBe('VALIDATION_FAILED');
    const foreign = await refused({
      sessionId: sid,
      signals: [{ ...ok, questionId: 'not-a-question' }],
    });
    expect(foreign.details?.[0].field).toBe('signals[0].questionId');
    expect(
      (
        await refused({
          sessionId: sid,
          signals: Array.from({ length: 51 }, (_, i) => ({ ...ok, id: `many-${i}-0000` })),
        })
      ).code,
    ).toBe('VALIDATION_FAILED');
    expect(
      await rows('SELECT id FROM integrity_signals WHERE client_id = ?', ['sig-12345678']),
    ).toHaveLength(0);
    // A teacher cannot report signals.
    const teacher = track(await joined(t, w.teacher.token, sid));
    teacher.send('integrity_signal', { sessionId: sid, signals: [ok] });
    expect((await teacher.next<{ code: string }>('error', () => true, T)).data.code).toBe(
      'FORBIDDEN',
    );
    // Over REST, the same rules: the body names no student, the path the session.
    const viaRest = await api<ApiErrorBody>(
      t.baseUrl,
      'POST',
      `/api/v1/exam-sessions/${sid}/integrity-signals`,
      {
        token: ben.token,
        body: { studentId: ana.id, signals: [ok] },
      },
    );
    expect(viaRest.status).toBe(400);
    const good = await api<IntegrityAckPayload>(
      t.baseUrl,
      'POST',
      `/api/v1/exam-sessions/${sid}/integrity-signals`,
      {
        token: ben.token,
        body: { signals: [{ ...ok, id: 'rest-0000001' }] },
      },
    );
    expect(good.status).toBe(200);
    expect(good.body.stored).toBe(1);
    const [row] = await rows('SELECT student_id FROM integrity_signals WHERE client_id = ?', [
      'rest-0000001',
    ]);
    expect(row['student_id']).toBe(ben.id);
  });

  it('records another device and a reconnect itself, and puts everything on the timeline', async () => {
    const sid = w.fx.sessionId;
    const cleo = w.students[2];
    const teacher = track(await joined(t, w.teacher.token, sid));
    const first = track(await joined(t, cleo.token, sid));
    // A second socket of the same student while the first is open: another device or tab.
    const second = track(await joined(t, cleo.token, sid));
    const device = await teacher.next<IntegritySignalPayload>(
      'integrity_signal',
      (f) => (f.data as IntegritySignalPayload).studentId === cleo.id,
      T,
    );
    expect(device.data.signals[0]).toMatchObject({ kind: 'second_device', detail: { sockets: 2 } });
    const ack = await answerOnce(second, {
      sessionId: sid,
      questionId: w.fx.questionIds[0],
      answer: { optionId: 'b' },
      seq: 1,
    });
    expect(ack.data.status).toBe('autosaved');
    // Both sockets drop, and the student comes back within the grace: a reconnect.
    first.close();
    second.close();
    await sleep(300);
    track(await joined(t, cleo.token, sid));
    const back = await teacher.next<IntegritySignalPayload>(
      'integrity_signal',
      (f) => (f.data as IntegritySignalPayload).signals[0]?.kind === 'reconnect',
      T,
    );
    expect(back.data.signals[0].durationMs).toBeGreaterThan(0);

    const tl = await api<StudentTimeline>(
      t.baseUrl,
      'GET',
      `/api/v1/exam-sessions/${sid}/students/${cleo.id}/timeline`,
      { token: w.teacher.token },
    );
    expect(tl.status).toBe(200);
    expect(tl.body).toMatchObject({ studentId: cleo.id, summary: { count: 2 } });
    expect(tl.body.questionIds).toEqual(w.fx.questionIds);
    const kinds = tl.body.entries.map((e) =>
      e.type === 'signal' ? e.signal.kind : e.type === 'connection' ? e.change : e.type,
    );
    expect(kinds).toEqual(
      expect.arrayContaining([
        'joined',
        'second_device',
        'answer',
        'disconnected',
        'rejoined',
        'reconnect',
      ]),
    );
    const times = tl.body.entries.map((e) => e.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // Students cannot read anyone's timeline; another academy's teacher cannot either.
    const denied = await api(
      t.baseUrl,
      'GET',
      `/api/v1/exam-sessions/${sid}/students/${cleo.id}/timeline`,
      {
        token: cleo.token,
      },
    );
    expect(denied.status).toBe(403);
    const stranger = await liveWorld(t, 'Elsewhere', 1);
    const foreign = await api(
      t.baseUrl,
      'GET',
      `/api/v1/exam-sessions/${sid}/students/${cleo.id}/timeline`,
      {
        token: stranger.teacher.token,
      },
    );
    expect(foreign.status).toBe(404);
  });

  it('are part of the results export, in time order, without the content of a paste', async () => {
    const sid = w.fx.sessionId;
    const res = await fetch(`${t.baseUrl}/api/v1/exam-sessions/${sid}/export/signals.csv`, {
      headers: { authorization: `Bearer ${w.teacher.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/filename="signals-/);
    const lines = (await res.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toMatch(
      /^Student,Email,Signal,Started at \(.+\),Lasted \(s\),Characters pasted,Question,While offline,Detail$/,
    );
    expect(lines.some((l) => /,Pasted,.*,42,2,/.test(l))).toBe(true);
    expect(lines.some((l) => /,Window lost focus,.*,yes,/.test(l))).toBe(true);
    expect(lines.length - 1).toBe(
      Number(
        (
          await rows('SELECT COUNT(*) AS n FROM integrity_signals WHERE exam_session_id = ?', [sid])
        )[0]['n'],
      ),
    );
    const student = await fetch(`${t.baseUrl}/api/v1/exam-sessions/${sid}/export/signals.csv`, {
      headers: { authorization: `Bearer ${w.students[0].token}` },
    });
    expect(student.status).toBe(403);
  });

  it('records a join from a new address, with the address', async () => {
    const world = await liveWorld(t, 'Addresses', 1);
    const sid = world.fx.sessionId;
    const teacher = track(await joined(t, world.teacher.token, sid));
    const from = async (ip: string) => {
      const s = track(
        await TestSocket.open(t.wsUrl, {
          token: world.students[0].token,
          headers: { 'x-forwarded-for': ip },
        }),
      );
      await s.next('auth_success');
      s.send('session_join', { sessionId: sid });
      await s.next('session_snapshot', () => true, T);
      return s;
    };
    const home = await from('10.1.1.1');
    teacher.send('exam_launch', { sessionId: sid });
    await home.next('exam_launch', () => true, T);
    home.close();
    await sleep(300);
    await from('10.2.2.2');
    const moved = await teacher.next<IntegritySignalPayload>(
      'integrity_signal',
      (f) => (f.data as IntegritySignalPayload).signals[0]?.kind === 'new_ip',
      T,
    );
    expect(moved.data.signals[0].detail).toEqual({ ip: '10.2.2.2' });
    // Another socket from a known address is no new address (only another device).
    await from('10.1.1.1');
    await teacher.next<IntegritySignalPayload>(
      'integrity_signal',
      (f) => (f.data as IntegritySignalPayload).signals[0]?.kind === 'second_device',
      T,
    );
    const before = await rows(
      'SELECT id FROM integrity_signals WHERE exam_session_id = ? AND kind = ?',
      [sid, 'new_ip'],
    );
    expect(before).toHaveLength(1);
  });

  it('records only what the planner chose', async () => {
    const only = await liveWorld(t, 'Paste only', 1, { config: { integritySignals: ['paste'] } });
    const sid = only.fx.sessionId;
    const teacher = track(await joined(t, only.teacher.token, sid));
    const s = track(await joined(t, only.students[0].token, sid));
    teacher.send('exam_launch', { sessionId: sid });
    await s.next('exam_launch', () => true, T);
    const at = Date.now();
    s.send('integrity_signal', {
      sessionId: sid,
      signals: [
        { id: 'only-hidden-1', kind: 'page_hidden', at, durationMs: 10 },
        { id: 'only-paste-01', kind: 'paste', at, chars: 5 },
        // Full screen is not asked for in this session: not recorded either.
        { id: 'only-full-001', kind: 'fullscreen_exit', at, durationMs: 10 },
      ],
    });
    const ack = await s.next<IntegrityAckPayload>('integrity_ack', () => true, T);
    expect(ack.data).toMatchObject({ stored: 1, ignored: 2 });
    // Its own second device is not recorded either.
    track(await joined(t, only.students[0].token, sid));
    await sleep(300);
    const kinds = await rows('SELECT kind FROM integrity_signals WHERE exam_session_id = ?', [sid]);
    expect(kinds.map((r) => r['kind'])).toEqual(['paste']);
  });
});
