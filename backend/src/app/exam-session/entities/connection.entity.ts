/** One WebSocket connection (the seed's connection tracking). */
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMsColumn } from '../../database/columns';

@Entity('connections')
export class ConnectionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'academy_id' })
  academyId: string;

  @Column({ type: 'varchar', length: 36, name: 'user_id' })
  userId: string;

  /** The last session this connection joined. */
  @Column({ type: 'varchar', length: 36, name: 'exam_session_id', nullable: true })
  examSessionId: string | null;

  @Column({ type: 'varchar', length: 64 })
  ip: string;

  @Column({ type: 'varchar', length: 300, name: 'user_agent' })
  userAgent: string;

  @Column({ ...epochMsColumn(), name: 'connected_at' })
  connectedAt: number;

  @Column({ ...epochMsColumn({ nullable: true }), name: 'disconnected_at' })
  disconnectedAt: number | null;

  @Column({ ...epochMsColumn(), name: 'last_ping_at' })
  lastPingAt: number;

  @Column({ type: 'integer', name: 'close_code', nullable: true })
  closeCode: number | null;
}
