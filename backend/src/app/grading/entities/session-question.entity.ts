/**
 * A session's own copy of one question with its key, taken when the session is planned.
 * Grading, review and regrade read this copy: editing the exam afterwards never changes a
 * past result, and a regrade changes the key here (for this session only).
 */
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { QuestionAdjustment, QuestionType } from '@exam/contracts';
import { epochMsColumn, jsonColumn } from '../../database/columns';
import type { QuestionBody, QuestionKey } from '../../exams/domain/question-parts';

@Entity('session_questions')
export class SessionQuestionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36, name: 'exam_session_id' })
  examSessionId: string;

  @PrimaryColumn({ type: 'varchar', length: 36, name: 'question_id' })
  questionId: string;

  @Column({ type: 'varchar', length: 36, name: 'academy_id' })
  academyId: string;

  /** 0-based position in the exam. */
  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 32 })
  type: QuestionType;

  @Column({ type: 'text' })
  prompt: string;

  @Column({ type: 'real' })
  points: number;

  @Column(jsonColumn())
  body: QuestionBody;

  @Column(jsonColumn({ name: 'answer_key' }))
  key: QuestionKey;

  @Column({ type: 'varchar', length: 16, default: 'none' })
  adjustment: QuestionAdjustment;

  @Column({ ...epochMsColumn(), name: 'updated_at' })
  updatedAt: number;
}
