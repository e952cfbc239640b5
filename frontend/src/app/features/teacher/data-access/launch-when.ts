/**
 * When a session launches by itself, in words that fit the day: "at 09:30" today,
 * "on Wed 10 Mar at 09:30" another day, with the year when it is not this year.
 */
import { formatZoned } from '../../../core/time/zoned-format';

export function launchWhen(at: number, now: number, zone: string): string {
  const time = formatZoned(at, 'HH:mm', zone);
  if (formatZoned(at, 'y-MM-dd', zone) === formatZoned(now, 'y-MM-dd', zone)) return `at ${time}`;
  const sameYear = formatZoned(at, 'y', zone) === formatZoned(now, 'y', zone);
  return `on ${formatZoned(at, sameYear ? 'EEE d MMM' : 'EEE d MMM y', zone)} at ${time}`;
}
