/**
 * Archive of finished exam sessions (weekly maintenance job): one row per session holding
 * the session, its student sessions, answers and events as JSON, so the hot tables stay
 * small while the history stays readable (GET /api/v1/archive/exam-sessions/:id).
 */
import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

export class Archive1764230700000 implements MigrationInterface {
  name = 'Archive1764230700000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'archived_exam_sessions',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'academy_id', type: 'varchar', length: '36' },
          { name: 'exam_id', type: 'varchar', length: '36' },
          { name: 'teacher_id', type: 'varchar', length: '36' },
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'ended_at', type: 'bigint', isNullable: true },
          { name: 'archived_at', type: 'bigint' },
          { name: 'student_count', type: 'integer' },
          { name: 'answer_count', type: 'integer' },
          { name: 'event_count', type: 'integer' },
          // {session, studentSessions, answers, events}: rows as they were in the hot tables.
          { name: 'payload', type: 'text' },
        ],
        foreignKeys: [
          {
            columnNames: ['academy_id'],
            referencedTableName: 'academies',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
    await q.createIndex(
      'archived_exam_sessions',
      new TableIndex({
        name: 'archived_exam_sessions_academy_idx',
        columnNames: ['academy_id', 'ended_at'],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('archived_exam_sessions');
  }
}
