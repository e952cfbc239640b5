import type { SessionQuestion } from '@exam/contracts';
import { essay, single } from '../../exams/domain/fixtures.spec-helper';
import { QUESTION_ORDER_KEY } from '../../exams/domain/student-view';
import { myResultQuestions, type ReleasedScore } from './release-view';

const questions = [
  { id: 's', definition: { ...single, id: 's' } as SessionQuestion },
  { id: 'e', definition: { ...essay, id: 'e' } as SessionQuestion },
];
const order = { [QUESTION_ORDER_KEY]: ['e', 's'], s: ['d', 'c', 'b', 'a'] };
const scores = new Map<string, ReleasedScore>([
  ['s', { points: 2, maxPoints: 2, state: 'correct', comment: null }],
  ['e', { points: 7, maxPoints: 10, state: 'partial', comment: 'Good' }],
]);
const answers = new Map<string, unknown>([['s', { optionId: 'b' }]]);

describe('what a student sees of a released result', () => {
  it('score only: no questions at all', () => {
    expect(myResultQuestions('score', questions, order, scores, answers)).toBeUndefined();
  });

  it('correctness: state and points in the order they saw, nothing about answers or keys', () => {
    const r = myResultQuestions('correctness', questions, order, scores, answers)!;
    expect(r).toEqual([
      { position: 1, state: 'partial', points: 7, maxPoints: 10 },
      { position: 2, state: 'correct', points: 2, maxPoints: 2 },
    ]);
    expect(JSON.stringify(r)).not.toMatch(/goes|correctOptionId/);
  });

  it('full review: their view, their answer, the key and the comment', () => {
    const r = myResultQuestions('full_review', questions, order, scores, answers)!;
    expect(r[0]).toMatchObject({ answer: null, answerText: '', comment: 'Good', correctText: '' });
    expect(r[1]).toMatchObject({
      answer: { optionId: 'b' },
      answerText: 'goes',
      correctText: 'goes',
    });
    // Options in the order this student saw them.
    const view = r[1].question as { options: Array<{ id: string }> };
    expect(view.options.map((o) => o.id)).toEqual(['d', 'c', 'b', 'a']);
    expect(r[1].correct).toMatchObject({ correctOptionId: 'b' });
  });

  it('full review: feedback for the answer and for everyone; no name, tags or grader notes', () => {
    const defs = [
      {
        id: 'e1',
        definition: {
          id: 'e1',
          type: 'essay' as const,
          prompt: 'Why?',
          points: 2,
          name: 'Secret name',
          tags: ['hard'],
          gradingNotes: 'Look for X',
          generalFeedback: 'A model answer mentions X.',
        },
      },
      {
        id: 't1',
        definition: {
          id: 't1',
          type: 'true_false' as const,
          prompt: 'Sky blue?',
          points: 1,
          correct: true,
          feedbackTrue: 'Yes.',
          feedbackFalse: 'Look up.',
        },
      },
    ];
    const scores = new Map([
      ['e1', { points: 1, maxPoints: 2, state: 'partial' as const, comment: null }],
      ['t1', { points: 0, maxPoints: 1, state: 'wrong' as const, comment: null }],
    ]);
    const answers = new Map<string, unknown>([
      ['e1', { text: 'Because' }],
      ['t1', { value: false }],
    ]);
    const r = myResultQuestions('full_review', defs, null, scores, answers)!;
    expect(r[0].feedback).toEqual({ answer: [], general: 'A model answer mentions X.' });
    expect(JSON.stringify(r[0])).not.toMatch(/Secret name|hard|Look for X/);
    expect(r[1].feedback).toEqual({ answer: ['Look up.'], general: null });
    // Correctness only: no feedback.
    const c = myResultQuestions('correctness', defs, null, scores, answers)!;
    expect(c[0]).not.toHaveProperty('feedback');
  });
});
