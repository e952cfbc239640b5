/**
 * session_events rows of a live session: built here for the transaction that commits a
 * change (entry), or queued with the next background batch when the entry is advisory
 * (later: joins, drops, departures).
 */
import { Injectable } from '@nestjs/common';
import { BackgroundWriter } from '../background-writer';
import type { SessionActorType, SessionEventData } from '../entities/session-event.entity';
import { SessionEventEntity } from '../entities/session-event.entity';
import type { Actor, LiveState } from './live-state';

const EVENT_COLUMNS = [
  'academy_id',
  'exam_session_id',
  'type',
  'actor_id',
  'actor_type',
  'data',
  'ip',
  'user_agent',
  'created_at',
] as const;

@Injectable()
export class SessionLog {
  constructor(private readonly background: BackgroundWriter) {}

  /** The row, stamped now, for the caller's transaction to insert. */
  entry(
    st: LiveState,
    type: string,
    actor: Actor | null,
    data: SessionEventData,
  ): SessionEventEntity {
    const e = new SessionEventEntity();
    e.academyId = st.academyId;
    e.examSessionId = st.id;
    e.type = type;
    e.actorId = actor?.user.id ?? null;
    e.actorType = (actor?.user.role ?? 'system') as SessionActorType;
    e.data = data;
    e.ip = actor?.ip?.slice(0, 64) ?? null;
    e.userAgent = actor?.userAgent?.slice(0, 300) ?? null;
    e.createdAt = Date.now();
    return e;
  }

  /** An advisory log entry, written with the next background batch. */
  later(st: LiveState, type: string, actor: Actor | null, data: SessionEventData): void {
    const e = this.entry(st, type, actor, data);
    this.background.insertRow('session_events', EVENT_COLUMNS, [
      e.academyId,
      e.examSessionId,
      e.type,
      e.actorId,
      e.actorType,
      JSON.stringify(e.data),
      e.ip,
      e.userAgent,
      e.createdAt,
    ]);
  }
}
