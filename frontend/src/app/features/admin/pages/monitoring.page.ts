/**
 * Live monitoring for administrators: connections, live sessions, messages per second and
 * answer-ack latency, a chart of the last minutes, and the live sessions with their teachers
 * and average progress, each linking to its live dashboard. Polls the overview every few seconds while the page is open.
 */
import { DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  InjectionToken,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { MonitoringOverview } from '@exam/contracts';
import { catchError, map, of, interval, startWith, switchMap } from 'rxjs';
import { toApiError } from '../../../core/api/api-error';
import { HistoryChartComponent } from '../components/history-chart.component';
import { MonitoringApiService } from '../data-access/monitoring-api.service';

export const MONITORING_POLL_MS = new InjectionToken<number>('MONITORING_POLL_MS', {
  providedIn: 'root',
  factory: () => 5_000,
});

type Result = { overview: MonitoringOverview } | { error: string };

/**
 * Average progress as the API sends it: already a percentage (0-100), e.g. 26.667 -> "27 %".
 * (MonitoringActiveSession.averageProgress is the mean of the students' progress, 0-100.)
 */
export function formatPercent(progress: number | null): string {
  if (progress === null || !Number.isFinite(progress)) return '–';
  return `${Math.round(Math.min(100, Math.max(0, progress)))} %`;
}

/** Latency: "0.8 ms" below 10 ms (one decimal), "13 ms" above. */
export function formatMs(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '–';
  return value < 10 ? `${(Math.round(value * 10) / 10).toFixed(1)} ms` : `${Math.round(value)} ms`;
}

export function formatUptime(seconds: number): string {
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  if (d) return `${d} d ${h} h`;
  if (h) return `${h} h ${m} min`;
  return `${m} min`;
}

@Component({
  selector: 'exam-monitoring-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DecimalPipe, RouterLink, HistoryChartComponent],
  templateUrl: './monitoring.page.html',
  styleUrl: './monitoring.page.css',
})
export class MonitoringPage {
  private readonly api = inject(MonitoringApiService);
  protected readonly pollMs = inject(MONITORING_POLL_MS);

  protected readonly data = signal<MonitoringOverview | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly updatedAt = signal<number | null>(null);

  protected readonly uptime = computed(() => {
    const d = this.data();
    return d ? formatUptime(d.server.uptimeSeconds) : '';
  });
  protected readonly memoryMb = computed(() => {
    const d = this.data();
    return d ? Math.round(d.server.memory.rss / 1_048_576) : 0;
  });

  constructor() {
    interval(this.pollMs)
      .pipe(startWith(0))
      .pipe(
        switchMap(() =>
          this.api.overview().pipe(
            map((overview): Result => ({ overview })),
            catchError((err: unknown) => of<Result>({ error: toApiError(err).message })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((r) => {
        if ('overview' in r) {
          this.data.set(r.overview);
          this.error.set(null);
          this.updatedAt.set(Date.now());
        } else {
          this.error.set(r.error);
        }
      });
  }

  protected percent(progress: number | null): string {
    return formatPercent(progress);
  }

  protected ms(value: number | null): string {
    return formatMs(value);
  }
}
