/**
 * The signed-in user's standing in one exam session, worked out in the browser from who they
 * are and the session's teacher and staff (the server applies the same rule on every route:
 * backend exam-session/domain/session-access.ts). The pages use it to show who runs a session
 * and to hide what an invigilator may not do, instead of offering links that end in a 403.
 */
import {
  SESSION_EVENTS,
  type ErrorPayload,
  type ExamSessionView,
  type Role,
  type SessionAccess,
  type SessionStaffMember,
  type StaffRole,
} from '@exam/contracts';

/** What the signed-in user needs to know about themselves. */
export interface Me {
  id: string;
  role: Role;
}

/** What a session says about who runs it. */
export type SessionPeople = Pick<ExamSessionView, 'teacherId' | 'teacherName' | 'staff'>;

/** The user's standing, or null when they have none (the server would not show the session). */
export function sessionStanding(
  me: Me | null,
  session: Pick<SessionPeople, 'teacherId' | 'staff'>,
): SessionAccess | null {
  if (!me) return null;
  if (me.role === 'admin') return 'admin';
  if (me.role !== 'teacher') return null;
  if (session.teacherId === me.id) return 'owner';
  return session.staff.find((s) => s.userId === me.id)?.role ?? null;
}

/** Results, grading, statistics and exports: everyone who controls it except invigilators. */
export function maySeeResults(standing: SessionAccess | null): boolean {
  return standing === 'owner' || standing === 'co_teacher' || standing === 'admin';
}

/** The plan (title, timing, students, deletion) and the staff: the same people as results. */
export function mayChangePlan(standing: SessionAccess | null): boolean {
  return maySeeResults(standing);
}

export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  co_teacher: 'Co-teacher',
  invigilator: 'Invigilator',
};

/** What each role may do, in one short phrase (the picker's hints). */
export const STAFF_ROLE_HINTS: Record<StaffRole, string> = {
  co_teacher: 'Can change the plan and see results.',
  invigilator: 'Runs the live exam only.',
};

/** Why an invigilator sees fewer controls. */
export const INVIGILATOR_NOTE =
  "You invigilate: you run the live exam. Its results and plan are for the session's teachers.";

/** The badge on a session the user does not own (none for their own sessions). */
export function standingBadge(standing: SessionAccess | null): string | null {
  switch (standing) {
    case 'invigilator':
      return 'You invigilate';
    case 'co_teacher':
      return 'Co-teacher';
    case 'admin':
      return 'Admin';
    case 'owner':
    case null:
      return null;
  }
}

/** Staff members of one role, in the server's order (by name). */
export function staffWithRole(
  staff: readonly SessionStaffMember[],
  role: StaffRole,
): SessionStaffMember[] {
  return staff.filter((s) => s.role === role);
}

/**
 * One line naming who runs the session, for lists:
 * "Tom Teacher · Co-teacher: Ann Other · Invigilators: Ines Invigilator, Ivo Watch".
 */
export function runByText(session: SessionPeople): string {
  const parts = [session.teacherName];
  for (const role of ['co_teacher', 'invigilator'] as const) {
    const names = staffWithRole(session.staff, role).map((s) => s.displayName);
    if (!names.length) continue;
    const label = names.length === 1 ? STAFF_ROLE_LABELS[role] : `${STAFF_ROLE_LABELS[role]}s`;
    parts.push(`${label}: ${names.join(', ')}`);
  }
  return parts.join(' · ');
}

/**
 * True for the frame the server sends to someone taken off the session's staff while on its
 * live dashboard: they left the room and must not rejoin.
 */
export function isStaffRemoval(error: ErrorPayload, sessionId: string): boolean {
  const details = error.details;
  return (
    error.code === 'FORBIDDEN' &&
    error.recoverable === false &&
    error.event === SESSION_EVENTS.SESSION_JOIN &&
    typeof details === 'object' &&
    details !== null &&
    (details as { sessionId?: unknown }).sessionId === sessionId
  );
}
