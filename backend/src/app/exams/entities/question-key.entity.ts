/** The answer key of one question, kept apart from `questions` so it is only read on purpose. */
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { jsonColumn } from '../../database/columns';
import type { QuestionKey } from '../domain/question-parts';

@Entity('question_keys')
export class QuestionKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 36, name: 'question_id' })
  questionId: string;

  @Column({ type: 'varchar', length: 36, name: 'academy_id' })
  academyId: string;

  @Column(jsonColumn())
  key: QuestionKey;
}
