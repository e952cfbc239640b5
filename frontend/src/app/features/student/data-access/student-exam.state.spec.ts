import type { StudentSnapshot } from '@exam/contracts';
import {
  parseResultsReleased,
  reduceStudent,
  studentStateFromSnapshot,
} from './student-exam.state';

describe('parseResultsReleased', () => {
  it('accepts a results_released payload with a known mode', () => {
    expect(parseResultsReleased({ sessionId: 's1', mode: 'correctness', releasedAt: 5 })).toEqual({
      sessionId: 's1',
      mode: 'correctness',
      releasedAt: 5,
    });
    expect(parseResultsReleased({ sessionId: 's1', mode: 'none', releasedAt: null })?.mode).toBe(
      'none',
    );
  });

  it('drops anything else', () => {
    expect(parseResultsReleased({ sessionId: 's1', mode: 'all', releasedAt: 5 })).toBeUndefined();
    expect(parseResultsReleased({ sessionId: 's1', mode: 'score' })).toBeUndefined();
    expect(parseResultsReleased({ mode: 'score', releasedAt: 5 })).toBeUndefined();
    expect(parseResultsReleased('score')).toBeUndefined();
  });
});

describe('reduceStudent: the student own time and how the attempt ended', () => {
  const base = (over: Partial<StudentSnapshot> = {}): StudentSnapshot => ({
    role: 'student',
    sessionId: 's1',
    title: 'T',
    status: 'active',
    durationMinutes: 60,
    config: { timeWarningMinutes: [5], gracePeriodSeconds: 30, allowLateJoin: true },
    launchedAt: 1_000,
    pausedAt: null,
    endedAt: null,
    closingAt: null,
    serverNow: 2_000,
    questionCount: 0,
    lastSeq: 1,
    deadline: 1_000 + 75 * 60_000,
    remainingMs: 0,
    attemptStatus: 'joined',
    completedAt: null,
    endReason: null,
    allowanceMs: 75 * 60_000,
    currentQuestionId: null,
    questions: [],
    texts: [],
    answers: [],
    ...over,
  });
  const frame = (event: string, data: object) => ({ event, data: { sessionId: 's1', ...data } });

  it('keeps allowanceMs from the snapshot, adds added time, and reads it at launch', () => {
    let s = studentStateFromSnapshot(base());
    expect(s.allowanceMs).toBe(75 * 60_000);
    s = reduceStudent(
      s,
      frame('exam_add_time', { addedMs: 300_000, deadline: 9, scope: 'session' }),
    );
    expect(s.allowanceMs).toBe(80 * 60_000);
    const lobby = studentStateFromSnapshot(
      base({ status: 'preparing', launchedAt: null, deadline: null }),
    );
    const launched = reduceStudent(
      lobby,
      frame('exam_launch', { launchedAt: 10, deadline: 10 + 90 * 60_000, serverNow: 10 }),
    );
    expect(launched.allowanceMs).toBe(90 * 60_000);
    // A new duration while preparing scales the student's time (accommodation kept).
    const longer = reduceStudent(
      lobby,
      frame('exam_prepare', { title: 'T', status: 'preparing', durationMinutes: 40 }),
    );
    expect(longer.allowanceMs).toBe(50 * 60_000);
    // An old server without allowanceMs: the duration.
    expect(
      studentStateFromSnapshot(base({ allowanceMs: undefined as unknown as number })).allowanceMs,
    ).toBe(60 * 60_000);
  });

  it('says who ended the attempt: the teacher, the clock, a termination', () => {
    const s = studentStateFromSnapshot(base());
    expect(
      reduceStudent(
        s,
        frame('exam_complete', { status: 'completed', endedAt: 5, reason: 'teacher' }),
      ).endReason,
    ).toBe('teacher');
    expect(
      reduceStudent(
        s,
        frame('exam_terminate', { status: 'terminated', endedAt: 5, reason: 'terminated' }),
      ).endReason,
    ).toBe('terminated');
    expect(
      reduceStudent(
        s,
        frame('exam_complete', { status: 'completed', endedAt: 5, reason: 'deadline' }),
      ).endReason,
    ).toBe('deadline');
    // exam_submit after the deadline: the time ran out; before it: the student submitted.
    const late = reduceStudent(
      s,
      frame('exam_submit', { status: 'completed', completedAt: s.deadline! + 30_001 }),
    );
    expect(late.endReason).toBe('deadline');
    const early = reduceStudent(s, frame('exam_submit', { status: 'completed', completedAt: 5 }));
    expect(early.endReason).toBe('submitted');
    // ... and keeps it when the session ends afterwards.
    expect(
      reduceStudent(
        early,
        frame('exam_complete', { status: 'completed', endedAt: 9, reason: 'teacher' }),
      ).endReason,
    ).toBe('submitted');
    // A snapshot after a reload says it too.
    expect(
      studentStateFromSnapshot(base({ attemptStatus: 'completed', endReason: 'teacher' }))
        .endReason,
    ).toBe('teacher');
  });
});
