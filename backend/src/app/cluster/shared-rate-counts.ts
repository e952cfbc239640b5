/**
 * Several instances: how many messages an address (a school's NAT) sent through the OTHER
 * instances in the last minute, for the per-IP message limit (WS_MESSAGES_PER_MINUTE_PER_IP).
 * Without it, a proxy spreading one address over three instances triples its limit.
 *
 * The limit is checked on every frame, so it cannot wait for Redis. Each instance counts
 * locally and, once a second, adds its new counts to Redis (one hash per address and
 * 10-second bucket, one field per instance) with one Lua script, which answers with each
 * address's total from the other instances over the last six buckets. Frames are then
 * judged against local count + that total: the limit holds across instances to within one
 * second of the others' traffic. Every address seen here in the last minute is refreshed at
 * each flush, so its figure is current when its next burst comes; a figure older than a
 * few seconds (Redis away) is not used, and the limit is then per instance, as with one
 * instance. Memory: only addresses seen in the last minute are held.
 */
import { Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';

/** The provider (null with one instance). */
export const SHARED_RATE_COUNTS = Symbol('SHARED_RATE_COUNTS');

const FLUSH_MS = 1_000;
const BUCKET_MS = 10_000;
const BUCKETS = 6;
/** A figure from the others older than this is not trusted (it only ever overestimates). */
const STALE_MS = 3 * FLUSH_MS;

const FLUSH_SCRIPT = `
local prefix, inst = ARGV[1], ARGV[2]
local bucket, buckets, ttl = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local out = {}
for i = 6, #ARGV, 2 do
  local key, delta = ARGV[i], tonumber(ARGV[i + 1])
  local h = prefix .. ':rate:' .. key .. ':' .. bucket
  if delta > 0 then
    redis.call('HINCRBY', h, inst, delta)
    redis.call('PEXPIRE', h, ttl)
  end
  local others = 0
  for b = bucket - buckets + 1, bucket do
    local vals = redis.call('HGETALL', prefix .. ':rate:' .. key .. ':' .. b)
    for j = 1, #vals, 2 do
      if vals[j] ~= inst then others = others + tonumber(vals[j + 1]) end
    end
  end
  out[#out + 1] = others
end
return out
`;

interface Known {
  others: number;
  at: number;
}

export class SharedRateCounts implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('SharedRateCounts');
  /** Messages let through here since the last flush, per key. */
  private pending = new Map<string, number>();
  /**
   * Keys asked about, and when last: each is refreshed at every flush while it was seen in
   * the last minute, so a figure is current when the key's next burst comes.
   */
  private readonly active = new Map<string, number>();
  /** The others' figure per key, and when it was learnt. */
  private readonly known = new Map<string, Known>();
  private timer?: NodeJS.Timeout;
  private flushing = false;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly instance: string,
    private readonly now: () => number = Date.now,
  ) {
    redis.defineCommand('examRateFlush', { numberOfKeys: 0, lua: FLUSH_SCRIPT });
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Messages from this key through the other instances in about the last minute. */
  elsewhere(key: string): number {
    const now = this.now();
    this.active.set(key, now);
    const k = this.known.get(key);
    if (!k || now - k.at > STALE_MS) return 0;
    return k.others;
  }

  /** One message from this key was let through here. */
  note(key: string): void {
    this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
  }

  /** Sends this instance's new counts and learns the others' (the timer; tests call it). */
  async flush(): Promise<void> {
    if (this.flushing) return;
    const now = this.now();
    for (const [key, at] of this.active) {
      if (now - at > BUCKET_MS * BUCKETS) {
        this.active.delete(key);
        this.known.delete(key);
      }
    }
    const keys = [...new Set([...this.active.keys(), ...this.pending.keys()])];
    if (keys.length === 0) return;
    const counts = this.pending;
    this.pending = new Map();
    const args: Array<string | number> = [
      this.prefix,
      this.instance,
      Math.floor(now / BUCKET_MS),
      BUCKETS,
      BUCKET_MS * (BUCKETS + 1),
    ];
    for (const key of keys) args.push(key, counts.get(key) ?? 0);
    this.flushing = true;
    try {
      const res = (await (this.redis as unknown as RateFlush).examRateFlush(...args)) as number[];
      const at = this.now();
      keys.forEach((key, i) => this.known.set(key, { others: Number(res[i]), at }));
    } catch (e) {
      // Redis away: these counts are lost to the others (the limit is per instance meanwhile).
      this.log.warn({ msg: 'message counts not shared: Redis unavailable', err: String(e) });
    } finally {
      this.flushing = false;
    }
  }
}

interface RateFlush {
  examRateFlush(...args: Array<string | number>): Promise<unknown>;
}
