import { formatClock, offsetFrom, remainingMs, serverTime, spokenDuration } from './server-clock';

describe('server clock', () => {
  it('counts down from the server deadline with the clock offset, not the local clock', () => {
    // The device clock is 90 s behind the server.
    const offset = 90_000;
    const localNow = 1_000_000;
    const deadline = serverTime(localNow, offset) + 10 * 60_000;
    expect(remainingMs(deadline, serverTime(localNow, offset))).toBe(600_000);
    // Without the offset the student would be shown 90 s too much.
    expect(remainingMs(deadline, localNow)).toBe(690_000);
  });

  it('freezes at the pause moment and never goes below zero', () => {
    expect(remainingMs(10_000, 9_000, 4_000)).toBe(6_000);
    expect(remainingMs(10_000, 12_000)).toBe(0);
    expect(remainingMs(null, 1)).toBeNull();
  });

  it('measures the offset from a server timestamp and half the round trip', () => {
    expect(offsetFrom(5_000, 1_200, 400)).toBe(4_000);
  });

  it('formats and speaks durations', () => {
    expect(formatClock(3_909_000)).toBe('1:05:09');
    expect(formatClock(724_000)).toBe('12:04');
    expect(formatClock(6_100)).toBe('0:07');
    expect(spokenDuration(40_000)).toBe('40 seconds');
    expect(spokenDuration(12 * 60_000)).toBe('12 minutes');
    expect(spokenDuration(65 * 60_000)).toBe('1 hour 5 minutes');
  });
});
