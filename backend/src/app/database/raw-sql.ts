/**
 * Statements run straight on the driver (the sqlite3 handle, the pg pool), for the few hot
 * paths where TypeORM's query runner (runner, broadcaster, logger and result objects, ~50-90
 * µs of the main thread per statement) was a visible share of the CPU: answer batches and
 * the login checks of a join storm. What the runner did that matters is kept: SQLite's
 * SQLITE_BUSY is retried (busy_timeout already waited), failures are QueryFailedErrors,
 * `?` placeholders become `$n` on PostgreSQL, and the data source's query subscribers (the
 * database metrics) see every statement.
 */
import type { Pool } from 'pg';
import type sqlite3 from 'sqlite3';
import { QueryFailedError, type AfterQueryEvent, type DataSource } from 'typeorm';
import { placeholders } from './placeholders';

/** A statement that found the database busy (past busy_timeout) is tried again after this. */
const BUSY_RETRY_MS = 50;

function sqliteHandle(ds: DataSource): sqlite3.Database {
  return (ds.driver as unknown as { databaseConnection: sqlite3.Database }).databaseConnection;
}

/** Rows of a read; `observer` (default: ds) is the data source whose subscribers are told. */
export function rawAll<R>(
  ds: DataSource,
  sql: string,
  params: unknown[],
  observer: DataSource = ds,
): Promise<R[]> {
  const done = timed(observer, sql, params);
  if (ds.options.type === 'postgres') {
    const pool = (ds.driver as unknown as { master: Pool }).master;
    return pool.query(placeholders('postgres', sql), params).then(
      (r) => {
        done(true);
        return r.rows as R[];
      },
      (err: Error) => {
        done(false, err);
        throw new QueryFailedError(sql, params, err);
      },
    );
  }
  if (ds.options.type !== 'sqlite') return ds.query(sql, params);
  return onSqlite(ds, (handle, cb) => handle.all(sql, params, cb), sql, params, done).then(
    (r) => r.rows as R[],
  );
}

/** SQLite: one statement that writes; resolves with the rows it changed. */
export function rawRun(
  ds: DataSource,
  sql: string,
  params: unknown[],
  observer: DataSource = ds,
): Promise<number> {
  const done = timed(observer, sql, params);
  return onSqlite(ds, (handle, cb) => handle.run(sql, params, cb), sql, params, done).then(
    (r) => r.changes,
  );
}

/**
 * SQLite statements kept prepared, per connection handle: the answer batch's text differs
 * only by its number of rows, and `handle.run` prepared, ran and finalised it every time
 * (three trips to the database thread, and ~30 % of the main thread's time in the binding
 * for a batch of 5 in a micro-benchmark). An INSERT without RETURNING commits when its one
 * step returns SQLITE_DONE (autocommit), exactly as before; the statement is reset at its
 * next run. At most PREPARED_MAX texts per handle (later ones run the old way), all
 * finalised by finalizePrepared before the connection closes.
 */
const prepared = new WeakMap<sqlite3.Database, Map<string, sqlite3.Statement>>();
export const PREPARED_MAX = 64;

/** rawRun with the statement kept prepared (SQLite only, like rawRun). */
export function rawRunPrepared(
  ds: DataSource,
  sql: string,
  params: unknown[],
  observer: DataSource = ds,
): Promise<number> {
  if (ds.options.type !== 'sqlite') throw new Error('rawRunPrepared() needs SQLite');
  const handle = sqliteHandle(ds);
  let cache = prepared.get(handle);
  if (!cache) prepared.set(handle, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) {
    if (cache.size >= PREPARED_MAX) return rawRun(ds, sql, params, observer);
    const own = cache;
    // A text that cannot be prepared is dropped; its run reports the error.
    stmt = handle.prepare(sql, (err) => {
      if (err) own.delete(sql);
    });
    cache.set(sql, stmt);
  }
  const st = stmt;
  const done = timed(observer, sql, params);
  return onSqlite(ds, (_handle, cb) => st.run(params, cb), sql, params, done).then(
    (r) => r.changes,
    (e: unknown) => {
      // A statement that failed part way is reset at once, never left holding anything.
      st.reset();
      throw e;
    },
  );
}

