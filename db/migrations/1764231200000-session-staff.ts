/**
 * Session staff (issue 13): co-teachers and invigilators assigned to an exam session. With
 * the session's teacher and the academy's admins they are the only people who control it.
 * The rows go with the session (cascade) and into the archive with it.
 */
import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

export class SessionStaff1764231200000 implements MigrationInterface {
  name = 'SessionStaff1764231200000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'exam_session_staff',
        columns: [
          { name: 'exam_session_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'academy_id', type: 'varchar', length: '36' },
          { name: 'role', type: 'varchar', length: '16' },
          { name: 'added_by', type: 'varchar', length: '36' },
          { name: 'added_at', type: 'bigint' },
        ],
        checks: [
          { name: 'CHK_session_staff_role', expression: "role IN ('co_teacher', 'invigilator')" },
        ],
        foreignKeys: [
          {
            columnNames: ['exam_session_id'],
            referencedTableName: 'exam_sessions',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
          {
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
    // "Sessions I help with" for a teacher's list.
    await q.createIndex(
      'exam_session_staff',
      new TableIndex({ name: 'IDX_session_staff_user', columnNames: ['user_id'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('exam_session_staff');
  }
}
