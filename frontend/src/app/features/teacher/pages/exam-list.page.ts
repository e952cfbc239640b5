/**
 * The teacher's exams: search by title, filter active/inactive, page through; edit, duplicate,
 * delete (after a confirmation), plan a session, and import a GIFT file.
 */
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import type { ExamPage, ExamSummary } from '@exam/contracts';
import { Subject, catchError, debounceTime, map, of, switchMap, tap } from 'rxjs';
import { toApiError } from '../../../core/api/api-error';
import { ZonedDatePipe } from '../../../core/time/zoned-date.pipe';
import { GiftImportComponent } from '../components/gift-import.component';
import { ExamsApiService } from '../data-access/exams-api.service';

export const EXAMS_PAGE_SIZE = 20;

type ActiveFilter = '' | 'true' | 'false';
type Result = { page: ExamPage } | { error: string };

@Component({
  selector: 'exam-exam-list-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ZonedDatePipe, GiftImportComponent],
  templateUrl: './exam-list.page.html',
  styleUrls: ['../../../core/layout/list-page.css', './teacher-pages.css'],
})
export class ExamListPage {
  private readonly api = inject(ExamsApiService);
  private readonly router = inject(Router);

  protected readonly search = signal('');
  protected readonly active = signal<ActiveFilter>('');
  protected readonly page = signal(1);
  private readonly reloads = signal(0);

  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  protected readonly result = signal<ExamPage | null>(null);
  /** The exam whose deletion waits for confirmation. */
  protected readonly confirming = signal<ExamSummary | null>(null);
  protected readonly busyId = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly actionError = signal<string | null>(null);
  protected readonly showImport = signal(false);

  protected readonly pageCount = computed(() => {
    const r = this.result();
    return r ? Math.max(1, Math.ceil(r.total / r.pageSize)) : 1;
  });
  protected readonly summary = computed(() => {
    const r = this.result();
    if (!r) return '';
    const what = r.total === 1 ? '1 exam' : `${r.total} exams`;
    return this.search() || this.active()
      ? `${what} match your filter.`
      : `${what} in your academy.`;
  });

  private readonly searchInput = new Subject<string>();

  constructor() {
    this.searchInput
      .pipe(debounceTime(300), takeUntilDestroyed())
      .subscribe((term) => this.applySearch(term));
    const query = computed(() => ({
      search: this.search(),
      active: this.active() === '' ? undefined : this.active() === 'true',
      page: this.page(),
      pageSize: EXAMS_PAGE_SIZE,
      reload: this.reloads(),
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
          // Deleting the last exam of the last page leaves an empty page: step back.
          if (r.page.items.length === 0 && this.page() > 1) this.goTo(this.pageCount());
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

  protected onActiveChange(event: Event): void {
    this.active.set((event.target as HTMLSelectElement).value as ActiveFilter);
    this.page.set(1);
  }

  protected goTo(page: number): void {
    this.page.set(Math.min(Math.max(1, page), this.pageCount()));
  }

  protected duplicate(exam: ExamSummary): void {
    this.startAction(exam.id);
    this.api.duplicate(exam.id).subscribe({
      next: (copy) => {
        this.busyId.set(null);
        this.notice.set(`Made a copy: “${copy.title}”.`);
        this.reloads.update((n) => n + 1);
      },
      error: (err: unknown) => this.failAction(err),
    });
  }

  protected askDelete(exam: ExamSummary): void {
    this.notice.set(null);
    this.actionError.set(null);
    this.confirming.set(exam);
  }

  protected confirmDelete(): void {
    const exam = this.confirming();
    if (!exam) return;
    this.startAction(exam.id);
    this.api.remove(exam.id).subscribe({
      next: () => {
        this.busyId.set(null);
        this.confirming.set(null);
        this.notice.set(`Deleted “${exam.title}”. Its past sessions and results are kept.`);
        this.reloads.update((n) => n + 1);
      },
      error: (err: unknown) => {
        this.confirming.set(null);
        this.failAction(err);
      },
    });
  }

  protected onImported(): void {
    this.reloads.update((n) => n + 1);
  }

  protected planSession(exam: ExamSummary): void {
    void this.router.navigate(['/teacher/sessions/new'], { queryParams: { examId: exam.id } });
  }

  private startAction(id: string): void {
    this.busyId.set(id);
    this.notice.set(null);
    this.actionError.set(null);
  }

  private failAction(err: unknown): void {
    this.busyId.set(null);
    const e = toApiError(err);
    this.actionError.set(
      e.code === 'EXAM_LOCKED'
        ? `${e.message} Wait until its session has ended, or duplicate the exam and change the copy.`
        : e.message,
    );
  }

  private applySearch(term: string): void {
    const trimmed = term.trim();
    if (trimmed === this.search()) return;
    this.search.set(trimmed);
    this.page.set(1);
  }
}
