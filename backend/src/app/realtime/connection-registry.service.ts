/**
 * Who is connected: sockets by user, counts by IP and in total. Enforces the seed's
 * connection limits (3 per user, a total cap, a per-IP cap), per-connection and per-user
 * message rate limits, the inactivity and session timeouts, and closes a user's sockets
 * when they sign out or change password. Memory only: it is rebuilt by reconnecting clients.
 */
import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { Subscription } from 'rxjs';
import { WS_CLOSE } from '@exam/contracts';
import { AuthEvents } from '../auth/auth-events';
import { SlidingWindowLimiter } from '../auth/domain/sliding-window-limiter';
import { AppConfigService } from '../config/app-config';
import { SHARED_RATE_COUNTS, type SharedRateCounts } from '../cluster/shared-rate-counts';
import { SecurityLogService } from '../security/security-log.service';
import type { HookVerdict, RealtimeHooks } from './realtime-hooks';
import { ExpiryWheel } from './expiry-wheel';
import { sendError, type WsClient } from './ws-client';

/** Events that carry an answer; they also count against the answer limit. */
export const ANSWER_EVENTS = new Set(['answer_submitted', 'answer_autosaved']);

/** A socket is closed this long after its token expired without a fresh auth_request. */
export const TOKEN_EXPIRY_GRACE_MS = 30_000;
/** TOKEN_EXPIRING is sent this long before expiry (less for very short tokens). */
export const TOKEN_EXPIRY_NOTICE_MS = 60_000;

/** Events an expired socket may still send: it can keep the line alive and re-authenticate. */
const ALLOWED_WHEN_EXPIRED = new Set(['heartbeat']);

/**
 * When to warn and when to close, for a token that expires `remainingMs` from now and whose
 * configured lifetime is `lifetimeMs`. Short lifetimes (tests only: the config refuses under
 * 30 s elsewhere) get proportionally short margins.
 */
export function expiryPlan(
  remainingMs: number,
  lifetimeMs: number,
): { warnInMs: number; closeInMs: number; graceMs: number } {
  const notice = Math.min(TOKEN_EXPIRY_NOTICE_MS, Math.floor(lifetimeMs / 2));
  const graceMs = Math.min(TOKEN_EXPIRY_GRACE_MS, Math.max(1_000, lifetimeMs));
  return {
    warnInMs: Math.max(0, remainingMs - notice),
    closeInMs: Math.max(0, remainingMs) + graceMs,
    graceMs,
  };
}

export interface ConnectionListener {
  onConnected?(client: WsClient): void;
  onDisconnected?(client: WsClient, code: number, reason: string): void;
}

