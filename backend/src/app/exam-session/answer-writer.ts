/**
 * Group commit for answers (R1, R5). Rows queue up; a flush is scheduled with setImmediate
 * and writes the batch (at most ANSWER_FLUSH_MAX_ROWS rows) as ONE
 * multi-row INSERT, run as a single autocommitted statement (its own transaction: all rows
 * or none, durable when it returns). Each waiter's promise resolves only after that commit;
 * if it fails every waiter is rejected and no ack is sent (the client retries).
 * `INSERT ... ON CONFLICT DO NOTHING` on (student session, idempotency key): a retried
 * answer that is already stored never makes a second row or fails the batch (R3); when the
 * batch inserted fewer rows than it had (a key the student's memory had forgotten), the
 * stored rows say which, and those waiters get the original reply (AnswerAlreadyStored).
 * Only one flush runs at a time; what arrives meanwhile forms the next batch.
 *
 * ANSWER_COMMIT_INTERVAL_MS (0 by default: off) trades ack latency for CPU. Under load (the
 * previous batch held more than one answer) a batch then starts at most that often after
 * the previous one started, unless a full batch is waiting, so that answers arriving
 * together share one commit: each commit costs a disk sync, a wake-up of a database thread
 * and the binding of its statement, whatever its size (PostgreSQL's commit_delay trades the
 * same way). At 2,000 answers/s the commits are ~6 ms apart with ~11 rows each; at 10 ms
 * they held ~20 and the database threads used up to a quarter less CPU, but the median ack
 * took ~3 ms longer and the p99 ~5 ms (bench:answers, 2026-12-02). A lone answer (the
 * previous batch held one) is never held back.
 *
 * Several instances (PostgreSQL with REDIS_URL): no process's memory knows every answer
 * and every attempt any more, so the database arbitrates, in one round trip of two
 * statements (one implicit transaction, guardedInsertScript). The first takes a
 * transaction-scoped advisory lock per attempt of the batch, in id order (two instances'
 * batches never deadlock): two devices of one student on two instances take turns. The
 * second, with a snapshot taken after those locks (READ COMMITTED: one per statement),
 * inserts the batch only for attempts still open, read `FOR SHARE` (a session end or a
 * submit on another instance waits for this commit, or this insert waits for theirs and
 * then finds the attempt closed), and only where no answer to the same question with this
 * seq or a higher one is stored; `RETURNING` says which rows went in. (The guarded INSERT
 * alone is not enough: its NOT EXISTS reads the snapshot taken before it waited, so two
 * answers racing from two instances were both stored, the older one last. An explicit
 * BEGIN ... COMMIT costs four round trips per batch, and row locks FOR NO KEY UPDATE a WAL
 * record per attempt: both measurably slower at 3,000 answers/s.) A row that did not go in
 * is a retry of a key stored through another instance (its waiter gets the original reply,
 * AnswerAlreadyStored), an older seq than one stored through another instance
 * (AnswerStale), or an answer to an attempt that has ended (AnswerAttemptClosed).
 */
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { escapeLiteral } from 'pg';
import { AppConfigService } from '../config/app-config';
import type { AnswerEntity } from './entities/answer.entity';
import { LiveWriteDb } from './live-write-db.service';

export type AnswerRow = Omit<AnswerEntity, 'id' | 'createdAt'>;

/** The key was already stored (through another instance): the original, for the reply. */
export class AnswerAlreadyStored extends Error {
  constructor(readonly stored: { seq: number; final: boolean; savedAt: number }) {
    super('answer already stored');
  }
}

/** A newer answer to the question was already stored (through another instance). */
export class AnswerStale extends Error {
  constructor(readonly currentSeq: number) {
    super('a newer answer is stored');
  }
}

/** The attempt ended (submitted, expired, session over) before this answer could be stored. */
export class AnswerAttemptClosed extends Error {
  constructor() {
    super('attempt closed');
  }
}

interface Pending {
  row: AnswerRow;
  resolve: (committedAt: number) => void;
  reject: (e: unknown) => void;
}

