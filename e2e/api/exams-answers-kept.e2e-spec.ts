/**
 * Editing an exam after a sitting must never delete students' answers: a question that has
 * answers cannot be removed (409 EXAM_LOCKED); its text and key may still change.
 */
import type { AnswerAckPayload, ApiErrorBody, ExamView } from '@exam/contracts';
import { api } from '../support/http';
import { answerRows, liveWorld, type LiveWorld } from '../support/live-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

describe('answers of past sittings survive exam edits', () => {
  let t: TestApp;
  let w: LiveWorld;
  beforeAll(async () => {
    t = await startTestApp();
    w = await liveWorld(t, 'Kept School', 1, { questions: 3 });
  });
  afterAll(() => t.close());

  it('refuses to remove an answered question and keeps the answer; other edits still work', async () => {
    const sid = w.fx.sessionId;
    const teacher = w.teacher.token;
    expect(
      (
        await api(t.baseUrl, 'POST', `/api/v1/exam-sessions/${sid}/launch`, {
          token: teacher,
          body: {},
        })
      ).status,
    ).toBe(200);
    const answered = w.fx.questionIds[0];
    const ack = await api<AnswerAckPayload>(
      t.baseUrl,
      'POST',
      `/api/v1/exam-sessions/${sid}/answers`,
      {
        token: w.students[0].token,
        body: {
          questionId: answered,
          answer: { optionId: 'a' },
          key: 'kept-answer-0001',
          seq: 1,
          final: true,
        },
      },
    );
    expect(ack.body.status).toBe('saved');
    expect(
      (
        await api(t.baseUrl, 'POST', `/api/v1/exam-sessions/${sid}/complete`, {
          token: teacher,
          body: {},
        })
      ).status,
    ).toBe(200);

    const exam = (
      await api<ExamView>(t.baseUrl, 'GET', `/api/v1/exams/${w.fx.examId}`, { token: teacher })
    ).body;
    const {
      id: _id,
      locked: _l,
      questionCount: _c,
      totalPoints: _p,
      authorId: _a,
      authorName: _n,
      createdAt: _ca,
      updatedAt: _u,
      ...rest
    } = exam;
    const body = { ...rest, questions: exam.questions.filter((q) => q.id !== answered) };
    const refused = await api<ApiErrorBody>(t.baseUrl, 'PUT', `/api/v1/exams/${exam.id}`, {
      token: teacher,
      body,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('EXAM_LOCKED');
    expect(refused.body.message).toMatch(/answers from an earlier session/);
    expect((await answerRows(t, sid)).length).toBe(1);

    // Removing an unanswered question and rewording the answered one is fine.
    const edited = {
      ...rest,
      questions: exam.questions
        .filter((q) => q.id !== w.fx.questionIds[2])
        .map((q) => (q.id === answered ? { ...q, prompt: `${q.prompt} (reworded)` } : q)),
    };
    const ok = await api<ExamView>(t.baseUrl, 'PUT', `/api/v1/exams/${exam.id}`, {
      token: teacher,
      body: edited,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.questions).toHaveLength(2);
    expect((await answerRows(t, sid)).length).toBe(1);
  });
});
