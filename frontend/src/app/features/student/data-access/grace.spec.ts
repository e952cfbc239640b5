import { clockPhase } from './grace';

describe('the clock after the deadline', () => {
  it('runs, then gives the grace seconds left, then closes', () => {
    expect(clockPhase(null, 5, 30)).toEqual({ kind: 'running' });
    expect(clockPhase(10_000, 9_999, 30)).toEqual({ kind: 'running' });
    expect(clockPhase(10_000, 10_000, 30)).toEqual({ kind: 'grace', secondsLeft: 30 });
    expect(clockPhase(10_000, 25_500, 30)).toEqual({ kind: 'grace', secondsLeft: 15 });
    expect(clockPhase(10_000, 40_000, 30)).toEqual({ kind: 'closing' });
    expect(clockPhase(10_000, 10_000, 0)).toEqual({ kind: 'closing' });
  });

  it('stands still while paused', () => {
    expect(clockPhase(10_000, 50_000, 30, 9_000)).toEqual({ kind: 'running' });
  });
});
