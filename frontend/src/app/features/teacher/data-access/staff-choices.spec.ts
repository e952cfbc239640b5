import type { UserView } from '@exam/contracts';
import { userView } from '../../../../testing/auth-fixtures';
import {
  addChoice,
  addableTeachers,
  choicesFrom,
  removeChoice,
  sameStaff,
  setChoiceRole,
  toStaffRequest,
} from './staff-choices';

const ines: UserView = userView('teacher', {
  id: 't2',
  displayName: 'Ines Invigilator',
  email: 'ines@x',
});
const carl: UserView = userView('teacher', { id: 't3', displayName: 'Carl', email: 'carl@x' });

describe('staff choices', () => {
  it('adds people once, as invigilators unless told otherwise', () => {
    let list = addChoice([], ines);
    list = addChoice(list, carl, 'co_teacher');
    list = addChoice(list, ines, 'co_teacher');
    expect(list).toEqual([
      { userId: 't2', displayName: 'Ines Invigilator', email: 'ines@x', role: 'invigilator' },
      { userId: 't3', displayName: 'Carl', email: 'carl@x', role: 'co_teacher' },
    ]);
  });

  it('changes a role, removes a person and builds the request', () => {
    let list = addChoice(addChoice([], ines), carl);
    list = setChoiceRole(list, 't3', 'co_teacher');
    expect(toStaffRequest(list)).toEqual([
      { userId: 't2', role: 'invigilator' },
      { userId: 't3', role: 'co_teacher' },
    ]);
    expect(toStaffRequest(removeChoice(list, 't2'))).toEqual([
      { userId: 't3', role: 'co_teacher' },
    ]);
  });

  it('compares lists by people and roles, not order', () => {
    const a = addChoice(addChoice([], ines), carl, 'co_teacher');
    const b = addChoice(addChoice([], carl, 'co_teacher'), ines);
    expect(sameStaff(a, b)).toBe(true);
    expect(sameStaff(a, setChoiceRole(b, 't2', 'co_teacher'))).toBe(false);
    expect(sameStaff(a, removeChoice(b, 't2'))).toBe(false);
    expect(
      sameStaff(
        choicesFrom([
          { userId: 't2', displayName: 'I', email: 'i@x', role: 'invigilator', addedAt: 5 },
        ]),
        [{ userId: 't2', displayName: 'I', email: 'i@x', role: 'invigilator' }],
      ),
    ).toBe(true);
  });

  it('offers only active teachers who are not excluded or chosen already', () => {
    const found = [
      userView('teacher'),
      ines,
      carl,
      userView('teacher', { id: 't4', active: false }),
      userView('admin'),
    ];
    const chosen = addChoice([], carl);
    expect(addableTeachers(found, chosen, ['teacher-1']).map((u) => u.id)).toEqual(['t2']);
  });
});