/** Finalises the statements rawRunPrepared keeps for this connection (before it closes). */
export async function finalizePrepared(ds: DataSource): Promise<void> {
  if (ds.options.type !== 'sqlite' || !ds.isInitialized) return;
  const cache = prepared.get(sqliteHandle(ds));
  if (!cache) return;
  const list = [...cache.values()];
  cache.clear();
  await Promise.all(list.map((stmt) => new Promise<void>((r) => stmt.finalize(() => r()))));
}

export interface Statement {
  sql: string;
  params: unknown[];
}

/**
 * SQLite: several statements in ONE transaction, in two trips to the database thread
 * instead of one per statement plus BEGIN and COMMIT: `BEGIN IMMEDIATE` (kept prepared, so
 * finalizePrepared before the connection closes; retried while the database is busy, as
 * rawRun), then every statement and the COMMIT queued together in
 * serialized mode, so that they run one after another without waiting for the event loop
 * between them (under load each trip waited for a turn of a busy loop, and everything queued
 * for the connection, answers included, waited for the whole transaction). A statement that
 * fails loses only its own rows (its error is returned; the others commit): meant for
 * advisory rows (the background writer). If COMMIT fails, the transaction is rolled back and
 * the promise rejects: the connection is never left inside a transaction.
 */
export async function rawTransaction(
  ds: DataSource,
  statements: readonly Statement[],
  observer: DataSource = ds,
): Promise<Error[]> {
  if (ds.options.type !== 'sqlite') throw new Error('rawTransaction() needs SQLite');
  // Kept prepared: one trip instead of two (prepare, then run) per transaction.
  await rawRunPrepared(ds, 'BEGIN IMMEDIATE', [], observer);
  const handle = sqliteHandle(ds);
  const failed: Error[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      handle.serialize(() => {
        for (const { sql, params } of statements) {
          const done = timed(observer, sql, params);
          handle.run(sql, params, (err: Error | null) => {
            done(!err, err ?? undefined);
            if (err) failed.push(new QueryFailedError(sql, params, err));
          });
        }
        const done = timed(observer, 'COMMIT', []);
        handle.run('COMMIT', [], (err: Error | null) => {
          done(!err, err ?? undefined);
          if (err) reject(new QueryFailedError('COMMIT', [], err));
          else resolve();
        });
      });
    });
  } catch (e) {
    await new Promise<void>((r) => handle.run('ROLLBACK', [], () => r()));
    throw e;
  }
  return failed;
}

type Callback = (this: sqlite3.RunResult, err: Error | null, rows?: unknown[]) => void;

function onSqlite(
  ds: DataSource,
  call: (handle: sqlite3.Database, cb: Callback) => void,
  sql: string,
  params: unknown[],
  done: (ok: boolean, err?: unknown) => void,
): Promise<{ rows?: unknown[]; changes: number }> {
  const handle = sqliteHandle(ds);
  return new Promise((resolve, reject) => {
    const attempt = () =>
      call(handle, function (err, rows) {
        if (err && (err as { code?: string }).code === 'SQLITE_BUSY') {
          setTimeout(attempt, BUSY_RETRY_MS);
          return;
        }
        done(!err, err ?? undefined);
        if (err) reject(new QueryFailedError(sql, params, err));
        else resolve({ rows, changes: this?.changes ?? 0 });
      });
    attempt();
  });
}

/**
 * Starts the clock on a statement; the function returned tells the data source's subscribers
 * (the database metrics) how it went and how long it took.
 */
function timed(ds: DataSource, query: string, parameters: unknown[]) {
  const started = Date.now();
  return (success: boolean, error?: unknown): void => {
    if (ds.subscribers.length === 0) return;
    const event = {
      connection: ds,
      manager: ds.manager,
      query,
      parameters,
      success,
      executionTime: Date.now() - started,
      error,
    } as unknown as AfterQueryEvent<unknown>;
    for (const s of ds.subscribers) void s.afterQuery?.(event);
  };
}
