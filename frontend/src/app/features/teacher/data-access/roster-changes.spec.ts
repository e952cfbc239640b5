/** How students' own happenings and the end of the exam change the live view and the feed. */
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

describe('teacher live state: students arriving, dropping, returning, finishing; the end', () => {
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

  const progress = (studentId: string, over: Record<string, unknown> = {}) => ({
    sessionId: 's1',
    studentId,
    status: 'joined',
    currentQuestionId: null,
    answered: 0,
    total: 25,
    progress: 0,
    timeSpentMs: 0,
    connectionStatus: 'connected',
    lastActivityAt: null,
    ...over,
  });

  it('tells a dropped connection and a return with the time away, never "joined" twice', () => {
    sync.apply({
      event: 'student_progress',
      seq: 6,
      ts: 10_000,
      data: progress('a', { connectionStatus: 'reconnecting' }),
    });
    sync.apply({
      event: 'student_joined',
      seq: 7,
      ts: 130_000,
      data: { sessionId: 's1', studentId: 'a', displayName: 'Ann', joinedAt: 1 },
    });
    // A progress push while still reconnecting is no second drop.
    sync.apply({
      event: 'student_progress',
      seq: 8,
      ts: 131_000,
      data: progress('a', { connectionStatus: 'connected', answered: 2 }),
    });
    expect(feed).toEqual(['Ann lost connection', 'Ann is back after 2 min']);
    expect(sync.state()?.roster[0].droppedAt).toBeUndefined();
  });

  it('a dropped connection whose grace runs out is "went offline"', () => {
    sync.apply({
      event: 'student_progress',
      seq: 6,
      ts: 10_000,
      data: progress('a', { connectionStatus: 'reconnecting' }),
    });
    sync.apply({
      event: 'student_left',
      seq: 7,
      ts: 40_000,
      data: { sessionId: 's1', studentId: 'a', reason: 'disconnect', at: 40_000 },
    });
    expect(feed).toEqual(['Ann lost connection', 'Ann went offline']);
    // Back later: the time away counts from the drop.
    sync.apply({
      event: 'student_joined',
      seq: 8,
      ts: 250_000,
      data: { sessionId: 's1', studentId: 'a', displayName: 'Ann', joinedAt: 1 },
    });
    expect(feed[2]).toBe('Ann is back after 4 min');
  });

  it('a first arrival is "joined"; closing the page is "left"', () => {
    sync.replace(
      teacherStateFromSnapshot(
        snap({
          status: 'preparing',
          roster: snap().roster.map((r) => ({
            ...r,
            joinedAt: null,
            status: 'enrolled',
            connectionStatus: 'not_joined',
          })),
        }),
      ),
      5,
    );
    sync.apply({
      event: 'student_joined',
      seq: 6,
      ts: 10,
      data: { sessionId: 's1', studentId: 'b', displayName: 'Ben', joinedAt: 10 },
    });
    expect(sync.state()?.roster[1]).toMatchObject({ status: 'joined', joinedAt: 10 });
    sync.apply({
      event: 'student_left',
      seq: 7,
      ts: 20,
      data: { sessionId: 's1', studentId: 'b', reason: 'disconnect', at: 20 },
    });
    expect(feed).toEqual(['Ben joined', 'Ben left']);
  });

  it('an attempt completed at its deadline plus grace ran out of time, not "submitted"', () => {
    // Deadline 100 000, grace 30 s: completed at 130 000 is the clock.
    sync.apply({
      event: 'student_left',
      seq: 6,
      ts: 130_050,
      data: { sessionId: 's1', studentId: 'a', reason: 'complete', at: 130_050 },
    });
    sync.apply({
      event: 'student_progress',
      seq: 7,
      ts: 130_100,
      data: progress('a', { status: 'completed', connectionStatus: 'disconnected' }),
    });
    expect(sync.state()?.roster[0]).toMatchObject({
      status: 'completed',
      endReason: 'deadline',
    });
    expect(feed).toEqual(['Time ran out for Ann']);
  });

  it('the teacher ending the exam ends every open attempt as theirs, with one line', () => {
    const enrolled = snap();
    enrolled.roster[1] = {
      ...enrolled.roster[1],
      joinedAt: null,
      status: 'enrolled',
      connectionStatus: 'not_joined',
    };
    sync.replace(teacherStateFromSnapshot(enrolled), 5);
    sync.apply({
      event: 'exam_complete',
      seq: 6,
      ts: 50_000,
      data: { sessionId: 's1', status: 'completed', endedAt: 50_000, reason: 'teacher' },
    });
    // The server tells teachers each finalised student left: no "handed in" for them.
    sync.apply({
      event: 'student_left',
      seq: 7,
      ts: 50_001,
      data: { sessionId: 's1', studentId: 'a', reason: 'complete', at: 50_001 },
    });
    expect(sync.state()?.roster.map((r) => [r.status, r.endReason])).toEqual([
      ['completed', 'teacher'],
      ['completed', 'absent'],
    ]);
    expect(feed).toEqual(['Exam ended: every attempt still open ended now']);
  });

  it('exam_closing marks the session finishing and says who is still working until when', () => {
    const s = snap();
    s.roster[0] = { ...s.roster[0], deadline: 4_500_000, extraTimePercent: 25 };
    sync.replace(teacherStateFromSnapshot(s), 5);
    sync.apply({
      event: 'exam_closing',
      seq: 6,
      ts: 60_000,
      data: {
        sessionId: 's1',
        closingAt: 60_000,
        working: 2,
        endsBy: 4_530_000,
        serverNow: 60_000,
      },
    });
    expect(sync.state()?.closingAt).toBe(60_000);
    expect(feed).toEqual([
      'Everyone may finish their own time: nobody new can start (2 students still working, the last until @4500000)',
    ]);
    // Both hand in; the session completes by itself.
    for (const [seq, id] of [
      [7, 'a'],
      [8, 'b'],
    ] as const) {
      sync.apply({
        event: 'student_progress',
        seq,
        ts: 70_000,
        data: progress(id, { status: 'completed' }),
      });
    }
    sync.apply({
      event: 'exam_complete',
      seq: 9,
      ts: 70_100,
      data: { sessionId: 's1', status: 'completed', endedAt: 70_100, reason: 'teacher' },
    });
    expect(feed.slice(1)).toEqual([
      'Ann handed in',
      'Ben handed in',
      'Everyone has finished their own time: the exam is complete',
    ]);
  });

  it("the clock's end and a termination read differently", () => {
    sync.apply({
      event: 'exam_complete',
      seq: 6,
      data: { sessionId: 's1', status: 'completed', endedAt: 9, reason: 'deadline' },
    });
    expect(sync.state()?.roster.map((r) => r.endReason)).toEqual(['deadline', 'deadline']);
    sync.replace(teacherStateFromSnapshot(snap()), 10);
    sync.apply({
      event: 'exam_terminate',
      seq: 11,
      data: { sessionId: 's1', status: 'terminated', endedAt: 9, reason: 'terminated' },
    });
    expect(sync.state()?.roster.map((r) => r.endReason)).toEqual(['terminated', 'terminated']);
    expect(feed).toEqual(['Time is up: the exam completed by itself', 'Exam terminated']);
  });

  it("added time grows each student's own working time", () => {
    sync.apply({
      event: 'exam_add_time',
      seq: 6,
      data: {
        sessionId: 's1',
        addedMs: 300_000,
        scope: 'student',
        studentId: 'b',
        deadline: 1,
        serverNow: 1,
      },
    });
    sync.apply({
      event: 'exam_add_time',
      seq: 7,
      data: { sessionId: 's1', addedMs: 60_000, scope: 'session', deadline: 2, serverNow: 1 },
    });
    expect(sync.state()?.roster.map((r) => r.allowanceMs)).toEqual([3_660_000, 3_960_000]);
  });
});
