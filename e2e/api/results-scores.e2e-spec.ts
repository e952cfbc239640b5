/**
 * Scores when attempts end (issue 11): submit, the teacher's end and absence each finalise
 * and grade in one go; every stored question score equals the grading rules applied to the
 * student's latest answer; totals, pass state and how it ended are right; grading happens
 * exactly once. Then manual grading with history, and the results views.
 */
import { DataSource } from 'typeorm';
import type {
  AttemptReview,
  GradeResponse,
  GradingQueue,
  QuestionResponsesView,
  SessionResultsView,
} from '@exam/contracts';
import { gradeAnswer } from '../../backend/src/app/exams/domain/grading';
import { api } from '../support/http';
import { answer, command, resultsWorld, submit, type ResultsWorld } from '../support/results-world';
import { startTestApp, type TestApp } from '../support/test-app';

describe('results: scores at the end of an attempt', () => {
  let t: TestApp;
  let w: ResultsWorld;
  let ds: DataSource;
  const s1Answers: Record<string, unknown> = {};

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get(DataSource);
    w = await resultsWorld(t, 'Scores Academy', 3);
    const [s1, s2] = w.students;
    const mine: Array<[keyof ResultsWorld['q'], unknown]> = [
      ['single_choice', { optionId: 'b' }],
      ['true_false', { value: false }],
      ['multiple_response', { optionIds: ['a', 'b'] }],
      ['short_text', { text: '  Writed ' }],
      ['numeric', { value: 26 }],
      ['essay', { text: 'I went to the sea with my family.' }],
      ['ordering', { order: ['w1', 'w2', 'w4', 'w3'] }],
      ['matching', { pairs: { l1: 'r1', l2: 'r3' } }],
    ];
    const drafts: Partial<Record<keyof ResultsWorld['q'], unknown>> = {
      single_choice: { optionId: 'a' },
      short_text: { text: 'wrote' },
    };
    for (const [type, value] of mine) {
      // A first draft, then the answer that counts: grading must use the latest.
      if (drafts[type]) await answer(t, s1, w.sessionId, w.q[type].id, drafts[type]);
      await answer(t, s1, w.sessionId, w.q[type].id, value);
      s1Answers[w.q[type].id] = value;
    }
    await answer(t, s2, w.sessionId, w.q.single_choice.id, { optionId: 'a' });
    await answer(t, s2, w.sessionId, w.q.short_text.id, { text: 'wrot' });
    await answer(t, s2, w.sessionId, w.q.essay.id, { text: '   ' });
    await submit(t, s1, w.sessionId);
  }, 60_000);
  afterAll(() => t.close());

  const results = (q = '') =>
    api<SessionResultsView>(t.baseUrl, 'GET', `/api/v1/exam-sessions/${w.sessionId}/results${q}`, {
      token: w.teacher.token,
    });

  it('grades a submitted attempt at once, in the transaction that finalises it', async () => {
    const rows = (await ds.query(
      'SELECT question_id, points, auto_points, state, needs_manual FROM question_scores WHERE student_session_id = (SELECT id FROM student_sessions WHERE student_id = ?)',
      [w.students[0].id],
    )) as Array<{ question_id: string; points: number | null; state: string }>;
    expect(rows).toHaveLength(8);
    for (const q of w.exam.questions) {
      const row = rows.find((r) => r.question_id === q.id)!;
      const g = gradeAnswer(q, s1Answers[q.id]);
      if (g.needsManualGrading) {
        expect(row.points).toBeNull();
        expect(row.state).toBe('pending');
      } else {
        expect(row.points).toBe(g.score);
      }
    }
    const r = await results();
    const me = r.body.items.find((x) => x.studentId === w.students[0].id)!;
    expect(me.endReason).toBe('submitted');
    // 2 + 0 + 1 (50 - 25 % of 4) + 0.5 (25 % of 2) + 1 + pending + 0 + 1 (1 of 3 pairs)
    expect(me.score).toMatchObject({
      score: 5.5,
      maxScore: 26,
      result: 'pending',
      pendingManual: 1,
    });
    // The others are still taking it: cells from their answers so far, no total yet.
    const s2 = r.body.items.find((x) => x.studentId === w.students[1].id)!;
    expect(s2.score).toBeNull();
    expect(s2.cells.find((c) => c.questionId === w.q.single_choice.id)?.state).toBe('wrong');
  });

  it('refuses to grade an attempt that is still open', async () => {
    const s2 = (await results()).body.items.find((x) => x.studentId === w.students[1].id)!;
    const r = await api(t.baseUrl, 'POST', `/api/v1/exam-sessions/${w.sessionId}/grades`, {
      token: w.teacher.token,
      body: { studentSessionId: s2.studentSessionId, questionId: w.q.essay.id, points: 1 },
    });
    expect(r.status).toBe(409);
  });

  it('grades everyone else when the teacher ends the session; absent students are marked so', async () => {
    await command(t, w.teacher, w.sessionId, 'complete');
    const r = await results();
    expect(r.status).toBe(200);
    const by = (i: number) => r.body.items.find((x) => x.studentId === w.students[i].id)!;
    expect(by(1).endReason).toBe('teacher');
    // single wrong 0, short "wrot" 0, blank essay counts as unanswered: failed.
    expect(by(1).score).toMatchObject({ score: 0, maxScore: 26, percent: 0, result: 'failed' });
    expect(by(1).cells.find((c) => c.questionId === w.q.essay.id)?.state).toBe('unanswered');
    expect(by(2).endReason).toBe('absent');
    expect(by(2).score?.result).toBeNull();
    expect(r.body.summary).toMatchObject({
      enrolled: 3,
      graded: 2,
      absent: 1,
      pending: 1,
      failed: 1,
    });
    // Exactly once: one row per attempt and question, every attempt graded.
    const [dup] = (await ds.query(
      `SELECT COUNT(*) AS n FROM (SELECT student_session_id, question_id, COUNT(*) AS c FROM question_scores
        WHERE exam_session_id = ? GROUP BY student_session_id, question_id HAVING COUNT(*) > 1) x`,
      [w.sessionId],
    )) as Array<{ n: number }>;
    expect(Number(dup.n)).toBe(0);
    const [ungraded] = (await ds.query(
      'SELECT COUNT(*) AS n FROM student_sessions WHERE exam_session_id = ? AND graded_at IS NULL',
      [w.sessionId],
    )) as Array<{ n: number }>;
    expect(Number(ungraded.n)).toBe(0);
  });

  it('sorts and filters the grid', async () => {
    const desc = await results('?sort=score&order=desc');
    expect(desc.body.items.map((x) => x.studentId)).toEqual([
      w.students[0].id,
      w.students[1].id,
      w.students[2].id,
    ]);
    const failed = await results('?result=failed');
    expect(failed.body.items.map((x) => x.studentId)).toEqual([w.students[1].id]);
    const byQ = await results(`?sort=q:${w.q.single_choice.id}&order=desc`);
    expect(byQ.body.items[0].studentId).toBe(w.students[0].id);
    const bad = await results('?sort=drop%20table');
    expect(bad.status).toBe(400);
  });

  it('grades the essay by hand: bounded points, history kept, totals and pass update', async () => {
    const queue = await api<GradingQueue>(
      t.baseUrl,
      'GET',
      `/api/v1/exam-sessions/${w.sessionId}/grading?state=pending`,
      { token: w.teacher.token },
    );
    expect(queue.body.items).toHaveLength(1);
    const item = queue.body.items[0];
    expect(item).toMatchObject({ type: 'essay', points: null, gradingNotes: 'past tenses' });
    const grade = (points: number, comment?: string) =>
      api<GradeResponse>(t.baseUrl, 'POST', `/api/v1/exam-sessions/${w.sessionId}/grades`, {
        token: w.teacher.token,
        body: {
          studentSessionId: item.studentSessionId,
          questionId: item.questionId,
          points,
          comment,
        },
      });
    const tooMany = await grade(11);
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(tooMany.body)).toMatch(/between 0 and 10/);
    const first = await grade(6, 'Good, watch your tenses');
    expect(first.status).toBe(200);
    expect(first.body.attempt).toMatchObject({ score: 11.5, percent: 44.23, result: 'failed' });
    const second = await grade(10, 'Excellent after all');
    expect(second.body.attempt).toMatchObject({ score: 15.5, percent: 59.62, result: 'failed' });
    expect(second.body.item).toMatchObject({
      points: 10,
      graded: true,
      comment: 'Excellent after all',
    });
    const review = await api<AttemptReview>(
      t.baseUrl,
      'GET',
      `/api/v1/exam-sessions/${w.sessionId}/results/attempts/${item.studentSessionId}`,
      { token: w.teacher.token },
    );
    const essay = review.body.questions.find((q) => q.question.type === 'essay')!;
    expect(essay.gradeHistory.map((g) => g.points)).toEqual([6, 10]);
    expect(essay.gradeHistory[0].graderName).toMatch(/teacher/);
    expect(essay.source).toBe('manual');
    // Every stored write of the answer, not just the latest.
    const single = review.body.questions.find((q) => q.question.type === 'single_choice')!;
    expect(single.answerHistory).toHaveLength(2);
    expect(single.question).toMatchObject({ correctOptionId: 'b' });
    // An override of an auto-graded answer works the same way.
    const over = await grade(0);
    expect(over.status).toBe(200);
    const tf = await api<GradeResponse>(
      t.baseUrl,
      'POST',
      `/api/v1/exam-sessions/${w.sessionId}/grades`,
      {
        token: w.teacher.token,
        body: { studentSessionId: item.studentSessionId, questionId: w.q.true_false.id, points: 1 },
      },
    );
    expect(tf.body.attempt.score).toBe(6.5);
  });

  it('shows one question across students', async () => {
    const r = await api<QuestionResponsesView>(
      t.baseUrl,
      'GET',
      `/api/v1/exam-sessions/${w.sessionId}/results/questions/${w.q.short_text.id}`,
      { token: w.teacher.token },
    );
    expect(r.status).toBe(200);
    expect(r.body.responses).toHaveLength(2);
    expect(r.body.groups.map((g) => [g.text, g.count, g.creditPercent])).toEqual([
      ['Writed', 1, 25],
      ['wrot', 1, 0],
    ]);
  });
});
