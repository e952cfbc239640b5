/** Plain live states for the unit specs of live/ (no database, no Nest). */
import type { LiveState, StudentState } from './live-state';

export const MIN = 60_000;
/** "Now" in the specs (fake timers). */
export const T0 = 1_000_000_000_000;

export function student(userId: string, over: Partial<StudentState> = {}): StudentState {
  return {
    id: `ss-${userId}`,
    userId,
    displayName: userId,
    status: 'joined',
    extraMs: 0,
    extraTimePercent: 0,
    joinedAt: 0,
    completedAt: null,
    currentQuestionId: null,
    lastActivityAt: null,
    optionOrder: null,
    latest: new Map(),
    acceptedSeq: new Map(),
    keys: new Map(),
    answersLoaded: true,
    score: null,
    endReason: null,
    ...over,
  };
}

export function liveState(students: StudentState[], over: Partial<LiveState> = {}): LiveState {
  return {
    id: 'session-1',
    academyId: 'academy-1',
    examId: 'exam-1',
    teacherId: 'teacher-1',
    title: 'Quiz',
    instructions: '',
    status: 'active',
    durationMinutes: 30,
    config: {
      timeWarningMinutes: [5, 1],
      gracePeriodSeconds: 10,
      allowLateJoin: true,
      autoLaunch: false,
    },
    launchedAt: 0,
    pausedAt: null,
    totalPausedMs: 0,
    extraMs: 0,
    endedAt: null,
    endReason: null,
    closingAt: null,
    scheduledStartAt: null,
    shuffleQuestions: false,
    shuffleOptions: false,
    questions: [],
    texts: [],
    questionTypes: new Map(),
    answerable: new Map(),
    students: new Map(students.map((s) => [s.userId, s])),
    warningsSent: new Map(),
    loadedAt: 0,
    usedAt: 0,
    version: 0,
    lock: Promise.resolve(),
    dirtyPush: new Set(),
    dirtyPersist: new Set(),
    ...over,
  };
}
