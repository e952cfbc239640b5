/**
 * The platform above the academies (issue 12): academy settings (time zone, retention) and
 * suspension, the platform operator role, and the platform's own academy row that operators
 * belong to (so every academy-scoped query finds nothing of any school for them).
 *
 * users.role is guarded by a CHECK constraint that SQLite cannot alter: the table is rebuilt
 * the way SQLite documents it (new table from the old definition with the new check, copy,
 * drop, rename, indexes again) with foreign keys off, which is only possible outside a
 * transaction, so this migration runs without one and makes its own.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export const PLATFORM_ACADEMY_ID = '00000000-0000-4000-8000-000000000000';

const ROLES_BEFORE = `'admin','teacher','student'`;
const ROLES_AFTER = `'operator','admin','teacher','student'`;

const ACADEMY_COLUMNS: Array<[string, string]> = [
  ['time_zone', "varchar(64) NOT NULL DEFAULT 'UTC'"],
  ['status', "varchar(16) NOT NULL DEFAULT 'active'"],
  ['suspended_at', 'bigint NULL'],
  ['suspended_reason', 'varchar(500) NULL'],
  ['archive_after_days', 'integer NULL'],
  ['security_log_days', 'integer NULL'],
  ['is_platform', 'boolean NOT NULL DEFAULT false'],
  ['updated_at', 'bigint NULL'],
];

async function setRoleCheck(q: QueryRunner, from: string, to: string): Promise<void> {
  if (q.connection.options.type === 'postgres') {
    await q.query('ALTER TABLE users DROP CONSTRAINT users_role_check');
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_role_check CHECK ("role" IN (${to}))`);
    return;
  }
  const [table] = (await q.query(
    "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'users'",
  )) as Array<{ sql: string }>;
  if (!table.sql.includes(from)) throw new Error('users: unexpected role check, not rebuilt');
  const indexes = (await q.query(
    "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'users' AND sql IS NOT NULL",
  )) as Array<{ sql: string }>;
  const create = table.sql
    .replace(/^CREATE TABLE\s+("?)users\1/i, 'CREATE TABLE "users_rebuilt"')
    .replace(from, to);
  // TypeORM always wraps a rollback in a transaction, where foreign keys cannot be turned off
  // (and dropping users would then cascade into every table that refers to it): commit what
  // came before, rebuild in a transaction of our own, then give TypeORM a fresh one to end.
  const inTransaction = q.isTransactionActive;
  if (inTransaction) await q.commitTransaction();
  await q.query('PRAGMA foreign_keys = OFF');
  try {
    await q.query('BEGIN IMMEDIATE');
    try {
      await q.query(create);
      await q.query('INSERT INTO "users_rebuilt" SELECT * FROM "users"');
      await q.query('DROP TABLE "users"');
      await q.query('ALTER TABLE "users_rebuilt" RENAME TO "users"');
      for (const i of indexes) await q.query(i.sql);
      const broken = (await q.query('PRAGMA foreign_key_check')) as unknown[];
      if (broken.length) throw new Error(`foreign keys broken after rebuilding users`);
      await q.query('COMMIT');
    } catch (e) {
      await q.query('ROLLBACK');
      throw e;
    }
  } finally {
    await q.query('PRAGMA foreign_keys = ON');
    if (inTransaction) await q.startTransaction();
  }
}

export class Platform1764231000000 implements MigrationInterface {
  name = 'Platform1764231000000';
  /** Runs outside a transaction: the SQLite rebuild needs foreign keys off (see above). */
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    for (const [name, type] of ACADEMY_COLUMNS) {
      await q.query(`ALTER TABLE academies ADD COLUMN ${name} ${type}`);
    }
    await setRoleCheck(q, ROLES_BEFORE, ROLES_AFTER);
    const p = (n: number) => (q.connection.options.type === 'postgres' ? `$${n}` : '?');
    await q.query(
      `INSERT INTO academies (id, name, created_at, time_zone, status, is_platform)
       VALUES (${p(1)}, 'Platform', ${p(2)}, 'UTC', 'active', ${p(3)})`,
      [PLATFORM_ACADEMY_ID, Date.now(), true],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    const p = q.connection.options.type === 'postgres' ? '$1' : '?';
    await q.query(
      `DELETE FROM refresh_tokens WHERE user_id IN (SELECT id FROM users WHERE role = 'operator')`,
    );
    await q.query(`DELETE FROM users WHERE role = 'operator'`);
    await q.query(`DELETE FROM academies WHERE id = ${p}`, [PLATFORM_ACADEMY_ID]);
    await setRoleCheck(q, ROLES_AFTER, ROLES_BEFORE);
    for (const [name] of [...ACADEMY_COLUMNS].reverse()) {
      await q.query(`ALTER TABLE academies DROP COLUMN ${name}`);
    }
  }
}
