/**
 * Join by code (issue 18): a session's self-enrolment code (unique while it exists) and
 * whether students may join with it now. Plain ALTER TABLE: on SQLite, TypeORM's addColumn
 * rebuilds the table and would lose columns earlier migrations added with plain SQL.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class JoinCodes1764231800000 implements MigrationInterface {
  name = 'JoinCodes1764231800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE exam_sessions ADD COLUMN join_code varchar(12)');
    await q.query('ALTER TABLE exam_sessions ADD COLUMN join_open boolean NOT NULL DEFAULT false');
    await q.query('CREATE UNIQUE INDEX "exam_sessions_join_code_idx" ON exam_sessions (join_code)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX "exam_sessions_join_code_idx"');
    await q.query('ALTER TABLE exam_sessions DROP COLUMN join_open');
    await q.query('ALTER TABLE exam_sessions DROP COLUMN join_code');
  }
}
