import { backoffDelay } from './backoff';

const opts = { baseMs: 500, capMs: 15_000 };

describe('backoffDelay', () => {
  it('doubles from the base and stays between half and all of the step', () => {
    expect(backoffDelay(0, opts, () => 0)).toBe(250);
    expect(backoffDelay(0, opts, () => 0.999999)).toBe(500);
    expect(backoffDelay(1, opts, () => 0)).toBe(500);
    expect(backoffDelay(3, opts, () => 0.5)).toBe(3000); // 4000/2 + 0.5*2000
  });

  it('never waits longer than the cap', () => {
    for (let attempt = 0; attempt < 40; attempt++) {
      expect(backoffDelay(attempt, opts, () => 0.999999)).toBeLessThanOrEqual(15_000);
    }
    expect(backoffDelay(9, opts, () => 0)).toBe(7500);
  });

  it('spreads clients apart: different random draws give different delays', () => {
    const delays = new Set([0, 0.25, 0.5, 0.75].map((r) => backoffDelay(4, opts, () => r)));
    expect(delays.size).toBe(4);
  });
});
