/**
 * Creating academies and their first accounts, on any EntityManager: the server's setup
 * page and operator API use it inside Nest, the `admin:create` command on a plain
 * DataSource (it runs without the server). One set of rules for both.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { PLATFORM_ACADEMY_ID } from '@exam/db';
import type { AcademyView, RetentionDefaults, Role } from '@exam/contracts';
import { AppError } from '../common/app-error';
import { hashPassword } from '../auth/domain/password';
import { AcademyEntity } from '../auth/entities/academy.entity';
import { UserEntity } from '../auth/entities/user.entity';
import { isTimeZone } from './domain/time-zones';

export { PLATFORM_ACADEMY_ID };

/** The server's retention defaults (ARCHIVE_AFTER_DAYS, SECURITY_LOG_RETENTION_DAYS). */
export function retentionDefaults(cfg: {
  get(key: 'ARCHIVE_AFTER_DAYS' | 'SECURITY_LOG_RETENTION_DAYS'): number;
}): RetentionDefaults {
  return {
    archiveAfterDays: cfg.get('ARCHIVE_AFTER_DAYS'),
    securityLogDays: cfg.get('SECURITY_LOG_RETENTION_DAYS'),
  };
}

export interface NewAcademy {
  name: string;
  timeZone?: string;
  archiveAfterDays?: number | null;
  securityLogDays?: number | null;
}

export interface NewAccount {
  email: string;
  displayName: string;
  password: string;
}

function checkTimeZone(tz: string, field = 'timeZone'): void {
  if (!isTimeZone(tz)) {
    throw AppError.badRequest(
      `"${tz}" is not a time zone. Use an IANA name such as Europe/Paris.`,
      [{ field, problems: ['must be an IANA time zone, e.g. Europe/Paris or UTC'] }],
    );
  }
}

export async function insertAcademy(em: EntityManager, a: NewAcademy): Promise<AcademyEntity> {
  const timeZone = a.timeZone ?? 'UTC';
  checkTimeZone(timeZone);
  const now = Date.now();
  const row: AcademyEntity = {
    id: randomUUID(),
    name: a.name.trim(),
    timeZone,
    status: 'active',
    suspendedAt: null,
    suspendedReason: null,
    archiveAfterDays: a.archiveAfterDays ?? null,
    securityLogDays: a.securityLogDays ?? null,
    isPlatform: false,
    createdAt: now,
    updatedAt: now,
  };
  await em.insert(AcademyEntity, row);
  return row;
}

export async function insertAccount(
  em: EntityManager,
  academyId: string,
  role: Role,
  u: NewAccount,
): Promise<UserEntity> {
  const email = u.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/u.test(email) || email.length > 254) {
    throw AppError.badRequest(`"${u.email}" is not an email address.`, [
      { field: 'email', problems: ['must be an email address'] },
    ]);
  }
  if (await em.exists(UserEntity, { where: { email } })) {
    throw AppError.conflict(
      `A user with the email ${email} already exists. Use another email.`,
      'EMAIL_TAKEN',
    );
  }
  const now = Date.now();
  const user: UserEntity = {
    id: randomUUID(),
    academyId,
    email,
    displayName: u.displayName.trim(),
    role,
    passwordHash: await hashPassword(u.password),
    extraTimePercent: 0,
    passwordChangedAt: now,
    createdAt: now,
    deactivatedAt: null,
  };
  await em.insert(UserEntity, user);
  return user;
}

export function countAccounts(em: EntityManager, role?: Role): Promise<number> {
  return em.count(UserEntity, role ? { where: { role } } : {});
}

/** The academy as its admins and the operator see it, with how many users it has. */
export async function academyView(
  em: EntityManager,
  a: AcademyEntity,
  defaults: RetentionDefaults,
): Promise<AcademyView> {
  const rows = (await em
    .createQueryBuilder(UserEntity, 'u')
    .select('u.role', 'role')
    .addSelect('COUNT(*)', 'n')
    .where('u.academy_id = :id', { id: a.id })
    .groupBy('u.role')
    .getRawMany()) as Array<{ role: Role; n: number | string }>;
  const n = (role: Role) => Number(rows.find((r) => r.role === role)?.n ?? 0);
  return {
    id: a.id,
    name: a.name,
    timeZone: a.timeZone,
    archiveAfterDays: a.archiveAfterDays,
    securityLogDays: a.securityLogDays,
    defaults,
    status: a.status,
    suspendedAt: a.suspendedAt,
    suspendedReason: a.suspendedReason,
    users: { admins: n('admin'), teachers: n('teacher'), students: n('student') },
    createdAt: new Date(a.createdAt).toISOString(),
  };
}

export { checkTimeZone };
