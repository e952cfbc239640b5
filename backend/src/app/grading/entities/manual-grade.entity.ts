/** One manual grade as given (append-only history; the latest per answer counts). */
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { epochMsColumn } from '../../database/columns';

@Entity('manual_grades')
export class ManualGradeEntity {
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

  @Column({ type: 'real' })
  points: number;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ type: 'varchar', length: 36, name: 'grader_id' })
  graderId: string;

  @Column({ ...epochMsColumn(), name: 'created_at' })
  createdAt: number;
}
