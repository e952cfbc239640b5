/**
 * A socket whose token expires is asked to re-authenticate (TOKEN_EXPIRING, once per token)
 * and closed with 4003 TOKEN_EXPIRED 30 s after expiry if it did not; a fresh token on the
 * same socket re-arms the notice. The sweep takes the clock as an argument, so no waiting.
 */
import { WS_CLOSE } from '@exam/contracts';
import { AuthEvents } from '../auth/auth-events';
import type { AuthUser } from '../auth/auth-user';
import { AppConfigService } from '../config/app-config';
import { parseEnv } from '../config/env.schema';
import { ConnectionRegistry, TOKEN_EXPIRY_GRACE_MS } from '../realtime/connection-registry.service';
import type { WsClient } from '../realtime/ws-client';

const T0 = 1_800_000_000_000;

function fakeClient(user: AuthUser): WsClient & { sent: string[]; closedWith?: number } {
  const c = {
    sent: [] as string[],
    closedWith: undefined as number | undefined,
    readyState: 1,
    send(this: { sent: string[] }, data: string) {
      this.sent.push(data);
    },
    close(this: { closedWith?: number }, code: number) {
      this.closedWith = code;
    },
    ctx: {
      id: 'c1',
      ip: '10.0.0.1',
      userAgent: '',
      connectedAt: T0,
      lastMessageAt: T0,
      user,
      alive: true,
      sessions: new Set<string>(),
    },
  };
  return c as unknown as WsClient & { sent: string[]; closedWith?: number };
}

describe('ConnectionRegistry token-expiry sweep', () => {
  const cfg = new AppConfigService(parseEnv({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32) }));
  const user: AuthUser = {
    id: 'u1',
    role: 'student',
    academyId: 'a1',
    jti: 'j',
    familyId: 'f',
    expiresAt: T0 + 15 * 60_000,
  };

  function setup() {
    const reg = new ConnectionRegistry(cfg, new AuthEvents());
    const c = fakeClient({ ...user });
    expect(reg.onAuthenticated(c)).toEqual({ ok: true });
    return { reg, c };
  }
  const events = (c: { sent: string[] }) =>
    c.sent.map((s) => JSON.parse(s) as { event: string; data: { code: string } });

  it('warns once before expiry, then closes 30 s after it', () => {
    const { reg, c } = setup();
    const exp = user.expiresAt;
    reg.sweep(exp - 10 * 60_000);
    expect(c.sent).toHaveLength(0);
    reg.sweep(exp - 50_000);
    expect(events(c)).toEqual([
      expect.objectContaining({
        event: 'error',
        data: expect.objectContaining({ code: 'TOKEN_EXPIRING' }),
      }),
    ]);
    reg.sweep(exp - 20_000);
    expect(c.sent).toHaveLength(1); // once per token
    reg.sweep(exp + TOKEN_EXPIRY_GRACE_MS - 1);
    expect(c.closedWith).toBeUndefined();
    reg.sweep(exp + TOKEN_EXPIRY_GRACE_MS + 1);
    expect(c.closedWith).toBe(WS_CLOSE.TOKEN_EXPIRED);
  });

  it('keeps a socket that re-authenticated with a fresh token, and warns again before that one expires', () => {
    const { reg, c } = setup();
    const exp = user.expiresAt;
    reg.sweep(exp - 30_000);
    expect(c.sent).toHaveLength(1);
    c.ctx.user = { ...user, expiresAt: exp + 15 * 60_000 }; // auth_request with a fresh token
    reg.sweep(exp + TOKEN_EXPIRY_GRACE_MS + 1);
    expect(c.closedWith).toBeUndefined();
    reg.sweep(exp + 15 * 60_000 - 30_000);
    expect(c.sent).toHaveLength(2);
  });
});
