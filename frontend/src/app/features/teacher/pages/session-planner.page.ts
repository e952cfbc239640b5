/**
 * Plans an exam session: the exam, a title, the students to enrol (searched from the academy's
 * students, with select-all), duration, a planned start (and whether it launches by itself
 * then), time warnings, grace period, late join, and who else runs it (co-teachers and
 * invigilators). Creates it in `preparing` (students may wait in its lobby at once), then
 * shows it in the sessions list.
 */
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import {
  INTEGRITY_SIGNAL_KINDS,
  type CreateExamSessionRequest,
  type ExamSummary,
  type IntegritySignalKind,
  type UserView,
} from '@exam/contracts';
import { IntegrityChoicesComponent } from '../components/integrity-choices.component';
import { Subject, catchError, debounceTime, map, of, switchMap } from 'rxjs';
import { toApiError } from '../../../core/api/api-error';
import { UsersApiService } from '../../../core/api/users-api.service';
import { AuthService } from '../../../core/auth/auth.service';
import { AcademyTimeZone } from '../../../core/time/academy-time-zone';
import { ZonedDatePipe } from '../../../core/time/zoned-date.pipe';
import { dateTimeLocalToEpoch, timeZoneLabel } from '../../../core/time/zoned-time';
import { ExamSessionsApiService } from '../data-access/exam-sessions-api.service';
import { ExamsApiService } from '../data-access/exams-api.service';
import { toStaffRequest, type StaffChoice } from '../data-access/staff-choices';
import { StaffPickerComponent } from '../components/staff-picker.component';
import { FIX_FIELDS } from '../../../shared/forms/form-feedback';
import { FORM_FIELD } from '../../../shared/forms/form-field.component';
import { relabel } from '../../../shared/forms/server-words';

/** "10, 5, 1" -> [10, 5, 1]; null when something is not a whole number. */
export function parseWarnings(text: string): number[] | null {
  const parts = text
    .split(/[\s,;]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.every((p) => /^\d+$/.test(p))) return null;
  return [...new Set(parts.map(Number))].sort((a, b) => b - a);
}

/** The planner's fields as labelled on screen, by the request's field path. */
const LABELS: Readonly<Record<string, string>> = {
  examId: 'Exam',
  title: 'Session title',
  durationMinutes: 'Duration (minutes)',
  scheduledStartAt: 'Planned start',
  'config.gracePeriodSeconds': 'Grace period (seconds)',
  'config.timeWarningMinutes': 'Warn students at (minutes left)',
  'config.allowLateJoin': 'Students may join after the launch',
  studentIds: 'Students',
};

type Students = { items: UserView[]; total: number } | { error: string };

@Component({
  selector: 'exam-session-planner-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ZonedDatePipe, StaffPickerComponent, IntegrityChoicesComponent, FORM_FIELD],
  templateUrl: './session-planner.page.html',
  styleUrl: './session-planner.page.css',
})
export class SessionPlannerPage {
  private readonly examsApi = inject(ExamsApiService);
  private readonly sessionsApi = inject(ExamSessionsApiService);
  private readonly usersApi = inject(UsersApiService);
  private readonly router = inject(Router);
  private readonly auth = inject(AuthService);
  /** The school's zone: the planned start is a wall time there. */
  protected readonly zone = inject(AcademyTimeZone).zone;
  protected readonly zoneLabel = computed(() => timeZoneLabel(this.zone()));

  /** Query parameter: preselect this exam. */
  readonly examId = input<string>();

  protected readonly exams = signal<ExamSummary[]>([]);
  protected readonly examsError = signal<string | null>(null);
  protected readonly chosenExamId = signal('');
  protected readonly chosenExam = computed(
    () => this.exams().find((e) => e.id === this.chosenExamId()) ?? null,
  );

  protected readonly title = signal('');
  protected readonly duration = signal<number | null>(null);
  protected readonly warnings = signal('10, 5, 1');
  protected readonly grace = signal(30);
  protected readonly allowLateJoin = signal(true);
  protected readonly recordedSignals = signal<IntegritySignalKind[]>([...INTEGRITY_SIGNAL_KINDS]);
  protected readonly fullscreen = signal(false);
  /** Numeric questions offer a basic calculator. */
  protected readonly calculator = signal(false);
  /** The datetime-local value ("2026-03-29T09:30"), a wall time in the school's zone. */
  protected readonly plannedStart = signal('');
  /** Launch by itself at the planned start (the server wants a planned start in the future). */
  protected readonly autoLaunch = signal(false);
  /** The browser holds a half-typed date or time (its value then reads as empty). */
  private readonly plannedStartIncomplete = signal(false);
  /** The planned start as an instant; null when empty, undefined when unreadable. */
  protected readonly plannedStartAt = computed(() => {
    if (this.plannedStartIncomplete()) return undefined;
    const value = this.plannedStart().trim();
    if (!value) return null;
    return dateTimeLocalToEpoch(value, this.zone()) ?? undefined;
  });

  protected readonly search = signal('');
  protected readonly students = signal<UserView[]>([]);
  protected readonly studentsTotal = signal(0);
  protected readonly studentsError = signal<string | null>(null);
  protected readonly loadingStudents = signal(true);
  /** Selected students by id (kept across searches). */
  protected readonly selected = signal<ReadonlyMap<string, UserView>>(new Map());
  protected readonly allVisibleSelected = computed(
    () => this.students().length > 0 && this.students().every((s) => this.selected().has(s.id)),
  );

  /** Co-teachers and invigilators; the user planning it is its teacher, never among them. */
  protected readonly staff = signal<readonly StaffChoice[]>([]);
  protected readonly excludeFromStaff = computed(() => {
    const me = this.auth.user()?.id;
    return me ? [me] : [];
  });

  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly fieldErrors = signal<Readonly<Record<string, readonly string[]>>>({});

