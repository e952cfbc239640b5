/**
 * One page of users as a table (stacked rows on narrow screens): name (and when added), email,
 * role with any extra-time accommodation, each account's status and, for teachers and students,
 * Edit, New password and Deactivate or Reactivate. Presentational: the page opens the dialogs,
 * confirms and calls the server.
 */
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { Role, UserView } from '@exam/contracts';
import { ZonedDatePipe } from '../../../core/time/zoned-date.pipe';

const ROLE_LABELS: Record<Role, string> = {
  operator: 'Platform operator',
  admin: 'Admin',
  teacher: 'Teacher',
  student: 'Student',
};

@Component({
  selector: 'exam-user-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ZonedDatePipe],
  template: `
    <table class="table">
      <caption class="visually-hidden">
        {{
          caption()
        }}
      </caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Email</th>
          <th scope="col">Role</th>
          <th scope="col">Status</th>
          <th scope="col"><span class="visually-hidden">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        @for (u of users(); track u.id) {
          <tr [class.inactive]="u.active === false">
            <td data-label="Name">
              <span>
                <span class="name">{{ u.displayName }}</span>
                <span class="added">Added {{ u.createdAt | zonedDate: 'mediumDate' }}</span>
              </span>
            </td>
            <td data-label="Email" class="email">{{ u.email }}</td>
            <td data-label="Role">
              <span>
                <span class="badge">{{ roleLabel(u.role) }}</span>
                @if (u.extraTimePercent) {
                  <span class="extra">+{{ u.extraTimePercent }} % time</span>
                }
              </span>
            </td>
            <td data-label="Status">
              @if (u.active === false) {
                <span class="badge badge-off" data-testid="user-status">Deactivated</span>
              } @else {
                <span class="badge badge-on" data-testid="user-status">Active</span>
              }
            </td>
            <td data-label="" class="actions-cell">
              @if (manageable(u)) {
                <span class="actions">
                  <button
                    type="button"
                    class="btn btn-small"
                    [disabled]="busyId() === u.id"
                    [attr.aria-label]="'Edit ' + u.displayName"
                    (click)="edit.emit(u)"
                  >
                    Edit
                  </button>
                  @if (u.role === 'student') {
                    <button
                      type="button"
                      class="btn btn-small"
                      [disabled]="busyId() === u.id"
                      [attr.aria-label]="'Reading tools for ' + u.displayName"
                      (click)="tools.emit(u)"
                    >
                      Reading tools
                    </button>
                  }
                  <button
                    type="button"
                    class="btn btn-small"
                    [disabled]="busyId() === u.id"
                    [attr.aria-label]="'New password for ' + u.displayName"
                    (click)="newPassword.emit(u)"
                  >
                    New password
                  </button>
                  @if (u.active === false) {
                    <button
                      type="button"
                      class="btn btn-small"
                      [disabled]="busyId() === u.id"
                      [attr.aria-label]="'Reactivate ' + u.displayName"
                      (click)="reactivate.emit(u)"
                    >
                      Reactivate
                    </button>
                  } @else {
                    <button
                      type="button"
                      class="btn btn-small btn-danger-quiet"
                      [disabled]="busyId() === u.id"
                      [attr.aria-label]="'Deactivate ' + u.displayName"
                      (click)="deactivate.emit(u)"
                    >
                      Deactivate
                    </button>
                  }
                </span>
              }
            </td>
          </tr>
        }
      </tbody>
    </table>
  `,
  styles: `
    .name {
      display: block;
      font-weight: 600;
    }
    .added {
      display: block;
      font-size: 0.8rem;
      color: var(--text-muted);
    }
    .email {
      overflow-wrap: anywhere;
    }
    .extra {
      display: block;
      margin-block-start: 0.25rem;
      font-size: 0.875rem;
      color: var(--text-muted);
      white-space: nowrap;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.35rem 0.5rem;
    }
    .badge-on {
      background: var(--success-soft);
      color: var(--success);
    }
    .badge-off {
      background: var(--danger-soft);
      color: #7a1a12;
    }
    .inactive .name,
    .inactive .email {
      color: var(--text-muted);
    }
    .btn-danger-quiet {
      color: var(--danger);
      border-color: var(--danger);
    }
    .actions .btn {
      white-space: nowrap;
    }
    @media (min-width: 40.01rem) {
      /* One button under the other, all as wide as the widest. */
      .actions {
        flex-direction: column;
        align-items: stretch;
      }
    }
    @media (max-width: 40rem) {
      .actions-cell::before {
        content: none;
      }
      .actions-cell {
        display: block;
        padding-block: 0.5rem 0.25rem;
      }
    }
  `,
})
export class UserTableComponent {
  readonly users = input.required<readonly UserView[]>();
  readonly caption = input('Users');
  /** The signed-in admin: never offered to deactivate themselves. */
  readonly meId = input<string | null>(null);
  /** The user whose change is on its way (their button waits). */
  readonly busyId = input<string | null>(null);
  readonly deactivate = output<UserView>();
  readonly reactivate = output<UserView>();
  readonly edit = output<UserView>();
  readonly newPassword = output<UserView>();
  /** A student's reading tools (test-taker tools). */
  readonly tools = output<UserView>();

  /** Admins manage teachers and students, never themselves (nor other admins). */
  protected manageable(u: UserView): boolean {
    return (u.role === 'teacher' || u.role === 'student') && u.id !== this.meId();
  }

  protected roleLabel(role: Role): string {
    return ROLE_LABELS[role];
  }
}
