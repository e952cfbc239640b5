import { parseResultsReleased } from './student-exam.state';

describe('parseResultsReleased', () => {
  it('accepts a results_released payload with a known mode', () => {
    expect(parseResultsReleased({ sessionId: 's1', mode: 'correctness', releasedAt: 5 })).toEqual({
      sessionId: 's1',
      mode: 'correctness',
      releasedAt: 5,
    });
    expect(parseResultsReleased({ sessionId: 's1', mode: 'none', releasedAt: null })?.mode).toBe(
      'none',
    );
  });

  it('drops anything else', () => {
    expect(parseResultsReleased({ sessionId: 's1', mode: 'all', releasedAt: 5 })).toBeUndefined();
    expect(parseResultsReleased({ sessionId: 's1', mode: 'score' })).toBeUndefined();
    expect(parseResultsReleased({ mode: 'score', releasedAt: 5 })).toBeUndefined();
    expect(parseResultsReleased('score')).toBeUndefined();
  });
});
