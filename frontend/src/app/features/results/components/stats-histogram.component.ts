/**
 * The score histogram: how many attempts scored in each 10 % band, as a bar chart with the
 * same numbers in a table beside it.
 */
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ChartConfiguration } from 'chart.js';
import type { HistogramBin } from '@exam/contracts';
import { CHART_COLORS, ChartCanvasComponent } from './chart-canvas.component';

export function binLabel(b: HistogramBin): string {
  return `${b.from}–${b.to} %`;
}

/** One sentence for screen readers: total and the largest band(s). */
export function histogramSummary(bins: readonly HistogramBin[]): string {
  const total = bins.reduce((s, b) => s + b.count, 0);
  if (total === 0) return 'Score distribution: no finished attempts yet.';
  const max = Math.max(...bins.map((b) => b.count));
  const top = bins.filter((b) => b.count === max).map(binLabel);
  const students = (n: number) => (n === 1 ? '1 student' : `${n} students`);
  return `Score distribution of ${students(total)} in bands of 10 %: the largest ${
    top.length > 1 ? 'bands are' : 'band is'
  } ${top.join(', ')} with ${students(max)}${top.length > 1 ? ' each' : ''}.`;
}

@Component({
  selector: 'exam-stats-histogram',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ChartCanvasComponent],
  template: `
    <section class="card chart-card" aria-labelledby="hist-heading">
      <h2 id="hist-heading">Score distribution</h2>
      <p class="hint">How many students scored in each band of the total, in percent.</p>
      <div class="pair">
        <exam-chart-canvas [config]="config()" [label]="summary()" height="20rem" />
        <div class="table-wrap">
          <table class="mini" data-testid="histogram-table">
            <caption class="visually-hidden">
              Students per score band
            </caption>
            <thead>
              <tr>
                <th scope="col">Score</th>
                <th scope="col">Students</th>
              </tr>
            </thead>
            <tbody>
              @for (b of bins(); track b.from) {
                <tr>
                  <th scope="row">{{ label(b) }}</th>
                  <td>{{ b.count }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      </div>
    </section>
  `,
  styleUrl: './stats-charts.css',
})
export class StatsHistogramComponent {
  readonly bins = input.required<HistogramBin[]>();
  protected readonly label = binLabel;
  protected readonly summary = computed(() => histogramSummary(this.bins()));
  protected readonly config = computed((): ChartConfiguration => ({
    type: 'bar',
    data: {
      // The axis title says "%": shorter ticks stay readable at phone width.
      labels: this.bins().map((b) => `${b.from}–${b.to}`),
      datasets: [
        {
          label: 'Students',
          data: this.bins().map((b) => b.count),
          backgroundColor: CHART_COLORS.primary,
          borderRadius: 3,
        },
      ],
    },
    options: {
      plugins: { legend: { display: false } },
      scales: {
        x: { title: { display: true, text: 'Score (% of the points)' }, grid: { display: false } },
        y: {
          beginAtZero: true,
          ticks: { precision: 0 },
          title: { display: true, text: 'Students' },
        },
      },
    },
  }));
}
