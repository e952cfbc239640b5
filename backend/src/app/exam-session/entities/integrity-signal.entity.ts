/** One integrity signal of an attempt (migration IntegritySignals1764231700000). */
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { IntegritySignalKind } from '@exam/contracts';
import { epochMsColumn, jsonColumn } from '../../database/columns';

@Entity('integrity_signals')
export class IntegritySignalEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'academy_id' })
  academyId: string;

  @Column({ type: 'varchar', length: 36, name: 'exam_session_id' })
  examSessionId: string;

  @Column({ type: 'varchar', length: 36, name: 'student_session_id' })
  studentSessionId: string;

  @Column({ type: 'varchar', length: 36, name: 'student_id' })
  studentId: string;

  @Column({ type: 'varchar', length: 32 })
  kind: IntegritySignalKind;

  @Column(epochMsColumn())
  at: number;

  @Column({ type: 'integer', name: 'duration_ms', nullable: true })
  durationMs: number | null;

  @Column({ type: 'integer', nullable: true })
  chars: number | null;

  @Column({ type: 'varchar', length: 36, name: 'question_id', nullable: true })
  questionId: string | null;

  @Column({ type: 'boolean', default: false })
  offline: boolean;

  /** The exam page's id of a reported signal (unique per attempt); null for the server's. */
  @Column({ type: 'varchar', length: 64, name: 'client_id', nullable: true })
  clientId: string | null;

  @Column({ ...jsonColumn(), nullable: true })
  detail: Record<string, string | number> | null;

  @Column(epochMsColumn({ name: 'created_at' }))
  createdAt: number;
}
