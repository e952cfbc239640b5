/**
 * One page of users as a table (stacked rows on narrow screens): name, email, role with any
 * extra-time accommodation, when added, and each account's status with, for teachers and
 * students, a Deactivate or Reactivate button. Presentational: the page
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
      <colgroup>
        <col class="c-name" />
        <col class="c-email" />
        <col class="c-role" />
        <col class="c-added" />
        <col class="c-status" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Email</th>
          <th scope="col">Role</th>
          <th scope="col">Added</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        @for (u of users(); track u.id) {
          <tr [class.inactive]="u.active === false">
            <td data-label="Name" class="name">{{ u.displayName }}</td>
            <td data-label="Email">{{ u.email }}</td>
            <td data-label="Role">
              <span>
                <span class="badge">{{ roleLabel(u.role) }}</span>
                @if (u.extraTimePercent) {
                  <span class="extra">+{{ u.extraTimePercent }} % time</span>
                }
              </span>
            </td>
            <td data-label="Added">{{ u.createdAt | zonedDate: 'mediumDate' }}</td>
            <td data-label="Status">
              <span class="status">
                @if (u.active === false) {
                  <span class="badge badge-off" data-testid="user-status">Deactivated</span>
                } @else {
                  <span class="badge badge-on" data-testid="user-status">Active</span>
                }
                @if (manageable(u)) {
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
                }
              </span>
            </td>
          </tr>
        }
      </tbody>
    </table>
  `,
  styles: `
    .name {
      font-weight: 600;
    }
    .extra {
      display: block;
      margin-block-start: 0.25rem;
      font-size: 0.875rem;
      color: var(--text-muted);
      white-space: nowrap;
    }
    .status {
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
    .inactive td:nth-child(2) {
      color: var(--text-muted);
    }
    .btn-danger-quiet {
      color: var(--danger);
      border-color: var(--danger);
    }
    @media (min-width: 40.01rem) {
      .table {
        table-layout: fixed;
      }
      td {
        overflow-wrap: anywhere;
      }
      .c-name {
        inline-size: 20%;
      }
      .c-email {
        inline-size: 30%;
      }
      .c-role {
        inline-size: 15%;
      }
      .c-added {
        inline-size: 15%;
      }
      .c-status {
        inline-size: 20%;
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

  /** Admins deactivate and reactivate teachers and students, never themselves. */
  protected manageable(u: UserView): boolean {
    return (u.role === 'teacher' || u.role === 'student') && u.id !== this.meId();
  }

  protected roleLabel(role: Role): string {
    return ROLE_LABELS[role];
  }
}
