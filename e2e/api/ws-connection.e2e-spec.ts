import {
  WS_CLOSE,
  type AuthSuccessPayload,
  type ErrorPayload,
  type HeartbeatReplyPayload,
} from '@exam/contracts';
import { api, login } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';
import { handshakeStatus, TestSocket } from '../support/ws-client';

describe('WebSocket /ws: handshake and connection rules', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp({ WS_AUTH_TIMEOUT_MS: '500' });
    token = (await login(t.baseUrl, 'student1@demo.school')).accessToken;
  });
  afterAll(() => t.close());

  it('refuses a handshake from an origin outside ALLOWED_ORIGINS (403)', async () => {
    expect(await handshakeStatus(t.wsUrl, { origin: 'https://evil.example', token })).toBe(403);
    expect(await handshakeStatus(t.wsUrl, { origin: 'http://localhost:4200', token })).toBe(101);
  });

  it('refuses a handshake with an invalid token (401)', async () => {
    expect(await handshakeStatus(t.wsUrl, { token: 'not.a.jwt' })).toBe(401);
  });

  it('authenticates with a handshake token and reports the server clock and token expiry', async () => {
    const s = await TestSocket.open(t.wsUrl, { token });
    const ok = await s.next<AuthSuccessPayload>('auth_success');
    expect(ok.data.user.role).toBe('student');
    expect(Math.abs(ok.data.serverNow - Date.now())).toBeLessThan(2000);
    expect(ok.data.tokenExpiresAt).toBeGreaterThan(Date.now());
    s.send('heartbeat', { clientNow: 123 });
    const hb = await s.next<HeartbeatReplyPayload>('heartbeat');
    expect(hb.data.clientNow).toBe(123);
    s.close();
  });

  it('never handles a frame sent before authentication; auth_request then works', async () => {
    const s = await TestSocket.open(t.wsUrl);
    s.send('heartbeat', { clientNow: 1 });
    const err = await s.next<ErrorPayload>('error');
    expect(err.data.code).toBe('NOT_AUTHENTICATED');
    expect(s.frames.some((f) => f.event === 'heartbeat')).toBe(false);
    s.send('auth_request', { token });
    await s.next('auth_success');
    s.send('heartbeat', {});
    await s.next('heartbeat');
    s.close();
  });

  it('closes a socket that never authenticates (4002) and one that sends a bad token (4001)', async () => {
    const idle = await TestSocket.open(t.wsUrl);
    expect((await idle.waitClose(3000)).code).toBe(WS_CLOSE.AUTH_TIMEOUT);
    const bad = await TestSocket.open(t.wsUrl);
    bad.send('auth_request', { token: 'garbage' });
    const failed = await bad.next<{ code: string }>('auth_failed');
    expect(failed.data.code).toBe('TOKEN_INVALID');
    expect((await bad.waitClose()).code).toBe(WS_CLOSE.AUTH_FAILED);
  });

  it('answers malformed JSON, binary frames and unknown events with an error and stays open', async () => {
    const s = await TestSocket.authed(t.wsUrl, token);
    s.sendRaw('{not json');
    expect((await s.next<ErrorPayload>('error')).data.code).toBe('MALFORMED_JSON');
    s.sendRaw(Buffer.from([1, 2, 3]), true);
    expect((await s.next<ErrorPayload>('error')).data.code).toBe('VALIDATION_FAILED');
    s.send('launch_missiles', {});
    expect((await s.next<ErrorPayload>('error')).data.code).toBe('UNKNOWN_EVENT');
    s.sendRaw('[1,2]');
    expect((await s.next<ErrorPayload>('error')).data.code).toBe('VALIDATION_FAILED');
    s.send('heartbeat', {});
    await s.next('heartbeat');
    s.close();
  });

  it('allows three connections per user and refuses a fourth with a clear code', async () => {
    const t2 = (await login(t.baseUrl, 'student2@demo.school')).accessToken;
    const socks = [
      await TestSocket.authed(t.wsUrl, t2),
      await TestSocket.authed(t.wsUrl, t2),
      await TestSocket.authed(t.wsUrl, t2),
    ];
    const fourth = await TestSocket.open(t.wsUrl, { token: t2 });
    const err = await fourth.next<ErrorPayload>('error');
    expect(err.data.code).toBe('TOO_MANY_CONNECTIONS');
    expect((await fourth.waitClose()).code).toBe(WS_CLOSE.TOO_MANY_CONNECTIONS);
    socks[0].close();
    await socks[0].waitClose();
    await new Promise((r) => setTimeout(r, 50));
    const again = await TestSocket.authed(t.wsUrl, t2);
    again.close();
    socks.slice(1).forEach((s) => s.close());
  });

  it('logout closes that login’s sockets (4004)', async () => {
    const s3 = await login(t.baseUrl, 'student3@demo.school');
    const sock = await TestSocket.authed(t.wsUrl, s3.accessToken);
    await api(t.baseUrl, 'POST', '/api/v1/auth/logout', { token: s3.accessToken, body: {} });
    expect((await sock.waitClose()).code).toBe(WS_CLOSE.LOGGED_OUT);
    expect(await handshakeStatus(t.wsUrl, { token: s3.accessToken })).toBe(401);
  });
});

describe('WEBSOCKET_PORT: the endpoint on its own port (seed option 2)', () => {
  let t: TestApp;
  beforeAll(async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    t = await startTestApp({ WEBSOCKET_PORT: String(port) });
  });
  afterAll(() => t.close());

  it('serves /ws on the separate port with the same auth', async () => {
    expect(t.wsUrl).not.toContain(new URL(t.baseUrl).port);
    const token = (await login(t.baseUrl, 'teacher@demo.school')).accessToken;
    const s = await TestSocket.authed(t.wsUrl, token);
    s.send('heartbeat', {});
    await s.next('heartbeat');
    s.close();
  });
});
