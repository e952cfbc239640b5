/**
 * Answers and time under stress: duplicates and stale sequence numbers (R3, R4), late
 * answers and the automatic end (R7), time warnings once each, validation at the edge
 * (R17), reconnecting with exactly the missed events (R9) and resuming after a server
 * restart (R10), and object-level permissions across students and academies (R14).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type {
  AnswerAckPayload,
  ErrorPayload,
  ExamEndPayload,
  SessionResumedPayload,
  SessionSnapshotPayload,
  StudentSnapshot,
  TimeWarningPayload,
} from '@exam/contracts';
import { LiveSessionService } from '../../backend/src/app/exam-session/live-session.service';
import { createAcademy, tableCounts } from '../support/fixtures';
import { api } from '../support/http';
import {
  answerOnce,
  answerRows,
  joined,
  lastSeqOf,
  liveWorld,
  person,
  seen,
  sleep,
} from '../support/live-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestSocket } from '../support/ws-client';

const MIN = 60_000;

async function setLaunchedAt(t: TestApp, sessionId: string, launchedAt: number): Promise<void> {
  await t.app
    .get(DataSource)
    .query('UPDATE exam_sessions SET launched_at = ? WHERE id = ?', [launchedAt, sessionId]);
  await t.app.get(LiveSessionService).reload(sessionId);
}

describe('live sessions: answers, time, resume, permissions', () => {
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

  it('a duplicate key gets the original reply and no second row; stale seqs are reported and not stored', async () => {
    const w = await liveWorld(t, 'Dupes', 1);
    const sid = w.fx.sessionId;
    const teacher = track(await joined(t, w.teacher.token, sid));
    const s = track(await joined(t, w.students[0].token, sid));
    teacher.send('exam_launch', { sessionId: sid });
    await s.next('exam_launch');
    const q = w.fx.questionIds[1];
    const first = await answerOnce(s, {
      sessionId: sid,
      questionId: q,
      answer: { text: 'v5' },
      seq: 5,
      key: 'key-00000005',
    });
    expect(first.data.status).toBe('autosaved');
    // The same key again, even with another body: the original reply, nothing stored.
    const again = await answerOnce(s, {
      sessionId: sid,
      questionId: q,
      answer: { text: 'other' },
      seq: 6,
      key: 'key-00000005',
    });
    expect(again.data).toEqual(first.data);
    // Two copies in flight at once: both get the same reply, one row.
    s.send('answer_autosaved', {
      sessionId: sid,
      questionId: q,
      answer: { text: 'v7' },
      seq: 7,
      key: 'key-00000007',
    });
    s.send('answer_autosaved', {
      sessionId: sid,
      questionId: q,
      answer: { text: 'v7' },
      seq: 7,
      key: 'key-00000007',
    });
    const a1 = await s.next<AnswerAckPayload>('answer_ack', (f) => f.data.key === 'key-00000007');
    const a2 = await s.next<AnswerAckPayload>('answer_ack', (f) => f.data.key === 'key-00000007');
    expect(a2.data).toEqual(a1.data);
    // An older write arriving late never overwrites the newer one.
    const stale = await answerOnce(s, {
      sessionId: sid,
      questionId: q,
      answer: { text: 'old' },
      seq: 6,
      key: 'key-00000006',
    });
    expect(stale.data).toMatchObject({ status: 'stale', currentSeq: 7 });
    const rows = await answerRows(t, sid);
    expect(rows.map((r) => [r.idempotency_key, r.seq])).toEqual([
      ['key-00000005', 5],
      ['key-00000007', 7],
    ]);
    // The snapshot (REST) holds the latest answer per question.
    const snap = await api<StudentSnapshot>(
      t.baseUrl,
      'GET',
      `/api/v1/exam-sessions/${sid}/snapshot`,
      {
        token: w.students[0].token,
      },
    );
    expect(snap.status).toBe(200);
    expect(snap.body.answers).toEqual([
      expect.objectContaining({ questionId: q, seq: 7, answer: { text: 'v7' } }),
    ]);
    // The REST mirror follows the same rules: a duplicate key answers with the original ack.
    const rest = await api<AnswerAckPayload>(
      t.baseUrl,
      'POST',
      `/api/v1/exam-sessions/${sid}/answers`,
      {
        token: w.students[0].token,
        body: { questionId: q, answer: { text: 'rest' }, key: 'key-00000007', seq: 8 },
      },
    );
    expect(rest.status).toBe(200);
    expect(rest.body).toEqual(a1.data);
    const restNew = await api<AnswerAckPayload>(
      t.baseUrl,
      'POST',
      `/api/v1/exam-sessions/${sid}/answers`,
      {
        token: w.students[0].token,
        body: {
          questionId: q,
          answer: { text: 'rest' },
          key: 'key-rest-0008',
          seq: 8,
          final: true,
        },
      },
    );
    expect(restNew.body).toMatchObject({ status: 'saved', seq: 8 });
    expect(await answerRows(t, sid)).toHaveLength(3);
  });

  it('validates payloads at the edge: unknown fields, wrong types, wrong answer shape, too large', async () => {
    const w = await liveWorld(t, 'Edge', 1);
    const sid = w.fx.sessionId;
    const teacher = track(await joined(t, w.teacher.token, sid));
    const s = track(await joined(t, w.students[0].token, sid));
    teacher.send('exam_launch', { sessionId: sid });
    await s.next('exam_launch');
    const before = await tableCounts(t);
    s.send('answer_autosaved', {
      sessionId: sid,
      questionId: w.fx.questionIds[0],
      answer: { optionId: 'a' },
      key: 'short',
      seq: -1,
      extra: 1,
    });
    const e1 = await s.next<ErrorPayload>('error');
    expect(e1.data.code).toBe('VALIDATION_FAILED');
    const fields = (e1.data.details as Array<{ field: string }>).map((d) => d.field).sort();
    expect(fields).toEqual(['(payload)', 'key', 'seq']);
    s.send('answer_autosaved', {
      sessionId: sid,
      questionId: w.fx.questionIds[0],
      answer: { text: 'x' },
      key: 'key-wrongshape',
      seq: 1,
    });
    expect((await s.next<ErrorPayload>('error')).data).toMatchObject({
      code: 'VALIDATION_FAILED',
      key: 'key-wrongshape',
    });
    s.send('answer_autosaved', {
      sessionId: sid,
      questionId: w.fx.questionIds[1],
      answer: { text: 'x'.repeat(11_000) },
      key: 'key-too-large',
      seq: 1,
    });
    expect((await s.next<ErrorPayload>('error')).data).toMatchObject({
      code: 'ANSWER_TOO_LARGE',
      key: 'key-too-large',
    });
    teacher.send('exam_pause', { sessionId: sid, now: Date.now() });
    expect((await teacher.next<ErrorPayload>('error')).data.code).toBe('VALIDATION_FAILED');
    // An invalid transition is refused with a code.
    teacher.send('exam_resume', { sessionId: sid });
    expect((await teacher.next<ErrorPayload>('error')).data).toMatchObject({
      code: 'INVALID_TRANSITION',
      event: 'exam_resume',
    });
    await sleep(100);
    const after = await tableCounts(t);
    expect(after.answers).toBe(before.answers);
  });

  it('refuses late answers after deadline + grace, finalises that attempt, warns once, and ends the session by itself', async () => {
    const w = await liveWorld(t, 'Clock', 2, {
      durationMinutes: 30,
      config: { gracePeriodSeconds: 5, timeWarningMinutes: [10, 5, 1] },
    });
    const sid = w.fx.sessionId;
    // Student 2 has +50 % (45 minutes).
    await t.app
      .get(DataSource)
      .query('UPDATE student_sessions SET extra_time_percent = 50 WHERE student_id = ?', [
        w.students[1].id,
      ]);
    const teacher = track(await joined(t, w.teacher.token, sid));
    const [s1, s2] = await Promise.all(
      w.students.map(async (p) => track(await joined(t, p.token, sid))),
    );
    teacher.send('exam_launch', { sessionId: sid });
    await Promise.all([s1.next('exam_launch'), s2.next('exam_launch')]);
    // Move the stored launch time: student 1's deadline + grace has passed, student 2 has 4.5 min left.
    await setLaunchedAt(t, sid, Date.now() - 40.5 * MIN);
    const late = await answerOnce(s1, {
      sessionId: sid,
      questionId: w.fx.questionIds[0],
      answer: { optionId: 'a' },
      seq: 1,
    });
    expect(late.data).toMatchObject({ status: 'late', code: 'LATE' });
    const ok = await answerOnce(s2, {
      sessionId: sid,
      questionId: w.fx.questionIds[0],
      answer: { optionId: 'a' },
      seq: 1,
    });
    expect(ok.data.status).toBe('autosaved');
    expect((await answerRows(t, sid)).map((r) => r.seq)).toEqual([1]);
    // Student 1's attempt is finalised by the clock; student 2 gets the 5-minute warning once.
    await seen(s1, (f) => f.event === 'exam_submit', 4000);
    const warn = await seen<TimeWarningPayload>(s2, (f) => f.event === 'time_warning', 4000);
    expect(warn.data).toMatchObject({ minutesRemaining: 5, urgent: false });
    await t.app.get(LiveSessionService).reload(sid); // a restart must not send it again
    await sleep(1500);
    expect(s2.frames.filter((f) => f.event === 'time_warning')).toHaveLength(1);
    expect(s1.frames.filter((f) => f.event === 'time_warning')).toHaveLength(0);
    // Past everyone's deadline + grace: the session completes by itself.
    await setLaunchedAt(t, sid, Date.now() - 46 * MIN);
    const end = await seen<ExamEndPayload>(s2, (f) => f.event === 'exam_complete', 4000);
    expect(end.data).toMatchObject({ status: 'completed', reason: 'deadline' });
    const rows = (await t.app
      .get(DataSource)
      .query('SELECT status FROM student_sessions WHERE exam_session_id = ?', [sid])) as Array<{
      status: string;
    }>;
    expect(rows.map((r) => r.status)).toEqual(['completed', 'completed']);
    const rest = await api(t.baseUrl, 'POST', `/api/v1/exam-sessions/${sid}/answers`, {
      token: w.students[1].token,
      body: {
        questionId: w.fx.questionIds[1],
        answer: { text: 'x' },
        key: 'key-rest-late',
        seq: 3,
      },
    });
    expect(rest.status).toBe(409);
    expect(rest.body).toMatchObject({ code: 'LATE' });
  });

  it('a student reconnecting mid-exam gets exactly the missed events, or a snapshot when they are gone', async () => {
    const w = await liveWorld(t, 'Resume', 2);
    const sid = w.fx.sessionId;
    const teacher = track(await joined(t, w.teacher.token, sid));
    // Device A stays connected the whole time; device B drops and comes back.
    const a = track(await joined(t, w.students[0].token, sid));
    const b = track(await joined(t, w.students[0].token, sid));
    track(await joined(t, w.students[1].token, sid));
    teacher.send('exam_launch', { sessionId: sid });
    await Promise.all([a.next('exam_launch'), b.next('exam_launch')]);
    const saved = await answerOnce(b, {
      sessionId: sid,
      questionId: w.fx.questionIds[1],
      answer: { text: 'before drop' },
      seq: 1,
    });
    expect(saved.data.status).toBe('autosaved');
    const lastSeq = lastSeqOf(b);
    b.ws.terminate();
    await sleep(50);
    teacher.send('exam_pause', { sessionId: sid });
    await a.next('exam_pause');
    teacher.send('broadcast_message', {
      sessionId: sid,
      message: 'Only for student 2',
      studentIds: [w.students[1].id],
    });
    teacher.send('broadcast_message', {
      sessionId: sid,
      message: 'For everyone',
      level: 'warning',
    });
    await a.next('broadcast_message');
    teacher.send('exam_resume', { sessionId: sid });
    await a.next('exam_resume');
    const missedOnA = a.frames.filter((f) => typeof f.seq === 'number' && f.seq > lastSeq);
    const b2 = track(await joined(t, w.students[0].token, sid, lastSeq));
    const resumed = await b2.next<SessionResumedPayload>('session_resumed');
    const replayed = b2.frames.filter((f) => typeof f.seq === 'number');
    expect(replayed.map((f) => [f.event, f.seq])).toEqual(missedOnA.map((f) => [f.event, f.seq]));
    expect(replayed.map((f) => f.event)).toEqual([
      'exam_pause',
      'broadcast_message',
      'exam_resume',
    ]);
    expect(JSON.stringify(replayed)).not.toContain('Only for student 2');
    expect(resumed.data.replayed).toBe(3);
    // A lastSeq the server cannot vouch for (from the future) gets a full snapshot instead.
    const b3 = track(await joined(t, w.students[0].token, sid, lastSeqOf(a) + 1000));
    const snap = await b3.next<SessionSnapshotPayload>('session_snapshot');
    expect(snap.data.isSnapshot).toBe(true);
    const ss = snap.data.snapshot as StudentSnapshot;
    expect(ss.answers).toEqual([
      expect.objectContaining({ answer: { text: 'before drop' }, seq: 1 }),
    ]);
    expect(
      Math.abs((ss.remainingMs ?? 0) - ((ss.deadline ?? 0) - ss.serverNow)),
    ).toBeLessThanOrEqual(1);
  });

  it("a student cannot act on another student's attempt or another academy's session", async () => {
    const w = await liveWorld(t, 'Home', 1);
    const other = await createAcademy(t, 'Elsewhere', 1);
    const outsider = await person(t, other.students[0]);
    const outsiderTeacher = await person(t, other.teacher);
    const sid = w.fx.sessionId;
    const teacher = track(await joined(t, w.teacher.token, sid));
    teacher.send('exam_launch', { sessionId: sid });
    await teacher.next('exam_launch');
    // An unenrolled student of the same academy.
    const sameAcademy = await createAcademy(t, 'Unused', 0);
    void sameAcademy;
    const before = await tableCounts(t);
    const sOut = track(await TestSocket.authed(t.wsUrl, outsider.token));
    sOut.send('session_join', { sessionId: sid });
    expect((await sOut.next<ErrorPayload>('error')).data.code).toBe('NOT_FOUND');
    sOut.send('answer_autosaved', {
      sessionId: sid,
      questionId: w.fx.questionIds[0],
      answer: { optionId: 'a' },
      key: 'key-outsider',
      seq: 1,
    });
    expect((await sOut.next<ErrorPayload>('error')).data.code).toBe('NOT_FOUND');
    const tOut = track(await TestSocket.authed(t.wsUrl, outsiderTeacher.token));
    tOut.send('exam_pause', { sessionId: sid });
    expect((await tOut.next<ErrorPayload>('error')).data.code).toBe('NOT_FOUND');
    // A student of the academy cannot control the session or read the teacher's roster.
    const s = track(await joined(t, w.students[0].token, sid));
    s.send('exam_terminate', { sessionId: sid });
    expect((await s.next<ErrorPayload>('error')).data.code).toBe('FORBIDDEN');
    s.send('exam_add_time', { sessionId: sid, minutes: 60, studentId: w.students[0].id });
    expect((await s.next<ErrorPayload>('error')).data.code).toBe('FORBIDDEN');
    const restOut = await api(t.baseUrl, 'POST', `/api/v1/exam-sessions/${sid}/answers`, {
      token: outsider.token,
      body: {
        questionId: w.fx.questionIds[0],
        answer: { optionId: 'a' },
        key: 'key-outsider',
        seq: 1,
      },
    });
    expect(restOut.status).toBe(404);
    const restPause = await api(t.baseUrl, 'POST', `/api/v1/exam-sessions/${sid}/pause`, {
      token: w.students[0].token,
      body: {},
    });
    expect(restPause.status).toBe(403);
    const snapOut = await api(t.baseUrl, 'GET', `/api/v1/exam-sessions/${sid}/snapshot`, {
      token: outsiderTeacher.token,
    });
    expect(snapOut.status).toBe(404);
    await sleep(100);
    const after = await tableCounts(t);
    for (const k of ['answers', 'exam_sessions', 'student_sessions'])
      expect(after[k]).toBe(before[k]);
  });
});

describe('live sessions: resume after a server restart', () => {
  it('keeps every acknowledged answer, the deadline and increasing seqs across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exam-restart-'));
    const env = { DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}` };
    try {
      let t = await startTestApp(env);
      const w = await liveWorld(t, 'Restart', 1);
      const sid = w.fx.sessionId;
      const teacher = await joined(t, w.teacher.token, sid);
      const s = await joined(t, w.students[0].token, sid);
      teacher.send('exam_launch', { sessionId: sid });
      const launch = await s.next<{ deadline: number }>('exam_launch');
      for (const [i, q] of w.fx.questionIds.entries()) {
        const a = await answerOnce(s, {
          sessionId: sid,
          questionId: q,
          answer: i % 2 ? { text: `t${i}` } : { optionId: 'c' },
          seq: 1,
        });
        expect(a.data.status).toBe('autosaved');
      }
      const lastSeq = lastSeqOf(s);
      teacher.close();
      s.close();
      await t.close();
      t = await startTestApp(env);
      try {
        const tokens = await person(t, w.students[0].email);
        const s2 = await joined(t, tokens.token, sid, lastSeq);
        const snap = await s2.next<SessionSnapshotPayload>('session_snapshot');
        const ss = snap.data.snapshot as StudentSnapshot;
        expect(snap.data.isSnapshot).toBe(true);
        expect(ss.status).toBe('active');
        expect(ss.deadline).toBe(launch.data.deadline);
        expect(ss.answers).toHaveLength(5);
        expect(snap.seq).toBeGreaterThan(lastSeq);
        const more = await answerOnce(s2, {
          sessionId: sid,
          questionId: w.fx.questionIds[0],
          answer: { optionId: 'a' },
          seq: 2,
        });
        expect(more.data.status).toBe('autosaved');
        // A retry of an answer acknowledged before the restart gets its original reply.
        const rows = await answerRows(t, sid);
        const retry = await answerOnce(s2, {
          sessionId: sid,
          questionId: rows[0].question_id,
          answer: { optionId: 'c' },
          seq: 1,
          key: rows[0].idempotency_key,
        });
        expect(retry.data.status).toBe('autosaved');
        expect(await answerRows(t, sid)).toHaveLength(6);
        s2.close();
      } finally {
        await t.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
