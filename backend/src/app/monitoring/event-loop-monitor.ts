/**
 * Event-loop lag as the health check sees it: the 99th percentile of the loop delay over
 * the last sampling window (10 s), from Node's built-in histogram (perf_hooks).
 */
import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

const WINDOW_MS = 10_000;

@Injectable()
export class EventLoopMonitor implements OnModuleInit, OnModuleDestroy {
  private histogram?: IntervalHistogram;
  private timer?: NodeJS.Timeout;
  private lastP99Ms = 0;
  private lastMaxMs = 0;

  onModuleInit(): void {
    this.histogram = monitorEventLoopDelay({ resolution: 20 });
    this.histogram.enable();
    this.timer = setInterval(() => this.roll(), WINDOW_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.histogram?.disable();
  }

  /** p99 and max lag in ms: the last full window, or the current one if that is worse. */
  lag(): { p99Ms: number; maxMs: number } {
    const h = this.histogram;
    const cur =
      h && h.count > 0 ? { p99: h.percentile(99) / 1e6, max: h.max / 1e6 } : { p99: 0, max: 0 };
    // The histogram includes its own resolution (20 ms) as a floor; subtract it.
    const p99 = Math.max(0, Math.max(this.lastP99Ms, cur.p99 - 20));
    const max = Math.max(0, Math.max(this.lastMaxMs, cur.max - 20));
    return { p99Ms: Math.round(p99), maxMs: Math.round(max) };
  }

  private roll(): void {
    const h = this.histogram;
    if (!h) return;
    this.lastP99Ms = h.count > 0 ? Math.max(0, h.percentile(99) / 1e6 - 20) : 0;
    this.lastMaxMs = h.count > 0 ? Math.max(0, h.max / 1e6 - 20) : 0;
    h.reset();
  }
}
