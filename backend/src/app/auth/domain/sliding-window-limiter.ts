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

  /**
   * Records a hit if allowed. `elsewhere`: hits of the same key counted outside this
   * limiter (other instances) in about the same window; they use up the limit too.
   */
  hit(key: string, elsewhere = 0): LimitDecision {
    const d = this.peek(key, elsewhere);
    if (!d.allowed) return d;
    const list = this.hits.get(key) ?? [];
    list.push(this.now());
    this.hits.set(key, list);
    return { allowed: true, count: list.length + elsewhere, retryAfterMs: 0 };
  }

  /** Whether a hit would be allowed now, without recording one. */
  peek(key: string, elsewhere = 0): LimitDecision {
    const t = this.now();
    this.sweep(t);
    const list = this.prune(key, t);
    const count = list.length + elsewhere;
    if (count >= this.limit) {
      // Only this limiter's own hits have known times; the others' fall off over the window.
      const own = list.length > 0 ? list[0] + this.windowMs - t : this.windowMs;
      return { allowed: false, count, retryAfterMs: Math.max(1, Math.min(own, this.windowMs)) };
    }
    return { allowed: true, count, retryAfterMs: 0 };
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
