/**
 * After a restart the live state is rebuilt from the database. The teacher must see every
 * student's answers at once, not only those of students who have reconnected: the roster
 * counted only answers loaded on a student's own rejoin, showed 0 for the others and the
 * periodic progress write then stored that 0 over the right value.
 */
import type { SessionSnapshotPayload, TeacherSnapshot } from '@exam/contracts';
import { LiveSessionService } from '../../backend/src/app/exam-session/live-session.service';
import { answerOnce, joined, liveWorld } from '../support/live-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import type { TestSocket } from '../support/ws-client';

describe('live state rebuilt from the database', () => {
  let t: TestApp;
  const open: TestSocket[] = [];
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await t.close();
  });

  it("shows every student's saved answers to the teacher before anyone reconnects", async () => {
    const w = await liveWorld(t, 'Rebuilt', 3, { questions: 4 });
    const sid = w.fx.sessionId;
    const teacher = await joined(t, w.teacher.token, sid);
    const students = await Promise.all(w.students.map((s) => joined(t, s.token, sid)));
    open.push(teacher, ...students);
    teacher.send('exam_launch', { sessionId: sid });
    await Promise.all(students.map((s) => s.next('exam_launch')));
    // Student i answers i + 1 questions.
    for (const [i, s] of students.entries()) {
      for (let q = 0; q <= i; q++) {
        const ack = await answerOnce(s, {
          sessionId: sid,
          questionId: w.fx.questionIds[q],
          answer: q % 2 === 0 ? { optionId: 'a' } : { text: `s${i} q${q}` },
          seq: 1,
        });
        expect(ack.data.status).toBe('autosaved');
      }
    }
    for (const s of students) s.close();

    await t.app.get(LiveSessionService).reload(sid);
    const again = await joined(t, w.teacher.token, sid);
    open.push(again);
    const snap = again.frames.find((f) => f.event === 'session_snapshot')!
      .data as SessionSnapshotPayload;
    const answered = Object.fromEntries(
      (snap.snapshot as TeacherSnapshot).roster.map((r) => [r.studentId, r.answered]),
    );
    expect(answered).toEqual({
      [w.students[0].id]: 1,
      [w.students[1].id]: 2,
      [w.students[2].id]: 3,
    });
  });
});
