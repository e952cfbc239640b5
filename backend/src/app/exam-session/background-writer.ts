/**
 * Batches advisory writes (session log entries, connection rows, progress columns, join
 * times) into one transaction per event-loop turn. These never gate an acknowledgement;
 * answers and lifecycle changes have their own committed-before-reply paths.
 */
import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { placeholders } from '../database/placeholders';
import { runGroup, type RowGroup as BaseRowGroup } from '../database/row-groups';
import { LiveWriteDb } from './live-write-db.service';

type Op = (em: EntityManager) => Promise<unknown>;

/** Per background transaction (see flush). */
const MAX_STATEMENTS = 3;
const MAX_ROWS = 100;
/**
 * While draining (shutdown, a session's end) big transactions: nothing waits behind them any
 * more, and 20,000 sockets closing at once queue ~40,000 row changes, which in 100-row
 * transactions (a synchronous commit each) took longer than the shutdown timeout.
 */
const DRAIN_STATEMENTS = 100;
const DRAIN_ROWS = 10_000;

@Injectable()
export class BackgroundWriter implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly log = new Logger('BackgroundWriter');
  private queue: Op[] = [];
  /** Ops ever queued / ever run (FIFO), for drain. */
  private enqueued = 0;
  private settled = 0;
  private scheduled = false;
  private running?: Promise<void>;
  /** After shutdown the database is gone: a late write is reported, not attempted. */
  private closed = false;
  /** drain() calls in progress (big transactions meanwhile). */
  private draining = 0;
  /** The newest queued (not yet running) group per statement shape. */
  private readonly open = new Map<string, RowGroup>();
  /** Per updated row (table|key): the seq of the newest queued group that writes it. */
  private readonly touched = new Map<string, number>();
  /** The seq of the newest opaque op (enqueue, sql): no row moves ahead of it. */
  private fence = -1;

  constructor(private readonly db: LiveWriteDb) {}

  /**
   * Coalesced row writes: rows for the same table and columns queued in one turn become ONE
   * multi-row statement (at most MAX_ROWS rows each) instead of one statement per row; a
   * statement costs ~1.5 ms here, so 1,000 students' progress would otherwise hold the
   * write connection (and the answer flushes behind it) for over a second.
   */
  insertRow(table: string, columns: readonly string[], values: unknown[]): void {
    this.rowOp('insert', table, '', columns, values);
  }

  /** UPDATE table SET columns... WHERE key = values[0] (values = [key, ...columns]). */
  updateRow(table: string, key: string, columns: readonly string[], values: unknown[]): void {
    this.rowOp('update', table, key, columns, values);
  }

  private rowOp(
    kind: 'insert' | 'update',
    table: string,
    key: string,
    columns: readonly string[],
    values: unknown[],
  ): void {
    const id = this.shapeId(kind, table, key, columns);
    const row = kind === 'update' ? `${table}|${String(values[0])}` : '';
    // A row joins the newest queued group of the same statement shape when that cannot
    // change the outcome. Inserts are independent appends (log, connection rows) that only
    // reference rows that already exist: always. An update: if no op queued after that group
    // touches the same row (then the two writes keep their order); a second update of a row
    // already in the group replaces it (same columns, the later values win). During a join
    // storm the writes of 5,000 students interleave (join time, connection, log entry), and
    // merging only with the last op left ~17,000 one-row statements queued. Nothing moves
    // ahead of an opaque op (enqueue, sql).
    const open = this.open.get(id);
    if (
      open &&
      open.rows.length < MAX_ROWS &&
      open.seq > this.fence &&
      (!row || (this.touched.get(row) ?? -1) <= open.seq)
    ) {
      if (row) {
        const at = open.index?.get(row);
        if (at !== undefined) open.rows[at] = values;
        else (open.index ??= new Map()).set(row, open.rows.push(values) - 1);
        this.touched.set(row, open.seq);
      } else open.rows.push(values);
      return;
    }
    const seq = this.enqueued;
    const group: RowGroup = { id, kind, table, key, columns, rows: [values], seq };
    if (row) {
      group.index = new Map([[row, 0]]);
      this.touched.set(row, seq);
    }
    this.open.set(id, group);
    const op = Object.assign((em: EntityManager) => runGroup(em, group), { group });
    this.enqueue(op);
  }

  /**
   * The statement shape of a row write, kept per columns array: callers pass module
   * constants, and building the id for every row (a join storm queues ~15,000) was ~1.5 %
   * of the storm's CPU.
   */
  private shapeId(kind: string, table: string, key: string, columns: readonly string[]): string {
    const known = this.shapes.get(columns);
    if (known && known.kind === kind && known.table === table && known.key === key) return known.id;
    const id = `${kind}|${table}|${key}|${columns.join(',')}`;
    this.shapes.set(columns, { kind, table, key, id });
    return id;
  }

  private readonly shapes = new WeakMap<
    readonly string[],
    { kind: string; table: string; key: string; id: string }
  >();

  /** A raw statement with `?` placeholders (cheaper than building entities for hot paths). */
  sql(text: string, params: unknown[]): void {
    this.enqueue((em) => em.query(sqlFor(em, text), params));
  }

  enqueue(op: Op): void {
    if (this.closed) {
      this.log.warn({ msg: 'write after shutdown skipped (the database is closed)' });
      return;
    }
    if (!groupOf(op)) this.fence = this.enqueued;
    this.queue.push(op);
    this.enqueued++;
    this.schedule();
  }

  /**
   * Writes what is queued up to now (rows merged later into a queued group go along). Ops
   * that arrive while it waits are not waited for, so a steady stream cannot stall shutdown.
   */
  async drain(): Promise<void> {
    const target = this.enqueued;
    this.draining++;
    try {
      while (this.settled < target) {
        if (this.running) await this.running;
        else await this.flush();
      }
    } finally {
      this.draining--;
    }
  }

  /**
   * app.close(): every onModuleDestroy (final progress and presence) has run and the
   * database is still open (LiveWriteDb and TypeORM close in onApplicationShutdown).
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.drain();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.drain();
    this.closed = true;
  }

  private schedule(): void {
    if (this.scheduled || this.running) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private flush(): Promise<void> {
    if (this.running || this.queue.length === 0) return this.running ?? Promise.resolve();
    // Small transactions (a few statements, at most ~100 rows): an answer flush goes ahead of
    // queued background work but never interrupts a running transaction, and under load every
    // statement of it costs an event-loop turn (measured: 50-statement transactions held the
    // connection for 200-480 ms during a join/launch burst, and answers waited behind them).
    let n = 0;
    let rows = 0;
    const [maxStatements, maxRows] =
      this.draining > 0 ? [DRAIN_STATEMENTS, DRAIN_ROWS] : [MAX_STATEMENTS, MAX_ROWS];
    while (n < this.queue.length && n < maxStatements && rows < maxRows) {
      rows += groupOf(this.queue[n] as Op)?.rows.length ?? 1;
      n++;
    }
    const ops = this.queue.splice(0, Math.max(1, n));
    const count = ops.length;
    // These leave the queue: nothing may join them any more.
    for (const op of ops) {
      const g = groupOf(op);
      if (!g) continue;
      if (this.open.get(g.id) === g) this.open.delete(g.id);
      for (const row of g.index?.keys() ?? []) {
        if (this.touched.get(row) === g.seq) this.touched.delete(row);
      }
    }
    // Only row groups (the usual case): one trip for the statements and the COMMIT together
    // (LiveWriteDb.rowGroups), instead of one per statement plus BEGIN and COMMIT.
    const groups = ops.map(groupOf);
    const write = groups.every((g) => g !== undefined)
      ? this.db.rowGroups(groups, 'background').then((failed) => {
          for (const err of failed)
            this.log.error({ msg: 'background write failed', err: String(err) });
        })
      : this.db.transaction(async (em) => {
          for (const op of ops) await op(em);
        }, 'background');
    this.running = write
      .catch((e: unknown) =>
        this.log.error({ msg: 'background write failed', ops: ops.length, err: String(e) }),
      )
      .finally(() => {
        this.settled += count;
        this.running = undefined;
        if (this.queue.length > 0) this.schedule();
      });
    return this.running;
  }
}

/** `?` placeholders for SQLite, `$1..$n` for PostgreSQL. */
function sqlFor(em: EntityManager, text: string): string {
  return placeholders(em.connection.options.type, text);
}

interface RowGroup extends BaseRowGroup {
  id: string;
  /** enqueued count when the group was queued (its place in the order). */
  seq: number;
  /** Updates: row (table|key) -> its index in rows. */
  index?: Map<string, number>;
}

/** The coalesced rows an op writes (rowOp's ops carry them), or undefined for an opaque op. */
function groupOf(op: Op): RowGroup | undefined {
  return (op as Op & { group?: RowGroup }).group;
}
