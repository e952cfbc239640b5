/**
 * Who may run an exam session besides its teacher. A session is controlled by its teacher
 * (who planned it), the co-teachers and invigilators assigned to it, and the academy's
 * admins; nobody else, on every route and event alike.
 *
 * - co-teacher: everything the session's teacher can do (plan, run, grade, release results,
 *   change the staff).
 * - invigilator: runs the live exam (join, watch the grid, prepare, launch, pause, resume,
 *   add time, broadcast, end it); cannot change the plan or see scores and results.
 */
export const STAFF_ROLES = ['co_teacher', 'invigilator'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** The caller's standing in one session (what the dashboards show and allow). */
export type SessionAccess = 'admin' | 'owner' | StaffRole;

/** Most people assigned to one session. */
export const MAX_SESSION_STAFF = 20;

export interface SessionStaffMember {
  userId: string;
  displayName: string;
  email: string;
  role: StaffRole;
  addedAt: number;
}

/** Replaces the session's staff (its teacher is never in this list). */
export interface SetSessionStaffRequest {
  staff: Array<{ userId: string; role: StaffRole }>;
}