@Injectable()
export class AnswerWriter implements OnApplicationShutdown {
  private readonly log = new Logger('AnswerWriter');
  private queue: Pending[] = [];
  /** Rows ever queued / ever committed or failed (FIFO, so settled >= n means the first n are done). */
  private enqueued = 0;
  private settled = 0;
  private scheduled = false;
  /** The paced flush waiting for its turn (see ANSWER_COMMIT_INTERVAL_MS). */
  private paced?: NodeJS.Timeout;
  private flushing?: Promise<void>;
  private readonly maxRows: number;
  private readonly intervalMs: number;
  /** When the last batch started (performance.now()) and how many rows it held. */
  private lastStartedAt = -Infinity;
  private lastRows = 0;
  /** Counters for metrics and the benchmark. */
  readonly stats = { batches: 0, rows: 0, failures: 0, maxBatch: 0 };

  /** Several instances share the database (PostgreSQL with REDIS_URL). */
  private readonly guarded: boolean;

  constructor(
    private readonly db: LiveWriteDb,
    cfg: AppConfigService,
  ) {
    this.maxRows = Math.min(cfg.get('ANSWER_FLUSH_MAX_ROWS'), 900);
    this.intervalMs = cfg.get('ANSWER_COMMIT_INTERVAL_MS');
    this.guarded = cfg.severalInstances;
  }

