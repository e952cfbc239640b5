/**
 * Exams, their questions, the answer keys (a table of their own, never joined by student
 * queries), exam sessions and student sessions. Times are epoch-ms bigints, JSON is text.
 */
import {
  Table,
  TableIndex,
  type MigrationInterface,
  type QueryRunner,
  type TableColumnOptions,
  type TableForeignKeyOptions,
} from 'typeorm';

const id = (name = 'id'): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '36',
  isPrimary: true,
});
const ref = (name: string, isNullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '36',
  isNullable,
});
const ms = (name: string, isNullable = false, dflt?: number): TableColumnOptions => ({
  name,
  type: 'bigint',
  isNullable,
  ...(dflt === undefined ? {} : { default: dflt }),
});
const fk = (
  column: string,
  table: string,
  onDelete: 'CASCADE' | 'NO ACTION' = 'CASCADE',
): TableForeignKeyOptions => ({
  columnNames: [column],
  referencedTableName: table,
  referencedColumnNames: ['id'],
  onDelete,
});

export class ExamsAndSessions1764230500000 implements MigrationInterface {
  name = 'ExamsAndSessions1764230500000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'exams',
        columns: [
          id(),
          ref('academy_id'),
          ref('author_id'),
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'description', type: 'text', default: "''" },
          { name: 'instructions', type: 'text', default: "''" },
          { name: 'duration_minutes', type: 'integer' },
          { name: 'passing_score', type: 'integer', default: 50 },
          { name: 'shuffle_questions', type: 'boolean', default: false },
          { name: 'shuffle_options', type: 'boolean', default: false },
          { name: 'is_active', type: 'boolean', default: true },
          { name: 'version', type: 'integer', default: 1 },
          ms('created_at'),
          ms('updated_at'),
          ms('deleted_at', true),
        ],
        foreignKeys: [fk('academy_id', 'academies'), fk('author_id', 'users', 'NO ACTION')],
        checks: [
          {
            name: 'exams_passing_score_check',
            expression: `"passing_score" >= 0 AND "passing_score" <= 100`,
          },
          { name: 'exams_duration_check', expression: `"duration_minutes" > 0` },
        ],
      }),
    );
    await q.createIndex(
      'exams',
      new TableIndex({ name: 'exams_academy_idx', columnNames: ['academy_id', 'deleted_at'] }),
    );

    await q.createTable(
      new Table({
        name: 'questions',
        columns: [
          id(),
          ref('exam_id'),
          ref('academy_id'),
          { name: 'position', type: 'integer' },
          { name: 'type', type: 'varchar', length: '32' },
          { name: 'prompt', type: 'text' },
          { name: 'points', type: 'real' },
          { name: 'body', type: 'text' },
        ],
        foreignKeys: [fk('exam_id', 'exams'), fk('academy_id', 'academies')],
        checks: [
          {
            name: 'questions_type_check',
            expression: `"type" IN ('single_choice','true_false','multiple_response','short_text','numeric','essay','ordering','matching')`,
          },
        ],
      }),
    );
    await q.createIndex(
      'questions',
      new TableIndex({ name: 'questions_exam_idx', columnNames: ['exam_id', 'position'] }),
    );

    await q.createTable(
      new Table({
        name: 'question_keys',
        columns: [id('question_id'), ref('academy_id'), { name: 'key', type: 'text' }],
        foreignKeys: [
          {
            columnNames: ['question_id'],
            referencedTableName: 'questions',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
          fk('academy_id', 'academies'),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'exam_sessions',
        columns: [
          id(),
          ref('academy_id'),
          ref('exam_id'),
          ref('teacher_id'),
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'status', type: 'varchar', length: '16', default: "'preparing'" },
          { name: 'duration_minutes', type: 'integer' },
          { name: 'config', type: 'text' },
          ms('scheduled_start_at', true),
          ms('launched_at', true),
          ms('paused_at', true),
          ms('total_paused_ms', false, 0),
          ms('extra_ms', false, 0),
          ms('ended_at', true),
          { name: 'end_reason', type: 'varchar', length: '32', isNullable: true },
          { name: 'exam_version', type: 'integer' },
          ms('created_at'),
          ms('updated_at'),
        ],
        foreignKeys: [
          fk('academy_id', 'academies'),
          // Sessions are history: an exam or teacher with sessions is never hard-deleted.
          fk('exam_id', 'exams', 'NO ACTION'),
          fk('teacher_id', 'users', 'NO ACTION'),
        ],
        checks: [
          {
            name: 'exam_sessions_status_check',
            expression: `"status" IN ('preparing','active','paused','completed','terminated')`,
          },
        ],
      }),
    );
    await q.createIndex(
      'exam_sessions',
      new TableIndex({ name: 'exam_sessions_academy_idx', columnNames: ['academy_id', 'status'] }),
    );
    await q.createIndex(
      'exam_sessions',
      new TableIndex({ name: 'exam_sessions_exam_idx', columnNames: ['exam_id', 'status'] }),
    );

    await q.createTable(
      new Table({
        name: 'student_sessions',
        columns: [
          id(),
          ref('academy_id'),
          ref('exam_session_id'),
          ref('student_id'),
          { name: 'status', type: 'varchar', length: '16', default: "'enrolled'" },
          ms('extra_ms', false, 0),
          { name: 'extra_time_percent', type: 'integer', default: 0 },
          ms('joined_at', true),
          ms('completed_at', true),
          { name: 'progress', type: 'real', default: 0 },
          { name: 'answered_count', type: 'integer', default: 0 },
          ref('current_question_id', true),
          ms('time_spent_ms', false, 0),
          { name: 'connection_status', type: 'varchar', length: '16', default: "'not_joined'" },
          ms('last_activity_at', true),
          { name: 'option_order', type: 'text', isNullable: true },
          { name: 'score', type: 'real', isNullable: true },
          ms('created_at'),
          ms('updated_at'),
        ],
        foreignKeys: [
          fk('academy_id', 'academies'),
          fk('exam_session_id', 'exam_sessions'),
          fk('student_id', 'users', 'NO ACTION'),
        ],
        checks: [
          {
            name: 'student_sessions_status_check',
            expression: `"status" IN ('enrolled','joined','completed')`,
          },
          {
            name: 'student_sessions_connection_check',
            expression: `"connection_status" IN ('not_joined','connected','reconnecting','disconnected')`,
          },
        ],
      }),
    );
    await q.createIndex(
      'student_sessions',
      new TableIndex({
        name: 'student_sessions_pair_uq',
        columnNames: ['exam_session_id', 'student_id'],
        isUnique: true,
      }),
    );
    await q.createIndex(
      'student_sessions',
      new TableIndex({ name: 'student_sessions_session_idx', columnNames: ['exam_session_id'] }),
    );
    await q.createIndex(
      'student_sessions',
      new TableIndex({ name: 'student_sessions_student_idx', columnNames: ['student_id'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('student_sessions');
    await q.dropTable('exam_sessions');
    await q.dropTable('question_keys');
    await q.dropTable('questions');
    await q.dropTable('exams');
  }
}
