/**
 * A consistent copy of a live SQLite database through SQLite's online backup API
 * (sqlite3_backup_*, exposed by the sqlite3 package as Database#backup): pages are copied
 * inside a read transaction of a separate connection, so the server keeps writing (WAL) and
 * the copy is a snapshot of one committed state. A plain file copy of a WAL database is not.
 */
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import sqlite3 from 'sqlite3';

interface SqliteBackup {
  step(pages: number, cb: (err: Error | null) => void): void;
  finish(cb?: (err: Error | null) => void): void;
  readonly completed: boolean;
  readonly failed: boolean;
}

function open(file: string, mode: number): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, mode, (err) => (err ? reject(err) : resolve(db)));
  });
}

function close(db: sqlite3.Database): Promise<void> {
  return new Promise((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())));
}

/** Copies `source` (a live database) to `dest`; resolves with the page count copied. */
export async function backupSqlite(
  source: string,
  dest: string,
  timeoutMs = 60_000,
): Promise<void> {
  mkdirSync(dirname(dest), { recursive: true });
  const db = await open(source, sqlite3.OPEN_READONLY);
  try {
    const backup = (db as unknown as { backup(file: string): SqliteBackup }).backup(dest);
    const until = Date.now() + timeoutMs;
    try {
      // -1 = all pages in one step (one consistent read); BUSY/LOCKED are retried.
      while (!backup.completed && !backup.failed) {
        await new Promise<void>((resolve, reject) =>
          backup.step(-1, (err) => (err ? reject(err) : resolve())),
        );
        if (!backup.completed && !backup.failed) {
          if (Date.now() > until) throw new Error(`backup did not finish within ${timeoutMs} ms`);
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      if (backup.failed) throw new Error('SQLite online backup failed');
    } finally {
      await new Promise<void>((resolve) => backup.finish(() => resolve()));
    }
  } finally {
    await close(db);
  }
}

/** `<dir>/exam-2025-01-31T03-00-00-000Z.sqlite` */
export function backupFileName(dir: string, now: number): string {
  return join(dir, `exam-${new Date(now).toISOString().replace(/[:.]/g, '-')}.sqlite`);
}

/** Keeps the newest `keep` backups made by this tool in `dir`; returns the removed files. */
export function pruneBackups(dir: string, keep: number): string[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => /^exam-.*\.sqlite$/.test(f));
  } catch {
    return [];
  }
  const sorted = files
    .map((f) => ({ f, t: statSync(join(dir, f)).mtimeMs }))
    .sort((a, b) => b.t - a.t || b.f.localeCompare(a.f));
  const removed = sorted.slice(keep).map((x) => join(dir, x.f));
  for (const r of removed) rmSync(r, { force: true });
  return removed;
}
