/**
 * Security limits (issue 6, R16): the REST rate limit (@nestjs/throttler, per IP), the
 * WebSocket message and answer rate limits, maxPayload (1009), the per-answer size limit,
 * the total and per-IP connection caps, the flagged client clock, and the security log
 * (app log + security_events + GET /api/v1/security/events). Each limit is set small here
 * and each test checks that one limited client does not affect another.
 */
import { DataSource } from 'typeorm';
import { WS_CLOSE, type ErrorPayload, type Page } from '@exam/contracts';
import { SecurityLogService } from '../../backend/src/app/security/security-log.service';
import { api, login } from '../support/http';
import { answerOnce, joined, liveWorld, sleep, type LiveWorld } from '../support/live-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestSocket } from '../support/ws-client';

interface EventRow {
  type: string;
  userId: string | null;
  ip: string | null;
  detail: Record<string, unknown>;
}

const fromIp = (ip: string) => ({ 'x-forwarded-for': ip });

describe('REST rate limit (@nestjs/throttler, REST_RATE_LIMIT per minute per IP)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ REST_RATE_LIMIT: '5', TRUST_PROXY: 'true' });
  });
  afterAll(() => t.close());

  it('answers 429 RATE_LIMITED with Retry-After past the limit, per IP, and never for health', async () => {
    const ip = '203.0.113.7';
    for (let i = 0; i < 5; i++) {
      const r = await api(t.baseUrl, 'GET', '/api/v1/auth/me', { headers: fromIp(ip) });
      expect(r.status).toBe(401);
    }
    // Counted across routes (one bucket per IP), before authentication.
    const blocked = await api<{ code: string; details: { retryAfterSeconds: number } }>(
      t.baseUrl,
      'POST',
      '/api/v1/auth/login',
      { headers: fromIp(ip), body: { email: 'admin@demo.school', password: 'demo1234' } },
    );
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('RATE_LIMITED');
    const retry = Number(blocked.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
    expect(blocked.body.details.retryAfterSeconds).toBe(retry);

    // Another address is not slowed down.
    const other = await api(t.baseUrl, 'POST', '/api/v1/auth/login', {
      headers: fromIp('198.51.100.9'),
      body: { email: 'admin@demo.school', password: 'demo1234' },
    });
    expect(other.status).toBe(200);

    // Health probes are exempt.
    for (let i = 0; i < 8; i++) {
      const h = await api(t.baseUrl, 'GET', '/api/health/live', { headers: fromIp(ip) });
      expect(h.status).toBe(200);
    }

    // The hit is in the security log (no academy: only in the table and the app log).
    await t.app.get(SecurityLogService).flush();
    const rows = (await t.app
      .get(DataSource)
      .query("SELECT type, ip, detail FROM security_events WHERE type = 'rate_limited'")) as Array<{
      ip: string;
      detail: string;
    }>;
    expect(rows.some((r) => r.ip === ip && JSON.parse(r.detail).transport === 'http')).toBe(true);
  });
});

