/** One page of users as a table (stacked rows on narrow screens). Presentational. */
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
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
        <col class="c-extra" />
        <col class="c-added" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Email</th>
          <th scope="col">Role</th>
          <th scope="col">Extra time</th>
          <th scope="col">Added</th>
        </tr>
      </thead>
      <tbody>
        @for (u of users(); track u.id) {
          <tr>
            <td data-label="Name" class="name">{{ u.displayName }}</td>
            <td data-label="Email">{{ u.email }}</td>
            <td data-label="Role">
              <span class="badge">{{ roleLabel(u.role) }}</span>
            </td>
            <td data-label="Extra time">
              {{ u.extraTimePercent ? '+' + u.extraTimePercent + ' %' : '–' }}
            </td>
            <td data-label="Added">{{ u.createdAt | zonedDate: 'mediumDate' }}</td>
          </tr>
        }
      </tbody>
    </table>
  `,
  styles: `
    .name {
      font-weight: 600;
    }
    @media (min-width: 40.01rem) {
      .table {
        table-layout: fixed;
      }
      td {
        overflow-wrap: anywhere;
      }
      .c-name {
        inline-size: 21%;
      }
      .c-email {
        inline-size: 33%;
      }
      .c-role {
        inline-size: 15%;
      }
      .c-extra {
        inline-size: 11%;
      }
      .c-added {
        inline-size: 20%;
      }
    }
  `,
})
export class UserTableComponent {
  readonly users = input.required<readonly UserView[]>();
  readonly caption = input('Users');

  protected roleLabel(role: Role): string {
    return ROLE_LABELS[role];
  }
}
