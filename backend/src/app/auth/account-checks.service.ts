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
import { IsNull, type Repository } from 'typeorm';
import { AppError } from '../common/app-error';
import { RefreshTokenEntity } from './entities/refresh-token.entity';
import { UserEntity } from './entities/user.entity';

const CACHE_MS = 5_000;

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
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.facts;
    const facts = await this.userRepo.findOne({
      where: { id },
      select: { role: true, academyId: true, deactivatedAt: true },
    });
    this.users.set(id, { facts, at: Date.now() });
    return facts;
  }

  private async loginLive(familyId: string): Promise<boolean> {
    const hit = this.logins.get(familyId);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.live;
    const live = await this.refreshRepo.exists({ where: { familyId, revokedAt: IsNull() } });
    this.logins.set(familyId, { live, at: Date.now() });
    return live;
  }

  /** Throws unless the token's user, role, academy and login are all still as claimed. */
  async assertCurrent(c: {
    userId: string;
    role: string;
    academyId: string;
    familyId: string;
  }): Promise<void> {
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
