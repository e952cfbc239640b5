import { allowanceCell, attemptStatusLabel, minutesText, questionLabel } from './roster-labels';

describe('roster labels', () => {
  const joined = { status: 'joined' as const, joinedAt: 1, endReason: null };
  const absent = { status: 'enrolled' as const, joinedAt: null, endReason: null };

  it('says who waits in the lobby before launch, and who is working after', () => {
    expect(attemptStatusLabel(joined, 'preparing')).toBe('In the lobby');
    expect(attemptStatusLabel(absent, 'preparing')).toBe('Not joined');
    expect(attemptStatusLabel(joined, 'active')).toBe('Working');
    expect(attemptStatusLabel(joined, 'paused')).toBe('Working');
    expect(attemptStatusLabel(absent, 'active')).toBe('Not joined');
  });

  it('tells how each attempt ended', () => {
    const done = (
      endReason: 'submitted' | 'deadline' | 'teacher' | 'terminated' | 'absent' | null,
    ) => attemptStatusLabel({ status: 'completed', joinedAt: 1, endReason }, 'completed');
    expect([
      done('submitted'),
      done('deadline'),
      done('teacher'),
      done('terminated'),
      done('absent'),
    ]).toEqual(['Handed in', 'Time ran out', 'Ended by the teacher', 'Exam terminated', 'Absent']);
    expect(done(null)).toBe('Finished');
  });

  it('shows Q1 from the launch until the student moves, nothing before', () => {
    const numbers = { q7: 7 };
    const r = { currentQuestionId: null, joinedAt: 1, status: 'joined' as const };
    expect(questionLabel(r, 'preparing', numbers)).toBe('–');
    expect(questionLabel(r, 'active', numbers)).toBe('Q1');
    expect(questionLabel({ ...r, joinedAt: null }, 'active', numbers)).toBe('–');
    expect(questionLabel({ ...r, currentQuestionId: 'q7' }, 'active', numbers)).toBe('Q7');
    expect(questionLabel({ ...r, currentQuestionId: 'q9' }, 'active', numbers)).toBe('In progress');
    expect(questionLabel({ ...r, status: 'completed' }, 'completed', numbers)).toBe('–');
  });

  it("shows each student's own working time, the accommodation and added time", () => {
    expect(allowanceCell({ allowanceMs: 3_600_000, extraTimePercent: 0, extraMs: 0 })).toEqual({
      total: '60 min',
      extras: [],
      spoken: '60 minutes',
    });
    expect(allowanceCell({ allowanceMs: 4_500_000, extraTimePercent: 25, extraMs: 0 })).toEqual({
      total: '75 min',
      extras: ['+25 %'],
      spoken: '75 minutes: 25 % extra time',
    });
    // 5 minutes for this student, 1 for everyone.
    expect(
      allowanceCell({ allowanceMs: 4_860_000, extraTimePercent: 25, extraMs: 300_000 }, 60_000),
    ).toEqual({
      total: '81 min',
      extras: ['+25 %', '+6 min'],
      spoken: '81 minutes: 25 % extra time, 6 minutes added',
    });
    expect(minutesText(150 * 60_000)).toBe('2 h 30 min');
    expect(minutesText(180 * 60_000)).toBe('3 h');
  });
});
