/**
 * The security log (issue 6): one row per notable security event — sign-ins and failures,
 * refusals, rate-limit hits, origin and token rejections, flagged client clocks — for the
 * daily operator review and GET /api/v1/security/events. No foreign keys: an event about
 * an unknown academy or a deleted user must still be kept.
 */
import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

export class SecurityLog1764230800000 implements MigrationInterface {
  name = 'SecurityLog1764230800000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'security_events',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'at', type: 'bigint' },
          { name: 'type', type: 'varchar', length: '40' },
          { name: 'severity', type: 'varchar', length: '8' },
          { name: 'academy_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'user_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'ip', type: 'varchar', length: '64', isNullable: true },
          // JSON object: what happened (code, email, origin, event, limit, …); never secrets.
          { name: 'detail', type: 'text' },
        ],
      }),
    );
    await q.createIndex(
      'security_events',
      new TableIndex({ name: 'security_events_academy_at_idx', columnNames: ['academy_id', 'at'] }),
    );
    await q.createIndex(
      'security_events',
      new TableIndex({ name: 'security_events_at_idx', columnNames: ['at'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('security_events');
  }
}
