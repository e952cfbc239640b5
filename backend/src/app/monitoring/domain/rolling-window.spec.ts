import { RingBuffer, RollingCounter, RollingSamples } from './rolling-window';

describe('RollingCounter', () => {
  it('counts events of the last minute and forgets older ones', () => {
    const c = new RollingCounter(60_000, 1000);
    const t0 = 1_000_000;
    for (let s = 0; s < 60; s++) c.add(t0 + s * 1000, 2);
    expect(c.total(t0 + 59_000)).toBe(120);
    expect(c.perSecond(t0 + 59_000)).toBe(2);
    // 30 s later, the first 30 buckets fell out of the window.
    expect(c.total(t0 + 89_000)).toBe(60);
    c.add(t0 + 89_000, 5); // reuses a stale bucket: starts from zero
    expect(c.total(t0 + 89_000)).toBe(65);
    expect(c.total(t0 + 10 * 60_000)).toBe(0);
  });
});

describe('RollingSamples', () => {
  it('gives nearest-rank quantiles over the window only', () => {
    const s = new RollingSamples(60_000, 1000);
    expect(s.quantiles(0, [0.5])).toEqual([null]);
    for (let i = 1; i <= 100; i++) s.add(10_000, i);
    expect(s.quantiles(10_000, [0.5, 0.99, 1])).toEqual([50, 99, 100]);
    s.add(80_000, 7);
    expect(s.quantiles(80_000, [0.5])).toEqual([7]);
    expect(s.count(80_000)).toBe(1);
  });

  it('keeps at most max samples, replacing the oldest', () => {
    const s = new RollingSamples(60_000, 3);
    [1, 2, 3, 4, 5].forEach((v, i) => s.add(i, v));
    expect(s.quantiles(10, [0, 1])).toEqual([3, 5]);
  });
});

describe('RingBuffer', () => {
  it('keeps the newest items, oldest first', () => {
    const r = new RingBuffer<number>(3);
    [1, 2].forEach((v) => r.push(v));
    expect(r.toArray()).toEqual([1, 2]);
    [3, 4, 5].forEach((v) => r.push(v));
    expect(r.toArray()).toEqual([3, 4, 5]);
  });
});