  private readonly searchInput = new Subject<string>();

  constructor() {
    this.examsApi.list({ active: true, pageSize: 100 }).subscribe({
      next: (page) => {
        this.exams.set(page.items);
        const wanted = this.examId();
        const pick = page.items.find((e) => e.id === wanted) ?? page.items[0];
        if (pick) this.chooseExam(pick.id);
      },
      error: (err: unknown) => this.examsError.set(toApiError(err).message),
    });

    this.searchInput
      .pipe(debounceTime(300), takeUntilDestroyed())
      .subscribe((term) => this.search.set(term.trim()));
    toObservable(this.search)
      .pipe(
        switchMap((search) =>
          this.usersApi.list({ role: 'student', search, pageSize: 200 }).pipe(
            map((p): Students => ({ items: p.items, total: p.total })),
            catchError((err: unknown) => of<Students>({ error: toApiError(err).message })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((r) => {
        this.loadingStudents.set(false);
        if ('error' in r) {
          this.studentsError.set(r.error);
          return;
        }
        this.studentsError.set(null);
        this.students.set(r.items);
        this.studentsTotal.set(r.total);
      });
  }

  protected text(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }
  /** The sentences about `field` and the fields inside it (`config.x`, `staff[0].role`). */
  protected problems(field: string): readonly string[] {
    return Object.entries(this.fieldErrors())
      .filter(([k]) => k === field || k.startsWith(`${field}.`) || k.startsWith(`${field}[`))
      .flatMap(([, v]) => v);
  }

  protected onPlannedStart(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.plannedStart.set(input.value);
    this.plannedStartIncomplete.set(!input.value && !!input.validity?.badInput);
  }

  protected onExamChange(event: Event): void {
    this.chooseExam(this.text(event));
  }

  protected onSearchInput(event: Event): void {
    this.searchInput.next(this.text(event));
  }

  protected toggle(student: UserView, on: boolean): void {
    this.selected.update((m) => {
      const next = new Map(m);
      if (on) next.set(student.id, student);
      else next.delete(student.id);
      return next;
    });
  }

  protected toggleAll(on: boolean): void {
    this.selected.update((m) => {
      const next = new Map(m);
      for (const s of this.students()) {
        if (on) next.set(s.id, s);
        else next.delete(s.id);
      }
      return next;
    });
  }

  protected clearSelection(): void {
    this.selected.set(new Map());
  }

  protected submit(event: Event): void {
    event.preventDefault();
    const warnings = parseWarnings(this.warnings());
    if (!this.chosenExamId()) {
      this.fieldErrors.set({ examId: ['Choose the exam to run.'] });
      return;
    }
    const plannedStartAt = this.plannedStartAt();
    if (plannedStartAt === undefined) {
      this.fieldErrors.set({
        scheduledStartAt: ['Enter a date and a time, or leave the planned start empty.'],
      });
      return;
    }
    if (this.autoLaunch() && plannedStartAt === null) {
      this.fieldErrors.set({
        scheduledStartAt: ['Choose a planned start for the session to launch by itself.'],
      });
      return;
    }
    if (warnings === null) {
      this.fieldErrors.set({
        'config.timeWarningMinutes': ['Write whole minutes separated by commas, like 10, 5, 1.'],
      });
      return;
    }
    const body: CreateExamSessionRequest = {
      examId: this.chosenExamId(),
      title: this.title().trim() || undefined,
      studentIds: [...this.selected().keys()],
      durationMinutes: this.duration() ?? undefined,
      ...(plannedStartAt !== null ? { scheduledStartAt: plannedStartAt } : {}),
      config: {
        timeWarningMinutes: warnings,
        gracePeriodSeconds: this.grace(),
        allowLateJoin: this.allowLateJoin(),
        ...(this.autoLaunch() ? { autoLaunch: true } : {}),
        integritySignals: this.recordedSignals().filter(
          (k) => k !== 'fullscreen_exit' || this.fullscreen(),
        ),
        fullscreen: this.fullscreen(),
        calculator: this.calculator(),
      },
      ...(this.staff().length ? { staff: toStaffRequest(this.staff()) } : {}),
    };
    this.saving.set(true);
    this.error.set(null);
    this.fieldErrors.set({});
    this.sessionsApi.create(body).subscribe({
      next: (session) => {
        this.saving.set(false);
        void this.router.navigate(['/teacher/sessions'], {
          state: {
            created: session.title,
            ...(session.config.autoLaunch && session.scheduledStartAt !== null
              ? { autoLaunchAt: session.scheduledStartAt }
              : {}),
          },
        });
      },
      error: (err: unknown) => {
        const e = toApiError(err);
        const fields = relabel(e.fieldErrors, LABELS);
        this.saving.set(false);
        // The server's summary names fields the way the API does: say it in words instead.
        this.error.set(
          e.code === 'VALIDATION_FAILED' && Object.keys(fields).length ? FIX_FIELDS : e.message,
        );
        // The planned start refused for "launch by itself": the server's sentence says why.
        this.fieldErrors.set(
          fields['scheduledStartAt'] && this.autoLaunch()
            ? { ...fields, scheduledStartAt: [e.message] }
            : fields,
        );
      },
    });
  }

  protected numberOrNull(event: Event): number | null {
    const v = this.text(event);
    return v.trim() === '' ? null : Number(v);
  }

  private chooseExam(id: string): void {
    this.chosenExamId.set(id);
    const exam = this.exams().find((e) => e.id === id);
    if (exam) this.duration.set(exam.durationMinutes);
  }
}
