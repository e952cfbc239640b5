/**
 * The co-teachers and invigilators of each exam session, and the one access rule built on
 * them (domain/session-access.ts). Every REST route and WebSocket event about a session asks
 * here; lookups are cached for a few seconds per session and dropped on every change made
 * through this process (another instance sees a change within STAFF_CACHE_MS).
 */
import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import {
  MAX_SESSION_STAFF,
  STAFF_ROLES,
  type SessionAccess,
  type SessionStaffMember,
  type SetSessionStaffRequest,
  type StaffRole,
} from '@exam/contracts';
import type { AuthUser } from '../auth/auth-user';
import { UserEntity } from '../auth/entities/user.entity';
import { AppError } from '../common/app-error';
import { sessionAccess } from './domain/session-access';
import { SessionStaffEntity } from './entities/session-staff.entity';

export const STAFF_CACHE_MS = 5_000;

type StaffInput = SetSessionStaffRequest['staff'];

@Injectable()
export class SessionStaff {
  private readonly cache = new Map<string, { at: number; roles: Map<string, StaffRole> }>();
  private readonly loading = new Map<string, Promise<Map<string, StaffRole>>>();

  constructor(private readonly ds: DataSource) {}

  /** The actor's standing in the session, or null (see sessionAccess). */
  async accessTo(
    actor: Pick<AuthUser, 'id' | 'role' | 'academyId'>,
    session: { id: string; academyId: string; teacherId: string },
  ): Promise<SessionAccess | null> {
    // Only a teacher who does not own the session needs the staff list.
    const needsStaff =
      actor.role === 'teacher' &&
      actor.academyId === session.academyId &&
      session.teacherId !== actor.id;
    const role = needsStaff ? (await this.roles(session.id)).get(actor.id) : undefined;
    return sessionAccess(actor, session, role);
  }

  /** Staff of several sessions, for their views (one query each for rows and names). */
  async members(sessionIds: string[]): Promise<Map<string, SessionStaffMember[]>> {
    const out = new Map<string, SessionStaffMember[]>(sessionIds.map((id) => [id, []]));
    if (!sessionIds.length) return out;
    const rows = await this.ds.manager.find(SessionStaffEntity, {
      where: { examSessionId: In(sessionIds) },
    });
    if (!rows.length) return out;
    const users = await this.ds.manager.find(UserEntity, {
      where: { id: In([...new Set(rows.map((r) => r.userId))]) },
      select: { id: true, displayName: true, email: true },
    });
    const byId = new Map(users.map((u) => [u.id, u]));
    for (const r of rows) {
      out.get(r.examSessionId)?.push({
        userId: r.userId,
        displayName: byId.get(r.userId)?.displayName ?? '',
        email: byId.get(r.userId)?.email ?? '',
        role: r.role,
        addedAt: r.addedAt,
      });
    }
    for (const list of out.values())
      list.sort((a, b) => a.displayName.localeCompare(b.displayName));
    return out;
  }

  /**
   * Checks a requested staff list: at most MAX_SESSION_STAFF, each an active teacher of the
   * academy, listed once, not the session's own teacher, with a known role.
   */
  async validate(academyId: string, teacherId: string, staff: StaffInput): Promise<StaffInput> {
    if (staff.length > MAX_SESSION_STAFF) {
      throw AppError.badRequest(
        `A session can have at most ${MAX_SESSION_STAFF} co-teachers and invigilators; remove some.`,
      );
    }
    const seen = new Set<string>();
    for (const s of staff) {
      if (!(STAFF_ROLES as readonly string[]).includes(s.role)) {
        throw AppError.badRequest(
          `"${String(s.role).slice(0, 40)}" is not a staff role; use co_teacher or invigilator.`,
        );
      }
      if (seen.has(s.userId)) {
        throw AppError.badRequest('The same person is listed twice; list each person once.', [
          { field: 'staff', problems: [`${s.userId} is listed twice`] },
        ]);
      }
      if (s.userId === teacherId) {
        throw AppError.badRequest(
          "The session's own teacher is not listed as staff: they control it already.",
        );
      }
      seen.add(s.userId);
    }
    if (!staff.length) return staff;
    const found = await this.ds.manager.find(UserEntity, {
      where: { id: In([...seen]), academyId, role: 'teacher', deactivatedAt: IsNull() },
      select: { id: true },
    });
    const missing = [...seen].filter((id) => !found.some((u) => u.id === id));
    if (missing.length) {
      throw new AppError(
        404,
        'NOT_FOUND',
        missing.length === 1
          ? 'One of the people chosen is not an active teacher of your school (removed or deactivated). Choose again.'
          : `${missing.length} of the people chosen are not active teachers of your school (removed or deactivated). Choose again.`,
        { userIds: missing },
      );
    }
    return staff;
  }

  /** Replaces the staff inside the caller's transaction; returns who lost access. */
  async write(
    m: EntityManager,
    session: { id: string; academyId: string },
    staff: StaffInput,
    addedBy: string,
  ): Promise<string[]> {
    const current = await m.find(SessionStaffEntity, { where: { examSessionId: session.id } });
    const wanted = new Map(staff.map((s) => [s.userId, s.role]));
    const removed = current.filter((r) => !wanted.has(r.userId)).map((r) => r.userId);
    if (removed.length) {
      await m.delete(SessionStaffEntity, { examSessionId: session.id, userId: In(removed) });
    }
    const now = Date.now();
    for (const [userId, role] of wanted) {
      const had = current.find((r) => r.userId === userId);
      if (had?.role === role) continue;
      if (had) await m.update(SessionStaffEntity, { examSessionId: session.id, userId }, { role });
      else
        await m.insert(SessionStaffEntity, {
          examSessionId: session.id,
          userId,
          academyId: session.academyId,
          role,
          addedBy,
          addedAt: now,
        });
    }
    return removed;
  }

  /** Drops the cached staff of a session (after a change); a load under way is not kept. */
  invalidate(sessionId: string): void {
    this.cache.delete(sessionId);
    this.loading.delete(sessionId);
  }

  private roles(sessionId: string): Promise<Map<string, StaffRole>> {
    const hit = this.cache.get(sessionId);
    if (hit && Date.now() - hit.at < STAFF_CACHE_MS) return Promise.resolve(hit.roles);
    const pending = this.loading.get(sessionId);
    if (pending) return pending;
    const at = Date.now();
    const p: Promise<Map<string, StaffRole>> = this.ds.manager
      .find(SessionStaffEntity, {
        where: { examSessionId: sessionId },
        select: { userId: true, role: true },
      })
      .then((rows) => new Map(rows.map((r) => [r.userId, r.role])))
      .then((roles) => {
        if (this.loading.get(sessionId) === p) {
          if (this.cache.size > 10_000) this.cache.clear();
          this.cache.set(sessionId, { at, roles });
        }
        return roles;
      })
      .finally(() => {
        if (this.loading.get(sessionId) === p) this.loading.delete(sessionId);
      });
    this.loading.set(sessionId, p);
    return p;
  }
}
