import { AppConfigService } from '../config/app-config';
import { parseEnv } from '../config/env.schema';
import { AnswerWriter, guardedInsertScript, type AnswerRow } from './answer-writer';
import type { LiveWriteDb } from './live-write-db.service';

const row = (over: Partial<AnswerRow> = {}): AnswerRow =>
  ({
    academyId: 'ac-1',
    examSessionId: 'es-1',
    studentSessionId: 'ss-1',
    questionId: 'q-1',
    idempotencyKey: 'k-1',
    seq: 3,
    final: false,
    value: { text: 'x' },
    ...over,
  }) as AnswerRow;

describe('guardedInsertScript (several instances: values inlined as literals)', () => {
  it('escapes quotes and backslashes in every string', () => {
    const sql = guardedInsertScript(
      [row({ idempotencyKey: "k'; DROP TABLE answers; --", value: { text: "O'Brien \\ $$" } })],
      1_700_000_000_000,
    );
    expect(sql).toContain(`'k''; DROP TABLE answers; --'::varchar`);
    // A backslash turns the literal into E'...' with the backslash doubled.
    expect(sql).toContain(`E'{"text":"O''Brien \\\\\\\\ $$"}'::text`);
    expect(sql).toContain('3::integer, FALSE::boolean');
    expect(sql).toContain('1700000000000::bigint');
  });

  it('locks each attempt once, in id order, before the insert', () => {
    const sql = guardedInsertScript(
      [
        row({ studentSessionId: 'b' }),
        row({ studentSessionId: 'a' }),
        row({ studentSessionId: 'b', idempotencyKey: 'k-2' }),
      ],
      1,
    );
    const [lock, insert] = sql.split(';\n');
    expect(lock).toContain(`ARRAY['b', 'a']::varchar[]`);
    expect(lock).toContain('ORDER BY 1');
    expect(insert).toMatch(/^INSERT INTO answers/);
    expect(insert).toContain('FOR SHARE OF ss');
  });

  it('refuses a value it cannot write as a literal', () => {
    expect(() => guardedInsertScript([row({ seq: 1.5 })], 1)).toThrow('not an integer');
  });
});

describe('AnswerWriter pacing (ANSWER_COMMIT_INTERVAL_MS)', () => {
  const INTERVAL = 10;
  /** A write connection whose commits take `commitMs`; records each batch's row count. */
  function setup(commitMs: number, maxRows = 500) {
    const batches: number[] = [];
    const db = {
      changes: (_sql: string, params: unknown[]) =>
        new Promise<number>((resolve) => {
          const rows = params.length / 9;
          batches.push(rows);
          setTimeout(() => resolve(rows), commitMs);
        }),
    } as unknown as LiveWriteDb;
    const cfg = new AppConfigService(
      parseEnv({
        ANSWER_COMMIT_INTERVAL_MS: String(INTERVAL),
        ANSWER_FLUSH_MAX_ROWS: String(maxRows),
      }),
    );
    const writer = new AnswerWriter(db, cfg);
    let n = 0;
    const write = () => writer.write(row({ idempotencyKey: `k-${++n}` }));
    return { writer, write, batches };
  }
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('commits a lone answer at once, and again after a batch of one', async () => {
    const { write, batches } = setup(1);
    const first = write();
    await jest.advanceTimersByTimeAsync(1);
    await first;
    const second = write();
    // No pacing wait: the next turn of the loop starts it and 1 ms commits it.
    await jest.advanceTimersByTimeAsync(1);
    await second;
    expect(batches).toEqual([1, 1]);
  });

  it('under load, starts a batch at most every interval so that answers share a commit', async () => {
    const { write, batches } = setup(2);
    const acks: Promise<number>[] = [write(), write()];
    await jest.advanceTimersByTimeAsync(0);
    expect(batches).toEqual([2]);
    // The first batch is committed after 2 ms; answers keep arriving, one per ms.
    for (let t = 1; t <= 9; t++) {
      await jest.advanceTimersByTimeAsync(1);
      acks.push(write());
    }
    // Still inside the interval: nothing more started, though the first commit is done.
    expect(batches).toEqual([2]);
    await jest.advanceTimersByTimeAsync(1);
    expect(batches).toEqual([2, 9]);
    await jest.advanceTimersByTimeAsync(20);
    expect(await Promise.all(acks)).toHaveLength(11);
  });

  it('does not hold back a full batch, nor what drain() asks for', async () => {
    const { writer, write, batches } = setup(1, 3);
    const acks = [write(), write()];
    await jest.advanceTimersByTimeAsync(2);
    expect(batches).toEqual([2]);
    acks.push(write(), write());
    await jest.advanceTimersByTimeAsync(0);
    expect(batches).toEqual([2]);
    acks.push(write()); // three waiting: a full batch goes at once
    await jest.advanceTimersByTimeAsync(0);
    expect(batches).toEqual([2, 3]);
    await jest.advanceTimersByTimeAsync(1);
    acks.push(write());
    const drained = writer.drain(); // a submit or shutdown: no waiting for the interval
    await jest.advanceTimersByTimeAsync(1);
    await drained;
    expect(batches).toEqual([2, 3, 1]);
    expect(await Promise.all(acks)).toHaveLength(6);
  });
});
