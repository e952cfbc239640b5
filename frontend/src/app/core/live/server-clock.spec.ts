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

describe('one rounding rule for the clock and the words', () => {
  it('says the minutes the clock shows (57:22 is 57 minutes, never 58)', () => {
    expect(formatClock(57 * 60_000 + 22_000)).toBe('57:22');
    expect(spokenDuration(57 * 60_000 + 22_000)).toBe('57 minutes');
    expect(formatClock(3_600_000 + 59_500)).toBe('1:01:00');
    expect(spokenDuration(3_600_000 + 59_500)).toBe('1 hour 1 minute');
    expect(spokenDuration(60_000)).toBe('1 minute');
    expect(formatClock(59_001)).toBe('1:00');
    expect(spokenDuration(59_001)).toBe('1 minute');
    expect(formatClock(59_000)).toBe('0:59');
    expect(spokenDuration(59_000)).toBe('59 seconds');
    expect(spokenDuration(0)).toBe('0 seconds');
  });

  it('agrees with the clock at every half second of the last two hours', () => {
    for (let ms = 0; ms <= 2 * 3_600_000; ms += 500) {
      const clock = formatClock(ms).split(':').map(Number);
      const [h, m, s] = clock.length === 3 ? clock : [0, ...clock];
      const words = spokenDuration(ms);
      if (h === 0 && m === 0) {
        expect(words).toBe(`${s} second${s === 1 ? '' : 's'}`);
      } else {
        const hours = words.match(/(\d+) hour/)?.[1] ?? '0';
        const minutes = words.match(/(\d+) minute/)?.[1] ?? '0';
        expect([Number(hours), Number(minutes)]).toEqual([h, m]);
      }
    }
  });
});
