/**
 * One chart.js chart on a canvas. Only the pieces the results charts use are registered (bar
 * and scatter), so the lazy chunk stays small. The canvas is an image with a one-sentence
 * summary; every chart on the page has a data table with the same numbers next to it.
 * Animations are off: the statistics refresh every few seconds while a session runs.
 */
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterRenderEffect,
  inject,
  input,
  viewChild,
} from '@angular/core';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  PointElement,
  ScatterController,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  PointElement,
  ScatterController,
  Tooltip,
  Legend,
);

/** Colours of the results charts: each at least 4.5:1 on white. */
export const CHART_COLORS = {
  text: '#1a1f26',
  muted: '#4b5563',
  grid: '#d5d9e0',
  primary: '#1d4ed8',
  danger: '#b42318',
  success: '#067647',
  warning: '#b54708',
} as const;

let defaultsSet = false;
function setDefaults(): void {
  if (defaultsSet || !Chart.defaults) return;
  defaultsSet = true;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily || 'system-ui';
  Chart.defaults.font.size = 13;
  Chart.defaults.color = CHART_COLORS.muted;
  Chart.defaults.borderColor = CHART_COLORS.grid;
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.responsive = true;
}

@Component({
  selector: 'exam-chart-canvas',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<div class="box" [style.height]="height()">
    <canvas #canvas role="img" [attr.aria-label]="label()">{{ label() }}</canvas>
  </div>`,
  styles: `
    .box {
      position: relative;
      inline-size: 100%;
      min-inline-size: 0;
    }
  `,
})
export class ChartCanvasComponent {
  readonly config = input.required<ChartConfiguration>();
  /** What the chart shows, in one sentence (the canvas's accessible name). */
  readonly label = input.required<string>();
  readonly height = input('18rem');

  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private chart: Chart | null = null;

  constructor() {
    afterRenderEffect(() => {
      const config = this.config();
      const canvas = this.canvas().nativeElement;
      setDefaults();
      if (!this.chart) {
        this.chart = new Chart(canvas, config);
        return;
      }
      // Same chart, new numbers: update in place (no flicker on live refresh).
      this.chart.data = config.data;
      if (config.options) this.chart.options = config.options;
      this.chart.update('none');
    });
    inject(DestroyRef).onDestroy(() => {
      this.chart?.destroy();
      this.chart = null;
    });
  }
}
