import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '@exam/contracts';
import { epochMsColumn } from '../../database/columns';

@Entity('users')
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'academy_id' })
  academyId: string;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 200, name: 'display_name' })
  displayName: string;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @Column({ type: 'varchar', length: 300, name: 'password_hash' })
  passwordHash: string;

  @Column({ type: 'integer', name: 'extra_time_percent', default: 0 })
  extraTimePercent: number;

  @Column({ ...epochMsColumn(), name: 'password_changed_at' })
  passwordChangedAt: number;

  @Column({ ...epochMsColumn(), name: 'created_at' })
  createdAt: number;

  /** Set while an admin has switched the account off (no sign-in, no access). */
  @Column({ ...epochMsColumn({ nullable: true }), name: 'deactivated_at' })
  deactivatedAt: number | null;
}
