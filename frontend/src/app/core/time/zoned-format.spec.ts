import { formatZoned, toEpochMs } from './zoned-format';

// 8 January 2026, 09:05:07 UTC (a Thursday).
const T = Date.UTC(2026, 0, 8, 9, 5, 7);

describe('formatZoned', () => {
  it('writes patterns as wall times of the given zone', () => {
    expect(formatZoned(T, 'd MMM y, HH:mm', 'UTC')).toBe('8 Jan 2026, 09:05');
    expect(formatZoned(T, 'd MMM y, HH:mm', 'Europe/Paris')).toBe('8 Jan 2026, 10:05');
    expect(formatZoned(T, 'd MMM y, HH:mm', 'America/New_York')).toBe('8 Jan 2026, 04:05');
    expect(formatZoned(T, 'd MMM y, HH:mm', 'Pacific/Auckland')).toBe('8 Jan 2026, 22:05');
    expect(formatZoned(T, 'd MMM, HH:mm:ss', 'Asia/Kolkata')).toBe('8 Jan, 14:35:07');
    expect(formatZoned(T, 'HH:mm', 'Asia/Tokyo')).toBe('18:05');
    expect(formatZoned(T, 'EEEE dd/MM/yy h:mm a', 'America/Los_Angeles')).toBe(
      'Thursday 08/01/26 1:05 AM',
    );
    expect(formatZoned(T, "d MMMM y 'at' H:mm", 'UTC')).toBe('8 January 2026 at 9:05');
  });

  it('crosses midnight and the year with the zone', () => {
    const newYear = Date.UTC(2025, 11, 31, 23, 30);
    expect(formatZoned(newYear, 'mediumDate', 'UTC')).toBe('31 Dec 2025');
    expect(formatZoned(newYear, 'mediumDate', 'Europe/Paris')).toBe('1 Jan 2026');
    expect(formatZoned(newYear, 'EEE d MMM', 'Europe/Paris')).toBe('Thu 1 Jan');
  });

  it('follows summer time', () => {
    const summer = Date.UTC(2026, 6, 1, 12, 0);
    expect(formatZoned(summer, 'shortTime', 'Europe/Paris')).toBe('14:00');
    expect(formatZoned(summer, 'shortTime', 'Australia/Sydney')).toBe('22:00');
  });

  it('knows the presets the app uses', () => {
    expect(formatZoned(T, 'short', 'UTC')).toBe('8 Jan 2026, 09:05');
    expect(formatZoned(T, 'medium', 'UTC')).toBe('8 Jan 2026, 09:05:07');
    expect(formatZoned(T, 'mediumDate', 'UTC')).toBe('8 Jan 2026');
    expect(formatZoned(T, 'longDate', 'UTC')).toBe('8 January 2026');
    expect(formatZoned(T, 'fullDate', 'UTC')).toBe('Thursday 8 January 2026');
    expect(formatZoned(T, 'shortTime', 'UTC')).toBe('09:05');
    expect(formatZoned(T, 'mediumTime', 'UTC')).toBe('09:05:07');
  });

  it('takes epoch ms, ISO strings and dates; nothing for missing or invalid values', () => {
    expect(formatZoned('2026-01-08T09:05:07.000Z', 'short', 'Europe/Paris')).toBe(
      '8 Jan 2026, 10:05',
    );
    expect(formatZoned(new Date(T), 'short', 'UTC')).toBe('8 Jan 2026, 09:05');
    expect(formatZoned(null, 'short', 'UTC')).toBe('');
    expect(formatZoned(undefined, 'short', 'UTC')).toBe('');
    expect(formatZoned('not a date', 'short', 'UTC')).toBe('');
    expect(toEpochMs('')).toBeNull();
    expect(toEpochMs(0)).toBe(0);
  });
});
