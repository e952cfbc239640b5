/**
 * What a class import did or would do: the refused rows (line, email, what to fix) first,
 * since they need the admin's attention, then the accounts created, or to be created by a
 * check. After the real import the table shows each generated password, the only time it is
 * ever shown. Presentational: the import panel asks the server.
 */
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { ImportUsersReport } from '@exam/contracts';

@Component({
  selector: 'exam-import-report',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let r = report();
    @if (r.refused.length) {
      <h4 id="refused-heading">
        {r.refused.length, plural, =1 {1 row refused} other {{{ r.refused.length }} rows refused}}
      </h4>
      <p class="hint">
        @if (!r.dryRun) {
          These rows were not imported. Fix them, then import a file with only these rows (the
          others already have their accounts).
        } @else if (r.created.length) {
          These rows will not be imported. Fix them in your file and check again, or import the
          others now and these later.
        } @else {
          Fix these rows in your file, then check it again.
        }
      </p>
      <table class="table refused" aria-labelledby="refused-heading" data-testid="refused-rows">
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Email</th>
            <th scope="col">What to fix</th>
          </tr>
        </thead>
        <tbody>
          @for (x of r.refused; track x.line) {
            <tr>
              <td data-label="Line">{{ x.line }}</td>
              <td data-label="Email">{{ x.email ?? '(none)' }}</td>
              <td data-label="What to fix">{{ x.reason }}</td>
            </tr>
          }
        </tbody>
      </table>
    }

    @if (r.created.length) {
      <h4 id="created-heading">
        @if (r.dryRun) {
          {r.created.length, plural,
            =1 {1 account to create}
            other {{{ r.created.length }} accounts to create}
          }
        } @else {
          {r.created.length, plural,
            =1 {1 account created}
            other {{{ r.created.length }} accounts created}
          }
        }
      </h4>
      <table class="table" aria-labelledby="created-heading" data-testid="created-rows">
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            @if (!r.dryRun) {
              <th scope="col">Password</th>
            }
          </tr>
        </thead>
        <tbody>
          @for (u of r.created; track u.line) {
            <tr>
              <td data-label="Line">{{ u.line }}</td>
              <td data-label="Name">{{ u.displayName }}</td>
              <td data-label="Email">{{ u.email }}</td>
              <td data-label="Role">
                <span>
                  {{ u.role === 'teacher' ? 'Teacher' : 'Student' }}
                  @if (u.extraTimePercent) {
                    <span class="extra">+{{ u.extraTimePercent }} % time</span>
                  }
                </span>
              </td>
              @if (!r.dryRun) {
                <td data-label="Password">
                  @if (u.generatedPassword; as pw) {
                    <code class="pw" data-testid="generated-password">{{ pw }}</code>
                  } @else {
                    <span class="muted">The one in your file</span>
                  }
                </td>
              }
            </tr>
          }
        </tbody>
      </table>
    }
  `,
  styles: `
    h4 {
      font-size: 1.05rem;
      margin: 1.25rem 0 0.5rem;
    }
    .hint {
      margin-block-end: 0.5rem;
    }
    .table {
      border: 1px solid var(--border);
    }
    .refused td:first-child,
    .refused th:first-child {
      inline-size: 4.5rem;
    }
    .refused tbody tr {
      background: var(--danger-soft);
    }
    .extra {
      display: block;
      font-size: 0.875rem;
      color: var(--text-muted);
    }
    .pw {
      font-family: var(--mono);
      font-size: 1rem;
      user-select: all;
    }
    td {
      overflow-wrap: anywhere;
    }
  `,
})
export class ImportReportComponent {
  readonly report = input.required<ImportUsersReport>();
}
