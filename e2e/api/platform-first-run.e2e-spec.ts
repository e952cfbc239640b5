/**
 * A real deployment can sign in (issue 12). The built server in production mode on an
 * empty database: nobody can sign in, the setup token is printed, the setup page's API
 * works once with it and then refuses; the `admin:create` command works once (password from
 * ADMIN_PASSWORD or a file, never the command line) and then refuses unless --add. The
 * platform operator manages academies (create with a first admin, settings, suspend:
 * sign-ins refused, tokens and sockets closed; reactivate) and cannot read an academy's
 * exams. Rolling the migration back keeps every account and session.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type {
  AcademyView,
  ExamView,
  LoginResponse,
  Page,
  SetupResponse,
  SetupStatus,
  UserView,
} from '@exam/contracts';
import { migrate, rollback } from '../../backend/src/app/maintenance/db-commands';
import { openDb } from '../support/answer-bots';
import { examBody } from '../support/exams';
import { api } from '../support/http';
import {
  buildServer,
  SERVER_OUT,
  startServer,
  type ServerProcess,
} from '../support/server-process';
import { TestSocket } from '../support/ws-client';

const run = promisify(execFile);
const PRODUCTION = {
  NODE_ENV: 'production',
  REQUIRE_HTTPS: 'false',
  ALLOWED_ORIGINS: 'http://localhost:4200',
  LOG_LEVEL: 'warn',
};

async function cli(dbFile: string, args: string[], env: Record<string, string> = {}) {
  try {
    const r = await run(
      process.execPath,
      [join(SERVER_OUT, 'backend/src/cli/admin.js'), 'create', ...args],
      {
        env: { PATH: process.env.PATH ?? '', DATABASE_URL: `sqlite:${dbFile}`, ...env },
      },
    );
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

async function signIn(base: string, email: string, password: string) {
  return api<LoginResponse>(base, 'POST', '/api/v1/auth/login', { body: { email, password } });
}

describe('first run and the platform operator (production mode, empty database)', () => {
  let dir: string;
  let server: ServerProcess | undefined;
  beforeAll(() => {
    buildServer();
    dir = mkdtempSync(join(tmpdir(), 'exam-first-run-'));
  }, 240_000);
  afterAll(async () => {
    await server?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('the setup page API: refused sign-in, a printed one-time token, then closed', async () => {
    const dbFile = join(dir, 'setup.sqlite');
    server = await startServer(dbFile, PRODUCTION);
    const base = server.baseUrl;
    // Production never seeds demo data: nobody can sign in.
    expect((await signIn(base, 'admin@demo.school', 'demo1234')).status).toBe(401);
    expect((await api<SetupStatus>(base, 'GET', '/api/v1/setup')).body).toEqual({ needed: true });
    const token = /setup token: ([A-Za-z0-9_-]{43})/.exec(server.output())?.[1];
    expect(token).toBeDefined();

    const body = (t: string) => ({
      token: t,
      academy: { name: 'Northside High', timeZone: 'Europe/Paris' },
      admin: { email: 'head@northside.test', displayName: 'Ada Head', password: 'first-admin-pw' },
    });
    const wrong = await api(base, 'POST', '/api/v1/setup', { body: body('x'.repeat(43)) });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ code: 'SETUP_TOKEN_INVALID' });
    const bad = await api(base, 'POST', '/api/v1/setup', {
      body: { ...body(token!), academy: { name: 'X', timeZone: 'Mars/Base' } },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/time zone/);
    const done = await api<SetupResponse>(base, 'POST', '/api/v1/setup', { body: body(token!) });
    expect(done.status).toBe(201);
    expect(done.body.academy).toMatchObject({ name: 'Northside High', timeZone: 'Europe/Paris' });
    expect(done.body.admin).toMatchObject({ role: 'admin', email: 'head@northside.test' });
    // Single use, and closed for good once an account exists.
    const again = await api(base, 'POST', '/api/v1/setup', { body: body(token!) });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'SETUP_NOT_AVAILABLE' });
    expect((await api<SetupStatus>(base, 'GET', '/api/v1/setup')).body).toEqual({ needed: false });

    const admin = await signIn(base, 'head@northside.test', 'first-admin-pw');
    expect(admin.status).toBe(200);
    expect(admin.body.user).toMatchObject({
      academyName: 'Northside High',
      academyTimeZone: 'Europe/Paris',
    });
    // The admin runs the school from here: a teacher, and the school's settings.
    const teacher = await api<UserView>(base, 'POST', '/api/v1/users', {
      token: admin.body.accessToken,
      body: {
        email: 'tess@northside.test',
        displayName: 'Tess Teacher',
        password: 'teacher-pw-1',
        role: 'teacher',
      },
    });
    expect(teacher.status).toBe(201);
    const settings = await api<AcademyView>(base, 'PATCH', '/api/v1/academy', {
      token: admin.body.accessToken,
      body: { timeZone: 'America/New_York', archiveAfterDays: 90 },
    });
    expect(settings.body).toMatchObject({ timeZone: 'America/New_York', archiveAfterDays: 90 });
    expect(settings.body.users).toEqual({ admins: 1, teachers: 1, students: 0 });

    // A restart prints no token: the server has accounts.
    await server.kill('SIGTERM');
    server = await startServer(dbFile, PRODUCTION, server.port);
    expect(server.output()).not.toMatch(/setup token/);
  });

  it('the admin:create command: once, then refused unless --add; never a password argument', async () => {
    await server?.kill('SIGTERM');
    const dbFile = join(dir, 'cli.sqlite');
    const first = await cli(
      dbFile,
      [
        '--academy',
        'Southside School',
        '--email',
        'head@southside.test',
        '--name',
        'Sam Head',
        '--time-zone',
        'Europe/Berlin',
      ],
      { ADMIN_PASSWORD: 'cli-admin-pw' },
    );
    expect(first).toMatchObject({ code: 0 });
    expect(first.out).toMatch(/Created the academy "Southside School"/);
    const twice = await cli(
      dbFile,
      ['--academy', 'Southside School', '--email', 'b@southside.test', '--name', 'B'],
      {
        ADMIN_PASSWORD: 'cli-admin-pw',
      },
    );
    expect(twice.code).toBe(1);
    expect(twice.out).toMatch(/already has an admin/);
    const onCommandLine = await cli(dbFile, [
      '--operator',
      '--email',
      'op@platform.test',
      '--name',
      'Olga Operator',
      '--password',
      'visible-pw',
    ]);
    expect(onCommandLine.code).toBe(1);
    expect(onCommandLine.out).toMatch(/Never give a password on the command line/);
    const noPassword = await cli(dbFile, [
      '--operator',
      '--email',
      'op@platform.test',
      '--name',
      'Olga Operator',
    ]);
    expect(noPassword.code).toBe(1);
    expect(noPassword.out).toMatch(/ADMIN_PASSWORD/);
    const pwFile = join(dir, 'operator-password');
    writeFileSync(pwFile, 'operator-pw-1\n');
    const operator = await cli(dbFile, [
      '--operator',
      '--email',
      'op@platform.test',
      '--name',
      'Olga Operator',
      '--password-file',
      pwFile,
    ]);
    expect(operator).toMatchObject({ code: 0 });
    const added = await cli(
      dbFile,
      [
        '--academy',
        'Southside School',
        '--email',
        'deputy@southside.test',
        '--name',
        'Dee Deputy',
        '--add',
      ],
      {
        ADMIN_PASSWORD: 'cli-admin-pw',
      },
    );
    expect(added.out).toMatch(/Added the admin deputy@southside.test/);

    server = await startServer(dbFile, PRODUCTION);
    expect(server.output()).not.toMatch(/setup token/);
    expect((await api<SetupStatus>(server.baseUrl, 'GET', '/api/v1/setup')).body.needed).toBe(
      false,
    );
    const head = await signIn(server.baseUrl, 'head@southside.test', 'cli-admin-pw');
    expect(head.status).toBe(200);
    expect(head.body.user.academyTimeZone).toBe('Europe/Berlin');
  });

  it('the operator manages academies, suspends one, and reads no exam', async () => {
    const base = server!.baseUrl;
    const op = await signIn(base, 'op@platform.test', 'operator-pw-1');
    expect(op.body.user.role).toBe('operator');
    const call = <T>(method: string, path: string, token: string, body?: unknown) =>
      api<T>(base, method, `/api/v1${path}`, { token, body });
    const list = await call<Page<AcademyView>>('GET', '/platform/academies', op.body.accessToken);
    expect(list.body.items.map((a) => a.name)).toEqual(['Southside School']);
    expect(list.body.items[0].users.admins).toBe(2);

    const created = await call<AcademyView>('POST', '/platform/academies', op.body.accessToken, {
      name: 'Eastside College',
      timeZone: 'Asia/Tokyo',
      securityLogDays: 30,
      admin: { email: 'head@eastside.test', displayName: 'Eve Head', password: 'eastside-pw-1' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'active',
      timeZone: 'Asia/Tokyo',
      securityLogDays: 30,
      archiveAfterDays: null,
      // What an empty retention setting means on this server (ARCHIVE_AFTER_DAYS etc.).
      defaults: { archiveAfterDays: 30, securityLogDays: 180 },
    });
    const renamed = await call<AcademyView>(
      'PATCH',
      `/platform/academies/${created.body.id}`,
      op.body.accessToken,
      {
        name: 'Eastside Sixth-Form College',
      },
    );
    expect(renamed.body.name).toBe('Eastside Sixth-Form College');

    // Academy users cannot use the operator's routes; the operator cannot read exams.
    const east = await signIn(base, 'head@eastside.test', 'eastside-pw-1');
    expect((await call('GET', '/platform/academies', east.body.accessToken)).status).toBe(403);
    const t = await call<UserView>('POST', '/users', east.body.accessToken, {
      email: 'teach@eastside.test',
      displayName: 'T',
      password: 'teacher-pw-1',
      role: 'teacher',
    });
    expect(t.status).toBe(201);
    const teacher = await signIn(base, 'teach@eastside.test', 'teacher-pw-1');
    const exam = await call<ExamView>('POST', '/exams', teacher.body.accessToken, examBody());
    expect(exam.status).toBe(201);
    expect((await call('GET', `/exams/${exam.body.id}`, op.body.accessToken)).status).toBe(403);
    expect((await call('GET', '/exams', op.body.accessToken)).status).toBe(403);
    const sessions = await call<Page<unknown>>('GET', '/exam-sessions', op.body.accessToken);
    expect(sessions.body.items).toEqual([]);
    expect((await call('GET', '/users', op.body.accessToken)).status).toBe(403);

    // Suspension: sign-ins refused, live tokens refused, sockets closed, refresh refused.
    const sock = await TestSocket.open(server!.wsUrl, { token: teacher.body.accessToken });
    await sock.next('auth_success');
    const suspended = await call<AcademyView>(
      'POST',
      `/platform/academies/${created.body.id}/suspend`,
      op.body.accessToken,
      {
        reason: 'Unpaid invoice',
      },
    );
    expect(suspended.body).toMatchObject({
      status: 'suspended',
      suspendedReason: 'Unpaid invoice',
    });
    expect((await sock.waitClose()).code).toBe(4004);
    const refused = await signIn(base, 'teach@eastside.test', 'teacher-pw-1');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'ACADEMY_SUSPENDED' });
    // Signed out (401) here; another instance would refuse it as suspended (403).
    expect([401, 403]).toContain((await call('GET', '/auth/me', teacher.body.accessToken)).status);
    const refresh = await api(base, 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: teacher.body.refreshToken },
    });
    expect(refresh.status).toBe(401);
    // Other academies carry on.
    expect((await signIn(base, 'head@southside.test', 'cli-admin-pw')).status).toBe(200);

    await call('POST', `/platform/academies/${created.body.id}/reactivate`, op.body.accessToken);
    expect((await signIn(base, 'teach@eastside.test', 'teacher-pw-1')).status).toBe(200);
    const second = await call<UserView>(
      'POST',
      `/platform/academies/${created.body.id}/admins`,
      op.body.accessToken,
      {
        email: 'deputy@eastside.test',
        displayName: 'Dan Deputy',
        password: 'deputy-pw-1',
      },
    );
    expect(second.status).toBe(201);
    expect(second.body.role).toBe('admin');
    const admins = await call<UserView[]>(
      'GET',
      `/platform/academies/${created.body.id}/admins`,
      op.body.accessToken,
    );
    expect(admins.body.map((u) => [u.displayName, u.email])).toEqual([
      ['Dan Deputy', 'deputy@eastside.test'],
      ['Eve Head', 'head@eastside.test'],
    ]);
    const head = await signIn(base, 'head@eastside.test', 'eastside-pw-1');
    expect(
      (await call('GET', `/platform/academies/${created.body.id}/admins`, head.body.accessToken))
        .status,
    ).toBe(403);
    // The platform's own row is not an academy to manage.
    expect(
      (
        await call(
          'GET',
          '/platform/academies/00000000-0000-4000-8000-000000000000',
          op.body.accessToken,
        )
      ).status,
    ).toBe(404);
  });

  it('rolling the platform migration back keeps every account and session', async () => {
    await server?.kill('SIGTERM');
    const dbFile = join(dir, 'cli.sqlite');
    const count = async (sql: string) => {
      const db = openDb(dbFile);
      const [{ n }] = await db.all<{ n: number }>(sql);
      await db.close();
      return n;
    };
    const users = await count("SELECT COUNT(*) AS n FROM users WHERE role <> 'operator'");
    const tokens = await count(
      "SELECT COUNT(*) AS n FROM refresh_tokens WHERE user_id IN (SELECT id FROM users WHERE role <> 'operator')",
    );
    // Later migrations go first, one at a time, down to (and including) Platform.
    const reverted: string[] = [];
    while (reverted.at(-1) !== 'Platform1764231000000' && reverted.length < 20)
      reverted.push((await rollback(`sqlite:${dbFile}`)) ?? 'nothing');
    expect(reverted.at(-1)).toBe('Platform1764231000000');
    expect(await count('SELECT COUNT(*) AS n FROM users')).toBe(users);
    expect(await count('SELECT COUNT(*) AS n FROM refresh_tokens')).toBe(tokens);
    expect(await migrate(`sqlite:${dbFile}`)).toEqual([...reverted].reverse());
    expect(await count('SELECT COUNT(*) AS n FROM users')).toBe(users);
  });
});
