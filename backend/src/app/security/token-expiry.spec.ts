/**
 * A socket whose token expires is asked to re-authenticate (TOKEN_EXPIRING, once per token,
 * before expiry), refused work once the token expired, and closed with 4003 TOKEN_EXPIRED
 * 30 s after expiry if it did not renew; a fresh token on the same socket re-arms both.
 * Jest's fake timers drive the clock, so no waiting.
 */
import { WS_CLOSE } from '@exam/contracts';
import { AuthEvents } from '../auth/auth-events';
import type { AuthUser } from '../auth/auth-user';
import { AppConfigService } from '../config/app-config';
import { parseEnv } from '../config/env.schema';
import {
  ConnectionRegistry,
  TOKEN_EXPIRY_GRACE_MS,
  expiryPlan,
} from '../realtime/connection-registry.service';
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

describe('ConnectionRegistry token expiry timers', () => {
  const cfg = new AppConfigService(parseEnv({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32) }));
  const user: AuthUser = {
    id: 'u1',
    role: 'student',
    academyId: 'a1',
    jti: 'j',
    familyId: 'f',
    expiresAt: T0 + 15 * 60_000,
  };
  beforeEach(() => {
    jest.useFakeTimers();
    jest.setSystemTime(T0);
  });
  afterEach(() => jest.useRealTimers());

  function setup() {
    const reg = new ConnectionRegistry(cfg, new AuthEvents());
    const c = fakeClient({ ...user });
    expect(reg.onAuthenticated(c)).toEqual({ ok: true });
    reg.onTokenAccepted(c);
    return { reg, c };
  }
  const codes = (c: { sent: string[] }) =>
    c.sent.map((s) => (JSON.parse(s) as { data: { code: string } }).data.code);
  const advanceTo = (t: number) => jest.advanceTimersByTime(t - Date.now());

  it('warns once 60 s before expiry, refuses work after it, closes 30 s after it', () => {
    const { reg, c } = setup();
    const exp = user.expiresAt;
    advanceTo(exp - 60_001);
    expect(c.sent).toHaveLength(0);
    advanceTo(exp - 60_000);
    expect(codes(c)).toEqual(['TOKEN_EXPIRING']);
    advanceTo(exp - 1);
    expect(reg.beforeDispatch(c, 'answer_autosaved', {})).toEqual({ ok: true });
    expect(c.sent).toHaveLength(1); // once per token
    advanceTo(exp);
    expect(reg.beforeDispatch(c, 'answer_autosaved', {})).toMatchObject({
      ok: false,
      code: 'TOKEN_EXPIRED',
    });
    expect(reg.beforeDispatch(c, 'heartbeat', {})).toEqual({ ok: true });
    advanceTo(exp + TOKEN_EXPIRY_GRACE_MS - 1);
    expect(c.closedWith).toBeUndefined();
    advanceTo(exp + TOKEN_EXPIRY_GRACE_MS);
    expect(c.closedWith).toBe(WS_CLOSE.TOKEN_EXPIRED);
  });

  it('re-arms for a fresh token: no close at the old expiry, a new notice before the new one', () => {
    const { reg, c } = setup();
    const exp = user.expiresAt;
    advanceTo(exp - 30_000);
    expect(c.sent).toHaveLength(1);
    c.ctx.user = { ...user, expiresAt: exp + 15 * 60_000 }; // auth_request with a fresh token
    reg.onTokenAccepted(c);
    advanceTo(exp + TOKEN_EXPIRY_GRACE_MS + 1);
    expect(c.closedWith).toBeUndefined();
    expect(reg.beforeDispatch(c, 'answer_autosaved', {})).toEqual({ ok: true });
    advanceTo(exp + 15 * 60_000 - 60_000);
    expect(codes(c)).toEqual(['TOKEN_EXPIRING', 'TOKEN_EXPIRING']);
  });

  it('drops the timers of a closed socket', () => {
    const { reg, c } = setup();
    reg.onClose(c, 1000, '');
    advanceTo(user.expiresAt + TOKEN_EXPIRY_GRACE_MS + 1);
    expect(c.sent).toHaveLength(0);
    expect(c.closedWith).toBeUndefined();
  });

  it('short tokens (tests) get proportional margins', () => {
    expect(expiryPlan(15 * 60_000, 15 * 60_000)).toEqual({
      warnInMs: 15 * 60_000 - 60_000,
      closeInMs: 15 * 60_000 + 30_000,
      graceMs: 30_000,
    });
    expect(expiryPlan(3_500, 4_000)).toEqual({ warnInMs: 1_500, closeInMs: 7_500, graceMs: 4_000 });
    expect(expiryPlan(-5_000, 900_000)).toEqual({
      warnInMs: 0,
      closeInMs: 30_000,
      graceMs: 30_000,
    });
  });
});
