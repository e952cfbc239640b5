/**
 * Durability settings applied right after the SQLite connection opens (R5):
 * WAL journal, synchronous=FULL so a committed answer survives power loss or kill -9,
 * foreign keys enforced, a busy timeout for the backup tool reading alongside, and
 * transactions that take the write lock at BEGIN (see beginImmediate). Temporary storage
 * (statement journals of multi-row writes, sorts) in memory: on disk, each was a temp file
 * created, written and deleted, ~20 a second during a join storm.
 */
import type { DataSource, QueryRunner } from 'typeorm';

export async function applySqlitePragmas(ds: DataSource): Promise<void> {
  if (ds.options.type !== 'sqlite') return;
  beginImmediate(ds);
  await ds.query('PRAGMA foreign_keys = ON');
  await ds.query('PRAGMA synchronous = FULL');
  await ds.query('PRAGMA busy_timeout = 5000');
  await ds.query('PRAGMA temp_store = MEMORY');
  const [{ journal_mode: mode }] = (await ds.query('PRAGMA journal_mode')) as Array<{
    journal_mode: string;
  }>;
  if (ds.options.database !== ':memory:' && mode !== 'wal') {
    await ds.query('PRAGMA journal_mode = WAL');
  }
}

/**
 * Transactions on this connection start with BEGIN IMMEDIATE (the write lock is taken at
 * BEGIN) instead of TypeORM's plain BEGIN.
 *
 * Two connections write to the file (the app's and the live write connection). A plain
 * BEGIN starts as a reader; a transaction that reads and then writes after the other
 * connection committed cannot upgrade its stale snapshot and gets SQLITE_BUSY at once,
 * whatever the busy timeout; TypeORM's busyErrorRetry then re-runs that statement every
 * 50 ms forever, inside the same stale transaction, and every later write queues behind
 * it (seen as a server that stopped answering joins). Taken at BEGIN, the lock is waited
 * for (busy_timeout) and never has to be upgraded. TypeORM's sqlite driver keeps one query
 * runner per DataSource, so patching that instance covers every transaction on it.
 */
function beginImmediate(ds: DataSource): void {
  const runner = ds.driver.createQueryRunner('master') as QueryRunner & { immediate?: true };
  if (runner.immediate) return;
  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  runner.query = ((sql: string, ...rest: unknown[]) =>
    query(
      sql === 'BEGIN TRANSACTION' ? 'BEGIN IMMEDIATE TRANSACTION' : sql,
      ...rest,
    )) as QueryRunner['query'];
  runner.immediate = true;
}
