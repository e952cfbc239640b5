import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AcademyStatus } from '@exam/contracts';
import { epochMsColumn } from '../../database/columns';

/**
 * A tenant: a school or organisation. Nothing crosses academies. One row, flagged
 * is_platform, is the platform itself: operators belong to it, and it holds nothing else.
 */
@Entity('academies')
export class AcademyEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** IANA time zone: scheduled sessions and every time shown to its users. */
  @Column({ type: 'varchar', length: 64, name: 'time_zone', default: 'UTC' })
  timeZone: string;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: AcademyStatus;

  @Column({ ...epochMsColumn({ nullable: true }), name: 'suspended_at' })
  suspendedAt: number | null;

  @Column({ type: 'varchar', length: 500, name: 'suspended_reason', nullable: true })
  suspendedReason: string | null;

  /** Overrides ARCHIVE_AFTER_DAYS for this academy. */
  @Column({ type: 'integer', name: 'archive_after_days', nullable: true })
  archiveAfterDays: number | null;

  /** Overrides SECURITY_LOG_RETENTION_DAYS for this academy. */
  @Column({ type: 'integer', name: 'security_log_days', nullable: true })
  securityLogDays: number | null;

  @Column({ type: 'boolean', name: 'is_platform', default: false })
  isPlatform: boolean;

  @Column({ ...epochMsColumn(), name: 'created_at' })
  createdAt: number;

  @Column({ ...epochMsColumn({ nullable: true }), name: 'updated_at' })
  updatedAt: number | null;
}
