/**
 * The per-user and per-IP WebSocket connection caps (WS_MAX_CONNECTIONS_PER_USER,
 * WS_MAX_CONNECTIONS_PER_IP) counted over every instance (several instances): without it a
 * student could open three sockets on each instance the proxy spreads them over.
 *
 * Each instance keeps, in Redis, a hash of its own sockets per user that lives while the
 * instance heartbeats (a killed instance's counts expire with it, they are never stuck), and
 * an entry in the set of live instances. A new socket is counted by one Lua script that adds
 * it and sums the user's sockets over the live instances; over the cap, it is taken back and
 * the socket is closed with 4006 TOO_MANY_CONNECTIONS, as a local refusal would be. The
 * client's IP is counted the same way, beside its user. The
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
local prefix, inst, user, ip = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local now, ttl = tonumber(ARGV[5]), tonumber(ARGV[6])
local maxUser, maxIp = tonumber(ARGV[7]), tonumber(ARGV[8])
redis.call('ZADD', prefix .. ':instances', now, inst)
local mine = prefix .. ':conn:' .. inst
redis.call('HINCRBY', mine, user, 1)
redis.call('HINCRBY', mine, ip, 1)
redis.call('PEXPIRE', mine, ttl)
local users, ips = 0, 0
for _, i in ipairs(redis.call('ZRANGEBYSCORE', prefix .. ':instances', now - ttl, '+inf')) do
  local h = prefix .. ':conn:' .. i
  users = users + tonumber(redis.call('HGET', h, user) or '0')
  ips = ips + tonumber(redis.call('HGET', h, ip) or '0')
end
if users > maxUser or ips > maxIp then
  redis.call('HINCRBY', mine, user, -1)
  redis.call('HINCRBY', mine, ip, -1)
  if users > maxUser then return 0 end
  return -1
end
return 1
`;

export class SharedConnectionCaps implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('ConnectionCaps');
  private timer?: NodeJS.Timeout;
  /** Sockets counted in Redis, with their fields (a refused one is not taken back). */
  private readonly counted = new WeakMap<WsClient, { user: string; ip: string }>();

  constructor(
    private readonly redis: Redis,
    private readonly registry: ConnectionRegistry,
    private readonly prefix: string,
    private readonly instance: string,
    private readonly max: number,
    private readonly maxPerIp: number,
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
    const id = (client.ctx.user ?? client.ctx.pendingUser)?.id;
    if (!id) return;
    const keys = { user: `u:${id}`, ip: `i:${client.ctx.ip}` };
    let verdict: number;
    try {
      verdict = Number(
        await (this.redis as unknown as ConnAdd).examConnAdd(
          this.prefix,
          this.instance,
          keys.user,
          keys.ip,
          Date.now(),
          INSTANCE_TTL_MS,
          this.max,
          this.maxPerIp,
        ),
      );
    } catch {
      return; // Redis away: the local caps are all there is
    }
    if (verdict === 1) {
      if (client.readyState === 1 && client.ctx.registered) this.counted.set(client, keys);
      else this.decrement(keys); // closed meanwhile
      return;
    }
    const perUser = verdict === 0;
    this.log.warn({
      msg: `connection refused: per-${perUser ? 'user' : 'IP'} limit over all instances`,
      userId: id,
      ip: client.ctx.ip,
    });
    sendError(
      client,
      'TOO_MANY_CONNECTIONS',
      perUser
        ? `You already have ${this.max} open connections. Close the exam in another tab or device and try again.`
        : 'Too many connections from your network. Close other tabs or try later.',
      { recoverable: false },
    );
    client.close(WS_CLOSE.TOO_MANY_CONNECTIONS, 'Too many connections');
  }

  private remove(client: WsClient): void {
    const keys = this.counted.get(client);
    if (!keys) return;
    this.counted.delete(client);
    this.decrement(keys);
  }

  private decrement(keys: { user: string; ip: string }): void {
    this.redis
      .multi()
      .hincrby(this.hash(), keys.user, -1)
      .hincrby(this.hash(), keys.ip, -1)
      .exec()
      .catch(() => undefined);
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
