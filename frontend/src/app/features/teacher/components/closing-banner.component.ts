/**
 * While everyone finishes their own time: how many are still working and until when the last
 * of them may work, each with their time left, and "End now" for a teacher who cannot wait.
 */
import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { formatClock } from '../../../core/live/server-clock';
import { AcademyTimeZone } from '../../../core/time/academy-time-zone';
import { formatZoned } from '../../../core/time/zoned-format';
import { lastDeadline, type WorkingStudent } from '../data-access/still-working';

@Component({
  selector: 'exam-closing-banner',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="closing" aria-labelledby="closing-title" data-testid="closing-banner">
      <div class="text">
        <h2 id="closing-title" role="status" data-testid="closing-summary">
          @if (working().length === 0) {
            Finishing: nobody is still working, the exam completes now
          } @else {
            Finishing:
            {working().length, plural,
              =1 {1 student still working}
              other {{{ working().length }} students still working}

            }<span>{{ untilText() }}</span>
          }
        </h2>
        <p>Nobody new can start. The exam completes by itself when the last student is done.</p>
        @if (working().length) {
          <ul>
            @for (w of working(); track w.studentId) {
              <li>
                {{ w.name }}
                @if (w.remainingMs !== null) {
                  – <span class="left">{{ clock(w.remainingMs) }}</span> left
                }
              </li>
            }
          </ul>
        }
      </div>
      <button type="button" class="btn btn-danger" [disabled]="busy()" (click)="endNow.emit()">
        End now…
      </button>
    </section>
  `,
  styles: `
    .closing {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem 1.5rem;
      align-items: flex-start;
      justify-content: space-between;
      margin-block-end: 1rem;
      padding: 1rem;
      border-radius: var(--radius);
      border-inline-start: 6px solid var(--warning);
      background: #fff4e5;
      color: #5c2406;
    }
    h2 {
      margin: 0 0 0.25rem;
      font-size: 1.15rem;
    }
    p {
      margin: 0 0 0.25rem;
    }
    ul {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1.25rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .left {
      font-family: var(--mono);
      font-weight: 600;
    }
    .btn-danger {
      border-color: var(--danger);
      color: var(--danger);
      background: var(--surface);
    }
  `,
})
export class ClosingBannerComponent {
  /** Students still working, most time left first. */
  readonly working = input.required<readonly WorkingStudent[]>();
  readonly busy = input(false);
  readonly endNow = output<void>();

  private readonly zone = inject(AcademyTimeZone).zone;
  /** ", the last until 11:42" (the latest deadline of those still working). */
  protected readonly untilText = computed(() => {
    const last = lastDeadline(this.working());
    return last === null ? '' : `, the last until ${formatZoned(last, 'HH:mm', this.zone())}`;
  });
  protected readonly clock = formatClock;
}
