/**
 * Durability settings applied right after the SQLite connection opens (R5):
 * WAL journal, synchronous=FULL so a committed answer survives power loss or kill -9,
 * foreign keys enforced, and a busy timeout for the backup tool reading alongside.
 */
import type { DataSource } from 'typeorm';

export async function applySqlitePragmas(ds: DataSource): Promise<void> {
  if (ds.options.type !== 'sqlite') return;
  await ds.query('PRAGMA foreign_keys = ON');
  await ds.query('PRAGMA synchronous = FULL');
  await ds.query('PRAGMA busy_timeout = 5000');
  const [{ journal_mode: mode }] = (await ds.query('PRAGMA journal_mode')) as Array<{
    journal_mode: string;
  }>;
  if (ds.options.database !== ':memory:' && mode !== 'wal') {
    await ds.query('PRAGMA journal_mode = WAL');
  }
}
