/** Academies for tests. */
import type { AcademyView } from '@exam/contracts';

export function academyView(over: Partial<AcademyView> = {}): AcademyView {
  return {
    id: 'acad-1',
    name: 'Northside High',
    timeZone: 'Europe/Paris',
    archiveAfterDays: null,
    securityLogDays: null,
    defaults: { archiveAfterDays: 30, securityLogDays: 180 },
    status: 'active',
    suspendedAt: null,
    suspendedReason: null,
    users: { admins: 1, teachers: 4, students: 120 },
    createdAt: '2026-01-05T10:00:00.000Z',
    ...over,
  };
}
