/**
 * The process environment, parsed once into a typed, validated config.
 * A missing or malformed value stops the process with one line naming the variable.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

const bool = (def: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], {
      errorMap: () => ({ message: 'expected true or false' }),
    })
    .optional()
    .transform((v) => (v === undefined ? def : v === 'true' || v === '1' || v === 'yes'));

const int = (def: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return def;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `expected a whole number from ${min} to ${max}`,
        });
        return z.NEVER;
      }
      return n;
    });

const intList = (def: number[]) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return def;
      const parts = v.split(',').map((p) => Number(p.trim()));
      if (parts.some((n) => !Number.isInteger(n) || n <= 0)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: 'expected a comma-separated list of positive whole numbers, e.g. 10,5,1',
        });
        return z.NEVER;
      }
      return parts;
    });

/** A cron expression (5 or 6 fields) or "off". */
const cron = (def: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const raw = v === undefined || v.trim() === '' ? def : v.trim();
      if (raw === 'off') return raw;
      const fields = raw.split(/\s+/);
      if (
        fields.length < 5 ||
        fields.length > 6 ||
        !fields.every((f) => /^[\d*/,\-A-Za-z?]+$/.test(f))
      ) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message:
            'expected a cron expression like "0 3 * * *" (minute hour day month weekday) or off',
        });
        return z.NEVER;
      }
      return raw;
    });

/** Comma-separated CIDR blocks (IPv4 or IPv6), or "none". */
const cidrList = (def: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const raw = v === undefined || v.trim() === '' ? def : v.trim();
      if (raw === 'none') return [];
      const list = raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      for (const c of list) {
        const m = /^([0-9a-f.:]+)\/(\d{1,3})$/i.exec(c);
        const max = c.includes(':') ? 128 : 32;
        if (!m || Number(m[2]) > max || (!c.includes(':') && !/^\d+\.\d+\.\d+\.\d+$/.test(m[1]))) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: `"${c}" is not a CIDR block; expected a comma-separated list like 127.0.0.0/8,10.0.0.0/8 or none`,
          });
          return z.NEVER;
        }
      }
      return list;
    });

const DEFAULT_DEV_ORIGINS =
  'http://localhost:3000,http://127.0.0.1:3000,http://localhost:4200,http://127.0.0.1:4200';

