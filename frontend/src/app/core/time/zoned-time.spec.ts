import {
  browserTimeZone,
  dateTimeLocalToEpoch,
  formatOffset,
  isValidTimeZone,
  parseDateTimeLocal,
  timeZoneLabel,
  timeZoneNames,
  toDateTimeLocalValue,
  wallTimeAt,
  wallTimeToEpoch,
  zoneOffsetMs,
} from './zoned-time';

const HOUR = 3_600_000;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const at = (value: string, zone: string) => iso(dateTimeLocalToEpoch(value, zone));

describe('zoned time helpers', () => {
  it('reads the offset of a zone at an instant, summer and winter', () => {
    expect(zoneOffsetMs(Date.UTC(2026, 0, 15, 12), 'Europe/Paris')).toBe(HOUR);
    expect(zoneOffsetMs(Date.UTC(2026, 6, 15, 12), 'Europe/Paris')).toBe(2 * HOUR);
    expect(zoneOffsetMs(Date.UTC(2026, 0, 15, 12), 'America/New_York')).toBe(-5 * HOUR);
    expect(zoneOffsetMs(Date.UTC(2026, 6, 15, 12), 'America/New_York')).toBe(-4 * HOUR);
    expect(zoneOffsetMs(Date.UTC(2026, 6, 15, 12), 'Asia/Kolkata')).toBe(5.5 * HOUR);
    expect(zoneOffsetMs(Date.UTC(2026, 6, 15, 12), 'Asia/Kathmandu')).toBe(5.75 * HOUR);
    expect(zoneOffsetMs(Date.UTC(2026, 0, 15, 12), 'Australia/Sydney')).toBe(11 * HOUR);
    expect(zoneOffsetMs(Date.UTC(2026, 6, 15, 12), 'UTC')).toBe(0);
  });

  it('turns a wall time into the instant, in several zones', () => {
    expect(at('2026-01-15T09:00', 'Europe/Paris')).toBe('2026-01-15T08:00:00.000Z');
    expect(at('2026-07-15T09:00', 'Europe/Paris')).toBe('2026-07-15T07:00:00.000Z');
    expect(at('2026-07-15T09:00', 'America/New_York')).toBe('2026-07-15T13:00:00.000Z');
    expect(at('2026-06-01T09:00', 'Asia/Kolkata')).toBe('2026-06-01T03:30:00.000Z');
    expect(at('2026-06-01T09:00', 'Asia/Kathmandu')).toBe('2026-06-01T03:15:00.000Z');
    expect(at('2026-01-01T00:30', 'Australia/Sydney')).toBe('2025-12-31T13:30:00.000Z');
    expect(at('2026-06-01T09:00', 'UTC')).toBe('2026-06-01T09:00:00.000Z');
    expect(
      iso(
        wallTimeToEpoch(
          { year: 2026, month: 12, day: 31, hour: 23, minute: 59, second: 30 },
          'Pacific/Auckland',
        ),
      ),
    ).toBe('2026-12-31T10:59:30.000Z');
  });

  it('moves a wall time that never happens (clocks go forward) forward by the gap', () => {
    // Paris, 29 March 2026: 02:00 becomes 03:00.
    expect(at('2026-03-29T01:59', 'Europe/Paris')).toBe('2026-03-29T00:59:00.000Z');
    expect(at('2026-03-29T02:30', 'Europe/Paris')).toBe('2026-03-29T01:30:00.000Z'); // = 03:30
    expect(at('2026-03-29T03:00', 'Europe/Paris')).toBe('2026-03-29T01:00:00.000Z');
    expect(at('2026-03-29T03:30', 'Europe/Paris')).toBe('2026-03-29T01:30:00.000Z');
    // New York, 8 March 2026: 02:00 becomes 03:00.
    expect(at('2026-03-08T02:30', 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
    // Sydney, 4 October 2026: 02:00 becomes 03:00.
    expect(at('2026-10-04T02:30', 'Australia/Sydney')).toBe('2026-10-03T16:30:00.000Z');
  });

  it('takes the first of a wall time that happens twice (clocks go back)', () => {
    // Paris, 25 October 2026: 03:00 becomes 02:00 again.
    expect(at('2026-10-25T02:30', 'Europe/Paris')).toBe('2026-10-25T00:30:00.000Z');
    expect(at('2026-10-25T03:30', 'Europe/Paris')).toBe('2026-10-25T02:30:00.000Z');
    // New York, 1 November 2026: 02:00 becomes 01:00 again.
    expect(at('2026-11-01T01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
    // Sydney, 5 April 2026: 03:00 becomes 02:00 again.
    expect(at('2026-04-05T02:30', 'Australia/Sydney')).toBe('2026-04-04T15:30:00.000Z');
  });

  it('round-trips every quarter hour across both change days', () => {
    for (const [zone, day] of [
      ['Europe/Paris', '2026-03-29'],
      ['Europe/Paris', '2026-10-25'],
      ['America/New_York', '2026-03-08'],
      ['America/New_York', '2026-11-01'],
      ['Australia/Sydney', '2026-10-04'],
      ['Asia/Kolkata', '2026-03-29'],
    ]) {
      for (let q = 0; q < 96; q++) {
        const value = `${day}T${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`;
        const ms = dateTimeLocalToEpoch(value, zone)!;
        const back = toDateTimeLocalValue(ms, zone);
        const skipped = back !== value;
        // Only a skipped hour may come back different, and then exactly one hour later.
        if (skipped) expect(ms - dateTimeLocalToEpoch(back, zone)!).toBe(0);
        if (skipped) expect(Date.parse(`${back}Z`) - Date.parse(`${value}Z`)).toBe(HOUR);
      }
    }
  });

  it('writes an instant as a datetime-local value in the zone', () => {
    const ms = Date.UTC(2026, 2, 29, 1, 30);
    expect(toDateTimeLocalValue(ms, 'Europe/Paris')).toBe('2026-03-29T03:30');
    expect(toDateTimeLocalValue(ms, 'America/New_York')).toBe('2026-03-28T21:30');
    expect(toDateTimeLocalValue(ms, 'UTC')).toBe('2026-03-29T01:30');
    expect(wallTimeAt(Date.UTC(2026, 11, 31, 23, 59, 58), 'UTC')).toEqual({
      year: 2026,
      month: 12,
      day: 31,
      hour: 23,
      minute: 59,
      second: 58,
    });
    expect(wallTimeAt(Date.UTC(2026, 0, 1, 0, 0), 'Europe/Paris').hour).toBe(1);
  });

  it('refuses malformed datetime-local values', () => {
    expect(parseDateTimeLocal('2026-03-29T09:30')).toEqual({
      year: 2026,
      month: 3,
      day: 29,
      hour: 9,
      minute: 30,
      second: 0,
    });
    expect(parseDateTimeLocal('2026-03-29T09:30:15')?.second).toBe(15);
    expect(parseDateTimeLocal('')).toBeNull();
    expect(parseDateTimeLocal('2026-02-30T09:00')).toBeNull();
    expect(parseDateTimeLocal('2026-13-01T09:00')).toBeNull();
    expect(parseDateTimeLocal('2026-01-01T24:00')).toBeNull();
    expect(parseDateTimeLocal('tomorrow')).toBeNull();
    expect(dateTimeLocalToEpoch('nope', 'UTC')).toBeNull();
  });

  it('knows valid zones, names them for people and lists them with UTC first', () => {
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone(undefined)).toBe(false);
    expect(isValidTimeZone(browserTimeZone())).toBe(true);
    expect(timeZoneLabel('America/New_York')).toBe('America/New York');
    const names = timeZoneNames('Asia/Calcutta');
    expect(names[0]).toBe('UTC');
    expect(names.filter((n) => n === 'UTC')).toHaveLength(1);
    expect(names).toContain('Europe/Paris');
    expect(names).toContain('Asia/Calcutta');
    expect(names.length).toBeGreaterThan(300);
  });

  it('writes offsets the way people read them', () => {
    expect(formatOffset(0)).toBe('UTC+00:00');
    expect(formatOffset(HOUR)).toBe('UTC+01:00');
    expect(formatOffset(5.75 * HOUR)).toBe('UTC+05:45');
    expect(formatOffset(-3.5 * HOUR)).toBe('UTC−03:30');
  });
});
