import { createHmac } from 'node:crypto';
import type { ApiErrorBody, LoginResponse, Page, TokenPair, UserView } from '@exam/contracts';
import { DataSource } from 'typeorm';
import { DEMO_CLASS } from '../../backend/src/app/seed/demo-data';
import { createAcademy, type AcademyFixture } from '../support/fixtures';
import { api, login } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

const SECRET = 'integration-test-secret-0123456789abcdef';

function signJwt(payload: Record<string, unknown>, secret = SECRET, alg = 'HS256'): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = b64({ alg, typ: 'JWT' });
  const body = b64(payload);
  const sig =
    alg === 'none'
      ? ''
      : createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

describe('auth over REST', () => {
  let t: TestApp;
  let other: AcademyFixture;
  beforeAll(async () => {
    t = await startTestApp();
    other = await createAcademy(t, 'Other School');
  });
  afterAll(() => t.close());

  it('seeds the demo academy with admin, teacher, invigilator, three students and the rest of the class', async () => {
    const ds = t.app.get(DataSource);
    const rows = (await ds.query(
      "SELECT role, COUNT(*) AS n FROM users u JOIN academies a ON a.id = u.academy_id WHERE a.name = 'Demo Academy' GROUP BY role",
    )) as Array<{ role: string; n: number }>;
    expect(Object.fromEntries(rows.map((r) => [r.role, Number(r.n)]))).toEqual({
      admin: 1,
      teacher: 2,
      student: 3 + DEMO_CLASS.length,
    });
  });

  it('logs in and returns tokens and the user; /me answers with the same user', async () => {
    const r = await login(t.baseUrl, 'teacher@demo.school');
    expect(r.tokenType).toBe('Bearer');
    expect(r.expiresIn).toBe(900);
    expect(r.user).toMatchObject({
      email: 'teacher@demo.school',
      role: 'teacher',
      academyName: 'Demo Academy',
    });
    const me = await api<UserView>(t.baseUrl, 'GET', '/api/v1/auth/me', { token: r.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(r.user.id);
    expect(JSON.stringify(me.body)).not.toMatch(/password/i);
  });

  it('carries user id, role and academy id in the token, HS256, with exp, iss and aud', async () => {
    const r = await login(t.baseUrl, 'student1@demo.school');
    const [h, p] = r.accessToken
      .split('.')
      .slice(0, 2)
      .map((s) => JSON.parse(Buffer.from(s, 'base64url').toString()) as Record<string, unknown>);
    expect(h.alg).toBe('HS256');
    expect(p).toMatchObject({
      sub: r.user.id,
      role: 'student',
      academyId: r.user.academyId,
      iss: 'realtime-exam',
      aud: 'realtime-exam-clients',
    });
    expect(typeof p.exp).toBe('number');
  });

  it.each([
    ['wrong password', { email: 'teacher@demo.school', password: 'nope-nope' }],
    ['unknown user', { email: 'ghost@demo.school', password: 'demo1234' }],
  ])('refuses a %s with 401 INVALID_CREDENTIALS', async (_name, body) => {
    const r = await api<ApiErrorBody>(t.baseUrl, 'POST', '/api/v1/auth/login', { body });
    expect(r.status).toBe(401);
    expect(r.body.code).toBe('INVALID_CREDENTIALS');
    expect(r.body.message).toMatch(/email or password is wrong/);
  });

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const r = await api<ApiErrorBody>(t.baseUrl, 'POST', '/api/v1/auth/login', {
      rawBody: '{"email": ',
    });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('MALFORMED_JSON');
  });

  it('rejects unknown and missing fields, listing each', async () => {
    const r = await api<ApiErrorBody>(t.baseUrl, 'POST', '/api/v1/auth/login', {
      body: { email: 'a@b.c', admin: true },
    });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('VALIDATION_FAILED');
    const fields = (r.body.details as Array<{ field: string }>).map((d) => d.field).sort();
    expect(fields).toEqual(['admin', 'password']);
  });

  it('requires a token (401 AUTH_REQUIRED), and refuses tampered, foreign, none-alg and expired tokens', async () => {
    const me = (token?: string) =>
      api<ApiErrorBody>(t.baseUrl, 'GET', '/api/v1/auth/me', { token });
    expect((await me()).body.code).toBe('AUTH_REQUIRED');
    const good = (await login(t.baseUrl, 'teacher@demo.school')).accessToken;
    const [h, p, s] = good.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url')}.${s}`;
    const r1 = await me(tampered);
    expect([r1.status, r1.body.code]).toEqual([401, 'TOKEN_INVALID']);
    const r2 = await me(signJwt(claims, 'another-secret-another-secret-xx'));
    expect([r2.status, r2.body.code]).toEqual([401, 'TOKEN_INVALID']);
    const r3 = await me(signJwt(claims, '', 'none'));
    expect([r3.status, r3.body.code]).toEqual([401, 'TOKEN_INVALID']);
    const r4 = await me(signJwt({ ...claims, iss: 'someone-else' }));
    expect([r4.status, r4.body.code]).toEqual([401, 'TOKEN_INVALID']);
    const past = Math.floor(Date.now() / 1000) - 60;
    const r5 = await me(signJwt({ ...claims, iat: past - 900, exp: past }));
    expect([r5.status, r5.body.code]).toEqual([401, 'TOKEN_EXPIRED']);
    const { exp: _exp, ...noExp } = claims;
    const r6 = await me(signJwt(noExp));
    expect([r6.status, r6.body.code]).toEqual([401, 'TOKEN_INVALID']);
  });

  it('rotates refresh tokens; reusing an old one revokes the whole login', async () => {
    const first = await login(t.baseUrl, 'student2@demo.school');
    const r1 = await api<TokenPair>(t.baseUrl, 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: first.refreshToken },
    });
    expect(r1.status).toBe(200);
    expect(r1.body.refreshToken).not.toBe(first.refreshToken);
    // The new access token works.
    expect(
      (await api(t.baseUrl, 'GET', '/api/v1/auth/me', { token: r1.body.accessToken })).status,
    ).toBe(200);
    // Replaying the first refresh token: theft detected.
    const replay = await api<ApiErrorBody>(t.baseUrl, 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: first.refreshToken },
    });
    expect([replay.status, replay.body.code]).toEqual([401, 'REFRESH_TOKEN_REUSED']);
    // Every token of that login is now dead: the rotated refresh token and the access tokens.
    const r2 = await api<ApiErrorBody>(t.baseUrl, 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: r1.body.refreshToken },
    });
    expect(r2.status).toBe(401);
    expect(
      (await api(t.baseUrl, 'GET', '/api/v1/auth/me', { token: r1.body.accessToken })).status,
    ).toBe(401);
    // Another login of the same user is untouched.
    const again = await login(t.baseUrl, 'student2@demo.school');
    expect(
      (await api(t.baseUrl, 'GET', '/api/v1/auth/me', { token: again.accessToken })).status,
    ).toBe(200);
  });

  it('logout revokes the access and refresh token of that login', async () => {
    const s = await login(t.baseUrl, 'student3@demo.school');
    const out = await api(t.baseUrl, 'POST', '/api/v1/auth/logout', {
      token: s.accessToken,
      body: { refreshToken: s.refreshToken },
    });
    expect(out.status).toBe(204);
    expect(
      (await api<ApiErrorBody>(t.baseUrl, 'GET', '/api/v1/auth/me', { token: s.accessToken })).body
        .code,
    ).toBe('TOKEN_INVALID');
    expect(
      (
        await api(t.baseUrl, 'POST', '/api/v1/auth/refresh', {
          body: { refreshToken: s.refreshToken },
        })
      ).status,
    ).toBe(401);
  });

  it('changing the password signs out every login of the user and the new password works', async () => {
    const a = await login(t.baseUrl, other.students[1]);
    const b = await login(t.baseUrl, other.students[1]);
    const bad = await api<ApiErrorBody>(t.baseUrl, 'POST', '/api/v1/auth/change-password', {
      token: a.accessToken,
      body: { currentPassword: 'wrong', newPassword: 'brand-new-pass' },
    });
    expect(bad.status).toBe(401);
    const ok = await api(t.baseUrl, 'POST', '/api/v1/auth/change-password', {
      token: a.accessToken,
      body: { currentPassword: 'demo1234', newPassword: 'brand-new-pass' },
    });
    expect(ok.status).toBe(204);
    expect((await api(t.baseUrl, 'GET', '/api/v1/auth/me', { token: b.accessToken })).status).toBe(
      401,
    );
    await login(t.baseUrl, other.students[1], 'brand-new-pass');
  });

  describe('users (admin creates teachers and students in their academy)', () => {
    let admin: LoginResponse;
    let teacher: LoginResponse;
    let student: LoginResponse;
    beforeAll(async () => {
      admin = await login(t.baseUrl, 'admin@demo.school');
      teacher = await login(t.baseUrl, 'teacher@demo.school');
      student = await login(t.baseUrl, 'student1@demo.school');
    });

    it('admin creates a student in their own academy', async () => {
      const r = await api<UserView>(t.baseUrl, 'POST', '/api/v1/users', {
        token: admin.accessToken,
        body: {
          email: 'New.Student@Demo.School',
          displayName: 'New Student',
          password: 'longenough',
          role: 'student',
          extraTimePercent: 25,
        },
      });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({
        email: 'new.student@demo.school',
        role: 'student',
        academyId: admin.user.academyId,
        extraTimePercent: 25,
      });
      await login(t.baseUrl, 'new.student@demo.school', 'longenough');
    });

    it('refuses a duplicate email (409 EMAIL_TAKEN), an admin role and bad fields (400)', async () => {
      const dup = await api<ApiErrorBody>(t.baseUrl, 'POST', '/api/v1/users', {
        token: admin.accessToken,
        body: {
          email: 'teacher@demo.school',
          displayName: 'x',
          password: 'longenough',
          role: 'teacher',
        },
      });
      expect([dup.status, dup.body.code]).toEqual([409, 'EMAIL_TAKEN']);
      const bad = await api<ApiErrorBody>(t.baseUrl, 'POST', '/api/v1/users', {
        token: admin.accessToken,
        body: { email: 'not-an-email', displayName: '', password: 'short', role: 'admin' },
      });
      expect(bad.status).toBe(400);
      expect((bad.body.details as Array<{ field: string }>).map((d) => d.field).sort()).toEqual([
        'displayName',
        'email',
        'password',
        'role',
      ]);
    });

    it('teachers and students may not create users (403 FORBIDDEN)', async () => {
      for (const who of [teacher, student]) {
        const r = await api<ApiErrorBody>(t.baseUrl, 'POST', '/api/v1/users', {
          token: who.accessToken,
          body: { email: 'x@y.zz', displayName: 'x', password: 'longenough', role: 'student' },
        });
        expect([r.status, r.body.code]).toEqual([403, 'FORBIDDEN']);
      }
    });

    it('lists only the caller academy, filters by role and search, paginates', async () => {
      const all = await api<Page<UserView>>(t.baseUrl, 'GET', '/api/v1/users?role=student', {
        token: teacher.accessToken,
      });
      expect(all.status).toBe(200);
      expect(
        all.body.items.every((u) => u.academyId === teacher.user.academyId && u.role === 'student'),
      ).toBe(true);
      expect(all.body.items.some((u) => u.email.endsWith('other-school.test'))).toBe(false);
      const p1 = await api<Page<UserView>>(
        t.baseUrl,
        'GET',
        '/api/v1/users?role=student&pageSize=2&page=1',
        { token: teacher.accessToken },
      );
      const p2 = await api<Page<UserView>>(
        t.baseUrl,
        'GET',
        '/api/v1/users?role=student&pageSize=2&page=2',
        { token: teacher.accessToken },
      );
      expect(p1.body.items).toHaveLength(2);
      expect(p1.body.total).toBe(all.body.total);
      expect(p2.body.items[0].id).not.toBe(p1.body.items[0].id);
      const s = await api<Page<UserView>>(t.baseUrl, 'GET', '/api/v1/users?search=sara', {
        token: teacher.accessToken,
      });
      expect(s.body.items.map((u) => u.email)).toEqual(['student2@demo.school']);
      const bad = await api<ApiErrorBody>(t.baseUrl, 'GET', '/api/v1/users?pageSize=5000', {
        token: teacher.accessToken,
      });
      expect(bad.status).toBe(400);
    });

    it('students may not list users; another academy user answers 404', async () => {
      expect(
        (await api(t.baseUrl, 'GET', '/api/v1/users', { token: student.accessToken })).status,
      ).toBe(403);
      const otherAdmin = await login(t.baseUrl, other.admin);
      const r = await api<ApiErrorBody>(t.baseUrl, 'GET', `/api/v1/users/${teacher.user.id}`, {
        token: otherAdmin.accessToken,
      });
      expect([r.status, r.body.code]).toEqual([404, 'NOT_FOUND']);
      const own = await api<UserView>(t.baseUrl, 'GET', `/api/v1/users/${teacher.user.id}`, {
        token: admin.accessToken,
      });
      expect(own.status).toBe(200);
    });
  });
});

