/**
 * Sign-in protection. Only failures count, in sliding windows of LOGIN_WINDOW_MS:
 * - per account, LOGIN_MAX_ATTEMPTS (5, the seed's limit): nobody guesses one password;
 * - per IP, LOGIN_MAX_ATTEMPTS_PER_IP (100), all accounts together: one machine cannot try
 *   passwords across a whole school, yet a class of thirty behind one NAT, each with a typo
 *   or two, never locks the others out (a correct password for an unlocked account from
 *   that IP goes through until the IP itself has failed 100 times).
 */
import { Injectable } from '@nestjs/common';
import { AppConfigService } from '../config/app-config';
import { AppError } from '../common/app-error';
import { SlidingWindowLimiter } from './domain/sliding-window-limiter';

@Injectable()
export class LoginLimiterService {
  private readonly perAccount: SlidingWindowLimiter;
  private readonly perIp: SlidingWindowLimiter;

  constructor(cfg: AppConfigService) {
    this.perAccount = new SlidingWindowLimiter(
      cfg.get('LOGIN_MAX_ATTEMPTS'),
      cfg.get('LOGIN_WINDOW_MS'),
    );
    this.perIp = new SlidingWindowLimiter(
      cfg.get('LOGIN_MAX_ATTEMPTS_PER_IP'),
      cfg.get('LOGIN_WINDOW_MS'),
    );
  }

  private account(email: string): string {
    return `acct:${email.trim().toLowerCase()}`;
  }

  /** Throws 429 RATE_LIMITED when the account or the IP has used up its failures. */
  assertAllowed(email: string, ip: string): void {
    let retry = 0;
    for (const d of [this.perAccount.peek(this.account(email)), this.perIp.peek(`ip:${ip}`)]) {
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
    this.perAccount.hit(this.account(email));
    this.perIp.hit(`ip:${ip}`);
  }

  recordSuccess(email: string): void {
    this.perAccount.reset(this.account(email));
  }
}
