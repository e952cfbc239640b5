/** A text between an exam's questions (migration ExamTexts1764231600000). */
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TextFormat } from '@exam/contracts';

@Entity('exam_texts')
export class ExamTextEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'exam_id' })
  examId: string;

  @Column({ type: 'varchar', length: 36, name: 'academy_id' })
  academyId: string;

  /** Order among all the exam's texts (shown order). */
  @Column({ type: 'integer' })
  position: number;

  /** 0-based position of the question it is shown before (question count: after the last). */
  @Column({ type: 'integer', name: 'before_question' })
  beforeQuestion: number;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'varchar', length: 16, default: 'plain' })
  format: TextFormat;

  @Column({ type: 'varchar', length: 255, default: '' })
  name: string;
}
