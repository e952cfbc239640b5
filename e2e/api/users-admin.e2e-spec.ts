/**
 * An admin's account work (issue 14, "Accounts"): edit a teacher or student (name, email,
 * extra time - copied into sessions still being planned), set a new password for someone
 * who forgot theirs (their logins end, sockets close), and import a class from CSV with a
 * report of rows taken and refused. Over real HTTP and WebSocket on a real SQLite file.
 */
import { DataSource } from 'typeorm';
import type { ImportUsersReport, LoginResponse, UserView } from '@exam/contracts';
import { examBody } from '../support/exams';
import { createAcademy, tableCounts } from '../support/fixtures';
import { api, login } from '../support/http';
import { createLiveSession } from '../support/live-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestSocket } from '../support/ws-client';

describe('admins manage accounts: edit, new password, class import', () => {
  let t: TestApp;
  let a: Awaited<ReturnType<typeof createAcademy>>;
  let admin: LoginResponse;
  const call = <T = unknown>(method: string, path: string, body?: unknown, token?: string) =>
    api<T>(t.baseUrl, method, `/api/v1${path}`, { token: token ?? admin.accessToken, body });
  const idOf = async (email: string) => (await login(t.baseUrl, email)).user.id;

  beforeAll(async () => {
    t = await startTestApp();
    a = await createAcademy(t, 'Accounts', 2);
    admin = await login(t.baseUrl, a.admin);
  });
  afterAll(() => t.close());

  it('edits a student; planned sessions take the new extra time, launched ones keep theirs', async () => {
    const student = await idOf(a.students[0]);
    const teacher = await login(t.baseUrl, a.teacher);
    const ds = t.app.get(DataSource);
    const planned = await createLiveSession(ds, {
      academyId: a.academyId,
      teacherId: teacher.user.id,
      studentIds: [student],
      durationMinutes: 40,
    });
    const running = await createLiveSession(ds, {
      academyId: a.academyId,
      teacherId: teacher.user.id,
      studentIds: [student],
      durationMinutes: 40,
    });
    expect(
      (await call('POST', `/exam-sessions/${running.sessionId}/launch`, {}, teacher.accessToken))
        .status,
    ).toBe(200);

    const r = await call<UserView>('PATCH', `/users/${student}`, {
      displayName: 'Ava Brown',
      email: 'AVA.BROWN@accounts.test',
      extraTimePercent: 50,
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      displayName: 'Ava Brown',
      email: 'ava.brown@accounts.test',
      extraTimePercent: 50,
    });
    const copy = async (sid: string) =>
      Number(
        (
          (await ds.query(
            'SELECT extra_time_percent AS p FROM student_sessions WHERE exam_session_id = ? AND student_id = ?',
            [sid, student],
          )) as Array<{ p: number }>
        )[0].p,
      );
    expect(await copy(planned.sessionId)).toBe(50);
    expect(await copy(running.sessionId)).toBe(0);
    const snap = await call<{ roster: Array<{ studentId: string; allowanceMs: number }> }>(
      'GET',
      `/exam-sessions/${planned.sessionId}/snapshot`,
      undefined,
      teacher.accessToken,
    );
    expect(snap.body.roster.find((x) => x.studentId === student)?.allowanceMs).toBe(60 * 60_000);
    // The new email signs in; the old one does not exist any more.
    expect((await login(t.baseUrl, 'ava.brown@accounts.test')).user.id).toBe(student);
  });

  it('refuses what it must, with a clear error, changing nothing', async () => {
    const other = await createAcademy(t, 'Elsewhere', 1);
    const stranger = await idOf(other.students[0]);
    const before = await tableCounts(t);
    const student = await idOf(a.students[1]);
    const teacherId = await idOf(a.teacher);
    const taken = await call<{ code: string }>('PATCH', `/users/${student}`, { email: a.teacher });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('EMAIL_TAKEN');
    const extra = await call<{ message: string }>('PATCH', `/users/${teacherId}`, {
      extraTimePercent: 10,
    });
    expect(extra.status).toBe(400);
    expect(extra.body.message).toMatch(/Extra time is for students/);
    expect((await call('PATCH', `/users/${admin.user.id}`, { displayName: 'Me' })).status).toBe(
      403,
    );
    expect((await call('PATCH', `/users/${stranger}`, { displayName: 'X' })).status).toBe(404);
    const teacher = await login(t.baseUrl, a.teacher);
    expect(
      (await call('PATCH', `/users/${student}`, { displayName: 'X' }, teacher.accessToken)).status,
    ).toBe(403);
    expect((await call('PATCH', `/users/${student}`, { extraTimePercent: 301 })).status).toBe(400);
    const after = await tableCounts(t);
    delete before['security_events'];
    delete after['security_events'];
    delete before['refresh_tokens'];
    delete after['refresh_tokens'];
    expect(after).toEqual(before);
  });

  it('sets a new password: every login of the person ends at once, the new one works', async () => {
    const email = a.students[1];
    const s = await login(t.baseUrl, email);
    const sock = await TestSocket.authed(t.wsUrl, s.accessToken);
    const r = await call('POST', `/users/${s.user.id}/reset-password`, {
      password: 'a-brand-new-one',
    });
    expect(r.status).toBe(200);
    expect((await sock.waitClose(3000)).code).toBe(4004);
    expect((await api(t.baseUrl, 'GET', '/api/v1/auth/me', { token: s.accessToken })).status).toBe(
      401,
    );
    const old = await api(t.baseUrl, 'POST', '/api/v1/auth/login', {
      body: { email, password: 'demo1234' },
    });
    expect(old.status).toBe(401);
    const fresh = await api(t.baseUrl, 'POST', '/api/v1/auth/login', {
      body: { email, password: 'a-brand-new-one' },
    });
    expect(fresh.status).toBe(200);
    expect(
      (await call('POST', `/users/${s.user.id}/reset-password`, { password: 'short' })).status,
    ).toBe(400);
  });

  it('imports a class: good rows become accounts, each bad row is reported with its line', async () => {
    const csv = [
      'Name;Email;Role;Extra time (%);Password',
      'Chloe Martin;chloe@accounts.test;;25;',
      'Daniel Kim;daniel@accounts.test;student;;daniel-pass-1',
      'Tess Two;tess2@accounts.test;teacher;;',
      `Taken;${a.teacher};student;;`,
      'Nobody;not-an-email;;;',
      'Again;CHLOE@accounts.test;;;',
    ].join('\n');
    const dry = await call<ImportUsersReport>('POST', '/users/import', { csv, dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body.dryRun).toBe(true);
    expect(dry.body.created.map((c) => [c.email, c.id, c.generatedPassword])).toEqual([
      ['chloe@accounts.test', null, null],
      ['daniel@accounts.test', null, null],
      ['tess2@accounts.test', null, null],
    ]);
    expect(
      (
        await api(t.baseUrl, 'POST', '/api/v1/auth/login', {
          body: { email: 'daniel@accounts.test', password: 'daniel-pass-1' },
        })
      ).status,
    ).toBe(401);

    const r = await call<ImportUsersReport>('POST', '/users/import', { csv });
    expect(r.status).toBe(200);
    expect(r.body.created.map((c) => [c.line, c.email, c.role, c.extraTimePercent])).toEqual([
      [2, 'chloe@accounts.test', 'student', 25],
      [3, 'daniel@accounts.test', 'student', 0],
      [4, 'tess2@accounts.test', 'teacher', 0],
    ]);
    expect(r.body.refused).toEqual([
      {
        line: 5,
        email: a.teacher,
        reason: 'An account with this email already exists; edit it on the users page instead.',
      },
      {
        line: 6,
        email: 'not-an-email',
        reason: '"not-an-email" is not an email address like name@school.org.',
      },
      { line: 7, email: 'chloe@accounts.test', reason: 'The same email is already on line 2.' },
    ]);
    const chloe = r.body.created[0];
    expect(chloe.generatedPassword).toMatch(/^[A-Za-z2-9]{12}$/);
    expect(r.body.created[1].generatedPassword).toBeNull();
    const signedIn = await api<LoginResponse>(t.baseUrl, 'POST', '/api/v1/auth/login', {
      body: { email: 'chloe@accounts.test', password: chloe.generatedPassword },
    });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user).toMatchObject({
      academyId: a.academyId,
      role: 'student',
      extraTimePercent: 25,
    });
    expect(
      (
        await api(t.baseUrl, 'POST', '/api/v1/auth/login', {
          body: { email: 'daniel@accounts.test', password: 'daniel-pass-1' },
        })
      ).status,
    ).toBe(200);
    // Importing the same file again takes nothing: every email exists now.
    const again = await call<ImportUsersReport>('POST', '/users/import', { csv });
    expect(again.body.created).toEqual([]);
  });

  it('lists active or deactivated accounts, and never enrols a deactivated student', async () => {
    const created = await call<ImportUsersReport>('POST', '/users/import', {
      csv: 'email,name\nfinn@accounts.test,Finn Murphy',
    });
    const finn = created.body.created[0].id!;
    expect((await call('POST', `/users/${finn}/deactivate`)).status).toBe(200);
    type UserPage = { items: UserView[] };
    const off = await call<UserPage>('GET', '/users?role=student&active=false');
    expect(off.body.items.map((u) => u.id)).toEqual([finn]);
    const on = await call<UserPage>('GET', '/users?role=student&active=true');
    expect(on.body.items.map((u) => u.id)).not.toContain(finn);
    expect((await call('GET', '/users?active=maybe')).status).toBe(400);

    const teacher = await login(t.baseUrl, a.teacher);
    const exam = await api<{ id: string }>(t.baseUrl, 'POST', '/api/v1/exams', {
      token: teacher.accessToken,
      body: examBody(),
    });
    const r = await call<{ code: string; message: string }>(
      'POST',
      '/exam-sessions',
      { examId: exam.body.id, studentIds: [finn] },
      teacher.accessToken,
    );
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('ACCOUNT_DISABLED');
    expect(r.body.message).toBe(
      'Finn Murphy is deactivated and cannot take an exam. Reactivate the account on the users page, or leave this student out.',
    );
  });

  it('refuses a file it cannot read as a whole, and anyone but an admin', async () => {
    const bad = await call<{ code: string; message: string }>('POST', '/users/import', {
      csv: 'first,last\nAda,Lovelace',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.message).toMatch(/at least "email" and "name"/);
    const teacher = await login(t.baseUrl, a.teacher);
    expect(
      (
        await call(
          'POST',
          '/users/import',
          { csv: 'email,name\nx@accounts.test,X' },
          teacher.accessToken,
        )
      ).status,
    ).toBe(403);
  });
});
