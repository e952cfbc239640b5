/**
 * The per-user WebSocket connection cap (WS_MAX_CONNECTIONS_PER_USER) counted over every
 * instance (several instances): without it a student could open three sockets on each
 * instance the proxy spreads them over.
 *
 * Each instance keeps, in Redis, a hash of its own sockets per user that lives while the
 * instance heartbeats (a killed instance's counts expire with it, they are never stuck), and
 * an entry in the set of live instances. A new socket is counted by one Lua script that adds
 * it and sums the user's sockets over the live instances; over the cap, it is taken back and
 * the socket is closed with 4006 TOO_MANY_CONNECTIONS, as a local refusal would be. The
 * check runs just after the local one (the registry's verdict is synchronous), so a socket
 * may live a few milliseconds before it is closed. Redis away: only the local cap applies.
 */
import { Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { WS_CLOSE } from '@exam/contracts';
import type Redis from 'ioredis';
import type { ConnectionRegistry } from '../realtime/connection-registry.service';
import { sendError, type WsClient } from '../realtime/ws-client';

const HEARTBEAT_MS = 5_000;
/** An instance silent this long is dead: its counts no longer count. */
const INSTANCE_TTL_MS = 15_000;

const ADD_SCRIPT = `
local prefix, inst, user = ARGV[1], ARGV[2], ARGV[3]
local now, ttl, max = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
redis.call('ZADD', prefix .. ':instances', now, inst)
local mine = prefix .. ':conn:' .. inst
redis.call('HINCRBY', mine, user, 1)
redis.call('PEXPIRE', mine, ttl)
local total = 0
for _, i in ipairs(redis.call('ZRANGEBYSCORE', prefix .. ':instances', now - ttl, '+inf')) do
  total = total + tonumber(redis.call('HGET', prefix .. ':conn:' .. i, user) or '0')
end
if total > max then
  redis.call('HINCRBY', mine, user, -1)
  return 0
end
return 1
`;

export class SharedConnectionCaps implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('ConnectionCaps');
  private timer?: NodeJS.Timeout;
  /** Sockets counted in Redis (a refused or uncounted one is not taken back). */
  private readonly counted = new WeakSet<WsClient>();

  constructor(
    private readonly redis: Redis,
    private readonly registry: ConnectionRegistry,
    private readonly prefix: string,
    private readonly instance: string,
    private readonly max: number,
  ) {
    redis.defineCommand('examConnAdd', { numberOfKeys: 0, lua: ADD_SCRIPT });
  }

  onModuleInit(): void {
    this.registry.addListener({
      onConnected: (c) => void this.add(c),
      onDisconnected: (c) => this.remove(c),
    });
    this.timer = setInterval(() => this.heartbeat(), HEARTBEAT_MS);
    this.timer.unref();
    this.heartbeat();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.redis
      .multi()
      .zrem(`${this.prefix}:instances`, this.instance)
      .del(this.hash())
      .exec()
      .catch(() => undefined);
  }

  private hash(): string {
    return `${this.prefix}:conn:${this.instance}`;
  }

  private async add(client: WsClient): Promise<void> {
    // Listeners hear of a socket while its authentication is being decided.
    const user = (client.ctx.user ?? client.ctx.pendingUser)?.id;
    if (!user) return;
    let ok: unknown;
    try {
      ok = await (this.redis as unknown as ConnAdd).examConnAdd(
        this.prefix,
        this.instance,
        user,
        Date.now(),
        INSTANCE_TTL_MS,
        this.max,
      );
    } catch {
      return; // Redis away: the local cap is all there is
    }
    if (Number(ok) === 1) {
      if (client.readyState === 1 && client.ctx.registered) this.counted.add(client);
      else this.decrement(user); // closed meanwhile
      return;
    }
    this.log.warn({ msg: 'connection refused: per-user limit over all instances', userId: user });
    sendError(
      client,
      'TOO_MANY_CONNECTIONS',
      `You already have ${this.max} open connections. Close the exam in another tab or device and try again.`,
      { recoverable: false },
    );
    client.close(WS_CLOSE.TOO_MANY_CONNECTIONS, 'Too many connections');
  }

  private remove(client: WsClient): void {
    if (!this.counted.has(client)) return;
    this.counted.delete(client);
    const user = client.ctx.user?.id;
    if (user) this.decrement(user);
  }

  private decrement(user: string): void {
    this.redis.hincrby(this.hash(), user, -1).catch(() => undefined);
  }

  private heartbeat(): void {
    this.redis
      .multi()
      .zadd(`${this.prefix}:instances`, Date.now(), this.instance)
      .pexpire(this.hash(), INSTANCE_TTL_MS)
      .zremrangebyscore(`${this.prefix}:instances`, 0, Date.now() - 10 * INSTANCE_TTL_MS)
      .exec()
      .catch(() => undefined);
  }
}

interface ConnAdd {
  examConnAdd(...args: Array<string | number>): Promise<unknown>;
}