describe('WebSocket limits, connection caps and the security log', () => {
  let t: TestApp;
  let w: LiveWorld;
  beforeAll(async () => {
    t = await startTestApp({
      TRUST_PROXY: 'true',
      WS_MESSAGES_PER_MINUTE: '8',
      WS_ANSWERS_PER_10S: '3',
      WS_MAX_CONNECTIONS_PER_IP: '4',
      WS_MAX_CONNECTIONS: '8',
      WS_MAX_MESSAGE_BYTES: '4096',
      WS_MAX_ANSWER_BYTES: '1024',
      CLOCK_SKEW_TOLERANCE_MS: '60000',
    });
    w = await liveWorld(t, 'Limits', 3, { questions: 4 });
  });
  afterAll(() => t.close());

  it('limits messages per connection (RATE_LIMITED + retryAfterMs, socket stays open) without slowing another connection', async () => {
    const noisy = await TestSocket.authed(t.wsUrl, w.students[2].token);
    const calm = await TestSocket.authed(t.wsUrl, w.teacher.token);
    for (let i = 0; i < 8; i++) noisy.send('heartbeat', {});
    for (let i = 0; i < 8; i++) await noisy.next('heartbeat');
    noisy.send('heartbeat', {});
    const err = await noisy.next<ErrorPayload>('error');
    expect(err.data).toMatchObject({ code: 'RATE_LIMITED', event: 'heartbeat' });
    expect(err.data.retryAfterMs).toBeGreaterThan(0);
    expect(err.data.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(noisy.closed).toBeUndefined();
    const started = Date.now();
    calm.send('heartbeat', {});
    await calm.next('heartbeat', () => true, 1000);
    expect(Date.now() - started).toBeLessThan(500);
    noisy.close();
    calm.close();
  });

  it('limits answers per user (RATE_LIMITED, not saved) while another student keeps answering', async () => {
    const sid = w.fx.sessionId;
    const teacher = await joined(t, w.teacher.token, sid);
    const a = await joined(t, w.students[0].token, sid);
    const b = await joined(t, w.students[1].token, sid);
    teacher.send('exam_launch', { sessionId: sid });
    await a.next('exam_launch');
    await b.next('exam_launch');
    const q = w.fx.questionIds[0];
    for (let i = 1; i <= 3; i++) {
      const ack = await answerOnce(a, {
        sessionId: sid,
        questionId: q,
        answer: { optionId: 'a' },
        seq: i,
      });
      expect(ack.event).toBe('answer_ack');
    }
    a.send('answer_autosaved', {
      sessionId: sid,
      questionId: q,
      answer: { optionId: 'c' },
      seq: 4,
      key: 'over-the-limit-1',
    });
    const err = await a.next<ErrorPayload>('error');
    expect(err.data.code).toBe('RATE_LIMITED');
    expect(err.data.retryAfterMs).toBeGreaterThan(0);
    expect(err.data.retryAfterMs).toBeLessThanOrEqual(10_000);
    const ackB = await answerOnce(b, {
      sessionId: sid,
      questionId: q,
      answer: { optionId: 'b' },
      seq: 1,
    });
    expect(ackB.event).toBe('answer_ack');
    const rows = (await t.app
      .get(DataSource)
      .query('SELECT idempotency_key FROM answers WHERE idempotency_key = ?', [
        'over-the-limit-1',
      ])) as unknown[];
    expect(rows).toHaveLength(0);

    // Per-answer size limit (WS_MAX_ANSWER_BYTES=1024 here): ANSWER_TOO_LARGE, nothing stored.
    // (b's third answer in this window: the size check runs after the rate check)
    b.send('answer_autosaved', {
      sessionId: sid,
      questionId: w.fx.questionIds[1],
      answer: { text: 'x'.repeat(1100) },
      seq: 2,
      key: 'too-large-answer-1',
    });
    const big = await b.next<ErrorPayload>('error');
    expect(big.data).toMatchObject({ code: 'ANSWER_TOO_LARGE', key: 'too-large-answer-1' });
    const ok = await answerOnce(b, {
      sessionId: sid,
      questionId: w.fx.questionIds[1],
      answer: { text: 'x'.repeat(900) },
      seq: 3,
    });
    expect(ok.event).toBe('answer_ack');
    for (const s of [teacher, a, b]) s.close();
  });

  it('closes a frame over maxPayload with 1009; other sockets are unaffected', async () => {
    const big = await TestSocket.authed(t.wsUrl, w.students[2].token);
    const other = await TestSocket.authed(t.wsUrl, w.teacher.token);
    big.send('heartbeat', { pad: 'x'.repeat(5000) });
    expect((await big.waitClose()).code).toBe(1009);
    other.send('heartbeat', {});
    await other.next('heartbeat');
    // Just under the limit is a normal frame (answered with a validation error, not a close).
    const under = await TestSocket.authed(t.wsUrl, w.students[2].token);
    under.send('heartbeat', { pad: 'x'.repeat(3900) });
    expect((await under.next<ErrorPayload>('error')).data.code).toBe('VALIDATION_FAILED');
    expect(under.closed).toBeUndefined();
    under.close();
    other.close();
  });

  it('caps connections per IP (4006) and in total (4007); other addresses still connect', async () => {
    await sleep(200); // earlier sockets finish closing
    const open: TestSocket[] = [];
    const tokens = [w.teacher.token, ...w.students.map((s) => s.token)];
    const connect = async (ip: string, token: string) => {
      const s = await TestSocket.open(t.wsUrl, { token, headers: fromIp(ip) });
      const f = await Promise.race([s.next('auth_success'), s.next<ErrorPayload>('error')]);
      return { s, f };
    };
    for (let i = 0; i < 4; i++) {
      const { s, f } = await connect('192.0.2.1', tokens[i]);
      expect(f.event).toBe('auth_success');
      open.push(s);
    }
    const fifth = await connect('192.0.2.1', tokens[0]);
    expect((fifth.f.data as ErrorPayload).code).toBe('TOO_MANY_CONNECTIONS');
    expect((await fifth.s.waitClose()).code).toBe(WS_CLOSE.TOO_MANY_CONNECTIONS);
    // Another address is not affected by the first one's cap; fill the server to 8.
    for (let i = 0; i < 4; i++) {
      const { s, f } = await connect('192.0.2.2', tokens[i]);
      expect(f.event).toBe('auth_success');
      open.push(s);
    }
    const ninth = await connect('192.0.2.3', tokens[3]);
    expect((ninth.f.data as ErrorPayload).code).toBe('SERVER_BUSY');
    expect((await ninth.s.waitClose()).code).toBe(WS_CLOSE.SERVER_FULL);
    for (const s of open) s.close();
    await Promise.all(open.map((s) => s.waitClose()));
  });

  it('flags a client clock far from the server’s in the security log and never uses it', async () => {
    const s = await TestSocket.authed(t.wsUrl, w.students[2].token);
    const skewed = Date.now() - 3_600_000;
    s.send('heartbeat', { clientNow: skewed });
    const hb = await s.next<{ serverNow: number; clientNow: number }>('heartbeat');
    expect(hb.data.clientNow).toBe(skewed); // echoed for the client's own offset estimate
    expect(Math.abs(hb.data.serverNow - Date.now())).toBeLessThan(2000);
    s.close();
    const admin = await login(t.baseUrl, 'admin@limits.test');
    const r = await api<Page<EventRow>>(
      t.baseUrl,
      'GET',
      '/api/v1/security/events?type=clock_skew',
      {
        token: admin.accessToken,
      },
    );
    expect(r.status).toBe(200);
    const ev = r.body.items.find((e) => e.userId === w.students[2].id);
    expect(ev).toBeDefined();
    expect(Number(ev!.detail.skewMs)).toBeLessThan(-3_000_000);
  });

  it('keeps a security log admins read for their own academy only', async () => {
    const bad = await api(t.baseUrl, 'POST', '/api/v1/auth/login', {
      body: { email: w.students[0].email, password: 'wrong-password' },
    });
    expect(bad.status).toBe(401);
    const admin = await login(t.baseUrl, 'admin@limits.test');
    const mine = await api<Page<EventRow>>(
      t.baseUrl,
      'GET',
      '/api/v1/security/events?pageSize=200',
      {
        token: admin.accessToken,
      },
    );
    expect(mine.status).toBe(200);
    const types = new Set(mine.body.items.map((e) => e.type));
    for (const ty of ['login_succeeded', 'login_failed', 'rate_limited', 'connection_refused'])
      expect(types).toContain(ty);
    const failed = mine.body.items.find((e) => e.type === 'login_failed')!;
    expect(failed.detail).toMatchObject({ email: w.students[0].email, reason: 'wrong_password' });
    expect(JSON.stringify(mine.body)).not.toContain('wrong-password');

    // The demo academy's admin sees none of it; teachers and students may not read the log.
    const demoAdmin = await login(t.baseUrl, 'admin@demo.school');
    const theirs = await api<Page<EventRow>>(
      t.baseUrl,
      'GET',
      '/api/v1/security/events?pageSize=200',
      {
        token: demoAdmin.accessToken,
      },
    );
    const limitsUsers = new Set([w.teacher.id, ...w.students.map((s) => s.id)]);
    expect(theirs.body.items.some((e) => e.userId && limitsUsers.has(e.userId))).toBe(false);
    const teacher = await api(t.baseUrl, 'GET', '/api/v1/security/events', {
      token: w.teacher.token,
    });
    expect(teacher.status).toBe(403);
  });
});
