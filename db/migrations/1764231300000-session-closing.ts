/**
 * "Let everyone finish their own time" (issue 14): when the teacher chose it. While set, no
 * new student may start and the session completes once the last student working is done.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SessionClosing1764231300000 implements MigrationInterface {
  name = 'SessionClosing1764231300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE exam_sessions ADD COLUMN closing_at bigint NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE exam_sessions DROP COLUMN closing_at');
  }
}
