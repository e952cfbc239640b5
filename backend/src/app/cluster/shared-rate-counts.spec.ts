/**
 * SharedRateCounts against a real Redis (TEST_REDIS_URL; skipped without it): what one
 * instance counted reaches the others at their next flush, its own counts never come back
 * to it, and old buckets fall out of the minute.
 */
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { redisConnection } from './redis-clients';
import { SharedRateCounts } from './shared-rate-counts';

const url = process.env.TEST_REDIS_URL;
const maybe = url ? describe : describe.skip;
if (!url) console.warn('shared-rate-counts.spec: TEST_REDIS_URL unset, skipped');

maybe('SharedRateCounts (real Redis)', () => {
  const prefix = `test-rate-${randomUUID().slice(0, 8)}`;
  const conns: Redis[] = [];
  let now = 1_800_000_000_000;
  const clock = () => now;

  async function instance(name: string): Promise<SharedRateCounts> {
    const r = redisConnection(url as string, `${prefix}-${name}`);
    conns.push(r);
    await new Promise((ok) => r.once('ready', ok));
    return new SharedRateCounts(r, prefix, name, clock);
  }

  afterAll(() => {
    for (const r of conns) r.disconnect();
  });

  it('tells each instance what the others let through, not its own', async () => {
    const a = await instance('a');
    const b = await instance('b');
    for (let i = 0; i < 7; i++) a.note('203.0.113.9');
    b.note('203.0.113.9');
    await a.flush();
    expect(b.elsewhere('203.0.113.9')).toBe(0); // not learnt yet
    await b.flush();
    expect(b.elsewhere('203.0.113.9')).toBe(7);
    // A asks again (its next frame from the address), and learns at its next flush.
    a.elsewhere('203.0.113.9');
    await a.flush();
    expect(a.elsewhere('203.0.113.9')).toBe(1);
    expect(b.elsewhere('198.51.100.1')).toBe(0);
  });

  it('forgets counts older than the minute, and a figure it has not refreshed', async () => {
    const a = await instance('c');
    const b = await instance('d');
    for (let i = 0; i < 4; i++) a.note('k');
    await a.flush();
    b.elsewhere('k');
    await b.flush();
    expect(b.elsewhere('k')).toBe(4);
    // Not refreshed for a few seconds: not trusted (it could only be too high).
    now += 4_000;
    expect(b.elsewhere('k')).toBe(0);
    await b.flush();
    expect(b.elsewhere('k')).toBe(4);
    // Seventy seconds on, A's bucket is out of the window.
    now += 70_000;
    await b.flush();
    expect(b.elsewhere('k')).toBe(0);
  });
});
