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
    const id = `${kind}|${table}|${key}|${columns.join(',')}`;
    // Inserts are independent appends (log, connection rows) that only reference rows that
    // already exist, so a new row may join ANY pending insert group of the same table: during
    // a join storm the inserts of 1,000 students interleave, and merging only consecutive
    // rows left ~1,000 tiny transactions queued ahead of the launch. Updates merge only with
    // the last op, so two updates of one row never swap order.
    const reach = kind === 'insert' ? Math.max(0, this.queue.length - 256) : this.queue.length - 1;
    for (let i = this.queue.length - 1; i >= reach && i >= 0; i--) {
      const g = (this.queue[i] as Op & { group?: RowGroup }).group;
      if (g?.id === id && g.rows.length < MAX_ROWS) {
        g.rows.push(values);
        return;
      }
    }
    const group: RowGroup = { id, kind, table, key, columns, rows: [values] };
    const op = Object.assign((em: EntityManager) => runGroup(em, group), { group });
    this.enqueue(op);
  }

  /** A raw statement with `?` placeholders (cheaper than building entities for hot paths). */
  sql(text: string, params: unknown[]): void {
    this.enqueue((em) => em.query(sqlFor(em, text), params));
  }

  enqueue(op: Op): void {
    if (this.closed) {
      this.log.warn({ msg: 'write after shutdown skipped (the database is closed)' });
      return;
    }
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
    while (this.settled < target) {
      if (this.running) await this.running;
      else await this.flush();
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
    while (n < this.queue.length && n < MAX_STATEMENTS && rows < MAX_ROWS) {
      rows += (this.queue[n] as Op & { group?: RowGroup }).group?.rows.length ?? 1;
      n++;
    }
    const ops = this.queue.splice(0, Math.max(1, n));
    const count = ops.length;
    this.running = this.db
      .transaction(async (em) => {
        for (const op of ops) await op(em);
      }, 'background')
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
}
