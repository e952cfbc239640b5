/** The choices of a time-zone select: every zone the browser knows, with its offset today. */
import {
  browserTimeZone,
  formatOffset,
  timeZoneLabel,
  timeZoneNames,
  zoneOffsetMs,
} from '../../core/time/zoned-time';

export interface TimeZoneOption {
  value: string;
  label: string;
}

/** "Europe/Paris (UTC+01:00)"; `keep` (the saved zone) stays in the list even if unknown. */
export function timeZoneOptions(keep?: string | null, now = Date.now()): TimeZoneOption[] {
  return timeZoneNames(keep, browserTimeZone()).map((value) => {
    let offset = '';
    try {
      offset = formatOffset(zoneOffsetMs(now, value));
    } catch {
      offset = '';
    }
    return {
      value,
      label:
        offset && value !== 'UTC' ? `${timeZoneLabel(value)} (${offset})` : timeZoneLabel(value),
    };
  });
}
