/**
 * Issue 16: on SQLite, `answers_attempt_question_idx` goes. Every answer row written had to
 * update it at a random place (it starts with the attempt), one more 4 KB page per row in
 * the write-ahead log and at each checkpoint: 15-25 µs of CPU per answer measured, about a
 * tenth of an answer's whole cost. Nothing on SQLite needs it: one process owns every
 * session there and checks sequence numbers in memory, and each read by attempt is served
 * by the unique (attempt, key) index, whose first column is the same. PostgreSQL keeps it:
 * there the guarded INSERT looks up (attempt, question, seq) for every row, from any
 * instance.
 */
import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const NAME = 'answers_attempt_question_idx';

export class SqliteAnswerIndex1764232000000 implements MigrationInterface {
  name = 'SqliteAnswerIndex1764232000000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type !== 'sqlite') return;
    await q.dropIndex('answers', NAME);
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type !== 'sqlite') return;
    await q.createIndex(
      'answers',
      new TableIndex({ name: NAME, columnNames: ['student_session_id', 'question_id', 'seq'] }),
    );
  }
}
