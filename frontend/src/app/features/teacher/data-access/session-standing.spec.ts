import type { ErrorPayload, SessionStaffMember } from '@exam/contracts';
import {
  isStaffRemoval,
  mayChangePlan,
  maySeeResults,
  runByText,
  sessionStanding,
  standingBadge,
} from './session-standing';

const member = (
  userId: string,
  role: SessionStaffMember['role'],
  displayName = userId,
): SessionStaffMember => ({ userId, displayName, email: `${userId}@x`, role, addedAt: 1 });

describe('sessionStanding', () => {
  const session = {
    teacherId: 't1',
    staff: [member('t2', 'co_teacher'), member('t3', 'invigilator')],
  };

  it('tells the owner, a co-teacher, an invigilator and an admin apart', () => {
    expect(sessionStanding({ id: 't1', role: 'teacher' }, session)).toBe('owner');
    expect(sessionStanding({ id: 't2', role: 'teacher' }, session)).toBe('co_teacher');
    expect(sessionStanding({ id: 't3', role: 'teacher' }, session)).toBe('invigilator');
    // Admins control every session of their academy, staff or not.
    expect(sessionStanding({ id: 'a1', role: 'admin' }, session)).toBe('admin');
  });

  it('gives none to other teachers, students, operators and nobody', () => {
    expect(sessionStanding({ id: 't9', role: 'teacher' }, session)).toBeNull();
    // A student id that happens to be listed is still no staff member.
    expect(sessionStanding({ id: 't3', role: 'student' }, session)).toBeNull();
    expect(sessionStanding({ id: 'o1', role: 'operator' }, session)).toBeNull();
    expect(sessionStanding(null, session)).toBeNull();
  });

  it('lets everyone but invigilators see results and change the plan and staff', () => {
    for (const s of ['owner', 'co_teacher', 'admin'] as const) {
      expect(maySeeResults(s)).toBe(true);
      expect(mayChangePlan(s)).toBe(true);
    }
    expect(maySeeResults('invigilator')).toBe(false);
    expect(mayChangePlan('invigilator')).toBe(false);
    expect(maySeeResults(null)).toBe(false);
  });

  it('badges the sessions the user does not own, in their words', () => {
    expect(standingBadge('invigilator')).toBe('You invigilate');
    expect(standingBadge('co_teacher')).toBe('Co-teacher');
    expect(standingBadge('admin')).toBe('Admin');
    expect(standingBadge('owner')).toBeNull();
    expect(standingBadge(null)).toBeNull();
  });
});

describe('runByText', () => {
  it('names the teacher, then co-teachers and invigilators, plural when several', () => {
    expect(runByText({ teacherId: 't1', teacherName: 'Tom Teacher', staff: [] })).toBe(
      'Tom Teacher',
    );
    expect(
      runByText({
        teacherId: 't1',
        teacherName: 'Tom Teacher',
        staff: [
          member('t3', 'invigilator', 'Ines'),
          member('t2', 'co_teacher', 'Carl'),
          member('t4', 'invigilator', 'Ivo'),
        ],
      }),
    ).toBe('Tom Teacher · Co-teacher: Carl · Invigilators: Ines, Ivo');
  });
});

describe('isStaffRemoval', () => {
  const removal: ErrorPayload = {
    code: 'FORBIDDEN',
    message: "You were removed from this session's staff.",
    recoverable: false,
    event: 'session_join',
    details: { sessionId: 's1' },
  };

  it("recognises the frame sent to someone taken off this session's staff", () => {
    expect(isStaffRemoval(removal, 's1')).toBe(true);
  });

  it('ignores other sessions, recoverable errors and other refusals', () => {
    expect(isStaffRemoval(removal, 's2')).toBe(false);
    expect(isStaffRemoval({ ...removal, recoverable: true }, 's1')).toBe(false);
    expect(isStaffRemoval({ ...removal, code: 'NOT_FOUND' }, 's1')).toBe(false);
    expect(isStaffRemoval({ ...removal, event: 'exam_launch' }, 's1')).toBe(false);
    expect(isStaffRemoval({ ...removal, details: undefined }, 's1')).toBe(false);
  });
});
