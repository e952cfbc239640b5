/** Who a user is inside their academy. Every permission check starts from this. */
export const ROLES = ['admin', 'teacher', 'student'] as const;
export type Role = (typeof ROLES)[number];
