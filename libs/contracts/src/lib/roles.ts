/**
 * Who a user is. admin, teacher and student belong to one academy; the platform operator
 * manages academies and belongs to none of them. Every permission check starts from this.
 */
export const ROLES = ['operator', 'admin', 'teacher', 'student'] as const;
export type Role = (typeof ROLES)[number];
