/**
 * The structured security log the seed asks for ("an operator can review daily"): every
 * sign-in and failure, lockout, refusal, rate-limit hit, origin/token/HTTPS rejection,
 * connection-cap refusal and flagged client clock becomes
 *  - one JSON line in the app log with `"security": true` (grep-able: `jq 'select(.security)'`),
 *  - one row in `security_events` (GET /api/v1/security/events for admins, academy-scoped).
 * Writes are batched off the hot path (one INSERT per second at most) and flood-controlled:
 * at most SECURITY_LOG_PER_KEY events per minute per (type, ip, user) are written; the rest
 * are counted and written once as a summary, so an attacker cannot turn refusals into a
 * database-write amplifier. Secrets (passwords, tokens) are never recorded.
 */
import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { Logger as PinoRoot } from 'pino';
import type { Repository } from 'typeorm';
import { SlidingWindowLimiter } from '../auth/domain/sliding-window-limiter';
import { ROOT_LOGGER } from '../monitoring/logging.module';
import { SecurityEventEntity } from './security-event.entity';

export const SECURITY_EVENT_TYPES = [
  'login_succeeded',
  'login_failed',
  'login_locked',
  'logout',
  'password_changed',
  'token_rejected',
  'access_denied',
  'origin_rejected',
  'https_required',
  'rate_limited',
  'connection_refused',
  'token_expired',
  'clock_skew',
  'setup_completed',
  'setup_refused',
  'academy_created',
  'academy_changed',
  'academy_suspended',
  'academy_reactivated',
  'admin_created',
  'user_changed',
  'user_deactivated',
  'user_reactivated',
  'password_reset',
  'users_imported',
  'join_code_failed',
  'join_code_limited',
] as const;
export type SecurityEventType = (typeof SECURITY_EVENT_TYPES)[number];

export interface SecurityEventInput {
  type: SecurityEventType;
  severity?: 'info' | 'warn';
  academyId?: string | null;
  userId?: string | null;
  ip?: string | null;
  /** Small, non-secret facts: code, email, origin, event, path, limit… */
  detail?: Record<string, unknown>;
}

/** A request path as the log keeps it: ids replaced by :id, bounded, no query string. */
export function routeOf(url: string | undefined): string {
  return (url ?? '/')
    .split('?')[0]
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, ':id')
    .slice(0, 200);
}

/** Events written per minute per (type, ip, user) before further ones are only counted. */
export const SECURITY_LOG_PER_KEY = 20;
const FLUSH_MS = 1000;
const MAX_BUFFER = 5000;

@Injectable()
export class SecurityLogService implements OnModuleInit, OnApplicationShutdown {
  private readonly fallback = new Logger('Security');
  private readonly log?: PinoRoot;
  private readonly limiter = new SlidingWindowLimiter(SECURITY_LOG_PER_KEY, 60_000);
  private readonly suppressed = new Map<string, { input: SecurityEventInput; n: number }>();
  private buffer: SecurityEventEntity[] = [];
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();
  private lastSummary = Date.now();

  constructor(
    @InjectRepository(SecurityEventEntity) private readonly repo: Repository<SecurityEventEntity>,
    @Optional() @Inject(ROOT_LOGGER) root?: PinoRoot,
  ) {
    this.log = root?.child({ security: true });
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush().catch(() => undefined);
  }

  /** Records one event (synchronous for the caller; the database write is batched). */
  record(input: SecurityEventInput): void {
    const key = `${input.type}|${input.ip ?? ''}|${input.userId ?? ''}`;
    if (!this.limiter.hit(key).allowed) {
      const s = this.suppressed.get(key);
      if (s) s.n++;
      else if (this.suppressed.size < 10_000) this.suppressed.set(key, { input, n: 1 });
      return;
    }
    this.write(input);
  }

  private write(input: SecurityEventInput, extra: Record<string, unknown> = {}): void {
    const severity = input.severity ?? (input.type === 'login_succeeded' ? 'info' : 'warn');
    const row: SecurityEventEntity = {
      id: randomUUID(),
      at: Date.now(),
      type: input.type,
      severity,
      academyId: input.academyId ?? null,
      userId: input.userId ?? null,
      ip: input.ip ? input.ip.slice(0, 64) : null,
      detail: { ...(input.detail ?? {}), ...extra },
    };
    const line = {
      msg: `security: ${row.type}`,
      security: true,
      event: row.type,
      academyId: row.academyId ?? undefined,
      userId: row.userId ?? undefined,
      ip: row.ip ?? undefined,
      ...row.detail,
    };
    if (this.log) this.log[severity === 'info' ? 'info' : 'warn'](line);
    else if (severity === 'info') this.fallback.log(line);
    else this.fallback.warn(line);
    if (this.buffer.length >= MAX_BUFFER) this.buffer.shift();
    this.buffer.push(row);
    if (this.buffer.length >= 200) void this.flush();
  }

  /** Writes what is buffered (and the flood summaries once a minute). Safe to call any time. */
  flush(): Promise<void> {
    if (Date.now() - this.lastSummary >= 60_000) this.summarise();
    this.flushing = this.flushing.then(async () => {
      while (this.buffer.length > 0) {
        const rows = this.buffer.splice(0, 100);
        try {
          await this.repo.insert(rows as Parameters<Repository<SecurityEventEntity>['insert']>[0]);
        } catch (e) {
          this.fallback.error(`security log write failed: ${(e as Error).message}`);
          return;
        }
      }
    });
    return this.flushing;
  }

  /** One row per flooded key: how many events were counted but not written. */
  summarise(): void {
    this.lastSummary = Date.now();
    for (const { input, n } of this.suppressed.values()) this.write(input, { suppressed: n });
    this.suppressed.clear();
  }
}
