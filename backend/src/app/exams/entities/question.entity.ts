/**
 * One question of an exam: only the student-visible part (`body`). The answer key is in
 * question_keys, so no query on this table can leak it.
 */
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { QuestionType } from '@exam/contracts';
import { jsonColumn } from '../../database/columns';
import type { QuestionBody } from '../domain/question-parts';

@Entity('questions')
export class QuestionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'exam_id' })
  examId: string;

  @Column({ type: 'varchar', length: 36, name: 'academy_id' })
  academyId: string;

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
}
