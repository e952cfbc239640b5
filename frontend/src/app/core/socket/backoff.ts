/**
 * Reconnect delays: exponential from `baseMs`, capped at `capMs`, with "equal jitter" (half
 * fixed, half random) so a classroom of browsers that lost the server at the same moment does
 * not come back at the same moment.
 */
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

/** Delay before reconnect attempt `attempt` (0 = first retry); `random` returns [0, 1). */
export function backoffDelay(attempt: number, opts: BackoffOptions, random: () => number): number {
  const exp = Math.min(opts.capMs, opts.baseMs * 2 ** Math.max(0, attempt));
  return Math.round(exp / 2 + (random() * exp) / 2);
}