export const envSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'production', 'test'], {
      errorMap: () => ({ message: 'expected development, production or test' }),
    })
    .default('development'),
  PORT: int(3000, 0, 65535),
  HOST: z.string().default('0.0.0.0'),
  WEBSOCKET_PORT: int(0, 0, 65535),
  JWT_SECRET: z.string().min(32, 'expected at least 32 characters').optional(),
  JWT_ISSUER: z.string().min(1).default('realtime-exam'),
  JWT_AUDIENCE: z.string().min(1).default('realtime-exam-clients'),
  // 30 s minimum, checked below; NODE_ENV=test may go down to 2 s for expiry tests.
  JWT_ACCESS_TTL_SECONDS: int(900, 2, 86400),
  JWT_REFRESH_TTL_SECONDS: int(7 * 24 * 3600, 60, 90 * 24 * 3600),
  ALLOWED_ORIGINS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const raw = v === undefined || v.trim() === '' ? undefined : v;
      if (raw === undefined) return undefined;
      const list = raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      for (const o of list) {
        if (o === '*') continue;
        // Accept full origins (https://x.org) and bare hosts (x.org:3000) as the seed did.
        if (!/^(https?:\/\/)?[a-z0-9.-]+(:\d+)?$/i.test(o)) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: `"${o}" is not an origin; expected a comma-separated list like https://exam.school.org,localhost:3000`,
          });
          return z.NEVER;
        }
      }
      return list;
    }),
  DATABASE_URL: z
    .string()
    .default('sqlite:db/exam.sqlite')
    .refine((v) => /^(sqlite:.+|postgres(ql)?:\/\/.+)$/.test(v), {
      message: 'expected sqlite:<file path>, sqlite::memory: or postgres://user@host:port/db',
    }),
  REDIS_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || /^rediss?:\/\/.+/.test(v), {
      message: 'expected redis://host:port',
    }),
  // Names of this deployment's Redis keys and channels (several deployments on one Redis).
  REDIS_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/i, 'expected letters, digits, - or _ (at most 40)')
    .default('exam'),
  // This instance's name in logs and lease rows (several instances); default: host and pid.
  INSTANCE_NAME: z.string().max(100).optional(),
  DEBUG: z.string().default(''),
  // Default: info, but error under NODE_ENV=test so test runs stay quiet.
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  SEED_DEMO: bool(true),
  STATIC_DIR: z.string().optional(),
  REQUIRE_HTTPS: bool(false).optional(),
  TRUST_PROXY: bool(false),
  // Login protection (seed: 5 attempts per 5 minutes).
  LOGIN_MAX_ATTEMPTS: int(5, 1, 1000),
  // Per IP: high enough for a class behind one school NAT (many accounts, a few typos each).
  LOGIN_MAX_ATTEMPTS_PER_IP: int(100, 1, 100_000),
  LOGIN_WINDOW_MS: int(300_000, 1000, 86_400_000),
  // Realtime (seed defaults).
  WS_MAX_MESSAGE_BYTES: int(50 * 1024, 1024, 10 * 1024 * 1024),
  WS_MAX_ANSWER_BYTES: int(10 * 1024, 256, 1024 * 1024),
  WS_MESSAGES_PER_MINUTE: int(60, 1, 100_000),
  // Per client address (a class behind one NAT), over all instances; 0: 50 x the above.
  WS_MESSAGES_PER_MINUTE_PER_IP: int(0, 0, 100_000_000),
  WS_ANSWERS_PER_10S: int(10, 1, 100_000),
  WS_MAX_CONNECTIONS_PER_USER: int(3, 1, 100),
  WS_MAX_CONNECTIONS_PER_IP: int(2000, 1, 1_000_000),
  WS_MAX_CONNECTIONS: int(10_000, 1, 1_000_000),
  WS_HEARTBEAT_INTERVAL_MS: int(30_000, 500, 600_000),
  WS_INACTIVITY_TIMEOUT_MS: int(30 * 60_000, 1000, 24 * 3600_000),
  WS_SESSION_TIMEOUT_MS: int(4 * 3600_000, 1000, 48 * 3600_000),
  WS_AUTH_TIMEOUT_MS: int(10_000, 100, 120_000),
  WS_COMPRESSION: bool(false),
  // A student whose last socket in a session closed shows 'reconnecting' this long, then 'disconnected'.
  RECONNECT_GRACE_MS: int(30_000, 0, 3600_000),
  // Security (issue 6): REST requests per minute per client IP (health and /metrics exempt),
  // and how far a client-sent clock may be from the server's before it is flagged.
  REST_RATE_LIMIT: int(600, 1, 1_000_000),
  // REST requests per minute per signed-in user (after authentication).
  REST_USER_RATE_LIMIT: int(300, 1, 1_000_000),
  CLOCK_SKEW_TOLERANCE_MS: int(120_000, 1000, 86_400_000),
  // Exam clock.
  TIME_WARNING_MINUTES: intList([10, 5, 1]),
  GRACE_PERIOD_SECONDS: int(30, 0, 3600),
  ANSWER_FLUSH_MAX_ROWS: int(500, 1, 900),
  // Under load, answer batches start at most this often (ms; 0 = as soon as the last is done).
  ANSWER_COMMIT_INTERVAL_MS: int(0, 0, 100),
  // Operations.
  HEALTH_LOG_INTERVAL_MS: int(300_000, 1000, 86_400_000),
  METRICS_TOKEN: z.string().optional(),
  // Without METRICS_TOKEN, /metrics answers only clients in these networks ("none" = nobody).
  METRICS_ALLOW_CIDRS: cidrList(
    '127.0.0.0/8,::1/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7',
  ),
  HEALTH_MAX_EVENT_LOOP_LAG_MS: int(1000, 1, 600_000),
  // Graceful shutdown (R19): force-exit with code 1 if draining takes longer.
  SHUTDOWN_TIMEOUT_MS: int(10_000, 100, 600_000),
  // Maintenance jobs (cron expressions, or "off").
  CLEANUP_CRON: cron('0 3 * * *'),
  ARCHIVE_CRON: cron('0 4 * * 0'),
  BACKUP_CRON: cron('off'),
  STALE_CONNECTION_HOURS: int(24, 1, 24 * 365),
  ABANDONED_SESSION_DAYS: int(30, 1, 3650),
  ARCHIVE_AFTER_DAYS: int(30, 0, 3650),
  // Security log rows older than this are deleted by the clean-up job (academies may set theirs).
  SECURITY_LOG_RETENTION_DAYS: int(180, 1, 3650),
  BACKUP_DIR: z.string().default('db/backups'),
  BACKUP_KEEP: int(14, 1, 10_000),
});

