import { cellLabel, cellText, resultBadge, stateForPoints } from './results-format';

describe('results-format', () => {
  it('writes a cell as a symbol with points and a sentence', () => {
    const cell = { points: 1, maxPoints: 2, state: 'partial' as const };
    expect(cellText(cell)).toBe('◐ 1');
    expect(cellLabel(3, cell)).toBe('Question 3: 1 of 2 points, partly correct');
    expect(cellText({ points: -0.25, state: 'wrong' })).toBe('✗ -0.25');
    expect(cellLabel(1, { points: -0.25, maxPoints: 1, state: 'wrong' })).toBe(
      'Question 1: -0.25 of 1 point, wrong',
    );
  });

  it('names the result of every kind of row', () => {
    const score = { score: 1, maxScore: 2, percent: 50, pendingManual: 0, gradedAt: 1 };
    expect(resultBadge({ endReason: 'absent', score: null, joinedAt: null }).label).toBe(
      'Did not take part',
    );
    expect(resultBadge({ endReason: null, score: null, joinedAt: 5 })).toEqual({
      label: 'Still taking it',
      tone: 'live',
    });
    expect(resultBadge({ endReason: null, score: null, joinedAt: null }).label).toBe('Not started');
    expect(
      resultBadge({ endReason: 'submitted', score: { ...score, result: 'failed' }, joinedAt: 1 }),
    ).toEqual({ label: 'Failed', tone: 'bad' });
  });

  it('guesses the state of a teacher grade until the server answers', () => {
    expect(stateForPoints(5, 5)).toBe('correct');
    expect(stateForPoints(0, 5)).toBe('wrong');
    expect(stateForPoints(2.5, 5)).toBe('partial');
  });
});
