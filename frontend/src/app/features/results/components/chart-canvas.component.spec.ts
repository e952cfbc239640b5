import { TestBed } from '@angular/core/testing';
import type { ChartConfiguration } from 'chart.js';
import { fakeCharts } from './chart-testing';
import { ChartCanvasComponent } from './chart-canvas.component';

jest.mock('chart.js', () =>
  (jest.requireActual('./chart-testing') as typeof import('./chart-testing')).fakeChartJs(),
);

const bar = (data: number[]): ChartConfiguration => ({
  type: 'bar',
  data: { labels: data.map(String), datasets: [{ label: 'Students', data }] },
  options: {},
});

describe('ChartCanvasComponent', () => {
  beforeEach(() => (fakeCharts.length = 0));

  it('draws one chart on a labelled canvas, updates it in place and destroys it', async () => {
    const fixture = TestBed.createComponent(ChartCanvasComponent);
    fixture.componentRef.setInput('config', bar([1, 2]));
    fixture.componentRef.setInput('label', 'Two bars: 1 and 2 students.');
    await fixture.whenStable();
    const canvas = (fixture.nativeElement as HTMLElement).querySelector('canvas')!;
    expect(canvas.getAttribute('role')).toBe('img');
    expect(canvas.getAttribute('aria-label')).toBe('Two bars: 1 and 2 students.');
    expect(fakeCharts).toHaveLength(1);
    expect(fakeCharts[0].canvas).toBe(canvas);

    fixture.componentRef.setInput('config', bar([3, 4]));
    await fixture.whenStable();
    expect(fakeCharts).toHaveLength(1);
    expect(fakeCharts[0].updates).toBe(1);
    expect(
      (fakeCharts[0].data as { datasets: Array<{ data: number[] }> }).datasets[0].data,
    ).toEqual([3, 4]);

    fixture.destroy();
    expect(fakeCharts[0].destroyed).toBe(true);
  });
});
