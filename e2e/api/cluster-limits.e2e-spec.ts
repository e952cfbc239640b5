/**
 * The per-IP message limit counted over every instance (issue 15): one address behind a
 * proxy that spreads it over two instances gets the limit once, not once per instance.
 * The proxy is played by the X-Forwarded-For header (TRUST_PROXY on, as behind nginx).
 *
 * Runs when TEST_POSTGRES_URL and TEST_REDIS_URL are set (.ci/run exports both).
 */
import type { ErrorPayload, Page, UserView } from '@exam/contracts';
import { startCluster, type Cluster } from '../support/cluster';
import { api, login } from '../support/http';
import { sleep } from '../support/live-helpers';
import { PG_URL, REDIS_URL } from '../support/postgres';
import { TestSocket } from '../support/ws-client';

const LIMIT = 40;

(PG_URL && REDIS_URL ? describe : describe.skip)('limits over several instances', () => {
  let c: Cluster;
  const open: TestSocket[] = [];

  beforeAll(async () => {
    c = await startCluster(2, {
      TRUST_PROXY: 'true',
      WS_MESSAGES_PER_MINUTE_PER_IP: String(LIMIT),
    });
  }, 120_000);
  afterAll(async () => {
    for (const s of open) s.close();
    await c?.stop();
  });

  async function socket(url: string, token: string, ip: string): Promise<TestSocket> {
    const s = await TestSocket.open(url, { token, headers: { 'X-Forwarded-For': ip } });
    await s.next('auth_success');
    open.push(s);
    return s;
  }

  /** Sends n heartbeats; how many were answered and how many refused as RATE_LIMITED. */
  async function heartbeats(s: TestSocket, n: number): Promise<{ ok: number; limited: number }> {
    const before = s.frames.length;
    for (let i = 0; i < n; i++) s.send('heartbeat', {});
    const replies = () =>
      s.frames
        .slice(before)
        .filter((f) => f.event === 'heartbeat' || f.event === 'error') as Array<{
        event: string;
        data: ErrorPayload;
      }>;
    const end = Date.now() + 5_000;
    while (replies().length < n && Date.now() < end) await sleep(20);
    const r = replies();
    return {
      ok: r.filter((f) => f.event === 'heartbeat').length,
      limited: r.filter((f) => f.event === 'error' && f.data.code === 'RATE_LIMITED').length,
    };
  }

  it('counts one address’s messages over both instances', async () => {
    const [A, B] = c.instances;
    const teacher = await login(A.baseUrl, 'teacher@demo.school');
    const students = (
      await api<Page<UserView>>(A.baseUrl, 'GET', '/api/v1/users?role=student', {
        token: teacher.accessToken,
      })
    ).body.items.slice(0, 3);
    const [t1, t2, t3] = await Promise.all(
      students.map(async (s) => (await login(A.baseUrl, s.email)).accessToken),
    );
    const school = '203.0.113.9';
    const onA = await socket(A.wsUrl, t1, school);
    const onB = await socket(B.wsUrl, t2, school);

    // 25 messages through A. B first hears of the address (one message), then learns A's
    // count within a second.
    expect(await heartbeats(onA, 25)).toEqual({ ok: 25, limited: 0 });
    expect(await heartbeats(onB, 1)).toEqual({ ok: 1, limited: 0 });
    await sleep(2_500);
    // B lets through only what is left of the address's 40: 40 - 25 - 1 = 14.
    const r = await heartbeats(onB, 24);
    expect(r).toEqual({ ok: LIMIT - 26, limited: 24 - (LIMIT - 26) });
    expect(onB.closed).toBeUndefined();

    // Another address on B is not affected.
    const elsewhere = await socket(B.wsUrl, t3, '198.51.100.20');
    expect(await heartbeats(elsewhere, 5)).toEqual({ ok: 5, limited: 0 });
  }, 60_000);
});
