/**
 * An admin's changes to the accounts of their academy: edit a teacher or student, set a new
 * password (every login of that person ends), and import a class from CSV with a report of
 * every row taken or refused. Admins and operators are not changed here (the platform
 * operator manages admins); every change is in the security log.
 */
import { Injectable, Optional } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import type {
  ImportedUser,
  ImportUsersReport,
  ImportUsersRequest,
  UpdateUserRequest,
} from '@exam/contracts';
import { AppError } from '../common/app-error';
import { placeholders } from '../database/placeholders';
import { SecurityLogService, type SecurityEventType } from '../security/security-log.service';
import { AccountChecks } from './account-checks.service';
import { AuthEvents } from './auth-events';
import type { AuthUser } from './auth-user';
import { parseRoster, type RosterRow } from './domain/class-roster';
import { hashPassword } from './domain/password';
import { UserEntity } from './entities/user.entity';
import { TokenService } from './token.service';
import { UsersService } from './users.service';

/** Hashes at once while importing (scrypt runs on libuv's pool of 4 threads). */
const HASH_CONCURRENCY = 4;
/** Generated passwords: 12 characters people can read out without confusing 0/O or 1/l. */
const READABLE = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

@Injectable()
export class UserAdminService {
  constructor(
    private readonly ds: DataSource,
    private readonly users: UsersService,
    private readonly tokens: TokenService,
    private readonly events: AuthEvents,
    private readonly accounts: AccountChecks,
    @Optional() private readonly security?: SecurityLogService,
  ) {}

  /** A teacher or student of the admin's academy (404 otherwise; 403 for admins). */
  private async managed(actor: AuthUser, id: string): Promise<UserEntity> {
    const u = await this.users.getInAcademy(actor, id);
    if (u.role !== 'teacher' && u.role !== 'student') {
      throw AppError.forbidden(
        u.id === actor.id
          ? 'Change your own password under your account; your name and email are changed by the platform operator.'
          : 'Admins are managed by the platform operator.',
      );
    }
    return u;
  }

  private audit(actor: AuthUser, type: SecurityEventType, detail: Record<string, unknown>): void {
    this.security?.record({
      type,
      severity: 'info',
      userId: actor.id,
      academyId: actor.academyId,
      detail,
    });
  }

  async update(actor: AuthUser, id: string, body: UpdateUserRequest): Promise<UserEntity> {
    const u = await this.managed(actor, id);
    const email = body.email?.trim().toLowerCase();
    if (email !== undefined && email !== u.email) {
      const taken = await this.users.findByEmail(email);
      if (taken) {
        throw AppError.conflict(
          `A user with the email ${email} already exists. Use another email.`,
          'EMAIL_TAKEN',
        );
      }
    }
    if (body.extraTimePercent !== undefined && u.role !== 'student' && body.extraTimePercent) {
      throw AppError.badRequest('Extra time is for students; a teacher has none.', [
        { field: 'extraTimePercent', problems: ['only students have extra time'] },
      ]);
    }
    const changes: Partial<UserEntity> = {
      ...(body.displayName !== undefined ? { displayName: body.displayName.trim() } : {}),
      ...(email !== undefined ? { email } : {}),
      ...(body.extraTimePercent !== undefined ? { extraTimePercent: body.extraTimePercent } : {}),
    };
    await this.ds.transaction(async (m) => {
      if (Object.keys(changes).length) await m.update(UserEntity, { id: u.id }, changes);
      if (body.extraTimePercent !== undefined && body.extraTimePercent !== u.extraTimePercent) {
        // Sessions still being planned take the new accommodation (their copy is made at
        // enrolment); bumping updated_at makes a cached lobby reload it. Launched and
        // finished sessions keep theirs: time is added live there.
        const q = (sql: string, params: unknown[]) =>
          m.query(placeholders(this.ds.options.type, sql), params);
        const now = Date.now();
        await q(
          `UPDATE exam_sessions SET updated_at = ? WHERE status = 'preparing' AND id IN
             (SELECT exam_session_id FROM student_sessions WHERE student_id = ?)`,
          [now, u.id],
        );
        await q(
          `UPDATE student_sessions SET extra_time_percent = ?, updated_at = ? WHERE student_id = ?
             AND exam_session_id IN (SELECT id FROM exam_sessions WHERE status = 'preparing')`,
          [body.extraTimePercent, now, u.id],
        );
      }
    });
    this.accounts.forgetUser(u.id);
    this.audit(actor, 'user_changed', { targetId: u.id, fields: Object.keys(changes) });
    return this.ds.manager.findOneByOrFail(UserEntity, { id: u.id });
  }

