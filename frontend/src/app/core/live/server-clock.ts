/**
 * Time as the server sees it (R8). Every time shown comes from a server deadline and the
 * measured offset between the server's clock and this device's (offset = serverNow - local
 * now), never from the local clock alone, so a wrong device clock still shows the right time.
 */

/** Milliseconds left before `deadline`; frozen at the pause moment while paused; never negative. */
export function remainingMs(
  deadline: number | null,
  serverNow: number,
  pausedAt: number | null = null,
): number | null {
  if (deadline === null) return null;
  const at = pausedAt ?? serverNow;
  return Math.max(0, deadline - at);
}

/** The server's current time from a local time and the measured offset. */
export function serverTime(localNow: number, offsetMs: number): number {
  return localNow + offsetMs;
}

/**
 * Offset from one server timestamp received over a request that took `rttMs`: the server
 * stamped it about half a round trip before it arrived.
 */
export function offsetFrom(serverNow: number, receivedAt: number, rttMs = 0): number {
  return Math.round(serverNow + rttMs / 2 - receivedAt);
}

/**
 * Time left in whole parts, the one rounding rule behind everything the student sees and
 * hears: seconds are rounded up (so 0:00 means time is up), and the words say exactly the
 * hours and minutes the clock shows (57:22 is "57 minutes"; never more time than is left),
 * then seconds in the last minute.
 */
export interface TimeLeftParts {
  /** Whole seconds left, rounded up. */
  total: number;
  hours: number;
  minutes: number;
  seconds: number;
}

export function timeLeftParts(ms: number): TimeLeftParts {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return {
    total,
    hours: Math.floor(total / 3600),
    minutes: Math.floor((total % 3600) / 60),
    seconds: total % 60,
  };
}

/** 1:05:09, 12:04, 0:07: hours only when needed; seconds rounded up so 0:00 means time is up. */
export function formatClock(ms: number): string {
  const { hours: h, minutes: m, seconds: s } = timeLeftParts(ms);
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * "1 hour 5 minutes", "12 minutes", "40 seconds": for screen readers and labels. Says the
 * hours and minutes formatClock shows (seconds dropped), and seconds under a minute.
 */
export function spokenDuration(ms: number): string {
  const { total, hours: h, minutes: m } = timeLeftParts(ms);
  if (total < 60) return plural(total, 'second');
  if (h === 0) return plural(m, 'minute');
  return m === 0 ? plural(h, 'hour') : `${plural(h, 'hour')} ${plural(m, 'minute')}`;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
