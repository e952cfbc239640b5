/**
 * The one way live-session code writes: `transaction(fn)`, serialised.
 *
 * Why not `DataSource.transaction`: TypeORM's sqlite driver runs every query of the app on
 * ONE connection and turns a transaction started while another is open into a SAVEPOINT
 * inside it. An answer "committed" that way is only released into someone else's open
 * transaction, and an ack sent then would break R1. So on SQLite the live writes get a
 * connection of their own (same file, WAL, synchronous=FULL, busy_timeout): its COMMIT is a
 * real commit whatever the rest of the app is doing, and SQLite's file lock orders it with
 * the other connection's writes. Transactions on it are serialised in-process by a queue.
 * PostgreSQL pools connections, so there the main DataSource is used as is.
 */
import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Pool, QueryResult } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { placeholders } from '../database/placeholders';
import { finalizePrepared, rawRunPrepared, rawTransaction } from '../database/raw-sql';
import { groupStatement, runGroup, type RowGroup } from '../database/row-groups';
import { applySqlitePragmas } from '../database/sqlite-pragmas';

/**
 * TRACE_ANSWER_WRITER=1 (the benchmark passes it through): once a second, stderr gets the
 * event-loop lag and, per kind of transaction, how long it waited for the write connection
 * and how long it ran (BEGIN to COMMIT, including event-loop turns between statements).
 */
const TRACE = !!process.env.TRACE_ANSWER_WRITER;
let traceStarted = false;
const traced = new Map<
  string,
  { n: number; wait: number; waitMax: number; run: number; runMax: number }
>();
function trace(label: string, wait: number, run: number): void {
  if (!traceStarted) {
    traceStarted = true;
    const h = monitorEventLoopDelay({ resolution: 5 });
    h.enable();
    setInterval(() => {
      const parts = [...traced].map(
        ([k, v]) =>
          `${k} n=${v.n} wait avg ${(v.wait / v.n).toFixed(1)} max ${v.waitMax.toFixed(0)} run avg ${(v.run / v.n).toFixed(1)} max ${v.runMax.toFixed(0)}`,
      );
      console.error(
        `[trace] lag p99 ${(h.percentile(99) / 1e6).toFixed(0)} max ${(h.max / 1e6).toFixed(0)} | ${parts.join(' | ')}`,
      );
      h.reset();
      traced.clear();
    }, 1000).unref();
  }
  const t = traced.get(label) ?? { n: 0, wait: 0, waitMax: 0, run: 0, runMax: 0 };
  t.n++;
  t.wait += wait;
  t.run += run;
  t.waitMax = Math.max(t.waitMax, wait);
  t.runMax = Math.max(t.runMax, run);
  traced.set(label, t);
}

/** How often the main connection folds the WAL into the database file. */
const CHECKPOINT_INTERVAL_MS = 1000;

