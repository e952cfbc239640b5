/**
 * Login protection from the seed: at most LOGIN_MAX_ATTEMPTS failed attempts per
 * LOGIN_WINDOW_MS, counted per account and per IP. Only failures count, so a class of
 * thirty behind one school NAT can still sign in; a guesser is stopped on either key.
 */
import { Injectable } from '@nestjs/common';
import { AppConfigService } from '../config/app-config';
import { AppError } from '../common/app-error';
import { SlidingWindowLimiter } from './domain/sliding-window-limiter';

@Injectable()
export class LoginLimiterService {
  private readonly limiter: SlidingWindowLimiter;

  constructor(cfg: AppConfigService) {
    this.limiter = new SlidingWindowLimiter(
      cfg.get('LOGIN_MAX_ATTEMPTS'),
      cfg.get('LOGIN_WINDOW_MS'),
    );
  }

  private keys(email: string, ip: string): string[] {
    return [`acct:${email.trim().toLowerCase()}`, `ip:${ip}`];
  }

  /** Throws 429 RATE_LIMITED when either key has used up its failures. */
  assertAllowed(email: string, ip: string): void {
    let retry = 0;
    for (const k of this.keys(email, ip)) {
      const d = this.limiter.peek(k);
      if (!d.allowed) retry = Math.max(retry, d.retryAfterMs);
    }
    if (retry > 0) {
      const secs = Math.ceil(retry / 1000);
      throw new AppError(
        429,
        'RATE_LIMITED',
        `Too many failed sign-in attempts. Wait ${secs} seconds and try again, or ask your administrator to reset your password.`,
        { retryAfterSeconds: secs },
        { 'Retry-After': String(secs) },
      );
    }
  }

  recordFailure(email: string, ip: string): void {
    for (const k of this.keys(email, ip)) this.limiter.hit(k);
  }

  recordSuccess(email: string): void {
    this.limiter.reset(this.keys(email, '')[0]);
  }
}
