import type { TeacherSnapshot } from '@exam/contracts';
import { SessionSync } from '../../../core/live/session-sync';
import { describeActivity } from './activity-text';
import {
  reduceTeacher,
  teacherStateFromSnapshot,
  type TeacherLiveState,
} from './teacher-live.state';

function snap(over: Partial<TeacherSnapshot> = {}): TeacherSnapshot {
  const base = {
    studentSessionId: 'x',
    status: 'joined' as const,
    connectionStatus: 'connected' as const,
    answered: 0,
    total: 25,
    progress: 0,
    currentQuestionId: null,
    timeSpentMs: 0,
    joinedAt: 1,
    completedAt: null,
    lastActivityAt: null,
    deadline: 100_000,
    extraMs: 0,
    extraTimePercent: 0,
    allowanceMs: 3_600_000,
    score: null,
    endReason: null,
    signals: { count: 0, latest: null },
  };
  return {
    role: 'teacher',
    sessionId: 's1',
    title: 'English',
    status: 'active',
    durationMinutes: 60,
    config: { timeWarningMinutes: [5], gracePeriodSeconds: 30, allowLateJoin: true },
    launchedAt: 1,
    pausedAt: null,
    endedAt: null,
    closingAt: null,
    serverNow: 50,
    questionCount: 25,
    lastSeq: 5,
    deadline: 100_000,
    totalPausedMs: 0,
    extraMs: 0,
    stats: { enrolled: 2, connected: 2, completed: 0, averageProgress: 0, minutesElapsed: 0 },
    roster: [
      { ...base, studentId: 'a', displayName: 'Ann' },
      { ...base, studentId: 'b', displayName: 'Ben' },
    ],
    ...over,
  };
}