  /** A new password set by an admin: every login of the person ends (sockets close). */
  async resetPassword(actor: AuthUser, id: string, password: string): Promise<UserEntity> {
    const u = await this.managed(actor, id);
    await this.users.setPassword(u.id, password);
    await this.tokens.revokeUser(u.id);
    this.events.emit({ type: 'password_changed', userId: u.id });
    this.accounts.forgetUser(u.id);
    this.audit(actor, 'password_reset', { targetId: u.id });
    return u;
  }

  async setActive(actor: AuthUser, id: string, active: boolean): Promise<UserEntity> {
    const u = await this.users.setActive(actor, id, active);
    if (!active) await this.tokens.revokeUser(u.id);
    this.accounts.forgetUser(u.id);
    this.audit(actor, active ? 'user_reactivated' : 'user_deactivated', { targetId: u.id });
    return u;
  }

  /**
   * A class from CSV. Rows that can be taken are created together (one transaction); every
   * other row is reported with its line and what to fix. Emails are unique across the
   * server, so an address already in use (here or in another school) is refused.
   */
  async importClass(actor: AuthUser, req: ImportUsersRequest): Promise<ImportUsersReport> {
    const parsed = parseRoster(req.csv);
    if (!parsed.ok)
      throw AppError.badRequest(parsed.message, [{ field: 'csv', problems: [parsed.message] }]);
    const refused = [...parsed.refused];
    const existing = parsed.rows.length
      ? await this.ds.manager.find(UserEntity, {
          where: { email: In(parsed.rows.map((r) => r.email)) },
          select: { email: true },
        })
      : [];
    const taken = new Set(existing.map((u) => u.email));
    const rows: RosterRow[] = [];
    for (const r of parsed.rows) {
      if (taken.has(r.email)) {
        refused.push({
          line: r.line,
          email: r.email,
          reason: 'An account with this email already exists; edit it on the users page instead.',
        });
      } else rows.push(r);
    }
    refused.sort((a, b) => a.line - b.line);
    const dryRun = req.dryRun === true;
    const created: ImportedUser[] = [];
    if (!dryRun && rows.length) {
      const now = Date.now();
      const prepared = await mapLimited(rows, HASH_CONCURRENCY, async (r) => {
        const generated = r.password === null ? readablePassword() : null;
        return {
          row: r,
          generated,
          entity: {
            id: randomUUID(),
            academyId: actor.academyId,
            email: r.email,
            displayName: r.displayName,
            role: r.role,
            passwordHash: await hashPassword(r.password ?? generated!),
            extraTimePercent: r.extraTimePercent,
            passwordChangedAt: now,
            createdAt: now,
          } as UserEntity,
        };
      });
      await this.ds.transaction(async (m) => {
        for (let i = 0; i < prepared.length; i += 100) {
          await m.insert(
            UserEntity,
            prepared.slice(i, i + 100).map((p) => p.entity),
          );
        }
      });
      for (const p of prepared) created.push(imported(p.row, p.entity.id, p.generated));
      this.audit(actor, 'users_imported', { created: created.length, refused: refused.length });
    } else {
      for (const r of rows) created.push(imported(r, null, null));
    }
    return { dryRun, created, refused };
  }
}

function imported(r: RosterRow, id: string | null, generated: string | null): ImportedUser {
  return {
    line: r.line,
    id,
    email: r.email,
    displayName: r.displayName,
    role: r.role,
    extraTimePercent: r.extraTimePercent,
    generatedPassword: generated,
  };
}

export function readablePassword(length = 12): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  for (let i = 0; out.length < length && i < bytes.length; i++) {
    // Rejection sampling keeps every character equally likely.
    if (bytes[i] < 256 - (256 % READABLE.length)) out += READABLE[bytes[i] % READABLE.length];
  }
  return out.length === length ? out : readablePassword(length);
}

async function mapLimited<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
