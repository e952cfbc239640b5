/** An exam of one academy: settings and metadata. Questions and keys live in their own tables. */
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMsColumn } from '../../database/columns';

@Entity('exams')
export class ExamEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'academy_id' })
  academyId: string;

  @Column({ type: 'varchar', length: 36, name: 'author_id' })
  authorId: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'text', default: '' })
  instructions: string;

  @Column({ type: 'integer', name: 'duration_minutes' })
  durationMinutes: number;

  @Column({ type: 'integer', name: 'passing_score', default: 50 })
  passingScore: number;

  @Column({ type: 'boolean', name: 'shuffle_questions', default: false })
  shuffleQuestions: boolean;

  @Column({ type: 'boolean', name: 'shuffle_options', default: false })
  shuffleOptions: boolean;

  @Column({ type: 'boolean', name: 'is_active', default: true })
  isActive: boolean;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ ...epochMsColumn(), name: 'created_at' })
  createdAt: number;

  @Column({ ...epochMsColumn(), name: 'updated_at' })
  updatedAt: number;

  @Column({ ...epochMsColumn({ nullable: true }), name: 'deleted_at' })
  deletedAt: number | null;
}
