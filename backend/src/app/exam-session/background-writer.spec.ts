import type { EntityManager } from 'typeorm';
import { groupStatement, type RowGroup } from '../database/row-groups';
import { BackgroundWriter } from './background-writer';
import type { LiveWriteDb } from './live-write-db.service';

/**
 * A write connection that records each transaction's statements (SQLite dialect), whether
 * they come as a transaction's queries or as row groups (LiveWriteDb.rowGroups).
 */
function recorder() {
  const transactions: Array<Array<{ sql: string; params: unknown[] }>> = [];
  const db = {
    transaction: async (fn: (em: EntityManager) => Promise<unknown>) => {
      const statements: Array<{ sql: string; params: unknown[] }> = [];
      transactions.push(statements);
      const em = {
        connection: { options: { type: 'sqlite' } },
        query: async (sql: string, params: unknown[] = []) => {
          statements.push({ sql, params });
        },
      };
      await fn(em as unknown as EntityManager);
    },
    rowGroups: async (groups: RowGroup[]) => {
      transactions.push(groups.map((g) => groupStatement(g)));
      return [];
    },
  };
  const writer = new BackgroundWriter(db as unknown as LiveWriteDb);
  const statements = () => transactions.flat();
  return { writer, transactions, statements };
}

describe('BackgroundWriter', () => {
  it('merges interleaved writes of different rows into one statement per shape', async () => {
    const { writer, statements } = recorder();
    for (let i = 0; i < 50; i++) {
      writer.updateRow('connections', 'id', ['exam_session_id'], [`c${i}`, 's']);
      writer.updateRow('student_sessions', 'id', ['joined_at'], [`ss${i}`, i]);
      writer.insertRow('session_events', ['type'], [`join ${i}`]);
    }
    await writer.drain();
    expect(statements()).toHaveLength(3);
    expect(statements()[0].params).toHaveLength(100);
  });

  it('one columns array used for two tables makes two statements', async () => {
    const { writer, statements } = recorder();
    const cols = ['updated_at'];
    for (let i = 0; i < 3; i++) {
      writer.updateRow('student_sessions', 'id', cols, [`ss${i}`, i]);
      writer.updateRow('exam_sessions', 'id', cols, [`es${i}`, i]);
      writer.insertRow('session_events', cols, [i]);
    }
    await writer.drain();
    expect(statements()[2].sql).toMatch(/^INSERT INTO session_events /);
    expect(statements().map((s) => s.sql.match(/UPDATE (\w+)/)?.[1])).toEqual([
      'student_sessions',
      'exam_sessions',
      undefined,
    ]);
  });

  it('keeps two writes of one row in order when another write of it came between', async () => {
    const { writer, statements } = recorder();
    writer.updateRow('student_sessions', 'id', ['status'], ['x', 'joined']);
    writer.updateRow('student_sessions', 'id', ['status', 'updated_at'], ['x', 'active', 1]);
    writer.updateRow('student_sessions', 'id', ['status'], ['x', 'completed']);
    await writer.drain();
    expect(statements().map((s) => s.params)).toEqual([
      ['x', 'joined'],
      ['x', 'active', 1],
      ['x', 'completed'],
    ]);
  });

  it('a second write of the same row and columns replaces the queued one', async () => {
    const { writer, statements } = recorder();
    writer.updateRow('student_sessions', 'id', ['progress'], ['a', 10]);
    writer.updateRow('student_sessions', 'id', ['progress'], ['b', 5]);
    writer.updateRow('student_sessions', 'id', ['progress'], ['a', 20]);
    await writer.drain();
    expect(statements()).toHaveLength(1);
    expect(statements()[0].params).toEqual(['a', 20, 'b', 5]);
  });

  it('moves nothing ahead of an opaque write', async () => {
    const { writer, statements } = recorder();
    writer.updateRow('connections', 'id', ['close_code'], ['a', 1000]);
    writer.sql('DELETE FROM connections WHERE id = ?', ['b']);
    writer.updateRow('connections', 'id', ['close_code'], ['b', 1001]);
    await writer.drain();
    expect(statements().map((s) => s.params)).toEqual([['a', 1000], ['b'], ['b', 1001]]);
  });

  it('drains in large transactions (nothing waits behind them then)', async () => {
    const { writer, transactions } = recorder();
    for (let i = 0; i < 1000; i++) {
      writer.insertRow('session_events', ['type'], [`e${i}`]);
      writer.updateRow('connections', 'id', ['close_code'], [`c${i}`, 1000]);
    }
    await writer.drain();
    // 20 statements of 100 rows: one transaction while draining.
    expect(transactions).toHaveLength(1);
    expect(transactions[0]).toHaveLength(20);
  });
});
