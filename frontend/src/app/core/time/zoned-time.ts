/**
 * Times in a named IANA time zone, with nothing but Intl: the academy's zone decides every
 * time shown and the meaning of a wall time typed into a form (e.g. a scheduled start).
 * Pure functions; the zone is always an argument.
 */

/** A wall-clock time: what a clock on the wall of the school shows (month 1-12). */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second?: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(zone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    partsFormatters.set(zone, f);
  }
  return f;
}

/** True when Intl knows this zone name (e.g. "Europe/Paris", "UTC"). */
export function isValidTimeZone(zone: string | null | undefined): zone is string {
  if (!zone) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone this browser (or test process) runs in; UTC when it cannot tell. */
export function browserTimeZone(): string {
  try {
    const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
    return isValidTimeZone(zone) ? zone : 'UTC';
  } catch {
    return 'UTC';
  }
}

/** The wall time in `zone` at the instant `epochMs`. */
export function wallTimeAt(epochMs: number, zone: string): Required<WallTime> {
  const parts = partsFormatter(zone).formatToParts(new Date(epochMs));
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  const era = parts.find((p) => p.type === 'era')?.value;
  const year = get('year');
  return {
    year: era === 'BC' || era === 'B' ? 1 - year : year,
    month: get('month'),
    day: get('day'),
    hour: get('hour') % 24,
    minute: get('minute'),
    second: get('second'),
  };
}

/** A wall time read as if it were UTC (the arithmetic basis of offsets). */
function wallAsUtc(w: WallTime): number {
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour, w.minute, w.second ?? 0, 0);
  return d.getTime();
}

/** How far `zone` is ahead of UTC at the instant `epochMs`, in ms (Paris in winter: +3 600 000). */
export function zoneOffsetMs(epochMs: number, zone: string): number {
  const whole = Math.floor(epochMs / 1000) * 1000;
  return wallAsUtc(wallTimeAt(whole, zone)) - whole;
}

function sameWall(a: WallTime, b: WallTime): boolean {
  return (
    a.year === b.year &&
    a.month === b.month &&
    a.day === b.day &&
    a.hour === b.hour &&
    a.minute === b.minute &&
    (a.second ?? 0) === (b.second ?? 0)
  );
}

/**
 * The instant at which clocks in `zone` show `wall`. Daylight-saving changes are handled as
 * calendars do ("compatible"): a wall time that happens twice (clocks go back) is the earlier
 * one; a wall time that never happens (clocks go forward) moves forward by the gap, so
 * 02:30 on the night Paris skips from 02:00 to 03:00 means 03:30.
 */
export function wallTimeToEpoch(wall: WallTime, zone: string): number {
  const asUtc = wallAsUtc(wall);
  const before = zoneOffsetMs(asUtc - DAY_MS, zone);
  const after = zoneOffsetMs(asUtc + DAY_MS, zone);
  const candidates = [...new Set([before, zoneOffsetMs(asUtc, zone), after])]
    .map((offset) => asUtc - offset)
    .filter((t) => sameWall(wallTimeAt(t, zone), wall))
    .sort((a, b) => a - b);
  if (candidates.length) return candidates[0];
  // In a gap: read the wall time with the offset in force before the change.
  return asUtc - before;
}

function pad(n: number, width = 2): string {
  return String(Math.abs(n)).padStart(width, '0');
}

/** "2026-03-29T09:30": the value of an <input type="datetime-local"> for `epochMs` in `zone`. */
export function toDateTimeLocalValue(epochMs: number, zone: string): string {
  const w = wallTimeAt(epochMs, zone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** Reads a datetime-local value ("2026-03-29T09:30", seconds optional); null when malformed. */
export function parseDateTimeLocal(value: string): WallTime | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0));
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return null;
  return { year, month, day, hour, minute, second };
}

/** A datetime-local value read as a wall time in `zone`, as epoch ms; null when malformed. */
export function dateTimeLocalToEpoch(value: string, zone: string): number | null {
  const wall = parseDateTimeLocal(value);
  return wall ? wallTimeToEpoch(wall, zone) : null;
}

/** "UTC+01:00", "UTC−03:30", "UTC+00:00" for an offset in ms. */
export function formatOffset(offsetMs: number): string {
  const minutes = Math.round(Math.abs(offsetMs) / MINUTE_MS);
  const sign = offsetMs >= 0 ? '+' : '−';
  return `UTC${sign}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** "Europe/Paris" -> "Europe/Paris"; "America/New_York" -> "America/New York" (for people). */
export function timeZoneLabel(zone: string): string {
  return zone.replace(/_/g, ' ');
}

/**
 * Every zone this browser knows, UTC first, for a select. `include` (e.g. the saved zone or an
 * alias the browser reports) is kept even if the list lacks it.
 */
export function timeZoneNames(...include: ReadonlyArray<string | null | undefined>): string[] {
  let known: string[] = [];
  try {
    known = Intl.supportedValuesOf('timeZone');
  } catch {
    known = [];
  }
  const extra = include.filter((z): z is string => !!z && !known.includes(z) && z !== 'UTC');
  return ['UTC', ...[...known.filter((z) => z !== 'UTC'), ...extra].sort()];
}
