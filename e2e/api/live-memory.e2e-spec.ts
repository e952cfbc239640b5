/**
 * Finished sessions leave memory (R20): once a session has ended and nobody has looked at
 * it for a while, with no socket in its room, its live state and resume buffer are dropped;
 * the next use loads it again from the database (scores included), and a resume from before
 * gets a snapshot, never a silent gap.
 */
import type { TeacherSnapshot } from '@exam/contracts';
import { LiveSessionService } from '../../backend/src/app/exam-session/live-session.service';
import { api } from '../support/http';
import { answerOnce, joined, lastSeqOf, liveWorld, seen, sleep } from '../support/live-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

describe('finished sessions leave memory', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('drops an ended, unwatched session and loads it again on the next use', async () => {
    const w = await liveWorld(t, 'Memory Academy', 2);
    const live = t.app.get(LiveSessionService);
    const sid = w.fx.sessionId;
    const teacher = await joined(t, w.teacher.token, sid);
    const student = await joined(t, w.students[0].token, sid);
    const launch = await api(t.baseUrl, 'POST', `/api/v1/exam-sessions/${sid}/launch`, {
      token: w.teacher.token,
      body: {},
    });
    expect(launch.status).toBe(200);
    await seen(student, (f) => f.event === 'exam_launch');
    const ack = await answerOnce(student, {
      sessionId: sid,
      questionId: w.fx.questionIds[0],
      answer: { optionId: 'b' },
      seq: 1,
    });
    expect(ack.data.status).toBe('autosaved');
    await api(t.baseUrl, 'POST', `/api/v1/exam-sessions/${sid}/complete`, {
      token: w.teacher.token,
      body: {},
    });
    await seen(teacher, (f) => f.event === 'attempt_graded');
    const lastSeq = lastSeqOf(teacher);
    const later = Date.now() + 11 * 60_000;

    // Watched (sockets in the room), or used recently: kept. (Other finished sessions, such
    // as the demo's practice round, may go.)
    live.sweepEnded(later);
    live.sweepEnded(Date.now());
    expect(live.cachedSessions()).toContain(sid);
    teacher.close();
    student.close();
    // Progress still to persist keeps it too (written every 5 s; settle() writes it now).
    await live.settle();
    for (let i = 0; i < 50 && live.cachedSessions().includes(sid); i++) {
      await sleep(20);
      live.sweepEnded(later);
    }
    expect(live.cachedSessions()).not.toContain(sid);

    // Loaded again from the database on the next use, scores and all.
    const snap = await api<TeacherSnapshot>(
      t.baseUrl,
      'GET',
      `/api/v1/exam-sessions/${sid}/snapshot`,
      { token: w.teacher.token },
    );
    expect(snap.body.status).toBe('completed');
    const graded = snap.body.roster.find((r) => r.studentId === w.students[0].id)!;
    expect(graded.score).toMatchObject({ score: 1, result: 'failed' });
    expect(graded.endReason).toBe('teacher');
    expect(live.cachedSessions()).toContain(sid);

    // A resume from before the drop gets a snapshot.
    const back = await joined(t, w.teacher.token, sid, lastSeq);
    expect(back.frames.some((f) => f.event === 'session_snapshot')).toBe(true);
    expect(back.frames.some((f) => f.event === 'session_resumed')).toBe(false);
    back.close();
  });
});
