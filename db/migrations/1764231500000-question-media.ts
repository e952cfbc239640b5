/**
 * Images of imported questions (issue 17, Moodle XML): the bytes of each image a question
 * text points at (`/api/v1/media/<id>`), with its academy, content hash, type and size. The
 * bytes are a blob on SQLite and bytea on PostgreSQL; only PNG, JPEG, GIF and WebP are ever
 * written (the importer checks the first bytes). Rows are never changed, so a response may
 * be cached by the browser.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class QuestionMedia1764231500000 implements MigrationInterface {
  name = 'QuestionMedia1764231500000';

  async up(q: QueryRunner): Promise<void> {
    const bytes = q.connection.options.type === 'postgres' ? 'bytea' : 'blob';
    await q.query(
      `CREATE TABLE question_media (
        id varchar(36) PRIMARY KEY NOT NULL,
        academy_id varchar(36) NOT NULL REFERENCES academies(id) ON DELETE CASCADE,
        sha256 varchar(64) NOT NULL,
        mime varchar(32) NOT NULL CHECK (mime IN ('image/png', 'image/jpeg', 'image/gif', 'image/webp')),
        size integer NOT NULL,
        bytes ${bytes} NOT NULL,
        created_at bigint NOT NULL
      )`,
    );
    await q.query(
      'CREATE INDEX "IDX_question_media_academy" ON question_media (academy_id, sha256)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE question_media');
  }
}
