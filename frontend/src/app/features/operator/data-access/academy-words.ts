/** Words for academies: status, user counts. */
import type { AcademyStatus, AcademyUserCounts } from '@exam/contracts';

export const ACADEMY_STATUS_LABELS: Record<AcademyStatus, string> = {
  active: 'Active',
  suspended: 'Suspended',
};

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "1 admin, 4 teachers, 120 students". */
export function userCountsText(u: AcademyUserCounts): string {
  return [
    count(u.admins, 'admin', 'admins'),
    count(u.teachers, 'teacher', 'teachers'),
    count(u.students, 'student', 'students'),
  ].join(', ');
}

/** "Server default" for an empty retention period, else "30 days". */
export function daysText(days: number | null): string {
  if (days === null) return 'Server default';
  return days === 1 ? '1 day' : `${days} days`;
}
