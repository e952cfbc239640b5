/**
 * Several instances (issue 15): which instance runs a live session's clock. One row per
 * session: the owner, a fencing token that grows with every change of owner, and when the
 * lease runs out unless renewed. The clock's writes check the token in their transaction,
 * so an instance that lost its lease (paused, cut off) can never send a warning or end an
 * attempt twice. Unused with one instance (SQLite).
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SessionLeases1764231400000 implements MigrationInterface {
  name = 'SessionLeases1764231400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE session_leases (
        exam_session_id varchar(36) PRIMARY KEY NOT NULL,
        owner_id varchar(120) NOT NULL,
        token bigint NOT NULL,
        expires_at bigint NOT NULL
      )`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE session_leases');
  }
}
