/**
 * The live dashboard's "Who runs this session" card: the teacher, co-teachers and
 * invigilators. The session's teacher, its co-teachers and admins change the staff here (the
 * same picker as the planner, saved with PUT .../staff, any status); invigilators read the
 * list and are told who may change it.
 */
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import type { ExamSessionView, SessionAccess } from '@exam/contracts';
import { toApiError } from '../../../core/api/api-error';
import { ExamSessionsApiService } from '../data-access/exam-sessions-api.service';
import { STAFF_ROLE_LABELS, mayChangePlan } from '../data-access/session-standing';
import {
  choicesFrom,
  sameStaff,
  toStaffRequest,
  type StaffChoice,
} from '../data-access/staff-choices';
import { StaffPickerComponent } from './staff-picker.component';

export const STAFF_CHANGE_REFUSED_NOTE =
  "Only the session's teachers and admins change who runs it.";

@Component({
  selector: 'exam-session-staff-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [StaffPickerComponent],
  template: `
    <section class="card staff" aria-labelledby="staff-title" data-testid="staff-panel">
      <div class="head">
        <h2 id="staff-title">Who runs this session</h2>
        @if (canChange() && !editing()) {
          <button type="button" class="btn btn-small" (click)="edit()">Change staff</button>
        }
      </div>
      <ul class="people" data-testid="staff-list">
        <li>
          <span class="name">{{ session().teacherName }}</span>&ngsp;
          <span class="badge">Teacher</span>
          @if (session().teacherId === meId()) {
            &ngsp;<span class="muted">(you)</span>
          }
        </li>
        @for (m of session().staff; track m.userId) {
          <li>
            <span class="name">{{ m.displayName }}</span>&ngsp;
            <span class="badge" [class.badge-co]="m.role === 'co_teacher'">{{
              labels[m.role]
            }}</span>
            @if (m.userId === meId()) {
              &ngsp;<span class="muted">(you)</span>
            }
          </li>
        }
      </ul>
      @if (!canChange()) {
        <p class="muted note">{{ refusedNote }}</p>
      }
      <div aria-live="polite">
        @if (saved() && !editing()) {
          <p class="alert alert-success" data-testid="staff-saved">Staff saved.</p>
        }
      </div>
      @if (editing()) {
        <form class="edit" (submit)="save($event)" novalidate>
          <exam-staff-picker
            idPrefix="panel-staff"
            [(chosen)]="draft"
            [exclude]="[session().teacherId]"
            emptyText="Nobody else: only its teacher runs it."
          />
          @if (leavingMyself()) {
            <p class="alert alert-warning" data-testid="staff-leaving">
              You are taking yourself off: you will lose this session once you save.
            </p>
          }
          @if (error(); as m) {
            <p class="alert" role="alert" data-testid="staff-error">{{ m }}</p>
          }
          <div class="actions">
            <button type="submit" class="btn btn-primary" [disabled]="saving() || unchanged()">
              {{ saving() ? 'Saving…' : 'Save staff' }}
            </button>
            <button type="button" class="btn" [disabled]="saving()" (click)="cancel()">
              Cancel
            </button>
          </div>
        </form>
      }
    </section>
  `,
  styles: `
    .head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem;
      margin-block-end: 0.5rem;
    }
    h2 {
      margin: 0;
    }
    .people {
      list-style: none;
      margin: 0 0 0.75rem;
      padding: 0;
    }
    .people li {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0.25rem 0.5rem;
      padding-block: 0.35rem;
      border-block-end: 1px solid var(--surface-muted);
    }
    .name {
      font-weight: 600;
    }
    .badge-co {
      background: var(--primary-soft);
      color: var(--primary-strong);
    }
    .note {
      margin: 0;
    }
    .edit {
      margin-block-start: 1rem;
      padding-block-start: 1rem;
      border-block-start: 1px solid var(--border);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .alert-warning {
      border-inline-start-color: var(--warning);
      background: #fff4e5;
      color: #7a2e0b;
    }
  `,
})
export class SessionStaffPanelComponent {
  private readonly api = inject(ExamSessionsApiService);

  readonly session = input.required<ExamSessionView>();
  /** The signed-in user's standing in the session (null while unknown). */
  readonly standing = input<SessionAccess | null>(null);
  /** The signed-in user, to mark "(you)". */
  readonly meId = input<string | null>(null);
  /** The session as the server returned it after a change. */
  readonly changed = output<ExamSessionView>();

  protected readonly labels = STAFF_ROLE_LABELS;
  protected readonly refusedNote = STAFF_CHANGE_REFUSED_NOTE;
  protected readonly canChange = computed(() => mayChangePlan(this.standing()));
  protected readonly editing = signal(false);
  protected readonly draft = signal<readonly StaffChoice[]>([]);
  protected readonly saving = signal(false);
  protected readonly saved = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly unchanged = computed(() =>
    sameStaff(this.draft(), choicesFrom(this.session().staff)),
  );
  /** A co-teacher removing themselves loses the session: say so before they save. */
  protected readonly leavingMyself = computed(
    () => this.standing() === 'co_teacher' && !this.draft().some((c) => c.userId === this.meId()),
  );

  protected edit(): void {
    this.draft.set(choicesFrom(this.session().staff));
    this.error.set(null);
    this.saved.set(false);
    this.editing.set(true);
  }

  protected cancel(): void {
    this.editing.set(false);
    this.error.set(null);
  }

  protected save(event: Event): void {
    event.preventDefault();
    this.saving.set(true);
    this.error.set(null);
    this.api.setStaff(this.session().id, { staff: toStaffRequest(this.draft()) }).subscribe({
      next: (session) => {
        this.saving.set(false);
        this.editing.set(false);
        this.saved.set(true);
        this.changed.emit(session);
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.error.set(toApiError(err).message);
      },
    });
  }
}
