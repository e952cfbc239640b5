/**
 * LiveWriteDb on a real SQLite file: its own write connection, a queue that never runs two
 * jobs at once, urgent work first, and single statements that are their own transaction.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { DataSource, QueryFailedError } from 'typeorm';
import { buildDataSourceOptions } from '../database/data-source-options';
import { PREPARED_MAX } from '../database/raw-sql';
import { applySqlitePragmas } from '../database/sqlite-pragmas';
import { LiveWriteDb } from './live-write-db.service';

describe('LiveWriteDb (real SQLite file)', () => {
  let dir: string;
  let file: string;
  let main: DataSource;
  let db: LiveWriteDb;

  /** What another process would see: a separate connection. */
  const outside = (sql: string) =>
    new Promise<unknown[]>((res, rej) => {
      const c = new sqlite3.Database(file);
      c.all(sql, (e, rows) => c.close(() => (e ? rej(e) : res(rows))));
    });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'live-write-'));
    file = join(dir, 'w.sqlite');
    main = new DataSource({ ...buildDataSourceOptions(`sqlite:${file}`), migrations: [] });
    await main.initialize();
    await applySqlitePragmas(main);
    await main.query('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)');
    db = new LiveWriteDb(main);
    await db.onModuleInit();
  });
  afterEach(async () => {
    await db.onApplicationShutdown();
    await main.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a statement is committed when it resolves (seen from another connection)', async () => {
    expect(await db.changes('INSERT INTO t (v) VALUES (?), (?)', ['a', 'b'])).toBe(2);
    expect(await outside('SELECT v FROM t ORDER BY v')).toEqual([{ v: 'a' }, { v: 'b' }]);
  });

  it('keeps statements prepared: every reuse commits, a failure leaves the next run intact, and more texts than it keeps still run', async () => {
    const insert = (n: number, from: number) =>
      db.changes(
        `INSERT INTO t (v) VALUES ${Array.from({ length: n }, () => '(?)').join(', ')}`,
        Array.from({ length: n }, (_, i) => `v${from + i}`),
      );
    let next = 0;
    for (let round = 0; round < 3; round++) {
      for (let n = 1; n <= PREPARED_MAX + 6; n++) {
        expect(await insert(n, next)).toBe(n);
        next += n;
        const [{ c }] = (await outside('SELECT COUNT(*) AS c FROM t')) as Array<{ c: number }>;
        expect(c).toBe(next); // committed when it resolved, seen from outside
      }
    }
    // The same text failing (a duplicate), then succeeding.
    await expect(insert(2, 0)).rejects.toBeInstanceOf(QueryFailedError);
    expect(await insert(2, next)).toBe(2);
    expect(await outside('SELECT COUNT(*) AS c FROM t')).toEqual([{ c: next + 2 }]);
    // afterEach closes the connection: it would fail with statements left unfinalised.
  });

  it("a statement run straight on the write connection is seen by the app's query subscribers", async () => {
    const seen: Array<{ query: string; success: boolean; ms?: number }> = [];
    main.subscribers.push({
      afterQuery: (e) =>
        void seen.push({ query: e.query, success: e.success, ms: e.executionTime }),
    });
    await db.changes('INSERT INTO t (v) VALUES (?)', ['seen']);
    await expect(db.changes('INSERT INTO t (v) VALUES (?)', ['seen'])).rejects.toBeInstanceOf(
      QueryFailedError,
    );
    const mine = seen.filter((q) => q.query.startsWith('INSERT INTO t'));
    expect(mine.map((q) => q.success)).toEqual([true, false]);
    expect(typeof mine[0].ms).toBe('number');
  });

  it('a multi-row statement is all or nothing', async () => {
    await db.changes('INSERT INTO t (v) VALUES (?)', ['dup']);
    await expect(
      db.changes('INSERT INTO t (v) VALUES (?), (?), (?)', ['x', 'dup', 'y']),
    ).rejects.toThrow(/UNIQUE/);
    expect(await outside('SELECT v FROM t ORDER BY v')).toEqual([{ v: 'dup' }]);
  });

  it('row groups commit together in one transaction; a failing group loses only its own rows and the connection is left outside any transaction', async () => {
    const group = (vs: string[]) => ({
      kind: 'insert' as const,
      table: 't',
      key: '',
      columns: ['v'],
      rows: vs.map((v) => [v]),
    });
    await db.changes('INSERT INTO t (v) VALUES (?)', ['taken']);
    const failed = await db.rowGroups([group(['a', 'b']), group(['c', 'taken']), group(['d'])]);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toBeInstanceOf(QueryFailedError);
    expect(await outside('SELECT v FROM t ORDER BY v')).toEqual([
      { v: 'a' },
      { v: 'b' },
      { v: 'd' },
      { v: 'taken' },
    ]);
    // The next statement is its own transaction again: committed when it resolves.
    expect(await db.changes('INSERT INTO t (v) VALUES (?)', ['e'])).toBe(1);
    expect(await outside("SELECT v FROM t WHERE v = 'e'")).toEqual([{ v: 'e' }]);
  });

  it('row groups wait for a writer on another connection, then commit', async () => {
    const other = new sqlite3.Database(file);
    const run = (sql: string) =>
      new Promise<void>((res, rej) => other.run(sql, (e) => (e ? rej(e) : res())));
    await run('BEGIN IMMEDIATE');
    await run("INSERT INTO t (v) VALUES ('other')");
    const groups = db.rowGroups([
      { kind: 'insert', table: 't', key: '', columns: ['v'], rows: [['mine']] },
    ]);
    await new Promise((r) => setTimeout(r, 100));
    await run('COMMIT');
    expect(await groups).toEqual([]);
    await new Promise<void>((r) => other.close(() => r()));
    expect(await outside('SELECT v FROM t ORDER BY v')).toEqual([{ v: 'mine' }, { v: 'other' }]);
  });

  it('a transaction that reads, then writes after the other connection wrote, does not stall', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const begun = new Promise<void>((r) => (started = r));
    const tx = db.transaction(async (em) => {
      await em.query('SELECT COUNT(*) AS n FROM t');
      started();
      await gate;
      await em.query('INSERT INTO t (v) VALUES (?)', ['live']);
    });
    await begun;
    // The app's connection writes meanwhile. With a plain BEGIN it committed at once, and the
    // live transaction's INSERT then hit SQLITE_BUSY on its stale snapshot and was retried
    // forever; with BEGIN IMMEDIATE this write waits for the live transaction instead.
    const other = main.query('INSERT INTO t (v) VALUES (?)', ['app']);
    await new Promise((r) => setTimeout(r, 200));
    release();
    await Promise.all([tx, other]);
    expect(await outside('SELECT v FROM t ORDER BY v')).toEqual([{ v: 'app' }, { v: 'live' }]);
  }, 15_000);

  it('an urgent statement waits for the running transaction and never lands inside it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const order: string[] = [];
    const tx = db
      .transaction(async (em) => {
        await em.query('INSERT INTO t (v) VALUES (?)', ['in-tx']);
        order.push('tx running');
        await gate;
        throw new Error('roll back');
      })
      .catch((e: Error) => order.push(`tx ${e.message}`));
    const queuedNormal = db
      .transaction((em) => em.query('INSERT INTO t (v) VALUES (?)', ['normal']))
      .then(() => order.push('normal'));
    // Let the transaction start before the urgent work is queued.
    while (!order.includes('tx running')) await new Promise((r) => setImmediate(r));
    const urgent = db
      .changes('INSERT INTO t (v) VALUES (?)', ['urgent'], 'answers', true)
      .then(() => order.push('urgent'));
    release();
    await Promise.all([tx, queuedNormal, urgent]);
    // The rollback took only its own row; the urgent statement overtook queued normal work.
    expect(order).toEqual(['tx running', 'tx roll back', 'urgent', 'normal']);
    expect(await outside('SELECT v FROM t ORDER BY id')).toEqual([
      { v: 'urgent' },
      { v: 'normal' },
    ]);
  });
});
