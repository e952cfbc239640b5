/**
 * One accepted answer write (append-only). Unique per (student session, idempotency key), so
 * a retried answer never makes a second row (R3); the latest answer to a question is the
 * row with the highest seq (R4).
 */
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AnswerValue } from '@exam/contracts';
import { epochMsColumn, jsonColumn } from '../../database/columns';

@Entity('answers')
export class AnswerEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'varchar', length: 36, name: 'academy_id' })
  academyId: string;

  @Column({ type: 'varchar', length: 36, name: 'exam_session_id' })
  examSessionId: string;

  @Column({ type: 'varchar', length: 36, name: 'student_session_id' })
  studentSessionId: string;

  @Column({ type: 'varchar', length: 36, name: 'question_id' })
  questionId: string;

  @Column({ type: 'varchar', length: 100, name: 'idempotency_key' })
  idempotencyKey: string;

  @Column({ type: 'integer' })
  seq: number;

  /** answer_submitted (true) or answer_autosaved (false). */
  @Column({ type: 'boolean', default: false })
  final: boolean;

  @Column(jsonColumn())
  value: AnswerValue;

  @Column({ ...epochMsColumn(), name: 'created_at' })
  createdAt: number;
}
