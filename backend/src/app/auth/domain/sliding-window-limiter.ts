/**
 * A sliding-window counter per key: at most `limit` hits in `windowMs`. Pure apart from the
 * injected clock, so limits are tested without waiting. Used for login failures and for
 * per-connection and per-user WebSocket limits.
 */
export interface LimitDecision {
  allowed: boolean;
  /** Hits in the current window, including this one when allowed. */
  count: number;
  /** When blocked: milliseconds until one more hit would be allowed. */
  retryAfterMs: number;
}

export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();
  private lastSweep = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a hit if allowed. */
  hit(key: string): LimitDecision {
    const d = this.peek(key);
    if (!d.allowed) return d;
    const list = this.hits.get(key) ?? [];
    list.push(this.now());
    this.hits.set(key, list);
    return { allowed: true, count: list.length, retryAfterMs: 0 };
  }

  /** Whether a hit would be allowed now, without recording one. */
  peek(key: string): LimitDecision {
    const t = this.now();
    this.sweep(t);
    const list = this.prune(key, t);
    if (list.length >= this.limit) {
      return {
        allowed: false,
        count: list.length,
        retryAfterMs: Math.max(1, list[0] + this.windowMs - t),
      };
    }
    return { allowed: true, count: list.length, retryAfterMs: 0 };
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  get size(): number {
    return this.hits.size;
  }

  private prune(key: string, t: number): number[] {
    const list = this.hits.get(key);
    if (!list) return [];
    let i = 0;
    while (i < list.length && list[i] <= t - this.windowMs) i++;
    if (i > 0) list.splice(0, i);
    if (list.length === 0) this.hits.delete(key);
    return list;
  }

  /** Drops idle keys now and then so memory stays flat under churn (R20). */
  private sweep(t: number): void {
    if (t - this.lastSweep < this.windowMs) return;
    this.lastSweep = t;
    for (const key of [...this.hits.keys()]) this.prune(key, t);
  }
}
