/**
 * Global guard: every route needs a valid Bearer access token unless marked @Public().
 * Then @Roles() is checked. Object-level checks (academy, ownership) live in services.
 */
import { Injectable, Optional, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Role } from '@exam/contracts';
import { AppError } from '../common/app-error';
import { routeOf, SecurityLogService } from '../security/security-log.service';
import type { AuthUser } from './auth-user';
import { IS_PUBLIC, ROLES_KEY } from './decorators';
import { TokenService } from './token.service';

@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    @Optional() private readonly security?: SecurityLogService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) {
      throw new AppError(
        401,
        'AUTH_REQUIRED',
        'Sign in first: send an Authorization: Bearer <access token> header.',
      );
    }
    const path = routeOf(req.originalUrl ?? req.url);
    try {
      req.user = await this.tokens.verifyAccess(match[1]);
    } catch (e) {
      this.security?.record({
        type: 'token_rejected',
        ip: req.ip,
        detail: { transport: 'http', code: e instanceof AppError ? e.code : 'TOKEN_INVALID', path },
      });
      throw e;
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(req.user.role)) {
      this.security?.record({
        type: 'access_denied',
        ip: req.ip,
        userId: req.user.id,
        academyId: req.user.academyId,
        detail: { method: req.method, path, role: req.user.role, required: roles },
      });
      throw AppError.forbidden(`This needs one of these roles: ${roles.join(', ')}.`);
    }
    return true;
  }
}
