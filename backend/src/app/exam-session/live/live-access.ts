/**
 * Who may do what in a live session (the rules are domain/session-access): its staff run
 * it, its enrolled students take it, and anyone else gets NOT_FOUND, so that nothing leaks
 * which sessions exist. Every command, answer, join and REST mirror asks here first.
 */
import { Injectable } from '@nestjs/common';
import { SESSION_EVENTS } from '@exam/contracts';
import { AppError } from '../../common/app-error';
import { SessionRooms } from '../../realtime/session-rooms.service';
import { sendError } from '../../realtime/ws-client';
import { mayDo } from '../domain/session-access';
import { SessionStaff } from '../session-staff.service';
import type { Actor, LiveState, StudentState } from './live-state';
import { SessionStore } from './session-store';

@Injectable()
export class LiveAccess {
  constructor(
    private readonly store: SessionStore,
    private readonly staff: SessionStaff,
    private readonly rooms: SessionRooms,
  ) {}

  /** The session, if the actor may see it at all (same academy); else NOT_FOUND (no leak). */
  async visible(actor: Actor, sessionId: string): Promise<LiveState> {
    return seenBy(actor, await this.store.state(sessionId));
  }

  /**
   * The session, for its staff: its teacher, co-teachers, invigilators and the academy's
   * admins (session-access.ts). Another teacher of the academy gets NOT_FOUND, exactly as
   * from GET /exam-sessions/:id, on every control event and REST mirror alike.
   */
  async asTeacher(actor: Actor, sessionId: string): Promise<LiveState> {
    const st = await this.visible(actor, sessionId);
    if (actor.user.role === 'student') {
      throw AppError.forbidden("Only the session's teachers, invigilators and admins control it.");
    }
    if (!mayDo(await this.staff.accessTo(actor.user, st), 'run')) {
      throw AppError.notFound('The exam session');
    }
    return st;
  }

  async asStudent(actor: Actor, sessionId: string): Promise<{ st: LiveState; me: StudentState }> {
    return this.studentIn(actor, await this.visible(actor, sessionId));
  }

  /**
   * asStudent without waiting, when the session's state is in memory (undefined when it
   * must be loaded first); throws what asStudent rejects with.
   */
  asStudentNow(actor: Actor, sessionId: string): { st: LiveState; me: StudentState } | undefined {
    const st = this.store.ready(sessionId);
    return st ? this.studentIn(actor, seenBy(actor, st)) : undefined;
  }

  private studentIn(actor: Actor, st: LiveState): { st: LiveState; me: StudentState } {
    if (actor.user.role !== 'student') {
      throw AppError.forbidden('Only students take exams; teachers use the control events.');
    }
    const me = st.students.get(actor.user.id);
    if (!me) {
      throw new AppError(403, 'NOT_ENROLLED', 'You are not enrolled in this exam session.');
    }
    return { st, me };
  }

  /** Whether this staff member sees scores (invigilators do not; session-access.ts). */
  async seesScores(actor: Actor, st: LiveState): Promise<boolean> {
    return mayDo(await this.staff.accessTo(actor.user, st), 'results');
  }

  /** People taken off the session's staff leave its live room now, and are told why. */
  staffRemoved(sessionId: string, userIds: string[]): void {
    const gone = this.rooms.dropTeachers(sessionId, new Set(userIds));
    for (const c of gone) {
      sendError(
        c,
        'FORBIDDEN',
        "You were removed from this session's staff, so its live view closed. Ask its teacher if this is a mistake.",
        { event: SESSION_EVENTS.SESSION_JOIN, recoverable: false, details: { sessionId } },
      );
    }
  }
}

/** The session when the actor's academy holds it; NOT_FOUND otherwise (no leak). */
function seenBy(actor: Actor, st: LiveState | null): LiveState {
  if (!st || st.academyId !== actor.user.academyId) throw AppError.notFound('The exam session');
  return st;
}
