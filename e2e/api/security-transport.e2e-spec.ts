/**
 * Connection security (issue 6): REQUIRE_HTTPS for REST and the WebSocket handshake (a
 * trusted proxy's X-Forwarded-Proto: https is believed only with TRUST_PROXY), helmet
 * headers, CORS from ALLOWED_ORIGINS, and a password change closing that user's sockets.
 */
import { WS_CLOSE } from '@exam/contracts';
import { api, login } from '../support/http';
import { startTestApp, TEST_ORIGIN, type TestApp } from '../support/test-app';
import { TestSocket } from '../support/ws-client';
import WebSocket from 'ws';

function wsStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin: TEST_ORIGIN, headers });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

describe('REQUIRE_HTTPS behind a trusted proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ REQUIRE_HTTPS: 'true', TRUST_PROXY: 'true' });
  });
  afterAll(() => t.close());

  it('refuses plain HTTP with 403 HTTPS_REQUIRED and serves what the proxy says was HTTPS', async () => {
    const plain = await api<{ code: string }>(t.baseUrl, 'POST', '/api/v1/auth/login', {
      body: { email: 'admin@demo.school', password: 'demo1234' },
    });
    expect(plain.status).toBe(403);
    expect(plain.body.code).toBe('HTTPS_REQUIRED');
    const spoofedHttp = await api(t.baseUrl, 'GET', '/api/v1/auth/me', {
      headers: { 'x-forwarded-proto': 'http' },
    });
    expect(spoofedHttp.status).toBe(403);
    const viaProxy = await api(t.baseUrl, 'POST', '/api/v1/auth/login', {
      headers: { 'x-forwarded-proto': 'https' },
      body: { email: 'admin@demo.school', password: 'demo1234' },
    });
    expect(viaProxy.status).toBe(200);
    // Health probes stay reachable over plain HTTP for load balancers.
    expect((await api(t.baseUrl, 'GET', '/api/health/live')).status).toBe(200);
  });

  it('applies the same rule to the WebSocket handshake', async () => {
    expect(await wsStatus(t.wsUrl)).toBe(403);
    expect(await wsStatus(t.wsUrl, { 'x-forwarded-proto': 'https' })).toBe(101);
  });
});

describe('REQUIRE_HTTPS without a trusted proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ REQUIRE_HTTPS: 'true', TRUST_PROXY: 'false' });
  });
  afterAll(() => t.close());

  it('does not believe X-Forwarded-Proto from an untrusted client', async () => {
    const r = await api<{ code: string }>(t.baseUrl, 'GET', '/api/v1/auth/me', {
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('HTTPS_REQUIRED');
    expect(await wsStatus(t.wsUrl, { 'x-forwarded-proto': 'https' })).toBe(403);
  });
});

describe('headers, CORS and password change', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('sends helmet security headers', async () => {
    const r = await api(t.baseUrl, 'GET', '/api/health/live');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(r.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(r.headers.get('x-powered-by')).toBeNull();
  });

  it('allows CORS only for ALLOWED_ORIGINS', async () => {
    const pre = (origin: string) =>
      fetch(`${t.baseUrl}/api/v1/auth/login`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,authorization',
        },
      });
    const ok = await pre(TEST_ORIGIN);
    expect(ok.headers.get('access-control-allow-origin')).toBe(TEST_ORIGIN);
    const evil = await pre('https://evil.example');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const get = await api(t.baseUrl, 'GET', '/api/health/live', {
      headers: { origin: 'https://evil.example' },
    });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('a password change closes every socket of that user (4004) and only theirs', async () => {
    const s = await login(t.baseUrl, 'student2@demo.school');
    const other = await login(t.baseUrl, 'student1@demo.school');
    const a = await TestSocket.authed(t.wsUrl, s.accessToken);
    const b = await TestSocket.authed(
      t.wsUrl,
      (await login(t.baseUrl, 'student2@demo.school')).accessToken,
    );
    const bystander = await TestSocket.authed(t.wsUrl, other.accessToken);
    const r = await api(t.baseUrl, 'POST', '/api/v1/auth/change-password', {
      token: s.accessToken,
      body: { currentPassword: 'demo1234', newPassword: 'a-new-password-123' },
    });
    expect(r.status).toBe(204);
    expect((await a.waitClose()).code).toBe(WS_CLOSE.LOGGED_OUT);
    expect((await b.waitClose()).code).toBe(WS_CLOSE.LOGGED_OUT);
    bystander.send('heartbeat', {});
    await bystander.next('heartbeat');
    expect(bystander.closed).toBeUndefined();
    bystander.close();
  });
});
