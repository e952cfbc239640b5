/**
 * Join by code over real HTTP and WebSocket: the teacher opens self-enrolment and gets a
 * code of unambiguous characters; a student of the academy types it (any case, with a dash)
 * and is enrolled, lands in the lobby and the teacher's roster; a closed, ended or wrong code
 * is refused the same way, and guessing is limited with the security log; a student of
 * another academy is never admitted, even with the right code; the teacher can take a
 * student off the lobby.
 */
import type {
  ApiErrorBody,
  ErrorPayload,
  ExamSessionView,
  JoinByCodeResponse,
  SessionJoinCode,
  SessionSnapshotPayload,
  TeacherSnapshot,
} from '@exam/contracts';
import { JOIN_CODE_ALPHABET } from '@exam/contracts';
import { DataSource } from 'typeorm';
import { createAcademy } from '../support/fixtures';
import { api } from '../support/http';
import { joined, liveWorld, person, seen, type LiveWorld } from '../support/live-helpers';
import { SecurityLogService } from '../../backend/src/app/security/security-log.service';
import { startTestApp, type TestApp } from '../support/test-app';

describe('join by code', () => {
  let t: TestApp;
  let w: LiveWorld;

  beforeAll(async () => {
    t = await startTestApp();
    // Three students of the academy, only the first enrolled by the teacher.
    w = await liveWorld(t, 'Codes', 3);
    await t.app
      .get(DataSource)
      .query('DELETE FROM student_sessions WHERE exam_session_id = ? AND student_id <> ?', [
        w.fx.sessionId,
        w.students[0].id,
      ]);
  });
  afterAll(() => t.close());

  const call = <T>(method: string, path: string, token: string, body?: unknown) =>
    api<T>(t.baseUrl, method, `/api/v1${path}`, { token, body });

  let code = '';

  it('opens enrolment with a short code of unambiguous characters, kept when reopened', async () => {
    const sid = w.fx.sessionId;
    const opened = await call<SessionJoinCode>(
      'POST',
      `/exam-sessions/${sid}/join-code`,
      w.teacher.token,
      {
        open: true,
      },
    );
    expect(opened.status).toBe(200);
    expect(opened.body.open).toBe(true);
    code = opened.body.code!;
    expect(code).toMatch(new RegExp(`^[${JOIN_CODE_ALPHABET}]{6}$`));
    expect(code).not.toMatch(/[01OIL]/);
    const closed = await call<SessionJoinCode>(
      'POST',
      `/exam-sessions/${sid}/join-code`,
      w.teacher.token,
      {
        open: false,
      },
    );
    expect(closed.body).toEqual({ sessionId: sid, code, open: false });
    const view = await call<ExamSessionView>('GET', `/exam-sessions/${sid}`, w.teacher.token);
    expect(view.body).toMatchObject({ joinCode: code, joinOpen: false });
    // Students cannot open it.
    const student = await call('POST', `/exam-sessions/${sid}/join-code`, w.students[1].token, {
      open: true,
    });
    expect(student.status).toBe(403);
  });

  it('admits a student of the academy only while open, into the lobby and the roster', async () => {
    const sid = w.fx.sessionId;
    const [, bea] = w.students;
    const refusedClosed = await call<ApiErrorBody>('POST', '/exam-sessions/join', bea.token, {
      code,
    });
    expect(refusedClosed.status).toBe(404);
    await call('POST', `/exam-sessions/${sid}/join-code`, w.teacher.token, { open: true });
    const teacher = await joined(t, w.teacher.token, sid);
    const typed = `${code.slice(0, 3).toLowerCase()}-${code.slice(3)}`;
    const ok = await call<JoinByCodeResponse>('POST', '/exam-sessions/join', bea.token, {
      code: typed,
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ sessionId: sid, title: 'Live test session', alreadyEnrolled: false });
    const again = await call<JoinByCodeResponse>('POST', '/exam-sessions/join', bea.token, {
      code,
    });
    expect(again.body.alreadyEnrolled).toBe(true);
    // In the lobby: the student's socket joins; a teacher joining now sees them in the roster.
    const lobby = await joined(t, bea.token, sid);
    const snap = lobby.frames.find((f) => f.event === 'session_snapshot')!
      .data as SessionSnapshotPayload;
    expect(snap.snapshot.status).toBe('preparing');
    const t2 = await joined(t, w.teacher.token, sid);
    const roster = (
      t2.frames.find((f) => f.event === 'session_snapshot')!.data as SessionSnapshotPayload
    ).snapshot as TeacherSnapshot;
    expect(roster.roster.map((r) => r.studentId)).toContain(bea.id);
    // The teacher takes her off the lobby.
    const removed = await call(
      'DELETE',
      `/exam-sessions/${sid}/students/${bea.id}`,
      w.teacher.token,
    );
    expect(removed.status).toBe(204);
    // Her lobby page is told at once, in words, and the socket leaves the room.
    const told = await seen<ErrorPayload>(
      lobby,
      (f) => f.event === 'error' && f.data.code === 'NOT_ENROLLED',
    );
    expect(told.data.recoverable).toBe(false);
    expect(told.data.message).toMatch(/took you off this exam/);
    // The staff's roster no longer lists her.
    const after = await seen<SessionSnapshotPayload>(
      t2,
      (f) =>
        f.event === 'session_snapshot' &&
        !(f.data.snapshot as TeacherSnapshot).roster.some((r) => r.studentId === bea.id),
    );
    expect(after).toBeDefined();
    const gone = await call<ApiErrorBody>('GET', `/exam-sessions/${sid}/snapshot`, bea.token);
    expect([gone.status, gone.body.code]).toEqual([403, 'NOT_ENROLLED']);
    for (const s of [teacher, lobby, t2]) s.close();
  });

  it('never admits a student of another academy, even with the right code', async () => {
    const other = await createAcademy(t, 'Elsewhere', 1);
    const stranger = await person(t, other.students[0]);
    const r = await call<ApiErrorBody>('POST', '/exam-sessions/join', stranger.token, { code });
    expect(r.status).toBe(404);
    // The same answer as a code that does not exist: nothing tells the code is real.
    const wrong = await call<ApiErrorBody>('POST', '/exam-sessions/join', stranger.token, {
      code: 'ZZZZZZ',
    });
    expect(r.body.message).toBe(wrong.body.message);
    const rows = (await t.app
      .get(DataSource)
      .query('SELECT id FROM student_sessions WHERE exam_session_id = ? AND student_id = ?', [
        w.fx.sessionId,
        stranger.id,
      ])) as unknown[];
    expect(rows).toHaveLength(0);
    await t.app.get(SecurityLogService).flush();
    const logged = (await t.app
      .get(DataSource)
      .query("SELECT detail FROM security_events WHERE type = 'join_code_failed' AND user_id = ?", [
        stranger.id,
      ])) as Array<{ detail: string }>;
    expect(logged.length).toBeGreaterThanOrEqual(1);
    expect(logged.some((l) => l.detail.includes('otherAcademy'))).toBe(true);
  });

  it('limits guessing per student with 429 and the security log', async () => {
    const cleo = w.students[2];
    let last = 0;
    for (let i = 0; i < 11; i++) {
      last = (await call('POST', '/exam-sessions/join', cleo.token, { code: `QQQQ${i}A` })).status;
    }
    expect(last).toBe(429);
    // Even the right code waits until the window has passed.
    const right = await call<ApiErrorBody>('POST', '/exam-sessions/join', cleo.token, { code });
    expect(right.status).toBe(429);
    expect(right.body.message).toMatch(/Too many wrong codes/);
    await t.app.get(SecurityLogService).flush();
    const limited = (await t.app
      .get(DataSource)
      .query(
        "SELECT COUNT(*) AS n FROM security_events WHERE type = 'join_code_limited' AND user_id = ?",
        [cleo.id],
      )) as Array<{ n: number }>;
    expect(Number(limited[0].n)).toBeGreaterThanOrEqual(1);
  });

  it('stops working when the session ends', async () => {
    const world = await liveWorld(t, 'Ended', 2);
    const sid = world.fx.sessionId;
    const opened = await call<SessionJoinCode>(
      'POST',
      `/exam-sessions/${sid}/join-code`,
      world.teacher.token,
      {
        open: true,
      },
    );
    await t.app
      .get(DataSource)
      .query("UPDATE exam_sessions SET status = 'completed' WHERE id = ?", [sid]);
    const r = await call('POST', '/exam-sessions/join', world.students[1].token, {
      code: opened.body.code,
    });
    expect(r.status).toBe(404);
    const reopen = await call<ApiErrorBody>(
      'POST',
      `/exam-sessions/${sid}/join-code`,
      world.teacher.token,
      {
        open: true,
      },
    );
    expect(reopen.status).toBe(409);
  });
});
