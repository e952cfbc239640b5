/**
 * Texts between questions (issue 17, Moodle's "description"): content with no answer and
 * no points. `before_question` is the 0-based position of the question it is shown before
 * (the number of questions: after the last one); `position` orders texts at one place.
 * They go with their exam (ON DELETE CASCADE).
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ExamTexts1764231600000 implements MigrationInterface {
  name = 'ExamTexts1764231600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE exam_texts (
        id varchar(36) PRIMARY KEY NOT NULL,
        exam_id varchar(36) NOT NULL REFERENCES exams(id) ON DELETE CASCADE,
        academy_id varchar(36) NOT NULL REFERENCES academies(id) ON DELETE CASCADE,
        position integer NOT NULL,
        before_question integer NOT NULL CHECK (before_question >= 0),
        text text NOT NULL,
        format varchar(16) NOT NULL DEFAULT 'plain' CHECK (format IN ('plain', 'markdown', 'html')),
        name varchar(255) NOT NULL DEFAULT ''
      )`,
    );
    await q.query('CREATE INDEX "IDX_exam_texts_exam" ON exam_texts (exam_id, position)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE exam_texts');
  }
}
