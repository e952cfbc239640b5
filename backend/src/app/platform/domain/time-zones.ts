/** IANA time zones, checked with the runtime's own list (no table of ours to keep up). */

const known = new Set<string>(
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [],
);

/** Whether `tz` is a time zone this server can format times in (e.g. Europe/Paris, UTC). */
export function isTimeZone(tz: string): boolean {
  if (tz === 'UTC' || known.has(tz)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** "2026-11-30 15:04" in that zone (24-hour clock), for exports and logs people read. */
export function wallTime(ms: number, tz: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}
