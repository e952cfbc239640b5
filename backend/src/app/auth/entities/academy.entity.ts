import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMsColumn } from '../../database/columns';

/** A tenant: a school or organisation. Nothing crosses academies. */
@Entity('academies')
export class AcademyEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ ...epochMsColumn(), name: 'created_at' })
  createdAt: number;
}
