/**
 * Where the student is on the clock after the deadline. The server accepts answers until
 * deadline + grace, then finalises the attempt with what it saved (LiveSessionService.tick).
 * Pure.
 */
export type ClockPhase =
  { kind: 'running' } | { kind: 'grace'; secondsLeft: number } | { kind: 'closing' };

export function clockPhase(
  deadline: number | null,
  serverNow: number,
  gracePeriodSeconds: number,
  pausedAt: number | null = null,
): ClockPhase {
  if (deadline === null) return { kind: 'running' };
  const at = pausedAt ?? serverNow;
  if (at < deadline) return { kind: 'running' };
  const graceEnd = deadline + Math.max(0, gracePeriodSeconds) * 1000;
  if (at >= graceEnd) return { kind: 'closing' };
  return { kind: 'grace', secondsLeft: Math.ceil((graceEnd - at) / 1000) };
}
