import { SlidingWindowLimiter } from './sliding-window-limiter';

describe('SlidingWindowLimiter', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => (now = 1_000_000));

  it('allows up to the limit in the window, then blocks with a retry-after', () => {
    const l = new SlidingWindowLimiter(5, 300_000, clock);
    for (let i = 0; i < 5; i++) expect(l.hit('a').allowed).toBe(true);
    const d = l.hit('a');
    expect(d.allowed).toBe(false);
    expect(d.retryAfterMs).toBe(300_000);
    now += 299_999;
    expect(l.hit('a').allowed).toBe(false);
    now += 1;
    expect(l.hit('a').allowed).toBe(true);
  });

  it('take() decides as hit() does: 0 while allowed (and recorded), then the wait', () => {
    const a = new SlidingWindowLimiter(3, 1000, clock);
    const b = new SlidingWindowLimiter(3, 1000, clock);
    for (let i = 0; i < 3; i++) {
      expect(a.take('k')).toBe(0);
      expect(b.hit('k').allowed).toBe(true);
      now += 100;
    }
    expect(a.take('k')).toBe(b.hit('k').retryAfterMs);
    expect(a.take('k')).toBe(700);
    expect(a.take('other', 3)).toBe(1000); // others' hits use up the limit, with no known time
    now += 700;
    expect(a.take('k')).toBe(0);
    expect(a.peek('k').count).toBe(3);
  });

  it('keeps keys apart', () => {
    const l = new SlidingWindowLimiter(1, 1000, clock);
    expect(l.hit('a').allowed).toBe(true);
    expect(l.hit('b').allowed).toBe(true);
    expect(l.hit('a').allowed).toBe(false);
  });

  it('slides: old hits leave the window one by one', () => {
    const l = new SlidingWindowLimiter(2, 1000, clock);
    l.hit('k');
    now += 600;
    l.hit('k');
    expect(l.peek('k').allowed).toBe(false);
    now += 400;
    expect(l.peek('k').allowed).toBe(true);
  });

  it('peek does not count', () => {
    const l = new SlidingWindowLimiter(1, 1000, clock);
    l.peek('x');
    l.peek('x');
    expect(l.hit('x').allowed).toBe(true);
  });

  it('forgets idle keys so memory stays flat', () => {
    const l = new SlidingWindowLimiter(3, 1000, clock);
    for (let i = 0; i < 100; i++) l.hit(`k${i}`);
    expect(l.size).toBe(100);
    now += 5000;
    l.hit('fresh');
    expect(l.size).toBe(1);
  });

  it('reset clears a key', () => {
    const l = new SlidingWindowLimiter(1, 1000, clock);
    l.hit('a');
    l.reset('a');
    expect(l.hit('a').allowed).toBe(true);
  });

  it('counts hits made elsewhere (other instances) against the same limit', () => {
    const l = new SlidingWindowLimiter(5, 1000, clock);
    expect(l.hit('ip', 3).allowed).toBe(true);
    expect(l.hit('ip', 3)).toEqual({ allowed: true, count: 5, retryAfterMs: 0 });
    const refused = l.hit('ip', 3);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(1000);
    // Over the limit from elsewhere alone: refused without a local hit to time it by.
    expect(l.hit('other', 5)).toEqual({ allowed: false, count: 5, retryAfterMs: 1000 });
  });

  it('keeps counting right over long runs (old hits dropped from the front in bulk)', () => {
    const l = new SlidingWindowLimiter(300, 1000, clock);
    // 10 hits per ms-step of 10 ms: 100 steps per window, 1,000 hits a window offered.
    let allowed = 0;
    for (let step = 0; step < 1000; step++) {
      now += 10;
      for (let i = 0; i < 10; i++) if (l.hit('busy').allowed) allowed++;
      // Never more than the limit inside any window.
      expect(l.peek('busy').count).toBeLessThanOrEqual(300);
    }
    // 10 windows' worth of time: about 300 allowed per window.
    expect(allowed).toBeGreaterThanOrEqual(2900);
    expect(allowed).toBeLessThanOrEqual(3300);
  });
});