@Injectable()
export class ConnectionRegistry implements RealtimeHooks, OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('ConnectionRegistry');
  private readonly byUser = new Map<string, Set<WsClient>>();
  private readonly byIp = new Map<string, number>();
  private readonly all = new Set<WsClient>();
  private readonly listeners: ConnectionListener[] = [];
  private readonly messageLimiter: SlidingWindowLimiter;
  private readonly answerLimiter: SlidingWindowLimiter;
  private readonly ipMessageLimiter: SlidingWindowLimiter;
  private sub?: Subscription;
  private sweeper?: NodeJS.Timeout;
  /** Each socket's next token deadline (the warning, then the close), on shared timers. */
  private readonly expiry = new ExpiryWheel<WsClient>((c) => this.expiryDue(c));
  /** Sockets whose client clock was already flagged (once per connection). */
  private readonly skewFlagged = new WeakSet<WsClient>();

  constructor(
    private readonly cfg: AppConfigService,
    private readonly authEvents: AuthEvents,
    @Optional() private readonly security?: SecurityLogService,
    /** Several instances: the per-IP message counts of the other instances. */
    @Optional() @Inject(SHARED_RATE_COUNTS) private readonly shared?: SharedRateCounts | null,
  ) {
    this.messageLimiter = new SlidingWindowLimiter(cfg.get('WS_MESSAGES_PER_MINUTE'), 60_000);
    this.answerLimiter = new SlidingWindowLimiter(cfg.get('WS_ANSWERS_PER_10S'), 10_000);
    // Per IP: generous (a classroom behind one NAT), but bounded.
    this.ipMessageLimiter = new SlidingWindowLimiter(
      cfg.get('WS_MESSAGES_PER_MINUTE_PER_IP') || cfg.get('WS_MESSAGES_PER_MINUTE') * 50,
      60_000,
    );
  }

  onModuleInit(): void {
    this.sub = this.authEvents.events$.subscribe((e) => {
      const code = WS_CLOSE.LOGGED_OUT;
      if (e.type === 'login_revoked') {
        for (const c of this.all) {
          if (c.ctx.user?.familyId === e.familyId) c.close(code, 'Signed out');
        }
        return;
      }
      if (e.type === 'academy_suspended') {
        for (const c of this.all) {
          if (c.ctx.user?.academyId === e.academyId)
            c.close(code, 'Your school account is suspended');
        }
        return;
      }
      for (const c of this.socketsOf(e.userId)) {
        if (e.type === 'password_changed' || c.ctx.user?.familyId === e.familyId) {
          c.close(code, e.type === 'logout' ? 'Signed out' : 'Password changed; sign in again');
        }
      }
    });
    const tick = Math.min(
      60_000,
      Math.max(250, Math.floor(this.cfg.get('WS_INACTIVITY_TIMEOUT_MS') / 4)),
    );
    this.sweeper = setInterval(() => this.sweep(Date.now()), tick);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    this.sub?.unsubscribe();
    if (this.sweeper) clearInterval(this.sweeper);
    this.expiry.clear();
  }

  addListener(l: ConnectionListener): void {
    this.listeners.push(l);
  }

  onAuthenticated(client: WsClient): HookVerdict {
    const user = client.ctx.pendingUser ?? client.ctx.user;
    if (!user) return { ok: false, code: 'NOT_AUTHENTICATED', message: 'Authenticate first.' };
    if (this.all.size >= this.cfg.get('WS_MAX_CONNECTIONS')) {
      this.log.warn({ msg: 'connection refused: server full', ip: client.ctx.ip });
      this.refused(client, user, 'server_full');
      return {
        ok: false,
        code: 'SERVER_BUSY',
        message: 'The server is at its connection limit. Try again in a minute.',
        close: WS_CLOSE.SERVER_FULL,
      };
    }
    if ((this.byIp.get(client.ctx.ip) ?? 0) >= this.cfg.get('WS_MAX_CONNECTIONS_PER_IP')) {
      this.log.warn({ msg: 'connection refused: per-IP limit', ip: client.ctx.ip });
      this.refused(client, user, 'per_ip_limit');
      return {
        ok: false,
        code: 'TOO_MANY_CONNECTIONS',
        message: 'Too many connections from your network. Close other tabs or try later.',
        close: WS_CLOSE.TOO_MANY_CONNECTIONS,
      };
    }
    const mine = this.byUser.get(user.id);
    const max = this.cfg.get('WS_MAX_CONNECTIONS_PER_USER');
    if (mine && mine.size >= max) {
      this.log.warn({
        msg: 'connection refused: per-user limit',
        userId: user.id,
        ip: client.ctx.ip,
      });
      this.refused(client, user, 'per_user_limit');
      return {
        ok: false,
        code: 'TOO_MANY_CONNECTIONS',
        message: `You already have ${max} open connections. Close the exam in another tab or device and try again.`,
        close: WS_CLOSE.TOO_MANY_CONNECTIONS,
      };
    }
    const set = mine ?? new Set<WsClient>();
    set.add(client);
    this.byUser.set(user.id, set);
    this.byIp.set(client.ctx.ip, (this.byIp.get(client.ctx.ip) ?? 0) + 1);
    this.all.add(client);
    client.ctx.registered = true;
    for (const l of this.listeners) l.onConnected?.(client);
    return { ok: true };
  }

  /**
   * Arms this socket's expiry deadlines for its current token (first auth and every fresh
   * auth_request): TOKEN_EXPIRING before expiry, close 4003 a grace period after it.
   */
  onTokenAccepted(client: WsClient): void {
    const user = client.ctx.user;
    if (!user) return;
    this.clearExpiry(client);
    const now = Date.now();
    const { warnInMs } = expiryPlan(user.expiresAt - now, this.tokenLifetimeMs());
    client.ctx.expirySlot = this.expiry.add(client, now + warnInMs);
  }

  /** The socket's deadline came: first the warning (and the close is armed), then the close. */
  private expiryDue(c: WsClient): void {
    c.ctx.expirySlot = undefined;
    const exp = c.ctx.user?.expiresAt;
    if (exp === undefined || c.readyState > 1) return;
    const { graceMs } = expiryPlan(exp - Date.now(), this.tokenLifetimeMs());
    const closesAt = exp + graceMs;
    if (Date.now() >= closesAt) return this.closeExpired(c, exp);
    this.warnExpiring(c, exp, closesAt);
    c.ctx.expirySlot = this.expiry.add(c, closesAt);
  }

  private tokenLifetimeMs(): number {
    return this.cfg.get('JWT_ACCESS_TTL_SECONDS') * 1000;
  }

  beforeDispatch(client: WsClient, event: string, data?: unknown): HookVerdict {
    const userId = client.ctx.user?.id ?? '';
    this.checkClientClock(client, event, data);
    if (
      client.ctx.user &&
      client.ctx.user.expiresAt <= Date.now() &&
      !ALLOWED_WHEN_EXPIRED.has(event)
    ) {
      return {
        ok: false,
        code: 'TOKEN_EXPIRED',
        message:
          'Your access token expired, so this was not done. Send auth_request with a fresh token, then send it again.',
      };
    }
    const ip = client.ctx.ip;
    const ipWait = this.ipMessageLimiter.take(ip, this.shared?.elsewhere(ip) ?? 0);
    if (ipWait === 0) this.shared?.note(ip);
    // Each limiter has its own keys: the socket id and the user id as they are (no string
    // built per frame).
    const wait = this.messageLimiter.take(client.ctx.id);
    if (wait > 0 || ipWait > 0) {
      this.rateLimited(client, event, ipWait === 0 ? 'connection' : 'ip');
      const retryAfterMs = Math.max(wait, ipWait);
      return {
        ok: false,
        code: 'RATE_LIMITED',
        message: `Too many messages. Wait ${Math.ceil(retryAfterMs / 1000)} s and send again.`,
        retryAfterMs,
      };
    }
    if (ANSWER_EVENTS.has(event)) {
      const answerWait = this.answerLimiter.take(userId);
      if (answerWait > 0) {
        this.rateLimited(client, event, 'answers');
        return {
          ok: false,
          code: 'RATE_LIMITED',
          message:
            'Too many answers in a short time. Your answer was not saved; send it again shortly.',
          retryAfterMs: answerWait,
        };
      }
    }
    return { ok: true };
  }

  onClose(client: WsClient, code: number, reason: string): void {
    this.clearExpiry(client);
    if (!client.ctx?.registered) return;
    client.ctx.registered = false;
    this.all.delete(client);
    const uid = client.ctx.user?.id;
    if (uid) {
      const set = this.byUser.get(uid);
      set?.delete(client);
      if (set && set.size === 0) this.byUser.delete(uid);
    }
    const n = (this.byIp.get(client.ctx.ip) ?? 1) - 1;
    if (n <= 0) this.byIp.delete(client.ctx.ip);
    else this.byIp.set(client.ctx.ip, n);
    this.messageLimiter.reset(client.ctx.id);
    for (const l of this.listeners) l.onDisconnected?.(client, code, reason);
  }

  socketsOf(userId: string): WsClient[] {
    return [...(this.byUser.get(userId) ?? [])];
  }

  get count(): number {
    return this.all.size;
  }

  countByRole(): Record<string, number> {
    const out: Record<string, number> = { admin: 0, teacher: 0, student: 0 };
    for (const c of this.all)
      if (c.ctx.user) out[c.ctx.user.role] = (out[c.ctx.user.role] ?? 0) + 1;
    return out;
  }

  clients(): IterableIterator<WsClient> {
    return this.all.values();
  }

  /** Closes idle sockets and sockets older than the session timeout (expiry has its own timers). */
  sweep(now: number): void {
    const idle = this.cfg.get('WS_INACTIVITY_TIMEOUT_MS');
    const maxAge = this.cfg.get('WS_SESSION_TIMEOUT_MS');
    for (const c of this.all) {
      if (now - c.ctx.lastMessageAt > idle) {
        c.close(WS_CLOSE.INACTIVE, 'Closed after inactivity; reconnect to continue');
      } else if (now - c.ctx.connectedAt > maxAge) {
        c.close(WS_CLOSE.SESSION_TIMEOUT, 'Connection too old; reconnect to continue');
      }
    }
  }

  private clearExpiry(client: WsClient): void {
    const slot = client.ctx?.expirySlot;
    if (slot === undefined) return;
    this.expiry.remove(client, slot);
    client.ctx.expirySlot = undefined;
  }

  /** Asks the socket to re-authenticate before its token `exp` expires (one frame per token). */
  private warnExpiring(c: WsClient, exp: number, closesAt: number): void {
    if (c.ctx.user?.expiresAt !== exp) return;
    const secs = Math.max(0, Math.ceil((exp - Date.now()) / 1000));
    sendError(
      c,
      'TOKEN_EXPIRING',
      `Your access token expires in ${secs} s. Send auth_request with a fresh token to stay connected; otherwise this connection closes ${Math.round((closesAt - exp) / 1000)} s after it expires.`,
      { details: { expiresAt: exp, closesAt } },
    );
  }

  /** The client was asked (auth_success.tokenExpiresAt, then TOKEN_EXPIRING) and did not renew. */
  private closeExpired(c: WsClient, exp: number): void {
    const user = c.ctx.user;
    if (!user || user.expiresAt !== exp || c.readyState > 1) return;
    this.security?.record({
      type: 'token_expired',
      userId: user.id,
      academyId: user.academyId,
      ip: c.ctx.ip,
      detail: { transport: 'ws', expiresAt: exp },
    });
    c.close(WS_CLOSE.TOKEN_EXPIRED, 'Token expired; reconnect with a fresh token');
  }

  /** A client-sent clock (e.g. heartbeat.clientNow) far from ours is flagged, never trusted. */
  private checkClientClock(client: WsClient, event: string, data: unknown): void {
    if (!this.security || this.skewFlagged.has(client)) return;
    if (typeof data !== 'object' || data === null) return;
    const clientNow = (data as { clientNow?: unknown }).clientNow;
    if (typeof clientNow !== 'number' || !Number.isFinite(clientNow)) return;
    const skew = clientNow - Date.now();
    if (Math.abs(skew) <= this.cfg.get('CLOCK_SKEW_TOLERANCE_MS')) return;
    this.skewFlagged.add(client);
    this.security.record({
      type: 'clock_skew',
      userId: client.ctx.user?.id,
      academyId: client.ctx.user?.academyId,
      ip: client.ctx.ip,
      detail: { transport: 'ws', event, skewMs: Math.round(skew) },
    });
  }

  private rateLimited(client: WsClient, event: string, scope: string): void {
    this.security?.record({
      type: 'rate_limited',
      userId: client.ctx.user?.id,
      academyId: client.ctx.user?.academyId,
      ip: client.ctx.ip,
      detail: { transport: 'ws', event: event.slice(0, 60), scope },
    });
  }

  private refused(client: WsClient, user: { id: string; academyId: string }, reason: string): void {
    this.security?.record({
      type: 'connection_refused',
      userId: user.id,
      academyId: user.academyId,
      ip: client.ctx.ip,
      detail: { transport: 'ws', reason },
    });
  }

  /** Tells every client to reconnect (shutdown, R19). */
  closeAll(code: number, reason: string): void {
    for (const c of [...this.all]) c.close(code, reason);
  }
}
