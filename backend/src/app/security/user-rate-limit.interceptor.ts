/**
 * The per-user REST limit: REST_USER_RATE_LIMIT requests per minute per signed-in user, on
 * the same @nestjs/throttler storage as the per-IP guard. It is an interceptor, so it runs
 * after the JWT guard and keys on the verified user id (keying on an unverified token would
 * let anyone spend another user's allowance). Public routes are covered by the per-IP limit.
 */
import {
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { InjectThrottlerStorage, type ThrottlerStorage } from '@nestjs/throttler';
import type { Request } from 'express';
import { from, switchMap, type Observable } from 'rxjs';
import type { AuthUser } from '../auth/auth-user';
import { AppError } from '../common/app-error';
import { AppConfigService } from '../config/app-config';
import { routeOf, SecurityLogService } from './security-log.service';

const WINDOW_MS = 60_000;

@Injectable()
export class UserRateLimitInterceptor implements NestInterceptor {
  constructor(
    @InjectThrottlerStorage() private readonly storage: ThrottlerStorage,
    @Inject(AppConfigService) private readonly cfg: AppConfigService,
    @Inject(SecurityLogService) private readonly security: SecurityLogService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const user = req.user;
    if (!user) return next.handle();
    const limit = this.cfg.get('REST_USER_RATE_LIMIT');
    return from(
      this.storage.increment(`rest:user:${user.id}`, WINDOW_MS, limit, WINDOW_MS, 'user'),
    ).pipe(
      switchMap((r) => {
        if (r.isBlocked) {
          const secs = Math.max(1, Math.ceil(r.timeToBlockExpire));
          this.security.record({
            type: 'rate_limited',
            ip: req.ip,
            userId: user.id,
            academyId: user.academyId,
            detail: {
              transport: 'http',
              scope: 'user',
              limit,
              method: req.method,
              path: routeOf(req.originalUrl ?? req.url),
            },
          });
          throw new AppError(
            429,
            'RATE_LIMITED',
            `Too many requests from your account. Wait ${secs} seconds and try again.`,
            { retryAfterSeconds: secs },
            { 'Retry-After': String(secs) },
          );
        }
        return next.handle();
      }),
    );
  }
}
