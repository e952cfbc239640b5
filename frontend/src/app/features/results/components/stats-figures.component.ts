/** The exam's figures as cards: value, a verdict or the percent, and one plain sentence. */
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ExamStatistics } from '@exam/contracts';
import { examFigures } from './stats-labels';

@Component({
  selector: 'exam-stats-figures',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dl class="figures">
      @for (f of figures(); track f.key) {
        <div class="card fig" [attr.data-testid]="'figure-' + f.key">
          <dt>{{ f.label }}</dt>
          <dd class="value">{{ f.value }}</dd>
          @if (f.missing) {
            <dd class="why">{{ f.missing }}</dd>
          } @else if (f.extra) {
            <dd class="extra">{{ f.extra }}</dd>
          }
          <dd class="explain">{{ f.explain }}</dd>
        </div>
      }
    </dl>
  `,
  styles: `
    .figures {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr));
      gap: 0.75rem;
      margin: 0 0 1.5rem;
    }
    .fig {
      padding: 1rem;
    }
    dt {
      font-weight: 600;
      color: var(--text-muted);
      font-size: 0.9rem;
    }
    dd {
      margin: 0;
    }
    .value {
      font-size: 1.5rem;
      font-weight: 700;
      line-height: 1.3;
    }
    .extra {
      font-weight: 600;
    }
    .why {
      font-weight: 600;
      color: #7a2e0e;
    }
    .explain {
      margin-block-start: 0.35rem;
      color: var(--text-muted);
      font-size: 0.875rem;
    }
  `,
})
export class StatsFiguresComponent {
  readonly exam = input.required<ExamStatistics>();
  protected readonly figures = computed(() => examFigures(this.exam()));
}
