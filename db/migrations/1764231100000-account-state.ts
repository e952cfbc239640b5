/**
 * Deactivated accounts (issue 13): an admin can switch an account off without deleting it
 * (its answers and results stay); a deactivated user cannot sign in and loses access at once.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AccountState1764231100000 implements MigrationInterface {
  name = 'AccountState1764231100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE users ADD COLUMN deactivated_at bigint NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE users DROP COLUMN deactivated_at');
  }
}
