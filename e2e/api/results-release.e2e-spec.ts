/**
 * Regrade and release (issue 11): a regrade shows its before/after without storing, then
 * re-scores from the stored answers (which never change) and records who did it; results
 * reach students only after release and exactly as released; nobody reads another
 * student's result, another academy's session, or the key before release (R14, R15).
 */
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type {
  MyExamSessionView,
  MyResult,
  Page,
  RegradePreview,
  RegradeRecord,
  RegradeResult,
  SessionResultsView,
} from '@exam/contracts';
import { api } from '../support/http';
import { joined, seen } from '../support/live-helpers';
import { answer, command, resultsWorld, submit, type ResultsWorld } from '../support/results-world';
import { startTestApp, type TestApp } from '../support/test-app';

describe('results: regrade and release', () => {
  let t: TestApp;
  let w: ResultsWorld;
  let other: ResultsWorld;
  let ds: DataSource;

  const path = (p: string, id = w.sessionId) => `/api/v1/exam-sessions/${id}${p}`;
  const as = (token: string, method: string, p: string, body?: unknown) =>
    api<unknown>(t.baseUrl, method, p, { token, body });
  const answersHash = async () =>
    createHash('sha1')
      .update(
        JSON.stringify(
          await ds.query('SELECT * FROM answers WHERE exam_session_id = ? ORDER BY id', [
            w.sessionId,
          ]),
        ),
      )
      .digest('hex');
  const attemptOf = async (i: number) =>
    (
      await api<SessionResultsView>(t.baseUrl, 'GET', path('/results'), { token: w.teacher.token })
    ).body.items.find((r) => r.studentId === w.students[i].id)!;

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get(DataSource);
    w = await resultsWorld(t, 'Release Academy', 3);
    other = await resultsWorld(t, 'Other Academy', 1);
    const [s1, s2, s3] = w.students;
    await answer(t, s1, w.sessionId, w.q.short_text.id, { text: 'wrote' });
    await answer(t, s1, w.sessionId, w.q.single_choice.id, { optionId: 'b' });
    await answer(t, s2, w.sessionId, w.q.short_text.id, { text: 'writ' });
    await answer(t, s2, w.sessionId, w.q.single_choice.id, { optionId: 'c' });
    await answer(t, s3, w.sessionId, w.q.short_text.id, { text: 'WRIT ' });
    await submit(t, s1, w.sessionId);
  }, 60_000);
  afterAll(() => t.close());

  it('refuses a student any result before release, without a trace of the key', async () => {
    const r = await as(w.students[0].token, 'GET', path('/my-result'));
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ code: 'RESULTS_NOT_RELEASED' });
    expect(JSON.stringify(r.body)).not.toMatch(/wrote|correctOptionId|goes/);
    // The teacher cannot release while the exam runs.
    const early = await as(w.teacher.token, 'PUT', path('/release'), { mode: 'full_review' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'SESSION_NOT_ENDED' });
  });

  it('keeps every teacher route closed to students and to other academies', async () => {
    const attempt = (await attemptOf(0)).studentSessionId;
    const routes: Array<[string, string, unknown?]> = [
      ['GET', '/results'],
      ['GET', `/results/attempts/${attempt}`],
      ['GET', `/results/questions/${w.q.short_text.id}`],
      ['GET', '/grading'],
      ['GET', '/statistics'],
      ['GET', '/export/results.csv'],
      ['GET', '/regrades'],
      ['PUT', '/release', { mode: 'score' }],
      ['POST', '/regrade/preview', { changes: [{ questionId: w.q.essay.id, action: 'drop' }] }],
      ['POST', '/grades', { studentSessionId: attempt, questionId: w.q.essay.id, points: 1 }],
    ];
    for (const [method, p, body] of routes) {
      const student = await as(w.students[1].token, method, path(p), body);
      expect([method, p, student.status]).toEqual([method, p, 403]);
      const stranger = await as(other.teacher.token, method, path(p), body);
      expect([method, p, stranger.status]).toEqual([method, p, 404]);
    }
    // A student of another academy cannot even learn the session exists.
    const foreign = await as(other.students[0].token, 'GET', path('/my-result'));
    expect(foreign.status).toBe(404);
  });

  it('previews a regrade without storing anything, then applies it from the stored answers', async () => {
    await command(t, w.teacher, w.sessionId, 'complete');
    const before = await answersHash();
    const accept = {
      changes: [
        { questionId: w.q.short_text.id, action: 'accept_answer', text: 'writ', creditPercent: 50 },
      ],
      note: 'common spelling',
    };
    const preview = await api<RegradePreview>(t.baseUrl, 'POST', path('/regrade/preview'), {
      token: w.teacher.token,
      body: accept,
    });
    expect(preview.status).toBe(200);
    // s2 and s3 wrote "writ" (case and spaces differ): both change, s1 does not.
    expect(preview.body.changed.map((c) => c.studentId).sort()).toEqual(
      [w.students[1].id, w.students[2].id].sort(),
    );
    expect(preview.body.unchanged).toBe(1);
    const s2 = preview.body.changed.find((c) => c.studentId === w.students[1].id)!;
    expect(s2.questions).toEqual([{ questionId: w.q.short_text.id, before: 0, after: 1 }]);
    expect(s2.after.score - s2.before.score).toBe(1);
    // Nothing stored by the preview.
    expect((await attemptOf(1)).score?.score).toBe(s2.before.score);
    const applied = await api<RegradeResult>(t.baseUrl, 'POST', path('/regrade'), {
      token: w.teacher.token,
      body: accept,
    });
    expect(applied.status).toBe(200);
    expect(applied.body.record).toMatchObject({ changedAttempts: 2, note: 'common spelling' });
    expect((await attemptOf(1)).score?.score).toBe(s2.after.score);
    expect(await answersHash()).toBe(before);
    const history = await api<RegradeRecord[]>(t.baseUrl, 'GET', path('/regrades'), {
      token: w.teacher.token,
    });
    expect(history.body).toHaveLength(1);
    expect(history.body[0].actorName).toMatch(/teacher/);
  });

  it('changes a key, gives full marks, drops and restores a question', async () => {
    const single = w.exam.questions.find((q) => q.type === 'single_choice')!;
    const run = (changes: unknown[]) =>
      api<RegradeResult>(t.baseUrl, 'POST', path('/regrade'), {
        token: w.teacher.token,
        body: { changes },
      });
    // "c" was right all along: s2 gains 2 points, s1 loses them.
    const key = await run([
      {
        questionId: single.id,
        action: 'update_key',
        question: { ...single, correctOptionId: 'c' },
      },
    ]);
    expect(key.status).toBe(200);
    expect((await attemptOf(1)).cells.find((c) => c.questionId === single.id)?.points).toBe(2);
    expect((await attemptOf(0)).cells.find((c) => c.questionId === single.id)?.points).toBe(0);
    const drop = await run([{ questionId: w.q.essay.id, action: 'drop' }]);
    expect(drop.status).toBe(200);
    expect((await attemptOf(0)).score?.maxScore).toBe(16);
    expect((await attemptOf(0)).score?.result).not.toBe('pending');
    const full = await run([{ questionId: w.q.numeric.id, action: 'full_marks' }]);
    expect(full.status).toBe(200);
    expect((await attemptOf(2)).cells.find((c) => c.questionId === w.q.numeric.id)).toMatchObject({
      points: 1,
      state: 'correct',
    });
    await run([
      { questionId: w.q.essay.id, action: 'restore' },
      { questionId: w.q.numeric.id, action: 'restore' },
    ]);
    expect((await attemptOf(0)).score?.maxScore).toBe(26);
    // What students saw cannot change in a regrade; bad changes say why, per field.
    const bad = await run([
      {
        questionId: single.id,
        action: 'update_key',
        question: { ...single, prompt: 'Another question' },
      },
      { questionId: w.q.essay.id, action: 'accept_answer', text: 'x' },
      { questionId: 'nope', action: 'drop' },
    ]);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/prompt cannot change/);
    expect(JSON.stringify(bad.body)).toMatch(/changes\[2\]\.questionId/);
  });

  it('releases exactly what the teacher chose, and tells connected students', async () => {
    const sock = await joined(t, w.students[0].token, w.sessionId);
    const score = await as(w.teacher.token, 'PUT', path('/release'), { mode: 'score' });
    expect(score.status).toBe(200);
    await seen(sock, (f) => f.event === 'results_released');
    sock.close();
    const mine = await api<MyResult>(t.baseUrl, 'GET', path('/my-result'), {
      token: w.students[0].token,
    });
    expect(mine.status).toBe(200);
    expect(mine.body.mode).toBe('score');
    expect(mine.body.questions).toBeUndefined();
    expect(JSON.stringify(mine.body)).not.toMatch(/wrote|correctOptionId/);
    const list = await api<Page<MyExamSessionView>>(t.baseUrl, 'GET', '/api/v1/exam-sessions', {
      token: w.students[0].token,
    });
    expect(list.body.items[0].resultsRelease).toBe('score');

    await as(w.teacher.token, 'PUT', path('/release'), { mode: 'correctness' });
    const right = await api<MyResult>(t.baseUrl, 'GET', path('/my-result'), {
      token: w.students[1].token,
    });
    expect(right.body.questions).toHaveLength(8);
    expect(right.body.questions?.[0]).not.toHaveProperty('correct');
    expect(JSON.stringify(right.body)).not.toMatch(/wrote/);

    await as(w.teacher.token, 'PUT', path('/release'), { mode: 'full_review' });
    const full = await api<MyResult>(t.baseUrl, 'GET', path('/my-result'), {
      token: w.students[1].token,
    });
    const short = full.body.questions!.find((q) => q.question?.type === 'short_text')!;
    expect(short).toMatchObject({ answer: { text: 'writ' }, answerText: 'writ', points: 1 });
    expect(short.correctText).toMatch(/wrote/);
    // Their own result only: the absent-free, graded attempt of this student.
    expect(full.body.score.score).toBe((await attemptOf(1)).score?.score);

    // Withdrawn again: refused again.
    await as(w.teacher.token, 'PUT', path('/release'), { mode: 'none' });
    const gone = await as(w.students[1].token, 'GET', path('/my-result'));
    expect(gone.status).toBe(403);
  });
});
