/**
 * A small line chart of the last minutes in inline SVG (no chart library): connections and
 * messages per second, each scaled to its own maximum. Screen readers get a one-sentence
 * summary; the numbers themselves are in the page's counters.
 */
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { MonitoringSample } from '@exam/contracts';

const W = 600;
const H = 160;
const PAD = 4;

export interface ChartLine {
  points: string;
  max: number;
}

/** SVG polyline points for `values`, x spread evenly, y scaled to [0, max]. */
export function linePoints(values: readonly number[], max: number): string {
  if (values.length === 0) return '';
  const scale = max > 0 ? max : 1;
  const step = values.length > 1 ? (W - 2 * PAD) / (values.length - 1) : 0;
  return values
    .map((v, i) => {
      const x = PAD + i * step;
      const y = H - PAD - (Math.max(0, v) / scale) * (H - 2 * PAD);
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
}

function line(values: number[]): ChartLine {
  const max = Math.max(0, ...values);
  return { points: linePoints(values, max), max };
}

@Component({
  selector: 'exam-history-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <figure>
      <svg
        [attr.viewBox]="'0 0 ' + width + ' ' + height"
        preserveAspectRatio="none"
        role="img"
        [attr.aria-label]="summary()"
      >
        @for (y of grid; track y) {
          <line class="grid" x1="0" [attr.y1]="y" [attr.x2]="width" [attr.y2]="y" />
        }
        <polyline class="l-conn" [attr.points]="connections().points" />
        <polyline class="l-msg" [attr.points]="messages().points" />
      </svg>
      <figcaption>
        <span class="key conn">Connections (max {{ connections().max }})</span>
        <span class="key msg">Messages/s in + out (max {{ messages().max }})</span>
        <span class="muted">{{ spanLabel() }}</span>
      </figcaption>
    </figure>
  `,
  styles: `
    figure {
      margin: 0;
    }
    svg {
      display: block;
      inline-size: 100%;
      block-size: 10rem;
      background: var(--surface-muted);
      border-radius: var(--radius);
    }
    .grid {
      stroke: var(--border);
      stroke-width: 1;
      vector-effect: non-scaling-stroke;
    }
    polyline {
      fill: none;
      stroke-width: 2.5;
      vector-effect: non-scaling-stroke;
      stroke-linejoin: round;
    }
    .l-conn {
      stroke: var(--primary);
    }
    .l-msg {
      stroke: var(--warning);
      stroke-dasharray: 6 3;
    }
    figcaption {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1rem;
      margin-block-start: 0.5rem;
      font-size: 0.875rem;
    }
    .key::before {
      content: '';
      display: inline-block;
      inline-size: 1.25rem;
      block-size: 0;
      margin-inline-end: 0.35rem;
      vertical-align: middle;
      border-block-start: 3px solid var(--primary);
    }
    .key.msg::before {
      border-block-start: 3px dashed var(--warning);
    }
  `,
})
export class HistoryChartComponent {
  readonly samples = input.required<readonly MonitoringSample[]>();

  protected readonly width = W;
  protected readonly height = H;
  protected readonly grid = [H / 4, H / 2, (3 * H) / 4];

  protected readonly connections = computed(() => line(this.samples().map((s) => s.connections)));
  protected readonly messages = computed(() =>
    line(
      this.samples().map(
        (s) => Math.round((s.messagesInPerSecond + s.messagesOutPerSecond) * 10) / 10,
      ),
    ),
  );
  protected readonly spanLabel = computed(() => {
    const s = this.samples();
    if (s.length < 2) return 'Collecting samples…';
    const minutes = Math.round((s[s.length - 1].at - s[0].at) / 60_000);
    return minutes <= 1 ? 'Last minute' : `Last ${minutes} minutes`;
  });
  protected readonly summary = computed(() => {
    const s = this.samples();
    if (!s.length) return 'Chart of the last minutes: no samples yet.';
    const last = s[s.length - 1];
    return `Chart of the last minutes: connections between 0 and ${this.connections().max}, now ${last.connections}; messages per second up to ${this.messages().max}.`;
  });
}
