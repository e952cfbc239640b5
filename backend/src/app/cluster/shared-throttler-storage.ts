/**
 * REST rate limits shared by every instance (several instances): the throttler's counters in
 * Redis through @nest-lab/throttler-storage-redis, so a client spread by the proxy over three
 * instances meets one limit, not three. Fails open: while Redis is away requests are not
 * counted (and a warning is logged once per outage) rather than refused - a student's REST
 * answer must never depend on Redis.
 */
import { Logger } from '@nestjs/common';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type Redis from 'ioredis';

type StorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

export class SharedThrottlerStorage implements ThrottlerStorage {
  private readonly log = new Logger('RateLimits');
  private readonly redis: ThrottlerStorageRedisService;
  private failing = false;

  constructor(client: Redis) {
    this.redis = new ThrottlerStorageRedisService(client);
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<StorageRecord> {
    try {
      const r = await this.redis.increment(key, ttl, limit, blockDuration, throttlerName);
      if (this.failing) {
        this.failing = false;
        this.log.log({ msg: 'rate limits counted in Redis again' });
      }
      return r;
    } catch (e) {
      if (!this.failing) {
        this.failing = true;
        this.log.warn({ msg: 'Redis unavailable: REST rate limits not counted', err: String(e) });
      }
      return { totalHits: 0, timeToExpire: ttl, isBlocked: false, timeToBlockExpire: 0 };
    }
  }
}
