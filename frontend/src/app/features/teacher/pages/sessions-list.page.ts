/**
 * The teacher's exam sessions (their own and those they are co-teacher or invigilator of), as
 * the seed's ExamSessionsList: who runs each, status, enrolled / connected / completed counts
 * and average progress, filtered by status, refreshed every 15 s, each with a link to its live
 * dashboard and, once launched, to its results (never for the sessions they invigilate). A
 * session that launches by itself says when; one whose students finish their own time says
 * "Finishing".
 */
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import {
  EXAM_SESSION_STATUSES,
  type ExamSessionStatus,
  type ExamSessionView,
  type Page,
} from '@exam/contracts';
import { catchError, map, of, interval, startWith, switchMap, tap } from 'rxjs';
import { toApiError } from '../../../core/api/api-error';
import { AuthService } from '../../../core/auth/auth.service';
import { ZonedDatePipe } from '../../../core/time/zoned-date.pipe';
import { LaunchWhenPipe } from '../components/launch-when.pipe';
import { ExamSessionsApiService } from '../data-access/exam-sessions-api.service';
import {
  maySeeResults,
  runByText,
  sessionStanding,
  standingBadge,
} from '../data-access/session-standing';

export const SESSIONS_PAGE_SIZE = 20;
export const SESSIONS_REFRESH_MS = 15_000;

export const SESSION_STATUS_LABELS: Record<ExamSessionStatus, string> = {
  preparing: 'Preparing',
  active: 'Active',
  paused: 'Paused',
  completed: 'Completed',
  terminated: 'Ended early',
};

type Result = { page: Page<ExamSessionView> } | { error: string };

@Component({
  selector: 'exam-sessions-list-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ZonedDatePipe, LaunchWhenPipe],
  templateUrl: './sessions-list.page.html',
  styleUrls: ['../../../core/layout/list-page.css', './teacher-pages.css'],
  styles: `
    .open-links {
      display: flex;
      gap: 0.35rem;
    }
    .title-line {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0.15rem 0.5rem;
    }
    .badge-staff {
      background: var(--primary-soft);
      color: var(--primary-strong);
    }
    .note {
      color: var(--text-muted);
    }
    .auto {
      color: var(--primary-strong);
      font-weight: 600;
    }
    @media (max-width: 40rem) {
      /* Room for the longest label ("Completed") on stacked rows. */
      .table td {
        grid-template-columns: 7rem minmax(0, 1fr);
      }
    }
  `,
})
export class SessionsListPage {
  private readonly api = inject(ExamSessionsApiService);
  private readonly auth = inject(AuthService);

  protected readonly statuses = EXAM_SESSION_STATUSES;
  protected readonly labels = SESSION_STATUS_LABELS;
  protected readonly status = signal<ExamSessionStatus | ''>('');
  protected readonly page = signal(1);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  protected readonly result = signal<Page<ExamSessionView> | null>(null);
  /** Set by the planner after it created a session. */
  protected readonly created = signal<string | null>(
    (history.state as { created?: unknown } | null)?.created
      ? String((history.state as { created: unknown }).created)
      : null,
  );
  /** The planned session launches by itself then (from the planner). */
  protected readonly createdAutoLaunchAt = signal<number | null>(
    typeof (history.state as { autoLaunchAt?: unknown } | null)?.autoLaunchAt === 'number'
      ? (history.state as { autoLaunchAt: number }).autoLaunchAt
      : null,
  );
  protected readonly pageCount = computed(() => {
    const r = this.result();
    return r ? Math.max(1, Math.ceil(r.total / r.pageSize)) : 1;
  });
  /** Some listed sessions are invigilated by this user: say once why they have no results. */
  protected readonly invigilates = computed(
    () => this.result()?.items.some((s) => this.standing(s) === 'invigilator') ?? false,
  );
  protected readonly summary = computed(() => {
    const r = this.result();
    if (!r) return '';
    const what = r.total === 1 ? '1 session' : `${r.total} sessions`;
    return this.status()
      ? `${what} ${this.labels[this.status() as ExamSessionStatus].toLowerCase()}.`
      : `${what}.`;
  });

  constructor() {
    const query = computed(() => ({
      status: this.status() || undefined,
      page: this.page(),
      pageSize: SESSIONS_PAGE_SIZE,
    }));
    toObservable(query)
      .pipe(
        tap(() => this.loading.set(true)),
        // Counts change while sessions run: poll, restarting when the filter changes.
        switchMap((q) =>
          interval(SESSIONS_REFRESH_MS)
            .pipe(startWith(0))
            .pipe(
              switchMap(() =>
                this.api.list(q).pipe(
                  map((page): Result => ({ page })),
                  catchError((err: unknown) => of<Result>({ error: toApiError(err).message })),
                ),
              ),
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

  protected onStatusChange(event: Event): void {
    this.status.set((event.target as HTMLSelectElement).value as ExamSessionStatus | '');
    this.page.set(1);
  }

  protected goTo(page: number): void {
    this.page.set(Math.min(Math.max(1, page), this.pageCount()));
  }

  protected liveLabel(s: ExamSessionView): string {
    return s.status === 'completed' || s.status === 'terminated' ? 'View' : 'Live dashboard';
  }

  /** Launched sessions have results (partial while they run), except for invigilators. */
  protected hasResults(s: ExamSessionView): boolean {
    return s.status !== 'preparing' && maySeeResults(this.standing(s));
  }

  protected badge(s: ExamSessionView): string | null {
    return standingBadge(this.standing(s));
  }

  protected runBy(s: ExamSessionView): string {
    return runByText(s);
  }

  private standing(s: ExamSessionView) {
    return sessionStanding(this.auth.user(), s);
  }

  protected isLive(s: ExamSessionView): boolean {
    return s.status === 'active' || s.status === 'paused';
  }

  /** Everyone still working finishes their own time: "Finishing" rather than "Active". */
  protected statusLabel(s: ExamSessionView): string {
    return s.closingAt !== null && s.status === 'active' ? 'Finishing' : this.labels[s.status];
  }

  /** When a preparing session launches by itself (null: its teacher launches it). */
  protected autoLaunchAt(s: ExamSessionView): number | null {
    return s.status === 'preparing' && s.config.autoLaunch && s.scheduledStartAt !== null
      ? s.scheduledStartAt
      : null;
  }
}
