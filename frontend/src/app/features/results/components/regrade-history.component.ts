/** The session's regrades, newest first: when, who, what changed, how many students, why. */
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { RegradeChange, RegradeRecord } from '@exam/contracts';
import { ZonedDatePipe } from '../../../core/time/zoned-date.pipe';
import { describeChange } from './regrade-changes';

@Component({
  selector: 'exam-regrade-history',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ZonedDatePipe],
  template: `
    @if (records().length) {
      <div class="card flush wrap">
        <table class="table" data-testid="history-table">
          <caption class="visually-hidden">
            Regrades of this session, newest first
          </caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Students changed</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            @for (r of records(); track r.id) {
              <tr [class.fresh]="r.id === highlight()">
                <td data-label="When" class="nowrap">{{ r.at | zonedDate: 'd MMM y, HH:mm' }}</td>
                <td data-label="Who">{{ r.actorName }}</td>
                <td data-label="What">
                  <span>
                    @for (c of r.changes; track $index) {
                      <span class="line">{{ describe(c) }}</span>
                    }
                  </span>
                </td>
                <td data-label="Students">{{ r.changedAttempts }}</td>
                <td data-label="Why">
                  @if (r.note) {
                    {{ r.note }}
                  } @else {
                    <span class="muted">No note</span>
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    } @else {
      <p class="muted" data-testid="history-empty">No regrade yet: the keys are the exam's own.</p>
    }
  `,
  styles: `
    .wrap {
      padding: 0;
      overflow-x: auto;
    }
    .line {
      display: block;
    }
    .nowrap {
      white-space: nowrap;
    }
    .fresh {
      background: var(--success-soft);
    }
  `,
})
export class RegradeHistoryComponent {
  readonly records = input.required<RegradeRecord[]>();
  readonly positions = input.required<ReadonlyMap<string, number>>();
  /** The record just applied. */
  readonly highlight = input<number | null>(null);

  protected describe(c: RegradeChange): string {
    return describeChange(c, this.positions());
  }
}
