/**
 * The highest resume seq a session may hand out before writing a new reservation. After a
 * restart numbering starts at the reservation, so seqs keep increasing (R9).
 */
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMsColumn } from '../../database/columns';

@Entity('session_seq_reservations')
export class SessionSeqReservationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36, name: 'exam_session_id' })
  examSessionId: string;

  @Column({ ...epochMsColumn(), name: 'reserved_up_to' })
  reservedUpTo: number;
}
