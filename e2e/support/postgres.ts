/**
 * A fresh PostgreSQL database per test file on the server TEST_POSTGRES_URL names (.ci/run
 * exports it when PostgreSQL answers). Specs that need one skip without it.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

export const PG_URL = process.env.TEST_POSTGRES_URL;
export const REDIS_URL = process.env.TEST_REDIS_URL;

export interface TestDatabase {
  url: string;
  /** A query from outside the app. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

export async function createTestDatabase(prefix = 'exam_it'): Promise<TestDatabase> {
  if (!PG_URL) throw new Error('TEST_POSTGRES_URL is not set');
  const name = `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  const url = u.toString();
  return {
    url,
    async query<T>(sql: string, params: unknown[] = []) {
      const c = new Client({ connectionString: url });
      await c.connect();
      try {
        return (await c.query(sql, params)).rows as T[];
      } finally {
        await c.end();
      }
    },
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
