/**
 * Formats an instant as a wall time in a given zone, with Angular-style patterns
 * ('d MMM y, HH:mm') and a few named presets. English words, 24-hour clock, day before month,
 * as every screen of the app writes times.
 */
import { wallTimeAt } from './zoned-time';

/** The named formats (Angular's preset names, written the app's way). */
export const ZONED_PRESETS = {
  short: 'd MMM y, HH:mm',
  medium: 'd MMM y, HH:mm:ss',
  long: 'd MMMM y, HH:mm',
  full: 'EEEE d MMMM y, HH:mm',
  shortDate: 'd MMM',
  mediumDate: 'd MMM y',
  longDate: 'd MMMM y',
  fullDate: 'EEEE d MMMM y',
  shortTime: 'HH:mm',
  mediumTime: 'HH:mm:ss',
} as const;

export type ZonedPreset = keyof typeof ZONED_PRESETS;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Epoch ms, an ISO string or a Date as epoch ms; null for nothing or nonsense. */
export function toEpochMs(value: number | string | Date | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const ms =
    typeof value === 'number' ? value : value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

const TOKEN = /'[^']*'|y+|M+|d+|E+|H+|h+|m+|s+|a/g;

/**
 * `value` as a wall time in `zone`, written with `format` (a preset name or a pattern of
 * y, yy, M, MM, MMM, MMMM, d, dd, EEE, EEEE, H, HH, h, hh, m, mm, s, ss, a and 'quoted text').
 * Empty for a missing or invalid value.
 */
export function formatZoned(
  value: number | string | Date | null | undefined,
  format: ZonedPreset | string,
  zone: string,
): string {
  const ms = toEpochMs(value);
  if (ms === null) return '';
  const pattern = (ZONED_PRESETS as Record<string, string>)[format] ?? format;
  const w = wallTimeAt(ms, zone);
  const weekday = new Date(Date.UTC(2000, 0, 1));
  weekday.setUTCFullYear(w.year, w.month - 1, w.day);
  const two = (n: number) => String(n).padStart(2, '0');
  const hour12 = w.hour % 12 === 0 ? 12 : w.hour % 12;
  return pattern.replace(TOKEN, (token) => {
    if (token.startsWith("'")) return token.length === 2 ? "'" : token.slice(1, -1);
    const n = token.length;
    switch (token[0]) {
      case 'y':
        return n === 2 ? two(w.year % 100) : String(w.year);
      case 'M':
        if (n >= 4) return MONTHS[w.month - 1];
        if (n === 3) return MONTHS[w.month - 1].slice(0, 3);
        return n === 2 ? two(w.month) : String(w.month);
      case 'd':
        return n >= 2 ? two(w.day) : String(w.day);
      case 'E':
        return n >= 4 ? WEEKDAYS[weekday.getUTCDay()] : WEEKDAYS[weekday.getUTCDay()].slice(0, 3);
      case 'H':
        return n >= 2 ? two(w.hour) : String(w.hour);
      case 'h':
        return n >= 2 ? two(hour12) : String(hour12);
      case 'm':
        return n >= 2 ? two(w.minute) : String(w.minute);
      case 's':
        return n >= 2 ? two(w.second) : String(w.second);
      case 'a':
        return w.hour < 12 ? 'AM' : 'PM';
      default:
        return token;
    }
  });
}
