/**
 * Who controls an exam session, as one pure rule used by every route and event: the
 * session's teacher, its assigned co-teachers and invigilators, and the academy's admins.
 * Anyone else of the academy does not see the session at all (NOT_FOUND, like another
 * academy's), so a teacher cannot even learn which sessions colleagues run.
 */
import type { SessionAccess, StaffRole } from '@exam/contracts';

/** What is being done to the session. */
export type SessionAction =
  /** See it: its view, roster, live snapshot and events. */
  | 'view'
  /** Run it live: join as staff, prepare, launch, pause, resume, add time, broadcast, end. */
  | 'run'
  /** Change the plan: title, timing, enrolment, staff; delete it. */
  | 'plan'
  /** Scores: grade, regrade, release, review attempts, statistics, exports. */
  | 'results';

const ALL: ReadonlySet<SessionAction> = new Set(['view', 'run', 'plan', 'results']);
const RIGHTS: Record<SessionAccess, ReadonlySet<SessionAction>> = {
  admin: ALL,
  owner: ALL,
  co_teacher: ALL,
  invigilator: new Set(['view', 'run']),
};

export interface SessionActor {
  id: string;
  role: string;
  academyId: string;
}

/**
 * The actor's standing in the session, or null when they have none (students are never
 * staff: their access is their enrolment).
 */
export function sessionAccess(
  actor: SessionActor,
  session: { academyId: string; teacherId: string },
  staffRole: StaffRole | undefined,
): SessionAccess | null {
  if (actor.academyId !== session.academyId) return null;
  if (actor.role === 'admin') return 'admin';
  if (actor.role !== 'teacher') return null;
  if (session.teacherId === actor.id) return 'owner';
  return staffRole ?? null;
}

export function mayDo(access: SessionAccess | null, action: SessionAction): boolean {
  return access !== null && RIGHTS[access].has(action);
}

/** The sentence a refused staff member reads (they can see the session, not do this). */
export function refusalFor(action: SessionAction): string {
  switch (action) {
    case 'plan':
      return "Invigilators run the live exam; only the session's teachers and admins change its plan or staff.";
    case 'results':
      return "Invigilators run the live exam; only the session's teachers and admins see and grade its results.";
    default:
      return 'You are not allowed to do this in this exam session.';
  }
}
