/**
 * A signed token is not enough: every request and handshake also checks, against the
 * database, that its user still exists with the role and academy the token claims, is not
 * deactivated, and that its login (refresh family) exists and is not revoked. Read through
 * a short cache; every change made here (revocation, deactivation, role or password
 * change) invalidates it at once; several instances: the others as the change is relayed
 * to them (AuthEventsRelay), or within CACHE_MS if that signal is lost.
 */
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { IsNull, type Repository } from 'typeorm';
import { AppError } from '../common/app-error';
import { rawAll } from '../database/raw-sql';
import { RefreshTokenEntity } from './entities/refresh-token.entity';
import { UserEntity } from './entities/user.entity';

const CACHE_MS = 5_000;
/** Logins checked in one read; 1,000 parameters, well under SQLite's and PostgreSQL's limits. */
const BATCH_MAX = 500;

type LoginKey = { userId: string; familyId: string };

type UserFacts = Pick<UserEntity, 'role' | 'academyId' | 'deactivatedAt'>;

export function disabledError(): AppError {
  return new AppError(
    403,
    'ACCOUNT_DISABLED',
    "This account is deactivated, so it cannot sign in. Ask your school's admin to reactivate it.",
  );
}

const signedOut = (why: string) => new AppError(401, 'TOKEN_INVALID', `${why} Sign in again.`);

@Injectable()
export class AccountChecks {
  private readonly users = new Map<string, { facts: UserFacts | null; at: number }>();
  private readonly logins = new Map<string, { live: boolean; at: number }>();

  constructor(
    @InjectRepository(UserEntity) private readonly userRepo: Repository<UserEntity>,
    @InjectRepository(RefreshTokenEntity)
    private readonly refreshRepo: Repository<RefreshTokenEntity>,
  ) {}

  private async user(id: string): Promise<UserFacts | null> {
    const hit = this.users.get(id);
    if (hit && this.fresh(hit)) return hit.facts;
    const facts = await this.userRepo.findOne({
      where: { id },
      select: { role: true, academyId: true, deactivatedAt: true },
    });
    this.users.set(id, { facts, at: Date.now() });
    return facts;
  }

  private async loginLive(familyId: string): Promise<boolean> {
    const hit = this.logins.get(familyId);
    if (hit && this.fresh(hit)) return hit.live;
    const live = await this.refreshRepo.exists({ where: { familyId, revokedAt: IsNull() } });
    this.logins.set(familyId, { live, at: Date.now() });
    return live;
  }

  /**
   * Both unknown (a new login, a join storm): the user and the login are read together, and
   * the checks asked for while the event loop polls are read in one batch: one statement
   * for up to BATCH_MAX logins, straight on the driver (database/raw-sql.ts). One query per
   * handshake, each through TypeORM's query runner, was ~12% of the server's CPU while 5,000
   * students joined at once.
   */
  private readonly batch = new DataLoader<LoginKey, void, string>((keys) => this.readBatch(keys), {
    cache: false,
    maxBatchSize: BATCH_MAX,
    // Handshakes arrive in separate I/O callbacks: wait for the poll phase to end, not the
    // tick, and for the batch being read (see `reading`).
    batchScheduleFn: (run) => void this.reading.then(() => setImmediate(run)),
  });

  /**
   * The batch being read, if any: the next one waits for it, so the checks asked for
   * meanwhile go together. Under a join storm a poll phase held one or two handshakes, and
   * a batch per poll phase was still ~0.9 reads per handshake (each two trips to SQLite's
   * thread); waiting for the read in flight makes the batches as big as the storm is fast.
   * A lone handshake still goes at once.
   */
  private reading: Promise<unknown> = Promise.resolve();

  private both(userId: string, familyId: string): Promise<void> {
    return this.batch.load({ userId, familyId });
  }

  private readBatch(keys: readonly LoginKey[]): Promise<void[]> {
    const read = this.read(keys);
    this.reading = read.catch(() => undefined);
    return read;
  }

  private async read(keys: readonly LoginKey[]): Promise<void[]> {
    const ds = this.userRepo.manager.connection;
    const userIds = [...new Set(keys.map((k) => k.userId))];
    const familyIds = [...new Set(keys.map((k) => k.familyId))];
    const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');
    // One statement: the users ('u' rows), then the logins not revoked ('f' rows).
    const rows = await rawAll<{
      kind: string;
      id: string;
      role: string | null;
      academy_id: string | null;
      deactivated_at: unknown;
    }>(
      ds,
      `SELECT 'u' AS kind, id, role, academy_id, deactivated_at FROM users
         WHERE id IN (${marks(userIds.length)})
       UNION ALL
       SELECT 'f' AS kind, family_id AS id, NULL AS role, NULL AS academy_id, NULL AS deactivated_at
         FROM refresh_tokens WHERE revoked_at IS NULL AND family_id IN (${marks(familyIds.length)})`,
      [...userIds, ...familyIds],
    );
    const at = Date.now();
    const found = new Map<string, (typeof rows)[number]>();
    const liveSet = new Set<string>();
    for (const r of rows) {
      if (r.kind === 'u') found.set(r.id, r);
      else liveSet.add(r.id);
    }
    for (const id of userIds) {
      const r = found.get(id);
      this.users.set(id, {
        facts: r
          ? {
              role: r.role as UserFacts['role'],
              academyId: r.academy_id as string,
              deactivatedAt:
                r.deactivated_at === null || r.deactivated_at === undefined
                  ? null
                  : Number(r.deactivated_at),
            }
          : null,
        at,
      });
    }
    for (const f of familyIds) this.logins.set(f, { live: liveSet.has(f), at });
    return keys.map(() => undefined);
  }

  private fresh(entry: { at: number } | undefined): boolean {
    return !!entry && Date.now() - entry.at < CACHE_MS;
  }

  /** Throws unless the token's user, role, academy and login are all still as claimed. */
  async assertCurrent(c: {
    userId: string;
    role: string;
    academyId: string;
    familyId: string;
  }): Promise<void> {
    if (!this.fresh(this.users.get(c.userId)) && !this.fresh(this.logins.get(c.familyId))) {
      await this.both(c.userId, c.familyId);
    }
    const u = await this.user(c.userId);
    if (!u) throw signedOut('This account no longer exists.');
    if (u.role !== c.role || u.academyId !== c.academyId) {
      throw signedOut('Your role or school changed since you signed in.');
    }
    if (u.deactivatedAt !== null && u.deactivatedAt !== undefined) throw disabledError();
    if (!(await this.loginLive(c.familyId))) throw signedOut('This session was signed out.');
  }

  forgetUser(id: string): void {
    this.users.delete(id);
  }

  /** Every cached login of every user (a user's logins were all revoked elsewhere). */
  forgetLogins(): void {
    this.logins.clear();
  }

  forgetLogin(familyId: string): void {
    this.logins.delete(familyId);
  }
}
