/**
 * Integrity signals (issue 18): what happened around a student's attempt, as context for
 * the teacher (the page hidden, focus lost, full screen left, a paste's length, another
 * device, a new address, a reconnect). `client_id` is the exam page's own id of a reported
 * signal: unique per attempt, so a resent report is stored once. They go with their session
 * and attempt (ON DELETE CASCADE), so the academy's retention removes them with the session.
 */
import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

export class IntegritySignals1764231700000 implements MigrationInterface {
  name = 'IntegritySignals1764231700000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'integrity_signals',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'academy_id', type: 'varchar', length: '36' },
          { name: 'exam_session_id', type: 'varchar', length: '36' },
          { name: 'student_session_id', type: 'varchar', length: '36' },
          { name: 'student_id', type: 'varchar', length: '36' },
          { name: 'kind', type: 'varchar', length: '32' },
          { name: 'at', type: 'bigint' },
          { name: 'duration_ms', type: 'integer', isNullable: true },
          { name: 'chars', type: 'integer', isNullable: true },
          { name: 'question_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'offline', type: 'boolean', default: false },
          { name: 'client_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'detail', type: 'text', isNullable: true },
          { name: 'created_at', type: 'bigint' },
        ],
        foreignKeys: [
          {
            columnNames: ['exam_session_id'],
            referencedTableName: 'exam_sessions',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
          {
            columnNames: ['student_session_id'],
            referencedTableName: 'student_sessions',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
        checks: [
          {
            name: 'integrity_signals_kind_check',
            expression: `"kind" IN ('page_hidden','focus_lost','fullscreen_exit','paste','second_device','new_ip','reconnect')`,
          },
        ],
      }),
    );
    await q.createIndex(
      'integrity_signals',
      new TableIndex({
        name: 'integrity_signals_session_idx',
        columnNames: ['exam_session_id', 'student_id', 'at'],
      }),
    );
    await q.createIndex(
      'integrity_signals',
      new TableIndex({
        name: 'integrity_signals_client_idx',
        columnNames: ['student_session_id', 'client_id'],
        isUnique: true,
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('integrity_signals');
  }
}
