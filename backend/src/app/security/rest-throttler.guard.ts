/**
 * The REST rate limit through @nestjs/throttler: REST_RATE_LIMIT requests per minute per
 * client IP (req.ip: the proxy's X-Forwarded-For only with TRUST_PROXY), counted across all
 * routes (one bucket per IP, not per route). Health probes and /metrics are not counted.
 * Exceeding it answers 429 RATE_LIMITED with Retry-After (seconds) and is security-logged.
 * Runs before authentication (registered ahead of the JWT guard), so anonymous floods count.
 * WebSocket traffic is not handled here (see ConnectionRegistry).
 */
import { Inject, Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Request } from 'express';
import { AppError } from '../common/app-error';
import { routeOf, SecurityLogService } from './security-log.service';
import { HTTPS_EXEMPT } from './https';

@Injectable()
export class RestThrottlerGuard extends ThrottlerGuard {
  // Property injection keeps ThrottlerGuard's own constructor untouched.
  @Inject(SecurityLogService) private readonly security!: SecurityLogService;

  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return Promise.resolve(true);
    const req = context.switchToHttp().getRequest<Request>();
    return Promise.resolve(HTTPS_EXEMPT.test(req.originalUrl ?? req.url));
  }

  protected override generateKey(_ctx: ExecutionContext, tracker: string, name: string): string {
    return `rest:${name}:${tracker}`;
  }

  protected override throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const req = context.switchToHttp().getRequest<Request>();
    const secs = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    this.security.record({
      type: 'rate_limited',
      ip: detail.tracker,
      detail: {
        transport: 'http',
        limit: detail.limit,
        method: req.method,
        path: routeOf(req.originalUrl ?? req.url),
      },
    });
    throw new AppError(
      429,
      'RATE_LIMITED',
      `Too many requests from your address. Wait ${secs} seconds and try again.`,
      { retryAfterSeconds: secs },
      { 'Retry-After': String(secs) },
    );
  }
}
