/**
 * /teacher/sessions/:id/statistics: item analysis a teacher can act on. The exam's figures
 * with plain explanations, the score histogram, facility against discrimination, the question
 * table with flags, and per choice question how each option was chosen by the top and bottom
 * groups. While the session runs the figures refresh every few seconds; CSV download.
 */
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  InjectionToken,
  OnInit,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { SessionStatisticsView } from '@exam/contracts';
import { catchError, exhaustMap, interval, map, of, startWith, takeWhile } from 'rxjs';
import { toApiError } from '../../../core/api/api-error';
import { StatsFiguresComponent } from '../components/stats-figures.component';
import { StatsHistogramComponent } from '../components/stats-histogram.component';
import { StatsOptionsComponent } from '../components/stats-options.component';
import { StatsQuestionTableComponent } from '../components/stats-question-table.component';
import { StatsScatterComponent } from '../components/stats-scatter.component';
import { saveFile } from '../../../shared/download/save-file';
import { ResultsApiService } from '../data-access/results-api.service';

export const STATISTICS_POLL_MS = new InjectionToken<number>('STATISTICS_POLL_MS', {
  providedIn: 'root',
  factory: () => 5_000,
});

type Loaded = { view: SessionStatisticsView } | { error: string };

const isRunning = (v: SessionStatisticsView) =>
  v.live || v.status === 'active' || v.status === 'paused';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

@Component({
  selector: 'exam-statistics-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    StatsFiguresComponent,
    StatsHistogramComponent,
    StatsScatterComponent,
    StatsQuestionTableComponent,
    StatsOptionsComponent,
  ],
  templateUrl: './statistics.page.html',
  styleUrls: ['../../teacher/pages/teacher-pages.css', './statistics.page.css'],
})
export class StatisticsPage implements OnInit {
  /** Route parameter. */
  readonly id = input.required<string>();
  private readonly api = inject(ResultsApiService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly pollMs = inject(STATISTICS_POLL_MS);

  protected readonly view = signal<SessionStatisticsView | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly title = signal<string | null>(null);
  protected readonly downloading = signal(false);
  protected readonly downloadError = signal<string | null>(null);

  protected readonly running = computed(() => {
    const v = this.view();
    return v ? isRunning(v) : false;
  });
  protected readonly liveText = computed(() => {
    const v = this.view();
    if (!v || !isRunning(v)) return '';
    const n = v.attempts.inProgress;
    return `Updating live: ${plural(n, 'student')} still taking it.`;
  });
  protected readonly attemptsText = computed(() => {
    const a = this.view()?.attempts;
    if (!a) return '';
    return `${a.finished} finished · ${a.inProgress} still in progress · ${plural(
      a.pendingManual,
      'answer',
    )} awaiting grading`;
  });
  protected readonly choiceQuestions = computed(
    () => this.view()?.questions.filter((q) => q.options && q.options.length > 0) ?? [],
  );
  protected readonly flagged = computed(
    () => this.view()?.questions.filter((q) => q.flags.length > 0).length ?? 0,
  );

  ngOnInit(): void {
    const id = this.id();
    this.api
      .results(id, { pageSize: 1 })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({ next: (r) => this.title.set(r.title), error: () => undefined });

    let keepGoing = true;
    interval(this.pollMs)
      .pipe(
        startWith(0),
        takeWhile(() => keepGoing),
        exhaustMap(() =>
          this.api.statistics(id).pipe(
            map((view): Loaded => ({ view })),
            catchError((err: unknown) => of<Loaded>({ error: toApiError(err).message })),
          ),
        ),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((r) => {
        if ('view' in r) {
          this.view.set(r.view);
          this.error.set(null);
          // Ended: these are the final figures, no more polling.
          keepGoing = isRunning(r.view);
        } else {
          this.error.set(r.error);
          // Keep trying only while a running session is on screen.
          keepGoing = this.running();
        }
      });
  }

  protected download(): void {
    this.downloading.set(true);
    this.downloadError.set(null);
    this.api
      .csv(this.id(), 'statistics')
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: ({ blob, fileName }) => {
          this.downloading.set(false);
          saveFile(blob, fileName);
        },
        error: (err: unknown) => {
          this.downloading.set(false);
          this.downloadError.set(toApiError(err).message);
        },
      });
  }
}
