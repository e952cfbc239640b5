/** Sign-in, token refresh, sign-out and password change. */
import { Injectable, Logger, Optional } from '@nestjs/common';
import type { LoginResponse, TokenPair, UserView } from '@exam/contracts';
import { AppError } from '../common/app-error';
import { SecurityLogService } from '../security/security-log.service';
import { suspendedError } from './academy-directory.service';
import { disabledError } from './account-checks.service';
import { AuthEvents } from './auth-events';
import type { AuthUser } from './auth-user';
import { dummyHash, verifyPassword } from './domain/password';
import { LoginLimiterService } from './login-limiter.service';
import { TokenService } from './token.service';
import { toUserView, UsersService } from './users.service';

@Injectable()
export class AuthService {
  private readonly log = new Logger('Security');

  constructor(
    private readonly users: UsersService,
    private readonly tokens: TokenService,
    private readonly limiter: LoginLimiterService,
    private readonly events: AuthEvents,
    @Optional() private readonly security?: SecurityLogService,
  ) {}

  async login(email: string, password: string, ip: string): Promise<LoginResponse> {
    try {
      this.limiter.assertAllowed(email, ip);
    } catch (e) {
      this.security?.record({ type: 'login_locked', ip, detail: { email: emailOf(email) } });
      throw e;
    }
    const user = await this.users.findByEmail(email);
    // Same work whether or not the account exists, so timing does not reveal accounts.
    const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
    if (!user || !ok) {
      this.limiter.recordFailure(email, ip);
      this.log.warn({ msg: 'login failed', email: email.toLowerCase(), ip });
      this.security?.record({
        type: 'login_failed',
        ip,
        userId: user?.id,
        academyId: user?.academyId,
        detail: { email: emailOf(email), reason: user ? 'wrong_password' : 'unknown_account' },
      });
      throw new AppError(
        401,
        'INVALID_CREDENTIALS',
        'The email or password is wrong. Check them and try again.',
      );
    }
    this.limiter.recordSuccess(email);
    this.log.log({ msg: 'login', userId: user.id, academyId: user.academyId, ip });
    this.security?.record({
      type: 'login_succeeded',
      ip,
      userId: user.id,
      academyId: user.academyId,
      detail: { email: emailOf(email), role: user.role },
    });
    if (user.deactivatedAt !== null && user.deactivatedAt !== undefined) {
      this.security?.record({
        type: 'login_failed',
        ip,
        userId: user.id,
        academyId: user.academyId,
        detail: { email: emailOf(email), reason: 'deactivated' },
      });
      throw disabledError();
    }
    const academy = await this.users.academy(user.academyId);
    if (academy?.status === 'suspended') {
      this.security?.record({
        type: 'login_failed',
        ip,
        userId: user.id,
        academyId: user.academyId,
        detail: { email: emailOf(email), reason: 'academy_suspended' },
      });
      throw suspendedError();
    }
    const pair = await this.tokens.issuePair(user);
    return { ...pair, user: toUserView(user, academy) };
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    return (await this.tokens.rotate(refreshToken, (id) => this.users.findById(id))).pair;
  }

  /**
   * Ends ONE login: the one of the refresh token when given (it must be the caller's own),
   * else the caller's current one. Its refresh and access tokens stop working and its
   * sockets close; the caller's other logins (other devices) are untouched.
   */
  async logout(actor: AuthUser, refreshToken?: string): Promise<void> {
    let familyId = actor.familyId;
    if (refreshToken) {
      const owner = await this.tokens.ownerOf(refreshToken);
      if (!owner || owner.userId !== actor.id) {
        this.security?.record({
          type: 'access_denied',
          userId: actor.id,
          academyId: actor.academyId,
          detail: {
            path: '/api/v1/auth/logout',
            reason: owner ? 'foreign_refresh_token' : 'unknown_refresh_token',
          },
        });
        throw new AppError(
          403,
          'FORBIDDEN',
          'This refresh token is not one of your logins. Send your own, or none to sign this login out.',
        );
      }
      familyId = owner.familyId;
    }
    await this.tokens.revokeFamily(familyId);
    this.events.emit({ type: 'logout', userId: actor.id, familyId });
    this.log.log({ msg: 'logout', userId: actor.id });
    this.security?.record({
      type: 'logout',
      severity: 'info',
      userId: actor.id,
      academyId: actor.academyId,
    });
  }

  async me(actor: AuthUser): Promise<UserView> {
    const u = await this.users.getInAcademy(actor, actor.id);
    return toUserView(u, await this.users.academy(u.academyId));
  }

  async changePassword(actor: AuthUser, current: string, next: string): Promise<void> {
    const u = await this.users.getInAcademy(actor, actor.id);
    if (!(await verifyPassword(current, u.passwordHash))) {
      this.security?.record({
        type: 'login_failed',
        userId: u.id,
        academyId: u.academyId,
        detail: { reason: 'wrong_current_password', via: 'change-password' },
      });
      throw new AppError(401, 'INVALID_CREDENTIALS', 'The current password is wrong.');
    }
    await this.users.setPassword(u.id, next);
    // Every login of the user ends, this one included: each closes its sockets.
    await this.tokens.revokeUser(u.id);
    this.events.emit({ type: 'password_changed', userId: u.id });
    this.log.log({ msg: 'password changed', userId: u.id });
    this.security?.record({ type: 'password_changed', userId: u.id, academyId: u.academyId });
  }
}

/** The typed email as the security log keeps it: trimmed, lower-case, bounded. */
function emailOf(email: string): string {
  return String(email).trim().toLowerCase().slice(0, 254);
}
