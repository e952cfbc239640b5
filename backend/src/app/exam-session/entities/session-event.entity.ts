/** The append-only log of what happened in a session (the seed's session_events). */
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { epochMsColumn, jsonColumn } from '../../database/columns';

export type SessionActorType = 'teacher' | 'student' | 'admin' | 'system';

/** What a log entry carries: flat JSON. */
export type SessionEventData = Record<
  string,
  string | number | boolean | null | string[] | number[]
>;

@Entity('session_events')
export class SessionEventEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'varchar', length: 36, name: 'academy_id' })
  academyId: string;

  @Column({ type: 'varchar', length: 36, name: 'exam_session_id' })
  examSessionId: string;

  @Column({ type: 'varchar', length: 40 })
  type: string;

  @Column({ type: 'varchar', length: 36, name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 16, name: 'actor_type' })
  actorType: SessionActorType;

  @Column(jsonColumn())
  data: SessionEventData;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ type: 'varchar', length: 300, name: 'user_agent', nullable: true })
  userAgent: string | null;

  @Column({ ...epochMsColumn(), name: 'created_at' })
  createdAt: number;
}
