/** One student in one exam session (unique per pair): progress, presence and timing. */
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type {
  AttemptEndReason,
  AttemptResult,
  ConnectionStatus,
  StudentSessionStatus,
} from '@exam/contracts';
import { epochMsColumn, jsonColumn } from '../../database/columns';
import type { OptionOrder } from '../../exams/domain/student-view';

export type { OptionOrder };

@Entity('student_sessions')
export class StudentSessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'academy_id' })
  academyId: string;

  @Column({ type: 'varchar', length: 36, name: 'exam_session_id' })
  examSessionId: string;

  @Column({ type: 'varchar', length: 36, name: 'student_id' })
  studentId: string;

  @Column({ type: 'varchar', length: 16, default: 'enrolled' })
  status: StudentSessionStatus;

  /** Extra time granted to this student live. */
  @Column({ ...epochMsColumn(), name: 'extra_ms', default: 0 })
  extraMs: number;

  /** Accommodation copied from the user at enrolment. */
  @Column({ type: 'integer', name: 'extra_time_percent', default: 0 })
  extraTimePercent: number;

  @Column({ ...epochMsColumn({ nullable: true }), name: 'joined_at' })
  joinedAt: number | null;

  @Column({ ...epochMsColumn({ nullable: true }), name: 'completed_at' })
  completedAt: number | null;

  @Column({ type: 'real', default: 0 })
  progress: number;

  @Column({ type: 'integer', name: 'answered_count', default: 0 })
  answeredCount: number;

  @Column({ type: 'varchar', length: 36, name: 'current_question_id', nullable: true })
  currentQuestionId: string | null;

  @Column({ ...epochMsColumn(), name: 'time_spent_ms', default: 0 })
  timeSpentMs: number;

  @Column({ type: 'varchar', length: 16, name: 'connection_status', default: 'not_joined' })
  connectionStatus: ConnectionStatus;

  @Column({ ...epochMsColumn({ nullable: true }), name: 'last_activity_at' })
  lastActivityAt: number | null;

  /** Question order (QUESTION_ORDER_KEY) and per-question option/item order this student saw. */
  @Column(jsonColumn({ nullable: true, name: 'option_order' }))
  optionOrder: OptionOrder | null;

  /** Total points once graded (decided points only while essays wait; see result). */
  @Column({ type: 'real', nullable: true })
  score: number | null;

  @Column({ type: 'real', name: 'max_score', nullable: true })
  maxScore: number | null;

  @Column({ type: 'real', nullable: true })
  percent: number | null;

  /** passed / failed / pending (manual grading); null before grading or when absent. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  result: AttemptResult | null;

  @Column({ type: 'integer', name: 'pending_manual', default: 0 })
  pendingManual: number;

  /** Set in the transaction that finalised the attempt: graded exactly once. */
  @Column({ ...epochMsColumn({ nullable: true }), name: 'graded_at' })
  gradedAt: number | null;

  @Column({ type: 'varchar', length: 16, name: 'end_reason', nullable: true })
  endReason: AttemptEndReason | null;

  @Column({ ...epochMsColumn(), name: 'created_at' })
  createdAt: number;

  @Column({ ...epochMsColumn(), name: 'updated_at' })
  updatedAt: number;
}