  /** Resolves with the commit time once the row is durable; rejects if the batch failed. */
  write(row: AnswerRow): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      this.enqueued++;
      // A full batch does not wait for its turn.
      if (this.paced && this.queue.length >= this.maxRows) {
        clearTimeout(this.paced);
        this.paced = undefined;
        this.scheduled = false;
      }
      this.schedule();
    });
  }

  get pending(): number {
    return this.queue.length;
  }

  /**
   * Writes everything queued up to now (ending a session, shutdown). Rows that arrive while
   * it waits are not waited for: under a steady stream of answers "until the queue is empty"
   * would never end (it stalled the graceful shutdown while students kept answering).
   */
  async drain(): Promise<void> {
    const target = this.enqueued;
    while (this.settled < target) {
      if (this.flushing) await this.flushing;
      else await this.flushOnce();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.drain();
  }

  private schedule(): void {
    if (this.flushing || this.scheduled) return;
    this.scheduled = true;
    const wait =
      this.lastRows > 1 && this.queue.length < this.maxRows
        ? this.lastStartedAt + this.intervalMs - performance.now()
        : 0;
    if (wait >= 1) {
      this.paced = setTimeout(() => {
        this.paced = undefined;
        this.scheduled = false;
        void this.flushOnce();
      }, wait);
      return;
    }
    setImmediate(() => {
      this.scheduled = false;
      void this.flushOnce();
    });
  }

  private flushOnce(): Promise<void> {
    if (this.flushing) return this.flushing;
    if (this.queue.length === 0) return Promise.resolve();
    const batch = this.queue.splice(0, this.maxRows);
    this.lastStartedAt = performance.now();
    this.lastRows = batch.length;
    this.flushing = this.commit(batch).finally(() => {
      this.flushing = undefined;
      if (this.queue.length > 0) this.schedule();
    });
    return this.flushing;
  }

  private async commit(batch: Pending[]): Promise<void> {
    const now = Date.now();
    let outcomes: Array<Error | null> | null = null;
    try {
      const rows = batch.map((p) => p.row);
      if (this.guarded) outcomes = await this.commitGuarded(rows, now);
      else {
        const { sql, params } = insertStatement(rows, now);
        // One statement, autocommitted: atomic, and durable when it resolves (R1, R5).
        const inserted = await this.db.changes(sql, params, 'answers', true);
        // A key already stored (a retry whose key the student's memory no longer holds):
        // that row was not inserted, its waiter gets the original reply.
        if (inserted < rows.length) outcomes = await this.explainSkipped(rows, now);
      }
    } catch (e) {
      this.stats.failures++;
      this.log.error({
        msg: 'answer batch failed; no acks sent',
        rows: batch.length,
        err: String(e),
      });
      this.settled += batch.length;
      for (const p of batch) p.reject(e);
      return;
    }
    this.settled += batch.length;
    this.stats.batches++;
    this.stats.rows += batch.length;
    this.stats.maxBatch = Math.max(this.stats.maxBatch, batch.length);
    batch.forEach((p, i) => {
      const refused = outcomes?.[i];
      if (refused) p.reject(refused);
      else p.resolve(now);
    });
  }

  /** Lock the attempts, then one guarded INSERT; per row null (stored now) or why not. */
  private async commitGuarded(rows: AnswerRow[], now: number): Promise<Array<Error | null>> {
    const inserted = await retryOnDeadlock(() =>
      this.db.script<{ student_session_id: string; idempotency_key: string }>(
        guardedInsertScript(rows, now),
        'answers',
        true,
      ),
    );
    const stored = new Set(inserted.map((r) => rowKey(r.student_session_id, r.idempotency_key)));
    const missing = rows.filter((r) => !stored.has(rowKey(r.studentSessionId, r.idempotencyKey)));
    const before = new Map<string, AnswerAlreadyStored>();
    for (const [k, f] of missing.length > 0 ? await this.storedRows(missing) : []) {
      before.set(k, alreadyStored(f));
    }
    const others = missing.filter((r) => !before.has(rowKey(r.studentSessionId, r.idempotencyKey)));
    const stale = others.length > 0 ? await this.newerStored(others) : new Map<string, number>();
    return rows.map((r) => {
      const k = rowKey(r.studentSessionId, r.idempotencyKey);
      if (stored.has(k)) return null;
      const newer = stale.get(`${r.studentSessionId}|${r.questionId}`);
      return (
        before.get(k) ??
        (newer !== undefined && newer >= r.seq ? new AnswerStale(newer) : new AnswerAttemptClosed())
      );
    });
  }

  /**
   * One instance: the batch inserted fewer rows than it had, so some keys were stored
   * before. The rows this commit wrote carry its time, seq and question; any other stored
   * row under a key of the batch is the original answer (AnswerAlreadyStored).
   */
  private async explainSkipped(rows: AnswerRow[], now: number): Promise<Array<Error | null>> {
    const found = await this.storedRows(rows);
    return rows.map((r) => {
      const f = found.get(rowKey(r.studentSessionId, r.idempotencyKey));
      if (!f) return new Error('answer row neither inserted nor found');
      const ours = Number(f.created_at) === now && Number(f.seq) === r.seq;
      return ours && f.question_id === r.questionId ? null : alreadyStored(f);
    });
  }

  /** The stored rows under the keys of these rows, by attempt|key. */
  private async storedRows(rows: AnswerRow[]): Promise<Map<string, StoredRow>> {
    const found = await this.db.read<StoredRow>(
      `SELECT student_session_id, idempotency_key, question_id, seq, final, created_at
       FROM answers WHERE ${rows.map(() => '(student_session_id = ? AND idempotency_key = ?)').join(' OR ')}`,
      rows.flatMap((r) => [r.studentSessionId, r.idempotencyKey]),
    );
    return new Map(found.map((f) => [rowKey(f.student_session_id, f.idempotency_key), f]));
  }

  /** The original reply's facts for a key this attempt stored before (null: never stored). */
  async stored(
    attemptId: string,
    key: string,
  ): Promise<{ seq: number; final: boolean; savedAt: number } | null> {
    const [f] = await this.db.read<StoredRow>(
      'SELECT seq, final, created_at FROM answers WHERE student_session_id = ? AND idempotency_key = ?',
      [attemptId, key],
    );
    return f ? alreadyStored(f).stored : null;
  }

  /**
   * For rows refused neither as a stored key: the highest stored seq of their question in
   * attempts still open (those of closed attempts were refused for that reason).
   */
  private async newerStored(rows: AnswerRow[]): Promise<Map<string, number>> {
    const found = (await this.db.reader.query(
      `SELECT a.student_session_id, a.question_id, max(a.seq) AS seq FROM answers a
       JOIN student_sessions ss ON ss.id = a.student_session_id AND ss.status <> 'completed'
       WHERE ${rows
         .map((_, i) => `(a.student_session_id = $${2 * i + 1} AND a.question_id = $${2 * i + 2})`)
         .join(' OR ')}
       GROUP BY a.student_session_id, a.question_id`,
      rows.flatMap((r) => [r.studentSessionId, r.questionId]),
    )) as Array<{ student_session_id: string; question_id: string; seq: number | string }>;
    return new Map(found.map((f) => [`${f.student_session_id}|${f.question_id}`, Number(f.seq)]));
  }
}

interface StoredRow {
  student_session_id: string;
  idempotency_key: string;
  question_id: string;
  seq: number | string;
  final: boolean | number;
  created_at: string | number;
}

