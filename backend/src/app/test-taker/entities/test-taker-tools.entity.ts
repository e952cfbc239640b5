/** A student's test-taker tools (migration TestTakerTools1764231900000). */
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TestTakerTools } from '@exam/contracts';
import { epochMsColumn, jsonColumn } from '../../database/columns';

@Entity('test_taker_tools')
export class TestTakerToolsEntity {
  @PrimaryColumn({ type: 'varchar', length: 36, name: 'user_id' })
  userId: string;

  @Column({ type: 'varchar', length: 36, name: 'academy_id' })
  academyId: string;

  /** As stored (an older row may lack fields): read back through readTestTakerTools. */
  @Column(jsonColumn())
  tools: TestTakerTools;

  @Column({ type: 'boolean', name: 'student_may_change', default: true })
  studentMayChange: boolean;

  @Column({ type: 'varchar', length: 16, name: 'set_by' })
  setBy: 'student' | 'staff';

  @Column({ type: 'varchar', length: 36, name: 'updated_by' })
  updatedBy: string;

  @Column(epochMsColumn({ name: 'updated_at' }))
  updatedAt: number;
}
