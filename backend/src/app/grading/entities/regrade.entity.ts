/** One regrade of a session: who, when, which fixes, and what changed. */
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { RegradeChange, RegradeStudentDiff } from '@exam/contracts';
import { epochMsColumn, jsonColumn } from '../../database/columns';

@Entity('regrades')
export class RegradeEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'varchar', length: 36, name: 'academy_id' })
  academyId: string;

  @Column({ type: 'varchar', length: 36, name: 'exam_session_id' })
  examSessionId: string;

  @Column({ type: 'varchar', length: 36, name: 'actor_id' })
  actorId: string;

  @Column(jsonColumn())
  changes: RegradeChange[];

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'integer', name: 'changed_attempts' })
  changedAttempts: number;

  @Column(jsonColumn())
  summary: RegradeStudentDiff[];

  @Column({ ...epochMsColumn(), name: 'created_at' })
  createdAt: number;
}
