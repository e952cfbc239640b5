/** Academies (tenants), users and refresh-token families. */
import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

export class Accounts1764230400000 implements MigrationInterface {
  name = 'Accounts1764230400000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'academies',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'created_at', type: 'bigint' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'users',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'academy_id', type: 'varchar', length: '36' },
          { name: 'email', type: 'varchar', length: '254' },
          { name: 'display_name', type: 'varchar', length: '200' },
          { name: 'role', type: 'varchar', length: '16' },
          { name: 'password_hash', type: 'varchar', length: '300' },
          { name: 'extra_time_percent', type: 'integer', default: 0 },
          { name: 'password_changed_at', type: 'bigint' },
          { name: 'created_at', type: 'bigint' },
        ],
        foreignKeys: [
          {
            columnNames: ['academy_id'],
            referencedTableName: 'academies',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
        checks: [
          { name: 'users_role_check', expression: `"role" IN ('admin','teacher','student')` },
        ],
      }),
    );
    await q.createIndex(
      'users',
      new TableIndex({ name: 'users_email_uq', columnNames: ['email'], isUnique: true }),
    );
    await q.createIndex(
      'users',
      new TableIndex({ name: 'users_academy_role_idx', columnNames: ['academy_id', 'role'] }),
    );
    await q.createTable(
      new Table({
        name: 'refresh_tokens',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36' },
          { name: 'academy_id', type: 'varchar', length: '36' },
          { name: 'family_id', type: 'varchar', length: '36' },
          { name: 'token_hash', type: 'varchar', length: '64' },
          { name: 'expires_at', type: 'bigint' },
          { name: 'used_at', type: 'bigint', isNullable: true },
          { name: 'revoked_at', type: 'bigint', isNullable: true },
          { name: 'created_at', type: 'bigint' },
        ],
        foreignKeys: [
          {
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
    await q.createIndex(
      'refresh_tokens',
      new TableIndex({
        name: 'refresh_tokens_hash_uq',
        columnNames: ['token_hash'],
        isUnique: true,
      }),
    );
    await q.createIndex(
      'refresh_tokens',
      new TableIndex({ name: 'refresh_tokens_family_idx', columnNames: ['family_id'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('refresh_tokens');
    await q.dropTable('users');
    await q.dropTable('academies');
  }
}
