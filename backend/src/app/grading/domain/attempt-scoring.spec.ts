import type { QuestionDefinition } from '@exam/contracts';
import { ALL, essay, shortText, single } from '../../exams/domain/fixtures.spec-helper';
import { gradeAnswer } from '../../exams/domain/grading';
import {
  attemptTotals,
  endReasonOf,
  isBlankAnswer,
  scoreAttempt,
  scoreQuestion,
  type ScoredQuestion,
} from './attempt-scoring';

const q = (
  definition: QuestionDefinition,
  id: string,
  adjustment: ScoredQuestion['adjustment'] = 'none',
) => ({
  id,
  definition,
  adjustment,
});
const ans = (value: unknown, seq = 1) => ({ value, seq });
const manual = (points: number, comment: string | null = null) => ({
  points,
  comment,
  by: 't1',
  at: 5,
});

describe('scoring one question', () => {
  it('uses the grading rules for every type, and keeps why', () => {
    const answers: unknown[] = [
      { optionId: 'b' },
      { value: false },
      { optionIds: ['a', 'b'] },
      { text: 'writed' },
      { value: 26 },
      { text: 'I went to the sea' },
      { order: ['w2', 'w1', 'w3', 'w4'] },
      { pairs: { l1: 'r1' } },
    ];
    ALL.forEach((d, i) => {
      const s = scoreQuestion(q(d, `q${i}`), ans(answers[i]), null);
      const g = gradeAnswer(d, answers[i]);
      expect(s.details).toEqual(g.details);
      if (g.needsManualGrading) {
        expect(s).toMatchObject({ points: null, state: 'pending', autoPoints: null, source: null });
      } else {
        expect(s).toMatchObject({ points: g.score, autoPoints: g.score, source: 'auto' });
      }
    });
  });

  it('colours by credit: correct, partly, wrong, not answered', () => {
    expect(scoreQuestion(q(single, 'a'), ans({ optionId: 'b' }), null).state).toBe('correct');
    expect(scoreQuestion(q(shortText, 'b'), ans({ text: 'writed' }), null).state).toBe('partial');
    expect(scoreQuestion(q(single, 'c'), ans({ optionId: 'a' }), null).state).toBe('wrong');
    expect(scoreQuestion(q(single, 'd'), undefined, null)).toMatchObject({
      points: 0,
      state: 'unanswered',
      answerSeq: null,
    });
  });

  it('treats a cleared answer as not answered (an empty essay waits for nobody)', () => {
    expect(isBlankAnswer({ text: '  ' })).toBe(true);
    expect(isBlankAnswer({ optionIds: [] })).toBe(true);
    expect(isBlankAnswer({ pairs: {} })).toBe(true);
    expect(isBlankAnswer({ value: 0 })).toBe(false);
    expect(scoreQuestion(q(essay, 'e'), ans({ text: ' ' }, 4), null)).toMatchObject({
      state: 'unanswered',
      points: 0,
      answerSeq: 4,
    });
  });

  it("lets a teacher's grade win over the rules, bounded by the question's points", () => {
    const s = scoreQuestion(q(essay, 'e'), ans({ text: 'ok' }), manual(12, 'great'));
    expect(s).toMatchObject({ points: 10, state: 'correct', source: 'manual', needsManual: true });
    const over = scoreQuestion(q(single, 's'), ans({ optionId: 'a' }), manual(1));
    expect(over).toMatchObject({ points: 1, autoPoints: 0, state: 'partial', source: 'manual' });
  });

  it('applies regrade adjustments first: dropped counts for nothing, full marks for all', () => {
    expect(scoreQuestion(q(single, 's', 'dropped'), ans({ optionId: 'b' }), null)).toMatchObject({
      points: null,
      state: 'dropped',
    });
    expect(scoreQuestion(q(essay, 'e', 'full_marks'), undefined, manual(2))).toMatchObject({
      points: 10,
      state: 'correct',
    });
  });
});

describe('attempt totals', () => {
  const questions = [q(single, 's'), q(essay, 'e'), q(shortText, 't')];

  it('sums decided points, counts pending essays, and decides pass only when nothing waits', () => {
    const scores = scoreAttempt(
      questions,
      new Map([
        ['s', ans({ optionId: 'b' })],
        ['e', ans({ text: 'essay' })],
        ['t', ans({ text: 'wrote' })],
      ]),
    );
    expect(attemptTotals(scores, 50)).toEqual({
      score: 4,
      maxScore: 14,
      percent: 28.57,
      result: 'pending',
      pendingManual: 1,
    });
    const graded = scoreAttempt(
      questions,
      new Map([
        ['s', ans({ optionId: 'b' })],
        ['e', ans({ text: 'essay' })],
      ]),
      new Map([['e', manual(6)]]),
    );
    expect(attemptTotals(graded, 50)).toMatchObject({ score: 8, percent: 57.14, result: 'passed' });
    expect(attemptTotals(graded, 60).result).toBe('failed');
  });

  it('floors a negative total at 0 and leaves dropped questions out of the maximum', () => {
    const neg = { ...single, negativeMarkPercent: 100 };
    const scores = scoreAttempt(
      [q(neg, 'n'), q(essay, 'e', 'dropped')],
      new Map([['n', ans({ optionId: 'a' })]]),
    );
    expect(scores[0].points).toBe(-2);
    expect(attemptTotals(scores, 50)).toEqual({
      score: 0,
      maxScore: 2,
      percent: 0,
      result: 'failed',
      pendingManual: 0,
    });
  });

  it('gives an absent student no result', () => {
    const scores = scoreAttempt(questions, new Map());
    expect(attemptTotals(scores, 50, true)).toEqual({
      score: 0,
      maxScore: 14,
      percent: 0,
      result: null,
      pendingManual: 0,
    });
    expect(endReasonOf('teacher', false, 0)).toBe('absent');
    expect(endReasonOf('teacher', false, 2)).toBe('teacher');
    expect(endReasonOf('deadline', true, 0)).toBe('deadline');
  });
});
