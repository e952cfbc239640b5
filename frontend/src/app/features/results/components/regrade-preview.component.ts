/** What a regrade changes: before → after per student (score, percent, result) and why. */
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { RegradePreview, ScoreTotals } from '@exam/contracts';
import { RESULT_LABELS, formatPoints } from '../data-access/result-labels';

export function totalsText(t: ScoreTotals): string {
  const result = t.result ? RESULT_LABELS[t.result] : 'Did not take part';
  return `${formatPoints(t.score)} / ${formatPoints(t.maxScore)} · ${formatPoints(t.percent)} % · ${result}`;
}

@Component({
  selector: 'exam-regrade-preview',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let p = preview();
    <p class="summary" data-testid="preview-summary">
      @if (p.changed.length) {
        <span class="strong">{{ students(p.changed.length) }}</span>
        {{ p.changed.length === 1 ? 'gets a different result' : 'get a different result' }}.
      } @else {
        <span class="strong">No student's result changes.</span>
      }
      {{ students(p.unchanged) }} unchanged.
    </p>
    @if (p.changed.length) {
      <div class="card flush wrap">
        <table class="table" data-testid="preview-table">
          <caption class="visually-hidden">
            {{
              caption()
            }}
          </caption>
          <thead>
            <tr>
              <th scope="col">Student</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
              <th scope="col">Questions that change</th>
            </tr>
          </thead>
          <tbody>
            @for (d of p.changed; track d.studentSessionId) {
              <tr>
                <td data-label="Student" class="strong">{{ d.studentName }}</td>
                <td data-label="Before">{{ totals(d.before) }}</td>
                <td data-label="After">
                  <span
                    ><span class="arrow" aria-hidden="true">→ </span>{{ totals(d.after) }}
                    @if (d.after.result !== d.before.result) {
                      <span class="badge" [class.badge-ok]="d.after.result === 'passed'">
                        {{
                          d.after.result === 'passed'
                            ? '▲ now passes'
                            : d.after.result === 'failed'
                              ? '▼ now fails'
                              : 'result changes'
                        }}
                      </span>
                    }
                  </span>
                </td>
                <td data-label="Questions">
                  <span>
                    @for (c of d.questions; track c.questionId) {
                      <span class="q"
                        >{{ label(c.questionId) }}: {{ pts(c.before) }} → {{ pts(c.after) }}</span
                      >
                    } @empty {
                      <span class="muted">Only the total</span>
                    }
                  </span>
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    }
  `,
  styles: `
    .wrap {
      padding: 0;
      overflow-x: auto;
    }
    .summary {
      font-size: 1.05rem;
    }
    .strong {
      font-weight: 600;
    }
    @media (max-width: 40rem) {
      .arrow {
        display: none;
      }
    }
    .q {
      display: block;
      white-space: nowrap;
    }
    .badge {
      margin-inline-start: 0.35rem;
      background: #fef0c7;
      color: #7a2e0e;
    }
    .badge-ok {
      background: var(--success-soft);
      color: var(--success);
    }
  `,
})
export class RegradePreviewComponent {
  readonly preview = input.required<RegradePreview>();
  readonly positions = input.required<ReadonlyMap<string, number>>();
  readonly caption = input('Students whose result changes');
  protected readonly totals = totalsText;

  protected students(n: number): string {
    return n === 1 ? '1 student' : `${n} students`;
  }

  protected pts(x: number | null): string {
    return x === null ? 'not counted' : formatPoints(x);
  }

  protected label(questionId: string): string {
    const p = this.positions().get(questionId);
    return p ? `Q${p}` : 'Question';
  }
}
