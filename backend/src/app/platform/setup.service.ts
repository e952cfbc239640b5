/**
 * First run: while the server has no account at all, a one-time setup token is printed at
 * start, and POST /setup with it creates the first academy and its admin. The token is kept
 * only as a hash in memory: it is single-use and a restart prints a new one. Once any
 * account exists (made here, by `admin:create`, or by the demo seed) setup is closed.
 */
import { Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { SetupRequest, SetupResponse, SetupStatus } from '@exam/contracts';
import { AppError } from '../common/app-error';
import { toUserView } from '../auth/users.service';
import { SecurityLogService } from '../security/security-log.service';
import { AppConfigService } from '../config/app-config';
import {
  academyView,
  countAccounts,
  insertAcademy,
  insertAccount,
  retentionDefaults,
} from './accounts';

const sha256 = (s: string) => createHash('sha256').update(s).digest();

@Injectable()
export class SetupService {
  private readonly log = new Logger('Setup');
  private tokenHash: Buffer | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly security: SecurityLogService,
    private readonly cfg: AppConfigService,
  ) {}

  /** Called once the app is up: on an empty database, makes and prints the token. */
  async openIfEmpty(): Promise<string | null> {
    if ((await countAccounts(this.ds.manager)) > 0) return null;
    const token = randomBytes(32).toString('base64url');
    this.tokenHash = sha256(token);
    // Printed (stdout, whatever LOG_LEVEL) so the operator finds it: `docker logs <name>`.
    process.stdout.write(
      `\nThis server has no account yet. Open /setup in a browser and enter this setup token: ${token}\n` +
        '(it works once, and a restart prints a new one; or create the first admin with `npm run admin:create`)\n\n',
    );
    this.log.warn('no account exists: first-run setup is open (the setup token is on stdout)');
    return token;
  }

  async status(): Promise<SetupStatus> {
    return { needed: (await countAccounts(this.ds.manager)) === 0 };
  }

  private tokenMatches(token: string): boolean {
    if (!this.tokenHash) return false;
    return timingSafeEqual(sha256(token), this.tokenHash);
  }

  async setup(body: SetupRequest, ip?: string): Promise<SetupResponse> {
    const closed = () =>
      new AppError(
        409,
        'SETUP_NOT_AVAILABLE',
        'This server is already set up: sign in, or ask an admin for an account.',
      );
    if (!(await this.status()).needed) throw closed();
    if (!this.tokenMatches(body.token)) {
      this.security.record({ type: 'setup_refused', ip, detail: { reason: 'token' } });
      throw new AppError(
        403,
        'SETUP_TOKEN_INVALID',
        'The setup token is wrong or was already used. Copy it from the server log printed at start (a restart prints a new one).',
      );
    }
    const made = await this.ds.transaction(async (em) => {
      // Checked again inside the transaction: two setups at once make one academy.
      if ((await countAccounts(em)) > 0) throw closed();
      const academy = await insertAcademy(em, body.academy);
      const admin = await insertAccount(em, academy.id, 'admin', body.admin);
      return {
        academy: await academyView(em, academy, retentionDefaults(this.cfg)),
        admin: toUserView(admin, academy),
      };
    });
    this.tokenHash = null;
    this.security.record({
      type: 'setup_completed',
      severity: 'info',
      ip,
      userId: made.admin.id,
      academyId: made.academy.id,
      detail: { email: made.admin.email },
    });
    this.log.log({ msg: 'first academy and admin created', academyId: made.academy.id });
    return made;
  }
}