const rowKey = (attempt: string, key: string) => `${attempt}|${key}`;

function alreadyStored(f: StoredRow): AnswerAlreadyStored {
  return new AnswerAlreadyStored({
    seq: Number(f.seq),
    final: !!f.final,
    savedAt: Number(f.created_at),
  });
}

const COLUMNS = [
  'academy_id',
  'exam_session_id',
  'student_session_id',
  'question_id',
  'idempotency_key',
  'seq',
  'final',
  'value',
  'created_at',
];

/**
 * One multi-row INSERT for the batch, written by hand: TypeORM's QueryBuilder spends
 * 40-130 ms building the statement for ~500 rows (measured on these machines), more than
 * the commit itself (~30 ms), which capped throughput near 1,300 acks/s. Same SQL on SQLite
 * (>= 3.24) and PostgreSQL; `ON CONFLICT DO NOTHING` keeps a retried key to one row.
 */
export function insertStatement(
  rows: AnswerRow[],
  createdAt: number,
): { sql: string; params: unknown[] } {
  const one = `(${COLUMNS.map(() => '?').join(', ')})`;
  const params: unknown[] = [];
  for (const r of rows) {
    params.push(
      r.academyId,
      r.examSessionId,
      r.studentSessionId,
      r.questionId,
      r.idempotencyKey,
      r.seq,
      r.final,
      JSON.stringify(r.value),
      createdAt,
    );
  }
  const sql = `INSERT INTO answers (${COLUMNS.join(', ')}) VALUES ${rows.map(() => one).join(', ')} ON CONFLICT (student_session_id, idempotency_key) DO NOTHING`;
  return { sql, params };
}

/**
 * A session end updating many attempts at once locks their rows in its own order, so it
 * can still deadlock with an answer batch reading them FOR SHARE; PostgreSQL then cancels
 * one of the two. The batch is simply run again (nothing of it was stored).
 */
async function retryOnDeadlock<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (i >= attempts || (code !== '40P01' && code !== '40001')) throw e;
    }
  }
}

/** First key of the advisory locks answer batches take per attempt (any fixed number). */
const ANSWER_LOCK_SPACE = 7_150_001;

const CASTS = [
  'varchar',
  'varchar',
  'varchar',
  'varchar',
  'varchar',
  'integer',
  'boolean',
  'text',
  'bigint',
];

/**
 * Several instances (PostgreSQL), as ONE round trip of two statements (see the header):
 * an advisory lock per attempt in id order, then the batch inserted for attempts still
 * open and seqs newer than any stored, RETURNING the rows stored. The second statement's
 * snapshot is taken after the first got its locks. A multi-statement text cannot carry
 * bind parameters, so every value is a literal: strings through the driver's
 * escapeLiteral, numbers checked to be integers.
 */
export function guardedInsertScript(rows: AnswerRow[], createdAt: number): string {
  const { params } = insertStatement(rows, createdAt);
  const width = COLUMNS.length;
  const values = rows
    .map((_, r) => {
      const cells = CASTS.map((c, i) => `${literal(params[r * width + i])}::${c}`);
      return `(${cells.join(', ')})`;
    })
    .join(', ');
  const attempts = [...new Set(rows.map((r) => r.studentSessionId))].map(literal).join(', ');
  return `SELECT count(pg_advisory_xact_lock(${ANSWER_LOCK_SPACE}, hashtext(id)))
FROM (SELECT unnest(ARRAY[${attempts}]::varchar[]) AS id ORDER BY 1) AS attempts;
INSERT INTO answers (${COLUMNS.join(', ')})
SELECT v.* FROM (VALUES ${values}) AS v(${COLUMNS.join(', ')})
JOIN student_sessions ss ON ss.id = v.student_session_id AND ss.status <> 'completed'
WHERE NOT EXISTS (SELECT 1 FROM answers a WHERE a.student_session_id = v.student_session_id
  AND a.question_id = v.question_id AND a.seq >= v.seq)
FOR SHARE OF ss
ON CONFLICT (student_session_id, idempotency_key) DO NOTHING
RETURNING student_session_id, idempotency_key`;
}

function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new Error(`not an integer: ${v}`);
    return String(v);
  }
  if (typeof v === 'string') return escapeLiteral(v);
  throw new Error(`no literal for ${typeof v}`);
}
