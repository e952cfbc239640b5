/**
 * Issues and checks tokens. Access tokens: HS256 only, short-lived, issuer and audience
 * checked. Refresh tokens: random, stored hashed, rotated on every use; reusing a used one
 * revokes its whole family.
 */
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, createSecretKey, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { IsNull, Repository } from 'typeorm';
import type { AccessTokenClaims, TokenPair } from '@exam/contracts';
import { AppConfigService } from '../config/app-config';
import { AppError } from '../common/app-error';
import { AcademyDirectory } from './academy-directory.service';
import { AccountChecks, disabledError } from './account-checks.service';
import { AuthEvents } from './auth-events';
import type { AuthUser } from './auth-user';
import { RefreshTokenEntity } from './entities/refresh-token.entity';
import type { UserEntity } from './entities/user.entity';

interface Claims extends AccessTokenClaims {
  sid: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

@Injectable()
export class TokenService {
  /** Families revoked while their access tokens may still be alive (refilled from the DB on start). */
  private readonly revokedFamilies = new Map<string, number>();
  /**
   * The HMAC key as a KeyObject, made once. Given the secret as a string, jsonwebtoken first
   * tries it as a PEM public key (an exception per call) before making a secret key from it:
   * about 4% of the server's CPU in bench:answers, on every handshake and REST request.
   */
  private key?: KeyObject;
  private get secret(): string {
    // @nestjs/jwt's option types say string | Buffer; jsonwebtoken takes a KeyObject.
    this.key ??= createSecretKey(Buffer.from(this.cfg.get('JWT_SECRET'), 'utf8'));
    return this.key as unknown as string;
  }

  constructor(
    private readonly jwt: JwtService,
    private readonly cfg: AppConfigService,
    @InjectRepository(RefreshTokenEntity)
    private readonly refreshRepo: Repository<RefreshTokenEntity>,
    private readonly academies: AcademyDirectory,
    private readonly accounts: AccountChecks,
    private readonly events: AuthEvents,
  ) {}

  private get accessTtl(): number {
    return this.cfg.get('JWT_ACCESS_TTL_SECONDS');
  }

  async issuePair(user: UserEntity, familyId: string = randomUUID()): Promise<TokenPair> {
    const accessToken = await this.signAccess(user, familyId);
    const refreshToken = randomBytes(32).toString('base64url');
    const now = Date.now();
    await this.refreshRepo.insert({
      id: randomUUID(),
      userId: user.id,
      academyId: user.academyId,
      familyId,
      tokenHash: sha256(refreshToken),
      expiresAt: now + this.cfg.get('JWT_REFRESH_TTL_SECONDS') * 1000,
      usedAt: null,
      revokedAt: null,
      createdAt: now,
    });
    return { accessToken, refreshToken, expiresIn: this.accessTtl, tokenType: 'Bearer' };
  }

  signAccess(
    user: Pick<UserEntity, 'id' | 'role' | 'academyId'>,
    familyId: string,
  ): Promise<string> {
    return this.jwt.signAsync(
      { role: user.role, academyId: user.academyId, sid: familyId },
      {
        subject: user.id,
        jwtid: randomUUID(),
        expiresIn: this.accessTtl,
        algorithm: 'HS256',
        issuer: this.cfg.get('JWT_ISSUER'),
        audience: this.cfg.get('JWT_AUDIENCE'),
        secret: this.secret,
      },
    );
  }

  /** Verifies an access token; throws AppError(401) with TOKEN_EXPIRED or TOKEN_INVALID. */
  async verifyAccess(token: string): Promise<AuthUser> {
    let claims: Claims;
    try {
      claims = await this.jwt.verifyAsync<Claims>(token, {
        algorithms: ['HS256'],
        issuer: this.cfg.get('JWT_ISSUER'),
        audience: this.cfg.get('JWT_AUDIENCE'),
        secret: this.secret,
      });
    } catch (e) {
      const name = (e as Error).name;
      if (name === 'TokenExpiredError') {
        throw new AppError(
          401,
          'TOKEN_EXPIRED',
          'Your session has expired. Refresh the token or sign in again.',
        );
      }
      throw new AppError(401, 'TOKEN_INVALID', 'The access token is invalid. Sign in again.');
    }
    if (
      !claims.sub ||
      !claims.exp ||
      !claims.sid ||
      !claims.academyId ||
      !claims.role ||
      !claims.jti
    ) {
      throw new AppError(
        401,
        'TOKEN_INVALID',
        'The access token is missing required claims. Sign in again.',
      );
    }
    if (this.revokedFamilies.has(claims.sid)) {
      throw new AppError(401, 'TOKEN_INVALID', 'This session was signed out. Sign in again.');
    }
    // The claims must still be true: user, role, academy, not deactivated, login not revoked;
    // and a suspended academy's users are refused on every request and handshake.
    await this.accounts.assertCurrent({
      userId: claims.sub,
      role: claims.role,
      academyId: claims.academyId,
      familyId: claims.sid,
    });
    await this.academies.assertActive(claims.academyId);
    return {
      id: claims.sub,
      role: claims.role,
      academyId: claims.academyId,
      jti: claims.jti,
      familyId: claims.sid,
      expiresAt: claims.exp * 1000,
    };
  }

