/**
 * RedisBus against a real Redis (TEST_REDIS_URL; skipped without it): numbering, fan-out
 * to every instance, resume history, and the recovery signals when a connection drops.
 */
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { AUDIENCE_ALL, type BusMessage } from '../realtime/realtime-bus';
import { RedisBus } from './redis-bus';
import { redisConnection } from './redis-clients';

const url = process.env.TEST_REDIS_URL;
const maybe = url ? describe : describe.skip;
if (!url) console.warn('redis-bus.spec: TEST_REDIS_URL unset, skipped');

interface Instance {
  bus: RedisBus;
  cmd: Redis;
  sub: Redis;
  got: BusMessage[];
  recovered: number;
}

maybe('RedisBus (real Redis)', () => {
  const prefix = `test-bus-${randomUUID().slice(0, 8)}`;
  const made: Instance[] = [];

  async function instance(name: string): Promise<Instance> {
    const cmd = redisConnection(url as string, `${prefix}-cmd-${name}`);
    const sub = redisConnection(url as string, `${prefix}-sub-${name}`, true);
    const bus = new RedisBus(cmd, sub, name, prefix);
    const i: Instance = { bus, cmd, sub, got: [], recovered: 0 };
    bus.subscribe((m) => i.got.push(m));
    bus.onRecovered(() => i.recovered++);
    await bus.ready();
    made.push(i);
    return i;
  }

  const message = (sessionId: string, event: string): BusMessage => ({
    sessionId,
    seq: 0,
    id: randomUUID(),
    ts: Date.now(),
    audience: AUDIENCE_ALL,
    event,
    data: { event },
  });

  async function until(f: () => boolean, ms = 5_000): Promise<void> {
    const end = Date.now() + ms;
    while (!f()) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  afterAll(async () => {
    for (const i of made) await i.bus.onApplicationShutdown();
  });

  it('numbers one session’s events in one order on every instance, and keeps them for resume', async () => {
    const a = await instance('a');
    const b = await instance('b');
    const sid = randomUUID();
    const seqs = await Promise.all([
      a.bus.publish(message(sid, 'one')),
      b.bus.publish(message(sid, 'two')),
      a.bus.publish(message(sid, 'three')),
    ]);
    expect([...seqs].sort()).toEqual([1, 2, 3]);
    await until(() => a.got.length >= 3 && b.got.length >= 3);
    const order = (i: Instance) => i.got.filter((m) => m.sessionId === sid).map((m) => m.seq);
    expect(order(a)).toEqual([1, 2, 3]);
    expect(order(b)).toEqual([1, 2, 3]);
    expect(b.got.map((m) => m.origin)).toContain('a');
    const after1 = await b.bus.history(sid, 1);
    expect(after1?.map((m) => m.seq)).toEqual([2, 3]);
  });

  it('sends one turn’s events of a session as one batch, numbered in order, each kept for resume', async () => {
    const a = await instance('batch-a');
    const b = await instance('batch-b');
    // What travels on the channel, counted by a plain subscriber.
    const raw = redisConnection(url as string, `${prefix}-raw`, true);
    const channelMessages: string[] = [];
    raw.on('message', (_c: string, m: string) => channelMessages.push(m));
    await raw.subscribe(`${prefix}:events`);
    const big = randomUUID();
    const small = randomUUID();
    const published = [
      ...Array.from({ length: 450 }, (_, i) => a.bus.publish(message(big, `e${i}`))),
      ...Array.from({ length: 3 }, (_, i) => a.bus.publish(message(small, `s${i}`))),
    ];
    const seqs = await Promise.all(published);
    expect(seqs.slice(0, 450)).toEqual(Array.from({ length: 450 }, (_, i) => i + 1));
    expect(seqs.slice(450)).toEqual([1, 2, 3]);
    await until(() => b.got.filter((m) => m.sessionId === big).length === 450);
    const seen = b.got.filter((m) => m.sessionId === big);
    expect(seen.map((m) => m.seq)).toEqual(seqs.slice(0, 450));
    expect(seen.map((m) => m.event)).toEqual(Array.from({ length: 450 }, (_, i) => `e${i}`));
    expect(seen[7].data).toEqual({ event: 'e7' });
    // 450 events of one session: batches of 200, 200 and 50; the other session's one.
    await until(() => channelMessages.length >= 4);
    expect(channelMessages).toHaveLength(4);
    expect((await b.bus.history(big, 440))?.map((m) => m.event)).toEqual(
      Array.from({ length: 10 }, (_, i) => `e${440 + i}`),
    );
    raw.disconnect();
  });

  it('never hands out a number at or below the floor (a restarted Redis lost its counter)', async () => {
    const a = await instance('floor');
    const sid = randomUUID();
    await a.bus.ensure(sid, 41);
    expect(await a.bus.publish(message(sid, 'x'))).toBe(42);
    // A batch starts above the floor too, and keeps counting from there.
    await a.bus.ensure(sid, 50);
    expect(
      await Promise.all([a.bus.publish(message(sid, 'y')), a.bus.publish(message(sid, 'z'))]),
    ).toEqual([51, 52]);
  });

  it('after publishes failed on a dropped command connection, every instance resends snapshots', async () => {
    const a = await instance('c');
    const b = await instance('d');
    const sid = randomUUID();
    // The command connection alone drops (the subscriber stays): what A publishes meanwhile
    // reaches nobody.
    a.cmd.disconnect(true);
    await expect(a.bus.publish(message(sid, 'lost'))).rejects.toBeDefined();
    expect(a.bus.failures).toBe(1);
    await until(() => a.recovered === 1 && b.recovered === 1);
    expect(b.got.some((m) => m.event === 'lost')).toBe(false);
    // Publishing works again, and no second resync follows.
    await a.bus.publish(message(sid, 'after'));
    await until(() => b.got.some((m) => m.event === 'after'));
    await new Promise((r) => setTimeout(r, 200));
    expect([a.recovered, b.recovered]).toEqual([1, 1]);
  });

  it('a dropped command connection that lost nothing causes no resync', async () => {
    const a = await instance('e');
    const b = await instance('f');
    a.cmd.disconnect(true);
    await until(() => a.cmd.status === 'ready');
    await new Promise((r) => setTimeout(r, 200));
    expect([a.recovered, b.recovered]).toEqual([0, 0]);
  });

  it('a subscriber that dropped and came back resends snapshots on its own instance only', async () => {
    const a = await instance('g');
    const b = await instance('h');
    a.sub.disconnect(true);
    await until(() => a.recovered === 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(b.recovered).toBe(0);
  });
});
