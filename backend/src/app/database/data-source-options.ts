/**
 * Builds TypeORM options from DATABASE_URL. SQLite (the default) runs in WAL mode with
 * foreign keys on and synchronous=FULL (R5); PostgreSQL is used for multi-instance setups.
 * Schema changes only ever come from migrations in db/migrations.
 */
import { isAbsolute, resolve, dirname } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '@exam/db';
import { quietSqlite3 } from './quiet-sqlite3';

export interface DbTarget {
  kind: 'sqlite' | 'postgres';
  /** File path (or ':memory:') for sqlite; the URL for postgres. */
  location: string;
}

export function parseDatabaseUrl(url: string, cwd = process.cwd()): DbTarget {
  if (url.startsWith('sqlite:')) {
    const rest = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (rest === ':memory:') return { kind: 'sqlite', location: ':memory:' };
    return { kind: 'sqlite', location: isAbsolute(rest) ? rest : resolve(cwd, rest) };
  }
  return { kind: 'postgres', location: url };
}

export function buildDataSourceOptions(
  databaseUrl: string,
  opts: { entities?: DataSourceOptions['entities']; logging?: boolean } = {},
): DataSourceOptions {
  const target = parseDatabaseUrl(databaseUrl);
  const common = {
    entities: opts.entities ?? [],
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: opts.logging ?? false,
  } as const;
  if (target.kind === 'sqlite') {
    if (target.location !== ':memory:') mkdirSync(dirname(target.location), { recursive: true });
    return {
      ...common,
      type: 'sqlite',
      driver: quietSqlite3,
      database: target.location,
      enableWAL: target.location !== ':memory:',
      busyErrorRetry: 50,
      // Migrations of one change run in one transaction.
      migrationsTransactionMode: 'each',
    };
  }
  return { ...common, type: 'postgres', url: target.location, migrationsTransactionMode: 'each' };
}
