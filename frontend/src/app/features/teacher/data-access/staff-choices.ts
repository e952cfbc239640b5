/**
 * The co-teachers and invigilators being chosen in a form (the planner, the live dashboard's
 * staff panel): plain immutable list operations, and the request the server takes.
 */
import type {
  SessionStaffMember,
  SetSessionStaffRequest,
  StaffRole,
  UserView,
} from '@exam/contracts';

/** One chosen person: enough to show them and to send them. */
export interface StaffChoice {
  userId: string;
  displayName: string;
  email: string;
  role: StaffRole;
}

/** A newly added person starts with the fewest rights; the teacher raises them on purpose. */
export const DEFAULT_STAFF_ROLE: StaffRole = 'invigilator';

export function addChoice(
  list: readonly StaffChoice[],
  user: Pick<UserView, 'id' | 'displayName' | 'email'>,
  role: StaffRole = DEFAULT_STAFF_ROLE,
): StaffChoice[] {
  if (list.some((c) => c.userId === user.id)) return [...list];
  return [...list, { userId: user.id, displayName: user.displayName, email: user.email, role }];
}

export function removeChoice(list: readonly StaffChoice[], userId: string): StaffChoice[] {
  return list.filter((c) => c.userId !== userId);
}

export function setChoiceRole(
  list: readonly StaffChoice[],
  userId: string,
  role: StaffRole,
): StaffChoice[] {
  return list.map((c) => (c.userId === userId ? { ...c, role } : c));
}

export function choicesFrom(staff: readonly SessionStaffMember[]): StaffChoice[] {
  return staff.map(({ userId, displayName, email, role }) => ({
    userId,
    displayName,
    email,
    role,
  }));
}

export function toStaffRequest(list: readonly StaffChoice[]): SetSessionStaffRequest['staff'] {
  return list.map(({ userId, role }) => ({ userId, role }));
}

/** Same people with the same roles, whatever the order. */
export function sameStaff(a: readonly StaffChoice[], b: readonly StaffChoice[]): boolean {
  if (a.length !== b.length) return false;
  const roles = new Map(a.map((c) => [c.userId, c.role]));
  return b.every((c) => roles.get(c.userId) === c.role);
}

/**
 * Teachers who can still be added: active, not excluded (the session's teacher, the user
 * planning it) and not chosen already.
 */
export function addableTeachers(
  found: readonly UserView[],
  chosen: readonly StaffChoice[],
  exclude: readonly string[],
): UserView[] {
  const taken = new Set([...exclude, ...chosen.map((c) => c.userId)]);
  return found.filter((u) => u.role === 'teacher' && u.active !== false && !taken.has(u.id));
}
