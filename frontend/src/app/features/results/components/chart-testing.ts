/**
 * A stand-in for chart.js in unit tests (jsdom has no canvas): records the charts made, their
 * configs and updates. Only specs import it. Use with `jest.mock('chart.js', () => require('…/chart-testing').fakeChartJs())`.
 */
export interface FakeChart {
  canvas: HTMLCanvasElement;
  config: { type: string; data: unknown; options?: unknown };
  data: unknown;
  options: unknown;
  updates: number;
  destroyed: boolean;
}

export const fakeCharts: FakeChart[] = [];

export function fakeChartJs(): Record<string, unknown> {
  class Chart implements FakeChart {
    static defaults = { font: {}, animation: true } as Record<string, unknown>;
    static register = (): void => undefined;
    data: unknown;
    options: unknown;
    updates = 0;
    destroyed = false;
    constructor(
      public canvas: HTMLCanvasElement,
      public config: FakeChart['config'],
    ) {
      this.data = config.data;
      this.options = config.options;
      fakeCharts.push(this);
    }
    update(): void {
      this.updates++;
    }
    destroy(): void {
      this.destroyed = true;
    }
  }
  const piece = {};
  return {
    Chart,
    BarController: piece,
    BarElement: piece,
    CategoryScale: piece,
    LinearScale: piece,
    PointElement: piece,
    ScatterController: piece,
    Tooltip: piece,
    Legend: piece,
  };
}