  /** Rotates a refresh token. Reuse of a used token revokes the family (R13). */
  async rotate(
    refreshToken: string,
    loadUser: (id: string) => Promise<UserEntity | null>,
  ): Promise<{ pair: TokenPair; user: UserEntity }> {
    const row = await this.refreshRepo.findOne({ where: { tokenHash: sha256(refreshToken) } });
    const invalid = new AppError(
      401,
      'REFRESH_TOKEN_INVALID',
      'The refresh token is invalid or expired. Sign in again.',
    );
    if (!row) throw invalid;
    const now = Date.now();
    if (row.revokedAt !== null) throw invalid;
    if (row.usedAt !== null) {
      await this.revokeFamily(row.familyId);
      throw new AppError(
        401,
        'REFRESH_TOKEN_REUSED',
        'This refresh token was already used, so every session of this login was signed out for safety. Sign in again.',
      );
    }
    if (row.expiresAt <= now) throw invalid;
    await this.academies.assertActive(row.academyId);
    // Mark used only if nobody else did in the meantime (two tabs refreshing at once).
    const res = await this.refreshRepo.update({ id: row.id, usedAt: IsNull() }, { usedAt: now });
    if (!res.affected) {
      await this.revokeFamily(row.familyId);
      throw new AppError(
        401,
        'REFRESH_TOKEN_REUSED',
        'This refresh token was already used. Sign in again.',
      );
    }
    const user = await loadUser(row.userId);
    if (!user) throw invalid;
    if (user.deactivatedAt !== null && user.deactivatedAt !== undefined) {
      await this.revokeFamily(row.familyId);
      throw disabledError();
    }
    return { pair: await this.issuePair(user, row.familyId), user };
  }

  /** Signs out everyone of an academy (suspension): every login of its users. */
  async revokeAcademy(academyId: string): Promise<void> {
    const rows = await this.refreshRepo.find({
      where: { academyId, revokedAt: IsNull() },
      select: { familyId: true },
    });
    for (const familyId of new Set(rows.map((r) => r.familyId))) await this.revokeFamily(familyId);
  }

  /**
   * Ends one login: its refresh tokens are revoked, its access tokens refused from now on,
   * and its sockets closed at once (the realtime module listens to login_revoked) — for
   * every reason alike: logout, reuse detection, password change, deactivation, suspension.
   */
  async revokeFamily(familyId: string): Promise<void> {
    await this.refreshRepo.update({ familyId, revokedAt: IsNull() }, { revokedAt: Date.now() });
    this.revokedFamilies.set(familyId, Date.now() + this.accessTtl * 1000);
    this.accounts.forgetLogin(familyId);
    this.events.emit({ type: 'login_revoked', familyId });
  }

  /** Who owns a refresh token (logout acts only on the caller's own logins). */
  async ownerOf(refreshToken: string): Promise<{ userId: string; familyId: string } | null> {
    const row = await this.refreshRepo.findOne({
      where: { tokenHash: sha256(refreshToken) },
      select: { userId: true, familyId: true },
    });
    return row ? { userId: row.userId, familyId: row.familyId } : null;
  }

  async revokeByRefreshToken(refreshToken: string): Promise<string | null> {
    const row = await this.refreshRepo.findOne({ where: { tokenHash: sha256(refreshToken) } });
    if (!row) return null;
    await this.revokeFamily(row.familyId);
    return row.familyId;
  }

  /** Revokes every login of a user (password change). */
  async revokeUser(userId: string): Promise<void> {
    const rows = await this.refreshRepo
      .createQueryBuilder('t')
      .select('DISTINCT t.family_id', 'familyId')
      .where('t.user_id = :userId', { userId })
      .getRawMany<{ familyId: string }>();
    for (const r of rows) await this.revokeFamily(r.familyId);
  }

  /** Reloads recent revocations after a restart, so a logged-out token stays dead. */
  async loadRecentRevocations(): Promise<void> {
    const since = Date.now() - this.accessTtl * 1000;
    const rows = await this.refreshRepo
      .createQueryBuilder('t')
      .select('DISTINCT t.family_id', 'familyId')
      .where('t.revoked_at >= :since', { since })
      .getRawMany<{ familyId: string }>();
    for (const r of rows) this.revokedFamilies.set(r.familyId, Date.now() + this.accessTtl * 1000);
  }

  /** Forgets revocations whose access tokens have all expired. */
  sweep(now = Date.now()): void {
    for (const [k, until] of this.revokedFamilies) if (until < now) this.revokedFamilies.delete(k);
  }
}
