/**
 * A whole live exam over real sockets and a real database: a teacher and 30 students,
 * launch, answers, pause/resume, add time (session and one student), final submit,
 * complete — with the deadlines checked against the stored facts and every student frame
 * scanned for the answer key and other students' ids (R15).
 */
import { DataSource } from 'typeorm';
import type {
  AnswerAckPayload,
  ExamAddTimePayload,
  ExamEndPayload,
  ExamLaunchPayload,
  ExamResumePayload,
  SessionSnapshotPayload,
  StudentLeftPayload,
  StudentSnapshot,
  StudentProgressPayload,
  TeacherSnapshot,
} from '@exam/contracts';
import { startTestApp, type TestApp } from '../support/test-app';
import {
  answerOnce,
  answerRows,
  joined,
  liveWorld,
  seen,
  sleep,
  type LiveWorld,
} from '../support/live-helpers';
import type { TestSocket } from '../support/ws-client';

const MIN = 60_000;
/** Generous waits: this suite shares the CPU with the other integration suites. */
const T = 20_000;

describe('live exam: a teacher and 30 students through a whole exam', () => {
  let t: TestApp;
  let w: LiveWorld;
  let teacher: TestSocket;
  let students: TestSocket[];
  beforeAll(async () => {
    t = await startTestApp();
    w = await liveWorld(t, 'Thirty', 30, { durationMinutes: 45 });
  });
  afterAll(async () => {
    teacher?.close();
    for (const s of students ?? []) s.close();
    await t.close();
  });

  it('runs the exam end to end', async () => {
    const sid = w.fx.sessionId;
    teacher = await joined(t, w.teacher.token, sid);
    const snap = teacher.frames.find((f) => f.event === 'session_snapshot')!
      .data as SessionSnapshotPayload;
    expect(snap.isSnapshot).toBe(true);
    expect((snap.snapshot as TeacherSnapshot).roster).toHaveLength(30);
    expect(snap.snapshot.status).toBe('preparing');

    students = await Promise.all(w.students.map((s) => joined(t, s.token, sid)));
    for (const s of w.students) {
      await seen(
        teacher,
        (f) => f.event === 'student_joined' && (f.data as { studentId: string }).studentId === s.id,
        T,
      );
    }

    // Launch: every student gets their deadline, the server clock and the questions (no key).
    teacher.send('exam_launch', { sessionId: sid });
    const launches = await Promise.all(
      students.map((s) => s.next<ExamLaunchPayload>('exam_launch', () => true, T)),
    );
    const [{ launched_at: launchedAt }] = (await t.app
      .get(DataSource)
      .query('SELECT launched_at FROM exam_sessions WHERE id = ?', [sid])) as Array<{
      launched_at: number;
    }>;
    for (const l of launches) {
      expect(l.data.deadline).toBe(Number(launchedAt) + 45 * MIN);
      expect(Math.abs(l.data.serverNow - Date.now())).toBeLessThan(5000);
      expect(l.data.questions).toHaveLength(5);
      expect(typeof l.seq).toBe('number');
    }
    await teacher.next('exam_launch', () => true, T);

    // Every student answers every question (autosave, then final for the first).
    const acks = await Promise.all(
      students.map(async (s, i) => {
        const out: AnswerAckPayload[] = [];
        for (const [qi, qid] of w.fx.questionIds.entries()) {
          const answer =
            qi % 2 === 0 ? { optionId: ['a', 'b', 'c'][(i + qi) % 3] } : { text: `s${i} q${qi}` };
          out.push((await answerOnce(s, { sessionId: sid, questionId: qid, answer, seq: 1 })).data);
        }
        out.push(
          (
            await answerOnce(
              s,
              {
                sessionId: sid,
                questionId: w.fx.questionIds[0],
                answer: { optionId: 'b' },
                seq: 2,
              },
              'answer_submitted',
            )
          ).data,
        );
        return out;
      }),
    );
    expect(acks.flat().filter((a) => a.status === 'autosaved')).toHaveLength(150);
    expect(acks.flat().filter((a) => a.status === 'saved')).toHaveLength(30);
    expect(await answerRows(t, sid)).toHaveLength(180);
    // The teacher sees each student's progress.
    for (const s of w.students) {
      // Any order: seen() scans every frame received so far.
      const p = await seen<StudentProgressPayload>(
        teacher,
        (f) => f.event === 'student_progress' && f.data.studentId === s.id && f.data.answered === 5,
        T,
      );
      expect(p.data).toMatchObject({ total: 5, progress: 100, connectionStatus: 'connected' });
    }

    // Pause, wait, resume: every deadline moves by exactly the paused time.
    teacher.send('exam_pause', { sessionId: sid });
    await Promise.all(students.map((s) => s.next('exam_pause', () => true, T)));
    await sleep(300);
    teacher.send('exam_resume', { sessionId: sid });
    const resumes = await Promise.all(
      students.map((s) => s.next<ExamResumePayload>('exam_resume', () => true, T)),
    );
    const [row] = (await t.app
      .get(DataSource)
      .query('SELECT total_paused_ms, extra_ms FROM exam_sessions WHERE id = ?', [sid])) as Array<{
      total_paused_ms: number;
      extra_ms: number;
    }>;
    expect(Number(row.total_paused_ms)).toBeGreaterThanOrEqual(250);
    for (const r of resumes) {
      expect(r.data.deadline).toBe(Number(launchedAt) + 45 * MIN + Number(row.total_paused_ms));
    }

    // Add 5 minutes for everyone, then 3 more for one student only.
    teacher.send('exam_add_time', { sessionId: sid, minutes: 5 });
    const added = await Promise.all(
      students.map((s) => s.next<ExamAddTimePayload>('exam_add_time', () => true, T)),
    );
    for (const [i, a] of added.entries()) {
      expect(a.data.deadline).toBe(resumes[i].data.deadline + 5 * MIN);
    }
    teacher.send('exam_add_time', { sessionId: sid, minutes: 3, studentId: w.students[7].id });
    const one = await students[7].next<ExamAddTimePayload>('exam_add_time', () => true, T);
    expect(one.data).toMatchObject({
      scope: 'student',
      deadline: added[7].data.deadline + 3 * MIN,
      // 45 minutes + 5 for everyone + 3 for this student.
      allowanceMs: 53 * MIN,
    });
    await teacher.next(
      'exam_add_time',
      (f) => (f.data as ExamAddTimePayload).scope === 'student',
      T,
    );
    await sleep(200);
    expect(students[8].frames.filter((f) => f.event === 'exam_add_time')).toHaveLength(1);

    // Ten students submit; the teacher sees them leave with reason "complete".
    for (const s of students.slice(0, 10)) s.send('exam_submit', { sessionId: sid });
    await Promise.all(students.slice(0, 10).map((s) => s.next('exam_submit', () => true, T)));
    for (const s of w.students.slice(0, 10)) {
      const left = await seen<StudentLeftPayload>(
        teacher,
        (f) => f.event === 'student_left' && f.data.studentId === s.id,
        T,
      );
      expect(left.data.reason).toBe('complete');
    }
    // A submitted student can no longer change answers.
    const after = await answerOnce(students[0], {
      sessionId: sid,
      questionId: w.fx.questionIds[1],
      answer: { text: 'changed' },
      seq: 9,
    });
    expect(after.data).toMatchObject({ status: 'error', code: 'ALREADY_COMPLETED' });

    // The teacher completes: everyone hears it; every attempt is finalised.
    teacher.send('exam_complete', { sessionId: sid });
    const ends = await Promise.all(
      students.map((s) => s.next<ExamEndPayload>('exam_complete', () => true, T)),
    );
    for (const e of ends) expect(e.data).toMatchObject({ status: 'completed', reason: 'teacher' });
    const open = (await t.app
      .get(DataSource)
      .query(
        "SELECT COUNT(*) AS n FROM student_sessions WHERE exam_session_id = ? AND status <> 'completed'",
        [sid],
      )) as Array<{ n: number }>;
    expect(Number(open[0].n)).toBe(0);
    const log = (await t.app
      .get(DataSource)
      .query('SELECT type FROM session_events WHERE exam_session_id = ? ORDER BY id', [
        sid,
      ])) as Array<{
      type: string;
    }>;
    expect(log.map((l) => l.type)).toEqual(
      expect.arrayContaining([
        'exam_launch',
        'exam_pause',
        'exam_resume',
        'exam_add_time',
        'exam_submit',
        'exam_complete',
        'student_joined',
      ]),
    );
    const late = await answerOnce(students[20], {
      sessionId: sid,
      questionId: w.fx.questionIds[1],
      answer: { text: 'too late' },
      seq: 10,
    });
    expect(late.data).toMatchObject({ status: 'error', code: 'SESSION_NOT_LIVE' });
    expect(await answerRows(t, sid)).toHaveLength(180);

    // R15: no student frame holds the key or another student's id; seqs only increase.
    for (const [i, s] of students.entries()) {
      const raw = JSON.stringify(s.frames);
      expect(raw).not.toContain(w.fx.secretKeyText);
      expect(raw).not.toContain('correctOptionId');
      for (const [j, other] of w.students.entries())
        if (j !== i) expect(raw).not.toContain(other.id);
      const seqs = s.frames.filter((f) => typeof f.seq === 'number').map((f) => f.seq!);
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    }
  });
});

