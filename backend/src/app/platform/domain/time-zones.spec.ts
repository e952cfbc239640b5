import { isTimeZone, wallTime } from './time-zones';

describe('time zones', () => {
  it('knows IANA zones and refuses the rest', () => {
    for (const tz of ['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata']) {
      expect(isTimeZone(tz)).toBe(true);
    }
    for (const tz of ['Mars/Olympus', 'Europe/Pariss', '', 'GMT+25'])
      expect(isTimeZone(tz)).toBe(false);
  });

  it('writes a wall time in the zone, across daylight saving', () => {
    // 2026-03-29 01:30 UTC: Paris has just moved to summer time (UTC+2).
    expect(wallTime(Date.UTC(2026, 2, 29, 1, 30), 'Europe/Paris')).toBe('2026-03-29 03:30');
    expect(wallTime(Date.UTC(2026, 0, 15, 23, 5), 'Europe/Paris')).toBe('2026-01-16 00:05');
    expect(wallTime(Date.UTC(2026, 0, 15, 23, 5), 'UTC')).toBe('2026-01-15 23:05');
    expect(wallTime(Date.UTC(2026, 6, 1, 12, 0), 'Asia/Kolkata')).toBe('2026-07-01 17:30');
  });
});
