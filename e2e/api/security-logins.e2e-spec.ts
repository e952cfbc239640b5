/**
 * Sign-out and account state (issue 13, items 1, 2 and 10): every revocation closes that
 * login's sockets at once with 4004 (reuse detection, logout, password change,
 * deactivation); logout acts on one login only and refuses another user's refresh token;
 * a correctly signed token is refused when its user, login, role or active state in the
 * database do not match it.
 */
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import type { LoginResponse, UserView } from '@exam/contracts';
import { createAcademy } from '../support/fixtures';
import { api, login } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestSocket } from '../support/ws-client';

const SECRET = 'integration-test-secret-0123456789abcdef';

describe('sign-out closes sockets; claims are checked against the accounts', () => {
  let t: TestApp;
  let a: Awaited<ReturnType<typeof createAcademy>>;
  const open: TestSocket[] = [];
  const socket = async (token: string) => {
    const s = await TestSocket.authed(t.wsUrl, token);
    open.push(s);
    return s;
  };
  const closedWith = async (s: TestSocket) => (await s.waitClose(3000)).code;
  const stillOpen = async (s: TestSocket) => {
    s.send('heartbeat', {});
    await s.next('heartbeat', () => true, 3000);
    return !s.closed;
  };
  const me = (token: string) => api(t.baseUrl, 'GET', '/api/v1/auth/me', { token });

  beforeAll(async () => {
    t = await startTestApp();
    a = await createAcademy(t, 'Logins Academy', 3);
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await t.close();
  });

  it('refresh token reuse closes that login’s socket at once', async () => {
    const s = await login(t.baseUrl, a.students[0]);
    const sock = await socket(s.accessToken);
    const r1 = await api<LoginResponse>(t.baseUrl, 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: s.refreshToken },
    });
    expect(r1.status).toBe(200);
    const replay = await api(t.baseUrl, 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: s.refreshToken },
    });
    expect(replay.status).toBe(401);
    expect(await closedWith(sock)).toBe(4004);
  });

  it('logout ends one login: its socket closes, the same user’s other login stays', async () => {
    const first = await login(t.baseUrl, a.students[1]);
    const second = await login(t.baseUrl, a.students[1]);
    const s1 = await socket(first.accessToken);
    const s2 = await socket(second.accessToken);
    const out = await api(t.baseUrl, 'POST', '/api/v1/auth/logout', {
      token: first.accessToken,
      body: { refreshToken: first.refreshToken },
    });
    expect(out.status).toBeLessThan(300);
    expect(await closedWith(s1)).toBe(4004);
    expect(await stillOpen(s2)).toBe(true);
    expect((await me(second.accessToken)).status).toBe(200);
  });

  it('logout with another user’s refresh token is refused and changes nothing', async () => {
    const mallory = await login(t.baseUrl, a.students[2]);
    const victim = await login(t.baseUrl, a.teacher);
    const mine = await socket(mallory.accessToken);
    const theirs = await socket(victim.accessToken);
    const r = await api(t.baseUrl, 'POST', '/api/v1/auth/logout', {
      token: mallory.accessToken,
      body: { refreshToken: victim.refreshToken },
    });
    expect(r.status).toBe(403);
    expect(await stillOpen(mine)).toBe(true);
    expect(await stillOpen(theirs)).toBe(true);
    const refresh = await api(t.baseUrl, 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: victim.refreshToken },
    });
    expect(refresh.status).toBe(200);
  });

  it('a password change closes every login’s sockets', async () => {
    const one = await login(t.baseUrl, a.admin);
    const two = await login(t.baseUrl, a.admin);
    const s1 = await socket(one.accessToken);
    const s2 = await socket(two.accessToken);
    const r = await api(t.baseUrl, 'POST', '/api/v1/auth/change-password', {
      token: one.accessToken,
      body: { currentPassword: 'demo1234', newPassword: 'a-new-password-1' },
    });
    expect(r.status).toBeLessThan(300);
    expect(await closedWith(s1)).toBe(4004);
    expect(await closedWith(s2)).toBe(4004);
  });

  it('deactivation ends every login at once and refuses sign-in until reactivated', async () => {
    const admin = await login(t.baseUrl, a.admin, 'a-new-password-1');
    const teacher = await login(t.baseUrl, a.teacher);
    const sock = await socket(teacher.accessToken);
    const off = await api<UserView>(
      t.baseUrl,
      'POST',
      `/api/v1/users/${teacher.user.id}/deactivate`,
      {
        token: admin.accessToken,
      },
    );
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect(await closedWith(sock)).toBe(4004);
    expect((await me(teacher.accessToken)).status).toBe(401);
    const refused = await api(t.baseUrl, 'POST', '/api/v1/auth/login', {
      body: { email: a.teacher, password: 'demo1234' },
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'ACCOUNT_DISABLED' });
    // Admins cannot switch themselves off.
    const self = await api(t.baseUrl, 'POST', `/api/v1/users/${admin.user.id}/deactivate`, {
      token: admin.accessToken,
    });
    expect(self.status).toBe(409);
    const on = await api<UserView>(
      t.baseUrl,
      'POST',
      `/api/v1/users/${teacher.user.id}/reactivate`,
      {
        token: admin.accessToken,
      },
    );
    expect(on.body.active).toBe(true);
    expect((await login(t.baseUrl, a.teacher)).user.id).toBe(teacher.user.id);
  });

  it('refuses correctly signed tokens whose user, login or role are not what the accounts say', async () => {
    const jwt = new JwtService();
    const student = await login(t.baseUrl, a.students[2]);
    const claims = JSON.parse(
      Buffer.from(student.accessToken.split('.')[1], 'base64url').toString(),
    ) as { sub: string; academyId: string; sid: string; role: string };
    const forge = ({ sub, ...over }: Record<string, unknown>) =>
      jwt.signAsync(
        { role: claims.role, academyId: claims.academyId, sid: claims.sid, ...over },
        {
          subject: (sub as string | undefined) ?? claims.sub,
          jwtid: randomUUID(),
          expiresIn: 600,
          algorithm: 'HS256',
          issuer: 'realtime-exam',
          audience: 'realtime-exam-clients',
          secret: SECRET,
        },
      );
    const unknownUser = await forge({ sub: randomUUID() });
    const unknownLogin = await forge({ sid: randomUUID() });
    const promoted = await forge({ role: 'admin' });
    for (const token of [unknownUser, unknownLogin, promoted]) {
      const events = await api(t.baseUrl, 'GET', '/api/v1/security/events', { token });
      expect(events.status).toBe(401);
      const logout = await api(t.baseUrl, 'POST', '/api/v1/auth/logout', { token, body: {} });
      expect(logout.status).toBe(401);
      const ws = await TestSocket.open(t.wsUrl);
      ws.send('auth_request', { token });
      expect((await ws.waitClose(3000)).code).toBe(4001);
    }
    // The genuine token of the same login still works.
    expect((await me(student.accessToken)).status).toBe(200);
  });
});
