/**
 * The Redis connections of one instance (REDIS_URL set): one for commands (publishing,
 * counters, the throttler, stream reads) and one in subscriber mode. Commands have no
 * offline queue: one sent while Redis is away fails at once instead of running late with
 * stale data. The subscriber queues its SUBSCRIBE until the first connection. Reconnects
 * go on forever with a capped back-off.
 */
import Redis from 'ioredis';

export function redisConnection(url: string, name: string, subscriber = false): Redis {
  return new Redis(url, {
    connectionName: name,
    enableOfflineQueue: subscriber,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(100 * attempt, 1_000),
    // A subscriber that lost its connection subscribes again by itself.
    autoResubscribe: true,
  });
}