describe('login rate limits: 5 failures per account, many more per IP (a school NAT)', () => {
  let t: TestApp;
  beforeAll(
    async () =>
      (t = await startTestApp({ LOGIN_MAX_ATTEMPTS: '5', LOGIN_MAX_ATTEMPTS_PER_IP: '12' })),
  );
  afterAll(() => t.close());
  const signIn = (email: string, password: string) =>
    api<ApiErrorBody>(t.baseUrl, 'POST', '/api/v1/auth/login', { body: { email, password } });

  it('answers 429 with Retry-After after five failures on one account, even with the right password', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await signIn('teacher@demo.school', `wrong-${i}`)).status).toBe(401);
    }
    const blocked = await signIn('teacher@demo.school', 'demo1234');
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('RATE_LIMITED');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(200);
  });

  it('five typos from one IP do not lock the rest of the class out', async () => {
    // The same IP (a school NAT): another account with the right password goes through.
    expect((await signIn('student1@demo.school', 'demo1234')).status).toBe(200);
    for (const email of ['student2@demo.school', 'student3@demo.school']) {
      expect((await signIn(email, 'typo')).status).toBe(401);
      expect((await signIn(email, 'demo1234')).status).toBe(200);
    }
  });

  it('one IP failing across many accounts is stopped at LOGIN_MAX_ATTEMPTS_PER_IP', async () => {
    // 5 + 2 failures so far; 5 more reach 12.
    for (let i = 0; i < 5; i++) {
      expect((await signIn(`nobody${i}@demo.school`, 'guess')).status).toBe(401);
    }
    const r = await signIn('admin@demo.school', 'demo1234');
    expect(r.status).toBe(429);
  });
});
