import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { MonitoringOverview } from '@exam/contracts';
import { errorBody } from '../../../../testing/auth-fixtures';
import { linePoints } from '../components/history-chart.component';
import {
  MONITORING_POLL_MS,
  MonitoringPage,
  formatMs,
  formatPercent,
  formatUptime,
} from './monitoring.page';

function overview(over: Partial<MonitoringOverview> = {}): MonitoringOverview {
  const now = Date.UTC(2026, 0, 8, 10);
  return {
    serverNow: now,
    connections: { total: 7, byRole: { admin: 1, teacher: 1, student: 5 } },
    activeSessions: [
      {
        id: 's1',
        title: 'Chemistry 3B',
        status: 'active',
        teacher: { id: 't1', displayName: 'Tom Teacher' },
        launchedAt: now - 600_000,
        enrolled: 6,
        connected: 5,
        completed: 1,
        // The API sends a percentage (0-100), e.g. 26.667.
        averageProgress: 26.667,
      },
    ],
    lastMinute: {
      messagesInPerSecond: 2.25,
      messagesOutPerSecond: 4,
      ackP50Ms: 3.2,
      ackP99Ms: 12.7,
      acks: 40,
    },
    server: {
      connections: 9,
      uptimeSeconds: 3_720,
      memory: { rss: 104_857_600, heapUsed: 1 },
      eventLoopLagP99Ms: 1.5,
    },
    history: [0, 1, 2].map((i) => ({
      at: now - (2 - i) * 60_000,
      connections: i * 3,
      messagesInPerSecond: i,
      messagesOutPerSecond: i,
      ackP50Ms: null,
      ackP99Ms: null,
    })),
    sampleIntervalMs: 10_000,
    ...over,
  };
}

describe('MonitoringPage', () => {
  let fixture: ComponentFixture<MonitoringPage>;
  let el: HTMLElement;
  let http: HttpTestingController;
  /** Every poll that went out since the last look (timers keep running during a test). */
  const poll = () => {
    const reqs = http.match('/api/v1/monitoring/overview');
    expect(reqs.length).toBeGreaterThan(0);
    return {
      flush: (...args: Parameters<(typeof reqs)[0]['flush']>) =>
        reqs.forEach((r) => r.flush(...args)),
    };
  };
  const text = (id: string) =>
    el.querySelector(`[data-testid=${id}]`)?.textContent?.replace(/\s+/g, ' ').trim();

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: MONITORING_POLL_MS, useValue: 150 },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(MonitoringPage);
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });
  afterEach(() => {
    fixture.destroy();
    http.match('/api/v1/monitoring/overview');
    http.verify();
    TestBed.resetTestingModule();
  });

  it('shows live counts, a chart and the live sessions with teacher and progress', async () => {
    poll().flush(overview());
    await fixture.whenStable();
    expect(text('stat-connections')).toContain('7');
    expect(text('stat-connections')).toContain('5 students');
    expect(text('stat-sessions')).toContain('1');
    expect(text('stat-messages')).toContain('2.3');
    expect(text('stat-ack')).toContain('3.2 ms');
    expect(text('stat-ack')).toContain('p99 13 ms');
    expect(text('stat-ack')).toContain('40 answers saved in the last minute');
    const row = el.querySelector('tbody tr')!.textContent!.replace(/\s+/g, ' ');
    expect(row).toContain('Chemistry 3B');
    expect(row).toContain('Tom Teacher');
    expect(row).toContain('5 of 6');
    expect(row).toContain('27 %');
    expect(row).not.toContain('2667');
    expect(el.querySelector('meter')?.getAttribute('max')).toBe('100');
    const link = el.querySelector<HTMLAnchorElement>('[data-testid=live-link]');
    expect(link?.getAttribute('href')).toBe('/teacher/sessions/s1/live');
    expect(link?.textContent).toContain('Chemistry 3B');
    const lines = el.querySelectorAll('svg polyline');
    expect(lines).toHaveLength(2);
    expect(lines[0].getAttribute('points')?.split(' ')).toHaveLength(3);
    expect(el.querySelector('svg')?.getAttribute('aria-label')).toContain('now 6');
    expect(el.textContent).toContain('1 h 2 min');
    expect(el.textContent).toContain('100 MB');
  });

  it('polls again and keeps the last figures when a refresh fails', async () => {
    poll().flush(overview());
    await fixture.whenStable();
    await new Promise((r) => setTimeout(r, 170));
    poll().flush(errorBody(500, 'INTERNAL_ERROR', 'The server had a problem.'), {
      status: 500,
      statusText: 'Server Error',
    });
    await fixture.whenStable();
    expect(text('monitoring-error')).toContain('Could not refresh');
    expect(text('stat-connections')).toContain('7');
    await new Promise((r) => setTimeout(r, 170));
    poll().flush(overview({ activeSessions: [] }));
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=monitoring-error]')).toBeNull();
    expect(text('no-live-sessions')).toContain('No session is running');
  });

  it('says so when no answer was saved in the last minute (not "- / 0 acks")', async () => {
    const o = overview();
    poll().flush({
      ...o,
      lastMinute: { ...o.lastMinute, ackP50Ms: null, ackP99Ms: null, acks: 0 },
    });
    await fixture.whenStable();
    expect(text('stat-ack')).toContain('No answers');
    expect(text('stat-ack')).toContain('No answer was saved in the last minute.');
    expect(text('stat-ack')).not.toContain('–');
  });

  it('formats percentages (already 0-100) and latencies', () => {
    poll().flush(overview());
    expect(formatPercent(26.667)).toBe('27 %');
    expect(formatPercent(100)).toBe('100 %');
    expect(formatPercent(0.4)).toBe('0 %');
    expect(formatPercent(null)).toBe('–');
    expect(formatMs(0.84)).toBe('0.8 ms');
    expect(formatMs(3.2)).toBe('3.2 ms');
    expect(formatMs(12.7)).toBe('13 ms');
    expect(formatMs(null)).toBe('–');
  });

  it('scales chart lines and formats uptime', () => {
    poll().flush(overview());
    expect(linePoints([0, 10], 10)).toBe('4.0,156.0 596.0,4.0');
    expect(linePoints([], 0)).toBe('');
    expect(formatUptime(59)).toBe('0 min');
    expect(formatUptime(90_000)).toBe('1 d 1 h');
  });
});
