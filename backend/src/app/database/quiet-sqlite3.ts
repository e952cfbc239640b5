/**
 * The sqlite3 module handed to TypeORM, without sqlite3's "verbose" mode.
 *
 * TypeORM's sqlite driver calls `sqlite3.verbose()`, which wraps every Database call
 * (prepare, run, all, exec...) to build a long stack trace in advance: a `new Error()` and
 * a `util.inspect` of the SQL text and each parameter, on every statement, whether it fails
 * or not. In the answer benchmark's CPU profile that wrapper was a large share of the
 * database work on the event loop (a multi-row insert inspects every parameter). Errors
 * still carry SQLite's own message and code (SQLITE_BUSY, SQLITE_CONSTRAINT...), which is
 * what the code and the logs use.
 */
import sqlite3 from 'sqlite3';

export const quietSqlite3: typeof sqlite3 = Object.assign(
  Object.create(sqlite3) as typeof sqlite3,
  {
    verbose: () => sqlite3,
  },
);
