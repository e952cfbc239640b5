import { guardedInsertScript, type AnswerRow } from './answer-writer';

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