describe('teacher live state', () => {
  let sync: SessionSync<TeacherLiveState>;
  const feed: string[] = [];

  beforeEach(() => {
    feed.length = 0;
    sync = new SessionSync<TeacherLiveState>((s, f) => {
      const r = reduceTeacher(s, f);
      if (r.activity) {
        const names = Object.fromEntries(s.roster.map((x) => [x.studentId, x.displayName]));
        const entry = {
          key: 'l',
          id: null,
          at: f.ts ?? 0,
          type: r.activity.type,
          actorId: r.activity.actorId,
          studentIds: r.activity.studentIds ?? [],
          data: r.activity.data ?? {},
        };
        feed.push(describeActivity(entry, names, (at) => `@${at}`).text);
      }
      return r.state;
    });
    sync.replace(teacherStateFromSnapshot(snap()), 5);
  });

  it('updates one row from student_progress and tells the feed about completion', () => {
    sync.apply({
      event: 'student_progress',
      seq: 6,
      ts: 60,
      data: {
        sessionId: 's1',
        studentId: 'b',
        status: 'completed',
        currentQuestionId: 'q9',
        answered: 25,
        total: 25,
        progress: 100,
        timeSpentMs: 9000,
        connectionStatus: 'connected',
        lastActivityAt: 60,
      },
    });
    const b = sync.state()?.roster.find((r) => r.studentId === 'b');
    expect(b).toMatchObject({
      answered: 25,
      progress: 100,
      status: 'completed',
      currentQuestionId: 'q9',
    });
    expect(sync.state()?.roster[0].answered).toBe(0);
    // Completed well before the deadline: Ben handed in.
    expect(b?.endReason).toBe('submitted');
    expect(feed).toEqual(['Ben handed in']);
  });

  it('attempt_graded puts the new score and end reason on that student row at once', () => {
    const score = {
      score: 27,
      maxScore: 39,
      percent: 69.23,
      result: 'pending' as const,
      pendingManual: 1,
      gradedAt: 70,
    };
    sync.apply({
      event: 'attempt_graded',
      seq: 6,
      data: {
        sessionId: 's1',
        studentId: 'b',
        studentSessionId: 'x',
        endReason: 'deadline',
        score,
      },
    });
    const [a, b] = sync.state()?.roster ?? [];
    expect(b).toMatchObject({ score, endReason: 'deadline' });
    expect(a).toMatchObject({ score: null, endReason: null });
    // A manual grade later settles it.
    sync.apply({
      event: 'attempt_graded',
      seq: 7,
      data: {
        sessionId: 's1',
        studentId: 'b',
        studentSessionId: 'x',
        endReason: 'deadline',
        score: { ...score, score: 31, percent: 79.49, result: 'passed', pendingManual: 0 },
      },
    });
    expect(sync.state()?.roster[1].score).toMatchObject({ score: 31, result: 'passed' });
    // Malformed frames change nothing.
    for (const [seq, data] of [
      [8, { sessionId: 's1', studentId: 'a', studentSessionId: 'y', endReason: null }],
      [9, { sessionId: 's1', studentId: 'a', studentSessionId: 'y', endReason: 'gone', score }],
      [10, { sessionId: 's1', studentId: 'a', studentSessionId: 'y', endReason: null, score: {} }],
    ] as const) {
      sync.apply({ event: 'attempt_graded', seq, data });
    }
    expect(sync.state()?.roster[0].score).toBeNull();
    expect(feed).toEqual([]);
  });

  it('tells the feed when results are released or withdrawn', () => {
    sync.apply({
      event: 'results_released',
      seq: 6,
      data: { sessionId: 's1', mode: 'full_review', releasedAt: 5 },
    });
    sync.apply({
      event: 'results_released',
      seq: 7,
      data: { sessionId: 's1', mode: 'none', releasedAt: null },
    });
    expect(feed).toEqual([
      'Results released: students see the full review',
      'Results withdrawn: students no longer see them',
    ]);
  });

  it('adds time to one student or to everyone', () => {
    sync.apply({
      event: 'exam_add_time',
      seq: 6,
      data: {
        sessionId: 's1',
        addedMs: 600_000,
        scope: 'student',
        studentId: 'a',
        deadline: 700_000,
        serverNow: 1,
      },
    });
    expect(sync.state()?.roster.map((r) => [r.deadline, r.extraMs])).toEqual([
      [700_000, 600_000],
      [100_000, 0],
    ]);
    sync.apply({
      event: 'exam_add_time',
      seq: 7,
      data: { sessionId: 's1', addedMs: 60_000, scope: 'session', deadline: 160_000, serverNow: 1 },
    });
    expect(sync.state()?.deadline).toBe(160_000);
    expect(sync.state()?.roster.map((r) => r.deadline)).toEqual([760_000, 160_000]);
    expect(feed).toEqual(['10 minutes added for Ann', '1 minute added for everyone']);
  });

  it('a dropped socket shows reconnecting (student_progress), then connected or disconnected', () => {
    sync.apply({
      event: 'student_progress',
      seq: 6,
      data: {
        sessionId: 's1',
        studentId: 'a',
        status: 'joined',
        currentQuestionId: null,
        answered: 0,
        total: 25,
        progress: 0,
        timeSpentMs: 0,
        connectionStatus: 'reconnecting',
        lastActivityAt: null,
      },
    });
    expect(sync.state()?.roster[0].connectionStatus).toBe('reconnecting');
    sync.apply({
      event: 'student_joined',
      seq: 7,
      data: {
        sessionId: 's1',
        studentId: 'a',
        displayName: 'Ann',
        joinedAt: 1,
        connectionStatus: 'connected',
      },
    });
    expect(sync.state()?.roster[0].connectionStatus).toBe('connected');
    sync.apply({
      event: 'student_progress',
      seq: 8,
      data: {
        sessionId: 's1',
        studentId: 'a',
        status: 'joined',
        currentQuestionId: null,
        answered: 0,
        total: 25,
        progress: 0,
        timeSpentMs: 0,
        connectionStatus: 'reconnecting',
        lastActivityAt: null,
      },
    });
    sync.apply({
      event: 'student_left',
      seq: 9,
      data: { sessionId: 's1', studentId: 'a', reason: 'disconnect', at: 5 },
    });
    expect(sync.state()?.roster[0].connectionStatus).toBe('disconnected');
  });

  it('after its own reconnect a snapshot replaces stale rows; replayed duplicates are ignored', () => {
    sync.apply({
      event: 'student_left',
      seq: 6,
      data: { sessionId: 's1', studentId: 'a', reason: 'disconnect', at: 5 },
    });
    expect(sync.state()?.roster[0].connectionStatus).toBe('disconnected');
    // Replay overlapping seq 6 does nothing twice.
    sync.apply({
      event: 'student_left',
      seq: 6,
      data: { sessionId: 's1', studentId: 'a', reason: 'disconnect', at: 5 },
    });
    expect(feed).toEqual(['Ann left']);
    // The buffer no longer held the gap: a fresh snapshot wins entirely.
    const fresh = snap({ lastSeq: 90, status: 'paused', pausedAt: 70 });
    fresh.roster[0] = { ...fresh.roster[0], answered: 12, progress: 48 };
    sync.replace(teacherStateFromSnapshot(fresh), fresh.lastSeq);
    expect(sync.state()?.status).toBe('paused');
    expect(sync.state()?.roster[0]).toMatchObject({ connectionStatus: 'connected', answered: 12 });
    expect(
      sync.apply({
        event: 'exam_resume',
        seq: 80,
        data: { sessionId: 's1', deadline: 1, totalPausedMs: 1, serverNow: 1 },
      }),
    ).toBe(false);
    expect(sync.state()?.status).toBe('paused');
  });

  it('shifts every deadline by the paused time on resume', () => {
    sync.apply({
      event: 'exam_pause',
      seq: 6,
      data: { sessionId: 's1', pausedAt: 10, serverNow: 10 },
    });
    sync.apply({
      event: 'exam_resume',
      seq: 7,
      data: { sessionId: 's1', deadline: 130_000, totalPausedMs: 30_000, serverNow: 40 },
    });
    expect(sync.state()?.status).toBe('active');
    expect(sync.state()?.roster.map((r) => r.deadline)).toEqual([130_000, 130_000]);
  });
});
