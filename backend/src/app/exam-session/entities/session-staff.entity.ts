/** A co-teacher or invigilator assigned to one exam session (unique per pair). */
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { StaffRole } from '@exam/contracts';
import { epochMsColumn } from '../../database/columns';

@Entity('exam_session_staff')
export class SessionStaffEntity {
  @PrimaryColumn({ type: 'varchar', length: 36, name: 'exam_session_id' })
  examSessionId: string;

  @PrimaryColumn({ type: 'varchar', length: 36, name: 'user_id' })
  userId: string;

  @Column({ type: 'varchar', length: 36, name: 'academy_id' })
  academyId: string;

  @Column({ type: 'varchar', length: 16 })
  role: StaffRole;

  @Column({ type: 'varchar', length: 36, name: 'added_by' })
  addedBy: string;

  @Column({ ...epochMsColumn(), name: 'added_at' })
  addedAt: number;
}
