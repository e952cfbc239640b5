import { mayDo, sessionAccess, type SessionAction } from './session-access';

describe('who controls an exam session', () => {
  const session = { academyId: 'A', teacherId: 't-owner' };
  const teacher = (id: string, academyId = 'A') => ({ id, role: 'teacher', academyId });

  it('gives the teacher, assigned staff and admins their standing; nobody else any', () => {
    expect(sessionAccess(teacher('t-owner'), session, undefined)).toBe('owner');
    expect(sessionAccess(teacher('t-co'), session, 'co_teacher')).toBe('co_teacher');
    expect(sessionAccess(teacher('t-inv'), session, 'invigilator')).toBe('invigilator');
    expect(sessionAccess({ id: 'adm', role: 'admin', academyId: 'A' }, session, undefined)).toBe(
      'admin',
    );
    // A colleague of the same academy who is not on the staff: nothing.
    expect(sessionAccess(teacher('t-other'), session, undefined)).toBeNull();
    // Another academy, even as its admin or with a stray staff row: nothing.
    expect(sessionAccess({ id: 'adm', role: 'admin', academyId: 'B' }, session, undefined)).toBe(
      null,
    );
    expect(sessionAccess(teacher('t-co', 'B'), session, 'co_teacher')).toBeNull();
    // Students and operators are never staff.
    expect(sessionAccess({ id: 's', role: 'student', academyId: 'A' }, session, 'co_teacher')).toBe(
      null,
    );
    expect(sessionAccess({ id: 'op', role: 'operator', academyId: 'A' }, session, undefined)).toBe(
      null,
    );
  });

  it('lets invigilators view and run the exam, but not change the plan or touch results', () => {
    const actions: SessionAction[] = ['view', 'run', 'plan', 'results'];
    const table = (a: Parameters<typeof mayDo>[0]) => actions.filter((x) => mayDo(a, x));
    expect(table('owner')).toEqual(actions);
    expect(table('co_teacher')).toEqual(actions);
    expect(table('admin')).toEqual(actions);
    expect(table('invigilator')).toEqual(['view', 'run']);
    expect(table(null)).toEqual([]);
  });
});
