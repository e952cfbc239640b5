import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMsColumn, jsonColumn } from '../database/columns';

/** One row of the security log (migration 1764230800000-security-log). */
@Entity('security_events')
export class SecurityEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ ...epochMsColumn(), name: 'at' })
  at: number;

  @Column({ type: 'varchar', length: 40 })
  type: string;

  @Column({ type: 'varchar', length: 8 })
  severity: string;

  @Column({ type: 'varchar', length: 36, name: 'academy_id', nullable: true })
  academyId: string | null;

  @Column({ type: 'varchar', length: 36, name: 'user_id', nullable: true })
  userId: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column(jsonColumn())
  detail: Record<string, unknown>;
}
