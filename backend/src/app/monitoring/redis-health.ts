/**
 * Redis reachability for the health check, only when REDIS_URL is set: one lazily opened
 * ioredis client (no retries, no offline queue) answering PING within the timeout.
 */
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfigService } from '../config/app-config';

@Injectable()
export class RedisHealth implements OnModuleDestroy {
  private client?: Redis;

  constructor(private readonly cfg: AppConfigService) {}

  get configured(): boolean {
    return Boolean(this.cfg.get('REDIS_URL'));
  }

  /** Resolves with the round-trip time in ms; rejects when Redis does not answer. */
  async ping(timeoutMs = 2000): Promise<number> {
    const url = this.cfg.get('REDIS_URL');
    if (!url) throw new Error('REDIS_URL is not set');
    this.client ??= new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      connectTimeout: timeoutMs,
      retryStrategy: () => null,
    });
    const c = this.client;
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        (async () => {
          if (c.status === 'wait' || c.status === 'end' || c.status === 'close') await c.connect();
          await c.ping();
        })(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer within ${timeoutMs} ms`)),
            timeoutMs,
          );
        }),
      ]);
      return Date.now() - started;
    } catch (e) {
      // Start over next time: a failed client does not reconnect by itself (retryStrategy null).
      c.disconnect();
      this.client = undefined;
      throw e;
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  onModuleDestroy(): void {
    this.client?.disconnect();
  }
}
