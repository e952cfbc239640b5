/** REST limits per user as well as per IP (issue 6): one busy account does not block others. */
import type { ApiErrorBody } from '@exam/contracts';
import { api, login } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

describe('per-user REST rate limit', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ REST_USER_RATE_LIMIT: '5' })));
  afterAll(() => t.close());

  it('answers 429 with Retry-After after REST_USER_RATE_LIMIT requests of one user, others unaffected', async () => {
    const a = await login(t.baseUrl, 'student1@demo.school');
    const b = await login(t.baseUrl, 'student2@demo.school');
    for (let i = 0; i < 5; i++) {
      expect(
        (await api(t.baseUrl, 'GET', '/api/v1/auth/me', { token: a.accessToken })).status,
      ).toBe(200);
    }
    const blocked = await api<ApiErrorBody>(t.baseUrl, 'GET', '/api/v1/auth/me', {
      token: a.accessToken,
    });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('RATE_LIMITED');
    expect(blocked.body.message).toMatch(/your account/);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Same IP, another account: still served (the per-IP limit is separate and high here).
    expect((await api(t.baseUrl, 'GET', '/api/v1/auth/me', { token: b.accessToken })).status).toBe(
      200,
    );
    // A new login of the blocked user is the same user: still limited.
    const again = await login(t.baseUrl, 'student1@demo.school');
    expect(
      (await api(t.baseUrl, 'GET', '/api/v1/auth/me', { token: again.accessToken })).status,
    ).toBe(429);
  });
});
