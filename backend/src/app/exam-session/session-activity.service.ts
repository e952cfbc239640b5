/**
 * The activity feed of a session for its staff, read from the session log (session_events):
 * what a teacher's dashboard shows again after a reload. Queued log writes are flushed
 * first, so the feed includes everything that happened before the request.
 */
import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { ActivityEntry, SessionActivityPage } from '@exam/contracts';
import type { AuthUser } from '../auth/auth-user';
import { UserEntity } from '../auth/entities/user.entity';
import { BackgroundWriter } from './background-writer';
import { SessionEventEntity } from './entities/session-event.entity';
import { ExamSessionsService } from './exam-sessions.service';

export const ACTIVITY_PAGE_MAX = 500;

@Injectable()
export class SessionActivity {
  constructor(
    private readonly ds: DataSource,
    private readonly sessions: ExamSessionsService,
    private readonly background: BackgroundWriter,
  ) {}

  async page(
    actor: AuthUser,
    sessionId: string,
    q: { beforeId?: number; limit?: number },
  ): Promise<SessionActivityPage> {
    const s = await this.sessions.findControlled(actor, sessionId, 'view');
    await this.background.drain();
    const limit = Math.min(q.limit ?? 200, ACTIVITY_PAGE_MAX);
    // In the order things happened (each row is stamped when its event happens): a log
    // entry written with a later background batch can get a higher id than an entry
    // committed by a change that came after it. Pages go back from (created_at, id).
    const qb = this.ds.manager
      .createQueryBuilder(SessionEventEntity, 'e')
      .where('e.examSessionId = :sid', { sid: s.id })
      .orderBy('e.createdAt', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .limit(limit + 1);
    if (q.beforeId !== undefined) {
      const ref = await this.ds.manager.findOne(SessionEventEntity, {
        where: { id: q.beforeId, examSessionId: s.id },
        select: { id: true, createdAt: true },
      });
      if (ref) {
        qb.andWhere('(e.createdAt < :at OR (e.createdAt = :at AND e.id < :id))', {
          at: ref.createdAt,
          id: ref.id,
        });
      } else qb.andWhere('e.id < :id', { id: q.beforeId });
    }
    const rows = await qb.getMany();
    const hasMore = rows.length > limit;
    const entries = rows.slice(0, limit).map(toEntry);
    const ids = new Set<string>();
    for (const e of entries) {
      if (e.actor) ids.add(e.actor.id);
      for (const id of e.studentIds) ids.add(id);
    }
    const users = ids.size
      ? await this.ds.manager.find(UserEntity, {
          where: { id: In([...ids]) },
          select: { id: true, displayName: true },
        })
      : [];
    return {
      entries,
      names: Object.fromEntries(users.map((u) => [u.id, u.displayName])),
      hasMore,
    };
  }
}

/** One log row as a feed entry: who, which students, and the facts of its type. */
export function toEntry(row: SessionEventEntity): ActivityEntry {
  const data = { ...(row.data ?? {}) } as Record<string, unknown>;
  const studentIds = new Set<string>();
  if (row.actorType === 'student' && row.actorId) studentIds.add(row.actorId);
  const listed = data['studentIds'];
  if (Array.isArray(listed))
    for (const id of listed) if (typeof id === 'string') studentIds.add(id);
  if (typeof data['studentId'] === 'string') studentIds.add(data['studentId']);
  delete data['studentIds'];
  const role = row.actorType;
  return {
    id: row.id,
    at: Number(row.createdAt),
    type: row.type,
    actor:
      row.actorId && (role === 'teacher' || role === 'admin' || role === 'student')
        ? { id: row.actorId, role }
        : null,
    studentIds: [...studentIds],
    data,
  };
}
