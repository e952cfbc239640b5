/**
 * Facility (x) against discrimination (y): one labelled point per question, so the easy ones
 * that separate nobody and the ones that work against the total stand out. A dashed line
 * marks discrimination 30 (good). Flagged questions are red triangles (and say so in the
 * table under the chart).
 */
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ChartConfiguration, Plugin } from 'chart.js';
import type { QuestionStatistics } from '@exam/contracts';
import { CHART_COLORS, ChartCanvasComponent } from './chart-canvas.component';
import { num, pct } from './stats-labels';

interface Point {
  x: number;
  y: number;
  label: string;
}

export const GOOD_DISCRIMINATION = 30;

/** Draws "Q1".."Qn" next to each point and the "good" line (a plugin, not a drawn chart). */
const labels: Plugin<'scatter'> = {
  id: 'examPointLabels',
  afterDatasetsDraw(chart) {
    const { ctx, chartArea, scales } = chart;
    ctx.save();
    const y = scales['y'].getPixelForValue(GOOD_DISCRIMINATION);
    if (y >= chartArea.top && y <= chartArea.bottom) {
      ctx.strokeStyle = CHART_COLORS.success;
      ctx.setLineDash([6, 4]);
      ctx.beginPath();
      ctx.moveTo(chartArea.left, y);
      ctx.lineTo(chartArea.right, y);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = CHART_COLORS.success;
      ctx.font = '12px system-ui, sans-serif';
      ctx.textAlign = 'left';
      ctx.fillText(`${GOOD_DISCRIMINATION} and above: good`, chartArea.left + 4, y - 5);
    }
    ctx.fillStyle = CHART_COLORS.text;
    ctx.font = '600 11px system-ui, sans-serif';
    ctx.textAlign = 'left';
    chart.data.datasets.forEach((ds, i) => {
      const meta = chart.getDatasetMeta(i);
      if (meta.hidden) return;
      meta.data.forEach((el, j) => {
        const p = ds.data[j] as unknown as Point;
        ctx.fillText(p.label, el.x + 6, el.y - 5);
      });
    });
    ctx.restore();
  },
};

export function scatterSummary(qs: readonly QuestionStatistics[]): string {
  const pts = qs.filter((q) => q.facility !== null && q.discrimination !== null);
  if (!pts.length) return 'Facility against discrimination: not enough answers yet.';
  const good = pts.filter((q) => (q.discrimination ?? 0) >= GOOD_DISCRIMINATION).length;
  const negative = pts.filter((q) => (q.discrimination ?? 0) < 0).map((q) => `Q${q.position}`);
  return (
    `Facility against discrimination for ${pts.length} questions: ${good} discriminate well (30 or more)` +
    (negative.length ? `; ${negative.join(', ')} below 0 (check the key).` : '; none below 0.')
  );
}

@Component({
  selector: 'exam-stats-scatter',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ChartCanvasComponent],
  template: `
    <section class="card chart-card" aria-labelledby="scatter-heading">
      <h2 id="scatter-heading">Facility and discrimination</h2>
      <p class="hint">
        Each point is a question. Right = easier, higher = better at telling strong students from
        weak ones. Look again at questions low on the chart, and at the red triangles (flagged).
      </p>
      <exam-chart-canvas [config]="config()" [label]="summary()" height="22rem" />
      <details class="numbers">
        <summary>The numbers of this chart</summary>
        <div
          class="table-wrap"
          tabindex="0"
          role="region"
          aria-label="Numbers of the facility and discrimination chart"
        >
          <table class="mini" data-testid="scatter-table">
            <caption class="visually-hidden">
              Facility and discrimination per question
            </caption>
            <thead>
              <tr>
                <th scope="col">Question</th>
                <th scope="col">Facility</th>
                <th scope="col">Discrimination</th>
                <th scope="col">Flagged</th>
              </tr>
            </thead>
            <tbody>
              @for (q of questions(); track q.questionId) {
                <tr>
                  <th scope="row">Q{{ q.position }}</th>
                  <td>{{ pct(q.facility) }}</td>
                  <td>{{ num(q.discrimination, 1) }}</td>
                  <td>{{ q.flags.length ? '⚠ Yes' : 'No' }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      </details>
    </section>
  `,
  styleUrl: './stats-charts.css',
})
export class StatsScatterComponent {
  readonly questions = input.required<QuestionStatistics[]>();
  protected readonly pct = pct;
  protected readonly num = num;
  protected readonly summary = computed(() => scatterSummary(this.questions()));

  protected readonly config = computed((): ChartConfiguration => {
    const pts = (flagged: boolean): Point[] =>
      this.questions()
        .filter((q) => q.facility !== null && q.discrimination !== null)
        .filter((q) => q.flags.length > 0 === flagged)
        .map((q) => ({ x: q.facility!, y: q.discrimination!, label: `Q${q.position}` }));
    const all = this.questions().map((q) => q.discrimination ?? 0);
    return {
      type: 'scatter',
      data: {
        datasets: [
          {
            label: 'Question',
            data: pts(false),
            backgroundColor: CHART_COLORS.primary,
            pointRadius: 5,
            pointHoverRadius: 7,
          },
          {
            label: 'Flagged question',
            data: pts(true),
            backgroundColor: CHART_COLORS.danger,
            pointStyle: 'triangle',
            pointRadius: 7,
            pointHoverRadius: 9,
          },
        ],
      },
      options: {
        layout: { padding: { right: 16, top: 8 } },
        plugins: {
          legend: { position: 'bottom', labels: { usePointStyle: true } },
          tooltip: {
            callbacks: {
              label: (c) => {
                const p = c.raw as Point;
                return `${p.label}: facility ${pct(p.x)}, discrimination ${num(p.y, 1)}`;
              },
            },
          },
        },
        scales: {
          x: {
            min: 0,
            max: 100,
            title: { display: true, text: 'Facility (% of the points scored; higher = easier)' },
          },
          y: {
            min: Math.min(0, Math.floor(Math.min(...all) / 10) * 10),
            max: 100,
            title: { display: true, text: 'Discrimination' },
          },
        },
      },
      plugins: [labels as Plugin],
    };
  });
}
