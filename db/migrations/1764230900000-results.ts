/**
 * Results (issue 11): what a session graded against, the score of every question of every
 * finished attempt, manual grades as history, regrades, attempt totals and release state.
 *
 * - session_questions: each session's own copy of its questions WITH their keys, taken when
 *   the session is planned (the exam is locked from then until the session ends). Grading,
 *   review and regrade read this copy, so editing the exam later never changes a past result,
 *   and a regrade fixes a key for this session only. Existing sessions are copied from their
 *   exam as it is now (the best there is).
 * - question_scores: one row per (attempt, question), written in the same transaction that
 *   finalises the attempt; unique per pair, so grading twice is impossible.
 * - manual_grades: append-only; the latest per (attempt, question) is the one that counts.
 * - regrades: who changed which key, when, and what it did to the totals.
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
const real = (name: string, isNullable = true): TableColumnOptions => ({
  name,
  type: 'real',
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

const ATTEMPT_COLUMNS: Array<[string, string]> = [
  ['max_score', 'real NULL'],
  ['percent', 'real NULL'],
  ['result', 'varchar(16) NULL'],
  ['pending_manual', 'integer NOT NULL DEFAULT 0'],
  ['graded_at', 'bigint NULL'],
  ['end_reason', 'varchar(16) NULL'],
];
const SESSION_COLUMNS: Array<[string, string]> = [
  // The exam's passing score when the session was planned (the exam may change later).
  ['passing_score', 'integer NULL'],
  ['results_release', "varchar(16) NOT NULL DEFAULT 'none'"],
  ['results_released_at', 'bigint NULL'],
  ['results_released_by', 'varchar(36) NULL'],
];

export class Results1764230900000 implements MigrationInterface {
  name = 'Results1764230900000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'session_questions',
        columns: [
          { ...ref('exam_session_id'), isPrimary: true },
          { ...ref('question_id'), isPrimary: true },
          ref('academy_id'),
          { name: 'position', type: 'integer' },
          { name: 'type', type: 'varchar', length: '32' },
          { name: 'prompt', type: 'text' },
          { name: 'points', type: 'real' },
          { name: 'body', type: 'text' },
          { name: 'answer_key', type: 'text' },
          { name: 'adjustment', type: 'varchar', length: '16', default: "'none'" },
          ms('updated_at'),
        ],
        foreignKeys: [fk('exam_session_id', 'exam_sessions')],
      }),
    );
    await q.query(
      `INSERT INTO session_questions (exam_session_id, question_id, academy_id, position, type, prompt, points, body, answer_key, adjustment, updated_at)
       SELECT s.id, qu.id, s.academy_id, qu.position, qu.type, qu.prompt, qu.points, qu.body, k.key, 'none', s.updated_at
       FROM exam_sessions s
       JOIN questions qu ON qu.exam_id = s.exam_id
       JOIN question_keys k ON k.question_id = qu.id`,
    );

    await q.createTable(
      new Table({
        name: 'question_scores',
        columns: [
          serial,
          ref('academy_id'),
          ref('exam_session_id'),
          ref('student_session_id'),
          ref('question_id'),
          // The graded answer (answers.seq of the latest write); null = unanswered.
          { name: 'answer_seq', type: 'integer', isNullable: true },
          real('auto_points'),
          real('max_points', false),
          { name: 'needs_manual', type: 'boolean', default: false },
          // JSON array of reasons from the grading rules.
          { name: 'details', type: 'text' },
          real('manual_points'),
          { name: 'manual_comment', type: 'text', isNullable: true },
          ref('manual_by', true),
          ms('manual_at', true),
          // What counts: manual ?? auto, after the session's adjustment; null = pending/dropped.
          real('points'),
          { name: 'state', type: 'varchar', length: '16' },
          ms('updated_at'),
        ],
        foreignKeys: [fk('student_session_id', 'student_sessions')],
      }),
    );
    await q.createIndex(
      'question_scores',
      new TableIndex({
        name: 'question_scores_attempt_question_uq',
        columnNames: ['student_session_id', 'question_id'],
        isUnique: true,
      }),
    );
    await q.createIndex(
      'question_scores',
      new TableIndex({
        name: 'question_scores_session_question_idx',
        columnNames: ['exam_session_id', 'question_id'],
      }),
    );

    await q.createTable(
      new Table({
        name: 'manual_grades',
        columns: [
          serial,
          ref('academy_id'),
          ref('exam_session_id'),
          ref('student_session_id'),
          ref('question_id'),
          real('points', false),
          { name: 'comment', type: 'text', isNullable: true },
          ref('grader_id'),
          ms('created_at'),
        ],
        foreignKeys: [fk('student_session_id', 'student_sessions')],
      }),
    );
    await q.createIndex(
      'manual_grades',
      new TableIndex({
        name: 'manual_grades_attempt_question_idx',
        columnNames: ['student_session_id', 'question_id', 'created_at'],
      }),
    );

    await q.createTable(
      new Table({
        name: 'regrades',
        columns: [
          serial,
          ref('academy_id'),
          ref('exam_session_id'),
          ref('actor_id'),
          // JSON: the RegradeChange list as asked.
          { name: 'changes', type: 'text' },
          { name: 'note', type: 'text', isNullable: true },
          { name: 'changed_attempts', type: 'integer' },
          // JSON: the before/after of every attempt that changed.
          { name: 'summary', type: 'text' },
          ms('created_at'),
        ],
        foreignKeys: [fk('exam_session_id', 'exam_sessions')],
      }),
    );
    await q.createIndex(
      'regrades',
      new TableIndex({ name: 'regrades_session_idx', columnNames: ['exam_session_id'] }),
    );

    // Plain ADD COLUMN (SQLite and PostgreSQL): TypeORM's addColumn rebuilds SQLite tables.
    for (const [name, type] of ATTEMPT_COLUMNS) {
      await q.query(`ALTER TABLE student_sessions ADD COLUMN ${name} ${type}`);
    }
    for (const [name, type] of SESSION_COLUMNS) {
      await q.query(`ALTER TABLE exam_sessions ADD COLUMN ${name} ${type}`);
    }
    await q.query(
      `UPDATE exam_sessions SET passing_score = (SELECT e.passing_score FROM exams e WHERE e.id = exam_sessions.exam_id)`,
    );
    // Attempts finished before this version are graded on the next start (graded_at is null).
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [name] of [...SESSION_COLUMNS].reverse()) {
      await q.query(`ALTER TABLE exam_sessions DROP COLUMN ${name}`);
    }
    for (const [name] of [...ATTEMPT_COLUMNS].reverse()) {
      await q.query(`ALTER TABLE student_sessions DROP COLUMN ${name}`);
    }
    await q.dropTable('regrades');
    await q.dropTable('manual_grades');
    await q.dropTable('question_scores');
    await q.dropTable('session_questions');
  }
}
