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

/** A key's hit times, oldest first, from `head` on (a queue without shifting arrays). */
interface Hits {
  times: number[];
  head: number;
}

const EMPTY: Hits = { times: [], head: 0 };

export class SlidingWindowLimiter {
  private readonly hits = new Map<string, Hits>();
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
    const t = this.now();
    const d = this.decide(key, t, elsewhere);
    if (!d.allowed) return d;
    let h = this.hits.get(key);
    if (!h) this.hits.set(key, (h = { times: [], head: 0 }));
    h.times.push(t);
    return { allowed: true, count: d.count + 1, retryAfterMs: 0 };
  }

  /**
   * hit() for the hot path (every WebSocket frame goes through three limiters): 0 when the
   * hit is allowed and recorded, otherwise the milliseconds until one more would be. No
   * object is made per call.
   */
  take(key: string, elsewhere = 0): number {
    const t = this.now();
    this.sweep(t);
    const h = this.prune(key, t);
    const own = h.times.length - h.head;
    if (own + elsewhere >= this.limit) return this.waitMs(h, own, t);
    if (h === EMPTY) this.hits.set(key, { times: [t], head: 0 });
    else h.times.push(t);
    return 0;
  }

  /** Whether a hit would be allowed now, without recording one. */
  peek(key: string, elsewhere = 0): LimitDecision {
    return this.decide(key, this.now(), elsewhere);
  }

  private decide(key: string, t: number, elsewhere: number): LimitDecision {
    this.sweep(t);
    const h = this.prune(key, t);
    const own = h.times.length - h.head;
    const count = own + elsewhere;
    if (count >= this.limit) return { allowed: false, count, retryAfterMs: this.waitMs(h, own, t) };
    return { allowed: true, count, retryAfterMs: 0 };
  }

  /** Milliseconds until one more hit is allowed, for a key at its limit (at least 1). */
  private waitMs(h: Hits, own: number, t: number): number {
    // Only this limiter's own hits have known times; the others' fall off over the window.
    const wait = own > 0 ? h.times[h.head] + this.windowMs - t : this.windowMs;
    return Math.max(1, Math.min(wait, this.windowMs));
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  get size(): number {
    return this.hits.size;
  }

  /** Drops the key's hits that left the window (O(1) amortised: a moving head). */
  private prune(key: string, t: number): Hits {
    const h = this.hits.get(key);
    if (!h) return EMPTY;
    const oldest = t - this.windowMs;
    while (h.head < h.times.length && h.times[h.head] <= oldest) h.head++;
    if (h.head === h.times.length) {
      this.hits.delete(key);
      return EMPTY;
    }
    if (h.head > 64 && h.head * 2 > h.times.length) {
      h.times = h.times.slice(h.head);
      h.head = 0;
    }
    return h;
  }

  /** Drops idle keys now and then so memory stays flat under churn (R20). */
  private sweep(t: number): void {
    if (t - this.lastSweep < this.windowMs) return;
    this.lastSweep = t;
    for (const key of [...this.hits.keys()]) this.prune(key, t);
  }
}