describe('live exam: each student sees their own time; the attempt says how it ended', () => {
  let t: TestApp;
  const open: TestSocket[] = [];
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await t.close();
  });

  it('gives the accommodation in every snapshot and the end reason to the student', async () => {
    const probe = await liveWorld(t, 'Allowance', 2, { durationMinutes: 40 });
    const [plain, extra] = probe.students;
    // The fixture copies the accommodation at enrolment; set it for the second student.
    await t.app
      .get(DataSource)
      .query('UPDATE student_sessions SET extra_time_percent = 25 WHERE student_id = ?', [
        extra.id,
      ]);
    const sid = probe.fx.sessionId;
    const teacher = await joined(t, probe.teacher.token, sid);
    open.push(teacher);
    const roster = (
      teacher.frames.find((f) => f.event === 'session_snapshot')!.data as SessionSnapshotPayload
    ).snapshot as TeacherSnapshot;
    const allowance = (id: string) => roster.roster.find((r) => r.studentId === id)!.allowanceMs;
    expect(allowance(plain.id)).toBe(40 * MIN);
    expect(allowance(extra.id)).toBe(50 * MIN);

    const s = await joined(t, extra.token, sid);
    open.push(s);
    const mine = (
      s.frames.find((f) => f.event === 'session_snapshot')!.data as SessionSnapshotPayload
    ).snapshot as StudentSnapshot;
    expect(mine.allowanceMs).toBe(50 * MIN);
    expect(mine.endReason).toBeNull();

    teacher.send('exam_launch', { sessionId: sid });
    await s.next('exam_launch', () => true, T);
    teacher.send('exam_complete', { sessionId: sid });
    await s.next('exam_complete', () => true, T);
    const after = await snapshotOf(t, extra.token, sid);
    expect(after.endReason).toBe('teacher');
    expect(after.attemptStatus).toBe('completed');
  });
});

