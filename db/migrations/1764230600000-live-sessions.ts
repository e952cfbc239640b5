/**
 * Live sessions: answers (append-only, one row per accepted write, unique per attempt and
 * idempotency key; the latest per question is the row with the highest seq), the session
 * event log, WebSocket connection tracking, and per-session sequence-number reservations
 * so resume seqs keep increasing across restarts.
 */
import {
  Table,
  TableIndex,
  type MigrationInterface,
  type QueryRunner,
  type TableColumnOptions,
  type TableForeignKeyOptions,
} from 'typeorm';

const ref = (name: string, isNullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '36',
  isNullable,
});
const ms = (name: string, isNullable = false): TableColumnOptions => ({
  name,
  type: 'bigint',
  isNullable,
});
const serial: TableColumnOptions = {
  name: 'id',
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
};
const fk = (column: string, table: string): TableForeignKeyOptions => ({
  columnNames: [column],
  referencedTableName: table,
  referencedColumnNames: ['id'],
  onDelete: 'CASCADE',
});

export class LiveSessions1764230600000 implements MigrationInterface {
  name = 'LiveSessions1764230600000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'answers',
        columns: [
          serial,
          ref('academy_id'),
          ref('exam_session_id'),
          ref('student_session_id'),
          ref('question_id'),
          { name: 'idempotency_key', type: 'varchar', length: '100' },
          { name: 'seq', type: 'integer' },
          { name: 'final', type: 'boolean', default: false },
          { name: 'value', type: 'text' },
          ms('created_at'),
        ],
        foreignKeys: [fk('student_session_id', 'student_sessions')],
      }),
    );
    await q.createIndex(
      'answers',
      new TableIndex({
        name: 'answers_attempt_key_uq',
        columnNames: ['student_session_id', 'idempotency_key'],
        isUnique: true,
      }),
    );
    await q.createIndex(
      'answers',
      new TableIndex({
        name: 'answers_attempt_question_idx',
        columnNames: ['student_session_id', 'question_id', 'seq'],
      }),
    );
    await q.createIndex(
      'answers',
      new TableIndex({ name: 'answers_session_idx', columnNames: ['exam_session_id'] }),
    );
    await q.createTable(
      new Table({
        name: 'session_events',
        columns: [
          serial,
          ref('academy_id'),
          ref('exam_session_id'),
          { name: 'type', type: 'varchar', length: '40' },
          ref('actor_id', true),
          { name: 'actor_type', type: 'varchar', length: '16' },
          { name: 'data', type: 'text' },
          { name: 'ip', type: 'varchar', length: '64', isNullable: true },
          { name: 'user_agent', type: 'varchar', length: '300', isNullable: true },
          ms('created_at'),
        ],
        foreignKeys: [fk('exam_session_id', 'exam_sessions')],
        checks: [
          {
            name: 'session_events_actor_check',
            expression: `"actor_type" IN ('teacher','student','admin','system')`,
          },
        ],
      }),
    );
    await q.createIndex(
      'session_events',
      new TableIndex({
        name: 'session_events_session_idx',
        columnNames: ['exam_session_id', 'type', 'created_at'],
      }),
    );
    await q.createTable(
      new Table({
        name: 'connections',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          ref('academy_id'),
          ref('user_id'),
          ref('exam_session_id', true),
          { name: 'ip', type: 'varchar', length: '64' },
          { name: 'user_agent', type: 'varchar', length: '300' },
          ms('connected_at'),
          ms('disconnected_at', true),
          ms('last_ping_at'),
          { name: 'close_code', type: 'integer', isNullable: true },
        ],
        foreignKeys: [fk('user_id', 'users')],
      }),
    );
    await q.createIndex(
      'connections',
      new TableIndex({ name: 'connections_user_idx', columnNames: ['user_id', 'connected_at'] }),
    );
    await q.createIndex(
      'connections',
      new TableIndex({ name: 'connections_open_idx', columnNames: ['disconnected_at'] }),
    );
    await q.createTable(
      new Table({
        name: 'session_seq_reservations',
        columns: [
          { name: 'exam_session_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'reserved_up_to', type: 'bigint' },
        ],
        foreignKeys: [fk('exam_session_id', 'exam_sessions')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('session_seq_reservations');
    await q.dropTable('connections');
    await q.dropTable('session_events');
    await q.dropTable('answers');
  }
}
