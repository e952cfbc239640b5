/**
 * Database commands for operators (run through `npm run db:* ` or the built CLI):
 * migrate (apply pending), rollback (revert the last applied migration), status, and backup
 * (SQLite online backup while the server runs). Functions take a DATABASE_URL so tests call
 * them directly against a temporary file.
 */
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, parseDatabaseUrl } from '../database/data-source-options';
import { applySqlitePragmas } from '../database/sqlite-pragmas';
import { backupFileName, backupSqlite } from './sqlite-backup';

async function withDataSource<T>(
  databaseUrl: string,
  fn: (ds: DataSource) => Promise<T>,
): Promise<T> {
  const ds = new DataSource(buildDataSourceOptions(databaseUrl));
  await ds.initialize();
  try {
    await applySqlitePragmas(ds);
    return await fn(ds);
  } finally {
    await ds.destroy();
  }
}

/** Applies pending migrations; returns their names. */
export function migrate(databaseUrl: string): Promise<string[]> {
  return withDataSource(databaseUrl, async (ds) =>
    (await ds.runMigrations({ transaction: 'each' })).map((m) => m.name),
  );
}

/** Reverts the last applied migration; returns its name (undefined when none is applied). */
export function rollback(databaseUrl: string): Promise<string | undefined> {
  return withDataSource(databaseUrl, async (ds) => {
    const applied = (await ds
      .query('SELECT name FROM migrations ORDER BY timestamp DESC, id DESC LIMIT 1')
      .catch(() => [])) as Array<{ name: string }>;
    if (applied.length === 0) return undefined;
    await ds.undoLastMigration({ transaction: 'each' });
    return applied[0].name;
  });
}

/** Applied and pending migration names, in order. */
export function status(databaseUrl: string): Promise<{ applied: string[]; pending: string[] }> {
  return withDataSource(databaseUrl, async (ds) => {
    const rows = (await ds
      .query('SELECT name FROM migrations ORDER BY timestamp')
      .catch(() => [])) as Array<{ name: string }>;
    const applied = rows.map((r) => r.name);
    const pending = ds.migrations
      .map((m) => m.name ?? m.constructor.name)
      .filter((n) => !applied.includes(n));
    return { applied, pending };
  });
}

/** Online backup of the SQLite file into `dest` or `<dir>/exam-<timestamp>.sqlite`. */
export async function backup(
  databaseUrl: string,
  opts: { dest?: string; dir?: string; now?: number } = {},
): Promise<string> {
  const target = parseDatabaseUrl(databaseUrl);
  if (target.kind !== 'sqlite' || target.location === ':memory:') {
    throw new Error('db:backup copies a SQLite file; for PostgreSQL use pg_dump');
  }
  const dest = opts.dest
    ? resolve(opts.dest)
    : backupFileName(resolve(opts.dir ?? 'db/backups'), opts.now ?? Date.now());
  await backupSqlite(target.location, dest);
  return dest;
}
