/**
 * The platform operator's academies: search by name, filter by status, page through; each
 * with its status, time zone, how many admins, teachers and students it has, and a link to
 * manage it. "New academy" creates one.
 */
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { ACADEMY_STATUSES, type AcademyStatus, type AcademyView, type Page } from '@exam/contracts';
import { Subject, catchError, debounceTime, map, of, switchMap, tap } from 'rxjs';
import { toApiError } from '../../../core/api/api-error';
import { ZonedDatePipe } from '../../../core/time/zoned-date.pipe';
import { timeZoneLabel } from '../../../core/time/zoned-time';
import { ACADEMY_STATUS_LABELS } from '../data-access/academy-words';
import { PlatformApiService } from '../data-access/platform-api.service';

export const ACADEMIES_PAGE_SIZE = 20;

type Result = { page: Page<AcademyView> } | { error: string };

@Component({
  selector: 'exam-academies-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ZonedDatePipe],
  templateUrl: './academies.page.html',
  styleUrls: ['../../../core/layout/list-page.css', '../../teacher/pages/teacher-pages.css'],
  styles: `
    .count {
      text-align: end;
    }
    @media (max-width: 40rem) {
      .count {
        text-align: start;
      }
    }
  `,
})
export class AcademiesPage {
  private readonly api = inject(PlatformApiService);

  protected readonly statuses = ACADEMY_STATUSES;
  protected readonly labels = ACADEMY_STATUS_LABELS;
  protected readonly zoneLabel = timeZoneLabel;

  protected readonly search = signal('');
  protected readonly status = signal<AcademyStatus | ''>('');
  protected readonly page = signal(1);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  protected readonly result = signal<Page<AcademyView> | null>(null);
  protected readonly pageCount = computed(() => {
    const r = this.result();
    return r ? Math.max(1, Math.ceil(r.total / r.pageSize)) : 1;
  });
  protected readonly summary = computed(() => {
    const r = this.result();
    if (!r) return '';
    const what = r.total === 1 ? '1 academy' : `${r.total} academies`;
    if (this.search() || this.status()) {
      return `${what} ${r.total === 1 ? 'matches' : 'match'} your filter.`;
    }
    return `${what} on this server.`;
  });

  private readonly searchInput = new Subject<string>();

  constructor() {
    this.searchInput
      .pipe(debounceTime(300), takeUntilDestroyed())
      .subscribe((term) => this.applySearch(term));
    const query = computed(() => ({
      search: this.search(),
      status: this.status() || undefined,
      page: this.page(),
      pageSize: ACADEMIES_PAGE_SIZE,
    }));
    toObservable(query)
      .pipe(
        tap(() => this.loading.set(true)),
        switchMap((q) =>
          this.api.list(q).pipe(
            map((page): Result => ({ page })),
            catchError((err: unknown) => of<Result>({ error: toApiError(err).message })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((r) => {
        this.loading.set(false);
        if ('page' in r) {
          this.result.set(r.page);
          this.error.set(null);
        } else {
          this.error.set(r.error);
        }
      });
  }

  protected onSearchInput(event: Event): void {
    this.searchInput.next((event.target as HTMLInputElement).value);
  }

  protected onSearchSubmit(event: Event, term: string): void {
    event.preventDefault();
    this.applySearch(term);
  }

  protected onStatusChange(event: Event): void {
    this.status.set((event.target as HTMLSelectElement).value as AcademyStatus | '');
    this.page.set(1);
  }

  protected goTo(page: number): void {
    this.page.set(Math.min(Math.max(1, page), this.pageCount()));
  }

  private applySearch(term: string): void {
    const trimmed = term.trim();
    if (trimmed === this.search()) return;
    this.search.set(trimmed);
    this.page.set(1);
  }
}
