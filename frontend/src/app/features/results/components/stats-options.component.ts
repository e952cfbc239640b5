/**
 * The options of one choice question: how often each was chosen overall, by the top 27 % and
 * by the bottom 27 % of the class (a good distractor attracts the bottom group more). Shown in
 * an expandable section; the chart is built only when it is opened.
 */
import { PlainTextPipe } from '../../../shared/rich-text/rich-text';
import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import type { ChartConfiguration } from 'chart.js';
import type { QuestionStatistics } from '@exam/contracts';
import { CHART_COLORS, ChartCanvasComponent } from './chart-canvas.component';
import { pct } from './stats-labels';

const share = (count: number, of: number) => (of > 0 ? Math.round((count / of) * 1000) / 10 : 0);

const short = (s: string) => (s.length > 28 ? `${s.slice(0, 27)}…` : s);

export function optionLabel(text: string, correct: boolean): string {
  return correct ? `✓ ${text} (correct)` : text;
}

@Component({
  selector: 'exam-stats-options',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ChartCanvasComponent, PlainTextPipe],
  template: `
    <details class="opt" (toggle)="onToggle($event)">
      <summary>
        <span class="strong">Q{{ question().position }}</span>
        {{ question().prompt | plainText: question().format }}
      </summary>
      <div class="pair">
        @if (open()) {
          <exam-chart-canvas [config]="config()" [label]="summary()" [height]="height()" />
        }
        <div class="table-wrap">
          <table class="mini" [attr.data-testid]="'options-' + question().position">
            <caption class="visually-hidden">
              Options of question
              {{
                question().position
              }}: percent of each group who chose it (number of students)
            </caption>
            <thead>
              <tr>
                <th scope="col">Option</th>
                <th scope="col">All students ({{ question().n }})</th>
                <th scope="col">Top 27 % ({{ groupSize() }})</th>
                <th scope="col">Bottom 27 % ({{ groupSize() }})</th>
              </tr>
            </thead>
            <tbody>
              @for (o of question().options ?? []; track o.optionId) {
                <tr>
                  <th scope="row" [class.ok]="o.correct">{{ label(o.text, o.correct) }}</th>
                  <td>
                    {{ cell(o.chosen, question().n) }} <span class="muted">({{ o.chosen }})</span>
                  </td>
                  <td>
                    {{ cell(o.top, groupSize()) }} <span class="muted">({{ o.top }})</span>
                  </td>
                  <td>
                    {{ cell(o.bottom, groupSize()) }} <span class="muted">({{ o.bottom }})</span>
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      </div>
    </details>
  `,
  styleUrl: './stats-charts.css',
  styles: `
    .opt {
      border-block-end: 1px solid var(--border);
      padding-block: 0.5rem;
    }
    .opt summary {
      cursor: pointer;
      min-block-size: 2rem;
    }
    .opt[open] summary {
      margin-block-end: 0.5rem;
    }
  `,
})
export class StatsOptionsComponent {
  readonly question = input.required<QuestionStatistics>();
  readonly groupSize = input.required<number>();
  protected readonly open = signal(false);
  protected readonly pct = pct;
  protected readonly share = share;
  protected readonly label = optionLabel;

  protected readonly height = computed(
    () => `${Math.max(10, 4 + (this.question().options?.length ?? 0) * 3)}rem`,
  );

  protected readonly summary = computed(() => {
    const q = this.question();
    const parts = (q.options ?? []).map(
      (o) =>
        `${optionLabel(o.text, o.correct)}: ${pct(share(o.chosen, q.n))} overall, ${pct(
          share(o.top, this.groupSize()),
        )} of the top group, ${pct(share(o.bottom, this.groupSize()))} of the bottom group`,
    );
    return `Options of question ${q.position}, chosen by percent of each group. ${parts.join('; ')}.`;
  });

  protected readonly config = computed((): ChartConfiguration => {
    const q = this.question();
    const opts = q.options ?? [];
    const g = this.groupSize();
    return {
      type: 'bar',
      data: {
        labels: opts.map((o) => optionLabel(o.text, o.correct)),
        datasets: [
          {
            label: 'All students',
            data: opts.map((o) => share(o.chosen, q.n)),
            backgroundColor: CHART_COLORS.primary,
          },
          {
            label: 'Top 27 %',
            data: opts.map((o) => share(o.top, g)),
            backgroundColor: CHART_COLORS.success,
          },
          {
            label: 'Bottom 27 %',
            data: opts.map((o) => share(o.bottom, g)),
            backgroundColor: CHART_COLORS.warning,
          },
        ],
      },
      options: {
        indexAxis: 'y',
        plugins: {
          legend: { position: 'bottom' },
          tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${pct(c.raw as number)}` } },
        },
        scales: {
          x: { min: 0, max: 100, title: { display: true, text: '% of the group who chose it' } },
          y: {
            ticks: {
              autoSkip: false,
              callback: (_v, i) => short(optionLabel(opts[i]?.text ?? '', !!opts[i]?.correct)),
            },
          },
        },
      },
    };
  });

  /** "16.7 %" that never breaks before the sign. */
  protected cell(count: number, of: number): string {
    return pct(share(count, of)).replace(' ', '\u00a0');
  }

  protected onToggle(event: Event): void {
    this.open.set((event.target as HTMLDetailsElement).open);
  }
}
