/**
 * The score of one question of one finished attempt (unique per pair): what the grading
 * rules gave and why, the teacher's grade when there is one, and what counts.
 */
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { QuestionScoreState } from '@exam/contracts';
import { epochMsColumn, jsonColumn } from '../../database/columns';

@Entity('question_scores')
export class QuestionScoreEntity {
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

  /** seq of the graded answer (the latest write); null = unanswered. */
  @Column({ type: 'integer', name: 'answer_seq', nullable: true })
  answerSeq: number | null;

  @Column({ type: 'real', name: 'auto_points', nullable: true })
  autoPoints: number | null;

  @Column({ type: 'real', name: 'max_points' })
  maxPoints: number;

  @Column({ type: 'boolean', name: 'needs_manual', default: false })
  needsManual: boolean;

  @Column(jsonColumn())
  details: string[];

  @Column({ type: 'real', name: 'manual_points', nullable: true })
  manualPoints: number | null;

  @Column({ type: 'text', name: 'manual_comment', nullable: true })
  manualComment: string | null;

  @Column({ type: 'varchar', length: 36, name: 'manual_by', nullable: true })
  manualBy: string | null;

  @Column({ ...epochMsColumn({ nullable: true }), name: 'manual_at' })
  manualAt: number | null;

  /** What counts toward the total; null while pending, or when the question is dropped. */
  @Column({ type: 'real', nullable: true })
  points: number | null;

  @Column({ type: 'varchar', length: 16 })
  state: QuestionScoreState;

  @Column({ ...epochMsColumn(), name: 'updated_at' })
  updatedAt: number;
}
