/**
 * One sitting of an exam. Timing facts (launch, pauses, extra time, end) are stored so the
 * deadline can always be recomputed from the database (R6).
 */
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ExamSessionConfig, ExamSessionStatus, ResultsReleaseMode } from '@exam/contracts';
import { epochMsColumn, jsonColumn } from '../../database/columns';

@Entity('exam_sessions')
export class ExamSessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'academy_id' })
  academyId: string;

  @Column({ type: 'varchar', length: 36, name: 'exam_id' })
  examId: string;

  @Column({ type: 'varchar', length: 36, name: 'teacher_id' })
  teacherId: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 16, default: 'preparing' })
  status: ExamSessionStatus;

  @Column({ type: 'integer', name: 'duration_minutes' })
  durationMinutes: number;

  @Column(jsonColumn())
  config: ExamSessionConfig;

  @Column({ ...epochMsColumn({ nullable: true }), name: 'scheduled_start_at' })
  scheduledStartAt: number | null;

  @Column({ ...epochMsColumn({ nullable: true }), name: 'launched_at' })
  launchedAt: number | null;

  /** Start of the current pause; null when not paused. */
  @Column({ ...epochMsColumn({ nullable: true }), name: 'paused_at' })
  pausedAt: number | null;

  @Column({ ...epochMsColumn(), name: 'total_paused_ms', default: 0 })
  totalPausedMs: number;

  /** Session-wide added time. */
  @Column({ ...epochMsColumn(), name: 'extra_ms', default: 0 })
  extraMs: number;

  @Column({ ...epochMsColumn({ nullable: true }), name: 'ended_at' })
  endedAt: number | null;

  @Column({ type: 'varchar', length: 32, name: 'end_reason', nullable: true })
  endReason: string | null;

  /** "Let everyone finish their own time" chosen at (no new students; see exam_closing). */
  @Column({ ...epochMsColumn({ nullable: true }), name: 'closing_at' })
  closingAt: number | null;

  /** Percent of the points needed to pass, copied from the exam when the session is planned. */
  @Column({ type: 'integer', name: 'passing_score', nullable: true })
  passingScore: number | null;

  /** What students see of their results (issue 11); none until the teacher releases. */
  @Column({ type: 'varchar', length: 16, name: 'results_release', default: 'none' })
  resultsRelease: ResultsReleaseMode;

  @Column({ ...epochMsColumn({ nullable: true }), name: 'results_released_at' })
  resultsReleasedAt: number | null;

  @Column({ type: 'varchar', length: 36, name: 'results_released_by', nullable: true })
  resultsReleasedBy: string | null;

  @Column({ type: 'integer', name: 'exam_version' })
  examVersion: number;

  /** Self-enrolment code (null until first opened; kept when closed). */
  @Column({ type: 'varchar', length: 12, name: 'join_code', nullable: true })
  joinCode?: string | null;

  @Column({ type: 'boolean', name: 'join_open', default: false })
  joinOpen?: boolean;

  @Column({ ...epochMsColumn(), name: 'created_at' })
  createdAt: number;

  @Column({ ...epochMsColumn(), name: 'updated_at' })
  updatedAt: number;
}
