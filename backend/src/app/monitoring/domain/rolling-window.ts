/**
 * Small in-memory windows for the admin overview: a per-second event counter over the last
 * minute, recent latency samples with quantiles, and a fixed-size ring buffer for the
 * chart. Pure: the caller passes the time, so tests need no fake timers.
 */

/** Counts events in one-second buckets; rate over the last `windowMs`. */
export class RollingCounter {
  private readonly buckets: number[];
  private readonly stamps: number[];

  constructor(
    private readonly windowMs = 60_000,
    private readonly bucketMs = 1000,
  ) {
    const n = Math.ceil(windowMs / bucketMs);
    this.buckets = new Array<number>(n).fill(0);
    this.stamps = new Array<number>(n).fill(-1);
  }

  add(now: number, n = 1): void {
    const slot = Math.floor(now / this.bucketMs);
    const i = slot % this.buckets.length;
    if (this.stamps[i] !== slot) {
      this.stamps[i] = slot;
      this.buckets[i] = 0;
    }
    this.buckets[i] += n;
  }

  /** Events in the window ending at `now`. */
  total(now: number): number {
    const newest = Math.floor(now / this.bucketMs);
    const oldest = newest - this.buckets.length + 1;
    let sum = 0;
    for (let i = 0; i < this.buckets.length; i++) {
      if (this.stamps[i] >= oldest && this.stamps[i] <= newest) sum += this.buckets[i];
    }
    return sum;
  }

  perSecond(now: number): number {
    return this.total(now) / (this.windowMs / 1000);
  }
}

/** Keeps up to `max` recent samples; quantiles over those younger than `windowMs`. */
export class RollingSamples {
  private readonly times: number[] = [];
  private readonly values: number[] = [];
  private next = 0;

  constructor(
    private readonly windowMs = 60_000,
    private readonly max = 5000,
  ) {}

  add(now: number, value: number): void {
    if (this.times.length < this.max) {
      this.times.push(now);
      this.values.push(value);
    } else {
      this.times[this.next] = now;
      this.values[this.next] = value;
      this.next = (this.next + 1) % this.max;
    }
  }

  /** Nearest-rank quantile (q in 0..1) of the window; null when there are no samples. */
  quantiles(now: number, qs: number[]): Array<number | null> {
    const from = now - this.windowMs;
    const recent: number[] = [];
    for (let i = 0; i < this.times.length; i++)
      if (this.times[i] > from) recent.push(this.values[i]);
    if (recent.length === 0) return qs.map(() => null);
    recent.sort((a, b) => a - b);
    return qs.map(
      (q) => recent[Math.min(recent.length - 1, Math.max(0, Math.ceil(q * recent.length) - 1))],
    );
  }

  count(now: number): number {
    const from = now - this.windowMs;
    return this.times.filter((t) => t > from).length;
  }
}

/** The newest `capacity` items, oldest first. */
export class RingBuffer<T> {
  private readonly items: T[] = [];
  private start = 0;

  constructor(readonly capacity: number) {}

  push(item: T): void {
    if (this.items.length < this.capacity) this.items.push(item);
    else {
      this.items[this.start] = item;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  toArray(): T[] {
    return [...this.items.slice(this.start), ...this.items.slice(0, this.start)];
  }
}