@Injectable()
export class LiveWriteDb implements OnModuleInit, OnApplicationShutdown {
  private own?: DataSource;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly main: DataSource) {}

  private ready?: Promise<void>;
  private checkpointTimer?: NodeJS.Timeout;

  onModuleInit(): Promise<void> {
    return this.init();
  }

  /** Opens the own connection once; other providers' init hooks may call in first. */
  private init(): Promise<void> {
    this.ready ??= (async () => {
      const o = this.main.options;
      if (o.type !== 'sqlite' || o.database === ':memory:') return;
      const own = new DataSource({
        type: 'sqlite',
        driver: o.driver,
        database: o.database,
        entities: this.main.entityMetadatas.map((m) => m.target),
        synchronize: false,
        migrationsRun: false,
        busyErrorRetry: 50,
      });
      await own.initialize();
      await applySqlitePragmas(own);
      // A commit that crosses the auto-checkpoint threshold copies the WAL into the database
      // inside that commit: tens of ms that every answer in the batch would wait for. The
      // write connection never checkpoints; the main connection does it on a timer instead
      // (PASSIVE: it never blocks this connection's commits).
      await own.query('PRAGMA wal_autocheckpoint = 0');
      this.own = own;
      this.checkpointTimer = setInterval(() => {
        this.main.query('PRAGMA wal_checkpoint(PASSIVE)').catch(() => undefined);
      }, CHECKPOINT_INTERVAL_MS);
      this.checkpointTimer.unref();
    })();
    return this.ready;
  }

  /**
   * Closes the write connection in the last shutdown phase, after every module's final
   * writes were drained (BackgroundWriter.beforeApplicationShutdown).
   */
  async onApplicationShutdown(): Promise<void> {
    if (this.checkpointTimer) clearInterval(this.checkpointTimer);
    await this.tail.catch(() => undefined);
    if (this.own?.isInitialized) {
      await finalizePrepared(this.own);
      await this.own.destroy();
    }
  }

  /** Reads (committed data, any connection). */
  get reader(): EntityManager {
    return this.main.manager;
  }

  /**
   * Runs fn in one transaction; resolves only after COMMIT. Serialised with other live
   * writes, in order, except that `urgent` work goes ahead of queued non-urgent work (it
   * never interrupts a running transaction). Urgent: answer batches (they gate acks; they
   * only insert answer rows) and launch/pause/resume/add-time (they gate every student; they
   * never touch the columns advisory writes set). Running them before queued advisory writes
   * changes no outcome; a session end is not urgent and drains both writers first.
   */
  transaction<T>(
    fn: (em: EntityManager) => Promise<T>,
    label = 'other',
    urgent = false,
  ): Promise<T> {
    return this.enqueue(() => (this.own ?? this.main).transaction(fn), label, urgent);
  }

  /**
   * ONE statement in autocommit mode, through the same queue: SQLite (and PostgreSQL) make a
   * single statement atomic and, with synchronous=FULL, durable when it returns. For the
   * answer batch (one multi-row INSERT) this is one round trip to the database thread instead
   * of three (BEGIN, INSERT, COMMIT), each of which waited for a turn of the busy event loop.
   * Safe on the own connection because the queue never runs it while a transaction is open.
   * Resolves with how many rows it inserted, changed or deleted.
   */
  changes(sql: string, params: unknown[], label = 'other', urgent = false): Promise<number> {
    return this.enqueue(
      async () => {
        // SQLite: straight on the write connection's handle (database/raw-sql.ts), once per
        // answer batch, its text kept prepared; the main data source's subscribers
        // (metrics) see it.
        if (this.own) return rawRunPrepared(this.own, sql, params, this.main);
        const runner = this.main.createQueryRunner();
        try {
          const out = await runner.query(placeholders(this.main.options.type, sql), params, true);
          return Number(out.affected ?? 0);
        } finally {
          await runner.release();
        }
      },
      label,
      urgent,
    );
  }

  /**
   * Coalesced row groups (the background writer's advisory rows) in one transaction. SQLite's
   * write connection: two trips to the database thread whatever their number
   * (rawTransaction; a group that fails loses only its own rows, which is reported);
   * otherwise a transaction with one statement per group.
   */
  rowGroups(groups: readonly RowGroup[], label = 'other'): Promise<Error[]> {
    const own = this.own;
    if (own)
      return this.enqueue(
        () =>
          rawTransaction(
            own,
            groups.map((g) => groupStatement(g)),
            this.main,
          ),
        label,
        false,
      );
    return this.transaction(async (em) => {
      for (const g of groups) await runGroup(em, g);
      return [];
    }, label);
  }

  /** A read with `?` parameters, whichever database (committed data). */
  read<R>(sql: string, params: unknown[]): Promise<R[]> {
    return this.main.query(placeholders(this.main.options.type, sql), params);
  }

  /**
   * PostgreSQL only: a text of several statements sent as ONE simple query (no bind
   * parameters: the caller inlines escaped literals). PostgreSQL runs them in one implicit
   * transaction, committed when it returns; resolves with the last statement's rows.
   */
  script<R>(text: string, label = 'other', urgent = false): Promise<R[]> {
    if (this.main.options.type !== 'postgres') throw new Error('script() needs PostgreSQL');
    const pool = (this.main.driver as PostgresDriver).master as Pool;
    return this.enqueue(
      async () => {
        const out = (await pool.query(text)) as unknown as QueryResult | QueryResult[];
        const last = Array.isArray(out) ? out[out.length - 1] : out;
        return last.rows as R[];
      },
      label,
      urgent,
    );
  }

  private enqueue<T>(run: () => Promise<T>, label: string, urgent: boolean): Promise<T> {
    const queued = performance.now();
    return new Promise<T>((resolve, reject) => {
      const job = async () => {
        const t0 = performance.now();
        try {
          await this.init();
          resolve(await run());
        } catch (e) {
          reject(e);
        } finally {
          if (TRACE) trace(label, t0 - queued, performance.now() - t0);
        }
      };
      (urgent ? this.urgent : this.normal).push(job);
      if (!this.running) void this.pump();
    });
  }

  private readonly urgent: Array<() => Promise<void>> = [];
  private readonly normal: Array<() => Promise<void>> = [];
  private running = false;

  private async pump(): Promise<void> {
    this.running = true;
    let done!: () => void;
    this.tail = new Promise<void>((r) => (done = r));
    try {
      for (;;) {
        const job = this.urgent.shift() ?? this.normal.shift();
        if (!job) break;
        await job();
      }
    } finally {
      this.running = false;
      done();
    }
  }
}