describe('live exam: a question counts as answered only when its answer is complete', () => {
  let t: TestApp;
  const open: TestSocket[] = [];
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await t.close();
  });

  it('does not count a blank text, counts it once written', async () => {
    const w = await liveWorld(t, 'Answered', 1);
    const sid = w.fx.sessionId;
    const teacher = await joined(t, w.teacher.token, sid);
    open.push(teacher);
    teacher.send('exam_launch', { sessionId: sid });
    const s = await joined(t, w.students[0].token, sid);
    open.push(s);
    await s.next('exam_launch', () => true, T).catch(() => undefined);
    const textQ = w.fx.questionIds[1]; // short text
    const save = (text: string, seq: number) =>
      answerOnce(s, { sessionId: sid, questionId: textQ, answer: { text }, seq });
    expect((await save('   ', 1)).data.status).toBe('autosaved');
    const blank = await snapshotOf(t, w.teacher.token, sid);
    expect((blank as unknown as TeacherSnapshot).roster[0].answered).toBe(0);
    expect((await save('Paris', 2)).data.status).toBe('autosaved');
    const written = await snapshotOf(t, w.teacher.token, sid);
    expect((written as unknown as TeacherSnapshot).roster[0].answered).toBe(1);
  });
});

async function snapshotOf(t: TestApp, token: string, sid: string): Promise<StudentSnapshot> {
  const r = await fetch(`${t.baseUrl}/api/v1/exam-sessions/${sid}/snapshot`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return (await r.json()) as StudentSnapshot;
}
