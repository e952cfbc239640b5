import fc from 'fast-check';
import {
  closingEndsBy,
  allowanceMs,
  autoFinishAt,
  deadlineAt,
  dueWarning,
  elapsedAt,
  isLate,
  isUrgentWarning,
  remainingAt,
  type SessionTiming,
} from './deadline';

const MIN = 60_000;
const T0 = 1_700_000_000_000;
const session = (over: Partial<SessionTiming> = {}): SessionTiming => ({
  launchedAt: T0,
  durationMinutes: 60,
  pausedAt: null,
  totalPausedMs: 0,
  extraMs: 0,
  ...over,
});
const none = { extraMs: 0, extraTimePercent: 0 };

describe('deadline maths (injected clock)', () => {
  it('is null before launch', () => {
    expect(deadlineAt(session({ launchedAt: null }), none, T0)).toBeNull();
    expect(remainingAt(session({ launchedAt: null }), none, T0)).toBeNull();
    expect(elapsedAt(session({ launchedAt: null }), T0)).toBe(0);
  });

  it('launch + duration + session extra + student extra + accommodation + paused time', () => {
    const s = session({ extraMs: 5 * MIN, totalPausedMs: 2 * MIN });
    const st = { extraMs: 3 * MIN, extraTimePercent: 25 };
    expect(allowanceMs(s, st)).toBe(75 * MIN + 5 * MIN + 3 * MIN);
    expect(deadlineAt(s, st, T0 + MIN)).toBe(T0 + 85 * MIN);
    expect(remainingAt(s, st, T0 + 10 * MIN)).toBe(75 * MIN);
  });

  it('a running pause moves the deadline with the clock: remaining time is frozen', () => {
    const s = session({ pausedAt: T0 + 10 * MIN });
    const r1 = remainingAt(s, none, T0 + 10 * MIN);
    const r2 = remainingAt(s, none, T0 + 25 * MIN);
    expect(r1).toBe(50 * MIN);
    expect(r2).toBe(50 * MIN);
    expect(deadlineAt(s, none, T0 + 25 * MIN)).toBe(T0 + 75 * MIN);
    expect(elapsedAt(s, T0 + 25 * MIN)).toBe(10 * MIN);
  });

  it('remaining time never goes negative and late means after deadline + grace', () => {
    expect(remainingAt(session(), none, T0 + 61 * MIN)).toBe(0);
    const d = T0 + 60 * MIN;
    expect(isLate(d, 30_000, d + 30_000)).toBe(false);
    expect(isLate(d, 30_000, d + 30_001)).toBe(true);
    expect(isLate(null, 0, d)).toBe(false);
  });

  it('warnings: each once, only the smallest when several are due at once', () => {
    const mins = [10, 5, 1];
    expect(dueWarning(11 * MIN, mins, new Set())).toEqual({ send: null, markSent: [] });
    expect(dueWarning(10 * MIN, mins, new Set())).toEqual({ send: 10, markSent: [10] });
    expect(dueWarning(9 * MIN, mins, new Set([10]))).toEqual({ send: null, markSent: [] });
    expect(dueWarning(30_000, mins, new Set([10]))).toEqual({ send: 1, markSent: [5, 1] });
    expect(dueWarning(0, mins, new Set())).toEqual({ send: null, markSent: [] });
    expect(isUrgentWarning(1, mins)).toBe(true);
    expect(isUrgentWarning(5, mins)).toBe(false);
  });

  it('the session finishes itself at the latest student deadline + grace', () => {
    const s = session({ durationMinutes: 40 });
    const students = [
      none,
      { extraMs: 0, extraTimePercent: 25 },
      { extraMs: 2 * MIN, extraTimePercent: 0 },
    ];
    expect(autoFinishAt(s, students, 30_000, T0)).toBe(T0 + 50 * MIN + 30_000);
    expect(autoFinishAt(s, [], 0, T0)).toBe(T0 + 40 * MIN);
    expect(autoFinishAt(session({ launchedAt: null }), students, 0, T0)).toBeNull();
  });

  it('property: remaining + elapsed = allowance while running, whatever the clock', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 60 * MIN }),
        fc.integer({ min: 0, max: 60 * MIN }),
        fc.integer({ min: 0, max: 400 * MIN }),
        (duration, pct, extra, paused, t) => {
          const s = session({ durationMinutes: duration, totalPausedMs: paused, extraMs: extra });
          const st = { extraMs: 0, extraTimePercent: pct };
          // Paused time can only have happened after launch.
          const now = T0 + paused + t;
          const remaining = remainingAt(s, st, now) ?? -1;
          const elapsed = elapsedAt(s, now);
          if (remaining > 0) expect(remaining + elapsed).toBe(allowanceMs(s, st));
          else expect(elapsed).toBeGreaterThanOrEqual(allowanceMs(s, st));
        },
      ),
    );
  });
});

describe('closingEndsBy: letting everyone finish their own time', () => {
  const s = { launchedAt: 0, durationMinutes: 60, pausedAt: null, totalPausedMs: 0, extraMs: 0 };
  it('is the last working deadline plus grace, with each accommodation and extra time', () => {
    const plain = { extraMs: 0, extraTimePercent: 0 };
    const slow = { extraMs: 0, extraTimePercent: 25 };
    const helped = { extraMs: 5 * 60_000, extraTimePercent: 0 };
    expect(closingEndsBy(s, [plain], 30_000, 1000)).toBe(60 * 60_000 + 30_000);
    expect(closingEndsBy(s, [plain, slow, helped], 30_000, 1000)).toBe(75 * 60_000 + 30_000);
  });
  it('is null when nobody is working (the session ends now)', () => {
    expect(closingEndsBy(s, [], 30_000, 1000)).toBeNull();
  });
  it('moves with a running pause', () => {
    const paused = { ...s, pausedAt: 10 * 60_000 };
    expect(closingEndsBy(paused, [{ extraMs: 0, extraTimePercent: 0 }], 0, 15 * 60_000)).toBe(
      65 * 60_000,
    );
  });
});
