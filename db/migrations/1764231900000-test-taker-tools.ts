/**
 * Test-taker tools (issue 18): one row per student who has tools other than the defaults,
 * or whose tools staff fixed. `tools` is the JSON of TestTakerTools; `student_may_change`
 * false means staff fixed them. The row goes with its user (ON DELETE CASCADE).
 */
import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

export class TestTakerTools1764231900000 implements MigrationInterface {
  name = 'TestTakerTools1764231900000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'test_taker_tools',
        columns: [
          { name: 'user_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'academy_id', type: 'varchar', length: '36' },
          { name: 'tools', type: 'text' },
          { name: 'student_may_change', type: 'boolean', default: true },
          { name: 'set_by', type: 'varchar', length: '16' },
          { name: 'updated_by', type: 'varchar', length: '36' },
          { name: 'updated_at', type: 'bigint' },
        ],
        foreignKeys: [
          {
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
        checks: [
          {
            name: 'test_taker_tools_set_by_check',
            expression: `"set_by" IN ('student','staff')`,
          },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('test_taker_tools');
  }
}