export type RawEnv = z.input<typeof envSchema>;
export type ParsedEnv = z.output<typeof envSchema>;

export interface AppConfig extends Omit<
  ParsedEnv,
  'JWT_SECRET' | 'ALLOWED_ORIGINS' | 'REQUIRE_HTTPS' | 'LOG_LEVEL'
> {
  LOG_LEVEL: NonNullable<ParsedEnv['LOG_LEVEL']>;
  JWT_SECRET: string;
  ALLOWED_ORIGINS: string[];
  REQUIRE_HTTPS: boolean;
  /** True when JWT_SECRET was generated for this run (development only). */
  jwtSecretGenerated: boolean;
}

export class ConfigError extends Error {}

/** Parses the environment. Throws ConfigError with one line per bad variable. */
export function parseEnv(env: Record<string, string | undefined>): AppConfig {
  const cleaned: Record<string, string | undefined> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const v = env[key];
    cleaned[key] = v === '' ? undefined : v;
  }
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => {
      const name = String(i.path[0] ?? 'environment');
      return `Invalid configuration: ${name}=${JSON.stringify(env[name] ?? '')} - ${i.message}`;
    });
    throw new ConfigError(lines.join('\n'));
  }
  const p = result.data;
  if (p.JWT_ACCESS_TTL_SECONDS < 30 && p.NODE_ENV !== 'test') {
    throw new ConfigError(
      `Invalid configuration: JWT_ACCESS_TTL_SECONDS=${p.JWT_ACCESS_TTL_SECONDS} - expected a whole number from 30 to 86400 (shorter lifetimes are for NODE_ENV=test only)`,
    );
  }
  // Several instances share truth in PostgreSQL and fan-out in Redis; a SQLite file belongs
  // to one process, so Redis beside it would only pretend to scale.
  if (p.REDIS_URL && p.DATABASE_URL.startsWith('sqlite:')) {
    throw new ConfigError(
      `Invalid configuration: REDIS_URL is set but DATABASE_URL=${JSON.stringify(p.DATABASE_URL)} is SQLite - several instances need PostgreSQL: set DATABASE_URL=postgres://user@host:5432/db, or unset REDIS_URL to run one instance on SQLite`,
    );
  }
  let secret = p.JWT_SECRET;
  let generated = false;
  if (!secret) {
    if (p.NODE_ENV === 'production') {
      throw new ConfigError(
        'Invalid configuration: JWT_SECRET is required in production - set it to a random string of at least 32 characters (e.g. `openssl rand -hex 32`)',
      );
    }
    secret = randomBytes(32).toString('hex');
    generated = true;
  }
  const origins =
    p.ALLOWED_ORIGINS ?? (p.NODE_ENV === 'production' ? [] : DEFAULT_DEV_ORIGINS.split(','));
  return {
    ...p,
    JWT_SECRET: secret,
    ALLOWED_ORIGINS: origins,
    REQUIRE_HTTPS: p.REQUIRE_HTTPS ?? p.NODE_ENV === 'production',
    LOG_LEVEL: p.LOG_LEVEL ?? (p.NODE_ENV === 'test' ? 'error' : 'info'),
    jwtSecretGenerated: generated,
  };
}
