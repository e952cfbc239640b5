/**
 * /teacher/sessions/:id/results: what a teacher sees after (and during) an exam. The session's
 * figures, the next steps (grading, statistics, regrade, live dashboard, CSV downloads), the
 * release to students, and the grid of students x questions, sorted, filtered and paged by
 * the server. While the exam runs the page refreshes itself every 10 s, and stops when it ends.
 */
import {
  ChangeDetectionStrategy,
  Component,
  InjectionToken,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import {
  ATTEMPT_END_REASONS,
  type AttemptEndReason,
  type ListResultsQuery,
  type ResultsRelease,
  type SessionResultsView,
} from '@exam/contracts';
import {
  EMPTY,
  catchError,
  debounceTime,
  distinctUntilChanged,
  expand,
  map,
  of,
  switchMap,
  tap,
  timer,
  type Observable,
} from 'rxjs';
import { toApiError } from '../../../core/api/api-error';
import { ExportButtonsComponent } from '../components/export-buttons.component';
import { ReleaseControlComponent } from '../components/release-control.component';
import {
  RESULT_FILTERS,
  SESSION_STATUS_WORDS,
  isRunning,
  type ResultFilterValue,
} from '../components/results-format';
import {
  ResultsGridComponent,
  type GridSort,
  type SortOrder,
} from '../components/results-grid.component';
import { ResultsSummaryComponent } from '../components/results-summary.component';
import { END_REASON_LABELS } from '../data-access/result-labels';
import { ResultsApiService } from '../data-access/results-api.service';

export const RESULTS_REFRESH_MS = new InjectionToken<number>('RESULTS_REFRESH_MS', {
  providedIn: 'root',
  factory: () => 10_000,
});
export const RESULTS_SEARCH_DEBOUNCE_MS = new InjectionToken<number>('RESULTS_SEARCH_DEBOUNCE_MS', {
  providedIn: 'root',
  factory: () => 300,
});
export const RESULTS_PAGE_SIZE = 100;

type Loaded = { view: SessionResultsView } | { error: string };

@Component({
  selector: 'exam-session-results-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    ResultsGridComponent,
    ResultsSummaryComponent,
    ReleaseControlComponent,
    ExportButtonsComponent,
  ],
  templateUrl: './session-results.page.html',
  styleUrls: [
    '../../../core/layout/list-page.css',
    '../../teacher/pages/teacher-pages.css',
    '../components/results-states.css',
    './session-results.page.css',
  ],
})
export class SessionResultsPage {
  private readonly api = inject(ResultsApiService);
  private readonly refreshMs = inject(RESULTS_REFRESH_MS);

  /** Route parameter. */
  readonly id = input.required<string>();

  protected readonly resultFilters = RESULT_FILTERS;
  protected readonly endReasons = ATTEMPT_END_REASONS;
  protected readonly endLabels = END_REASON_LABELS;
  protected readonly statusWords = SESSION_STATUS_WORDS;

  protected readonly view = signal<SessionResultsView | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly loading = signal(true);

  protected readonly column = signal('name');
  protected readonly sort = signal('name');
  protected readonly order = signal<SortOrder>('asc');
  protected readonly page = signal(1);
  protected readonly searchInput = signal('');
  protected readonly result = signal<ResultFilterValue | ''>('');
  protected readonly endReason = signal<AttemptEndReason | ''>('');
  private readonly search = toSignal(
    toObservable(this.searchInput).pipe(
      debounceTime(inject(RESULTS_SEARCH_DEBOUNCE_MS)),
      map((s) => s.trim()),
      distinctUntilChanged(),
    ),
    { initialValue: '' },
  );

  protected readonly running = computed(() => {
    const v = this.view();
    return v ? isRunning(v.status) : false;
  });
  protected readonly filtered = computed(
    () => !!(this.search() || this.result() || this.endReason()),
  );
  protected readonly pageCount = computed(() => {
    const v = this.view();
    return v ? Math.max(1, Math.ceil(v.total / v.pageSize)) : 1;
  });
  protected readonly countText = computed(() => {
    const v = this.view();
    if (!v) return '';
    const n = v.total;
    if (this.filtered()) {
      return `${n === 1 ? '1 student matches' : `${n} students match`} of ${v.summary.enrolled}.`;
    }
    return n === 1 ? '1 student.' : `${n} students.`;
  });

  constructor() {
    const query = computed(() => ({
      id: this.id(),
      q: {
        page: this.page(),
        pageSize: RESULTS_PAGE_SIZE,
        sort: this.sort(),
        order: this.order(),
        search: this.search() || undefined,
        result: this.result() || undefined,
        endReason: this.endReason() || undefined,
      } satisfies ListResultsQuery,
    }));
    toObservable(query)
      .pipe(
        tap(() => this.loading.set(true)),
        // One load per query, then again every few seconds while the exam runs.
        switchMap(({ id, q }) =>
          this.fetch(id, q).pipe(
            expand((r) =>
              this.keepRefreshing(r)
                ? timer(this.refreshMs).pipe(switchMap(() => this.fetch(id, q)))
                : EMPTY,
            ),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((r) => {
        this.loading.set(false);
        if ('view' in r) {
          this.view.set(r.view);
          this.error.set(null);
          if (r.view.page > 1 && r.view.items.length === 0) this.page.set(1);
        } else {
          this.error.set(r.error);
        }
      });
  }

  private fetch(id: string, q: ListResultsQuery): Observable<Loaded> {
    return this.api.results(id, q).pipe(
      map((view): Loaded => ({ view })),
      catchError((err: unknown) => of<Loaded>({ error: toApiError(err).message })),
    );
  }

  private keepRefreshing(r: Loaded): boolean {
    const status = 'view' in r ? r.view.status : this.view()?.status;
    return !!status && isRunning(status);
  }

  protected onSort(s: GridSort): void {
    this.column.set(s.column);
    this.sort.set(s.sort);
    this.order.set(s.order);
    this.page.set(1);
  }

  protected onSearch(event: Event): void {
    this.searchInput.set((event.target as HTMLInputElement).value);
    this.page.set(1);
  }

  protected onResult(event: Event): void {
    this.result.set((event.target as HTMLSelectElement).value as ResultFilterValue | '');
    this.page.set(1);
  }

  protected onEndReason(event: Event): void {
    this.endReason.set((event.target as HTMLSelectElement).value as AttemptEndReason | '');
    this.page.set(1);
  }

  protected goTo(page: number): void {
    this.page.set(Math.min(Math.max(1, page), this.pageCount()));
  }

  protected onReleased(r: ResultsRelease): void {
    this.view.update((v) => (v ? { ...v, release: r } : v));
  }
}
