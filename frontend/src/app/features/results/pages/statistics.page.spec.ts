import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { QuestionStatistics, SessionStatisticsView } from '@exam/contracts';
import { fakeCharts } from '../components/chart-testing';
import { STATISTICS_POLL_MS, StatisticsPage } from './statistics.page';

jest.mock('chart.js', () =>
  (
    jest.requireActual(
      '../components/chart-testing',
    ) as typeof import('../components/chart-testing')
  ).fakeChartJs(),
);

const BASE = '/api/v1/exam-sessions/s1';

function question(over: Partial<QuestionStatistics> = {}): QuestionStatistics {
  return {
    questionId: 'q1',
    position: 1,
    type: 'single_choice',
    prompt: 'She ___ to school every day.',
    maxPoints: 1,
    n: 24,
    facility: 41.67,
    sd: 50.36,
    randomGuessScore: 25,
    intendedWeight: 2.56,
    effectiveWeight: 2.85,
    discrimination: 18.7,
    discriminativeEfficiency: 21.33,
    options: [
      { optionId: 'a', text: 'go', correct: false, chosen: 4, top: 0, bottom: 3 },
      { optionId: 'b', text: 'goes', correct: true, chosen: 20, top: 6, bottom: 3 },
    ],
    flags: [],
    ...over,
  };
}

function stats(over: Partial<SessionStatisticsView> = {}): SessionStatisticsView {
  return {
    sessionId: 's1',
    status: 'completed',
    live: false,
    computedAt: 1,
    attempts: { finished: 24, inProgress: 0, pendingManual: 23 },
    exam: {
      n: 24,
      maxScore: 39,
      mean: 20.7,
      median: 20,
      sd: 7.12,
      skewness: -0.11,
      kurtosis: -1.27,
      cronbachAlpha: 0.808,
      errorRatio: 43.81,
      standardError: 3.12,
      groupSize: 6,
      histogram: Array.from({ length: 10 }, (_, i) => ({
        from: i * 10,
        to: i * 10 + 10,
        count: i === 3 ? 6 : i === 6 ? 5 : 1,
      })),
    },
    questions: [
      question(),
      question({
        questionId: 'q2',
        position: 2,
        type: 'true_false',
        prompt: '"Informations" is correct.',
        facility: 95,
        discrimination: -12,
        options: null,
        flags: [
          {
            code: 'negative_discrimination',
            message:
              'Students with low totals did better on this question than students with high totals: check the key.',
          },
        ],
      }),
      question({
        questionId: 'q3',
        position: 3,
        type: 'essay',
        prompt: 'Write about a place.',
        maxPoints: 5,
        n: 1,
        facility: 60,
        sd: null,
        randomGuessScore: null,
        effectiveWeight: null,
        discrimination: null,
        discriminativeEfficiency: null,
        options: null,
      }),
    ],
    ...over,
  };
}

describe('StatisticsPage', () => {
  let fixture: ComponentFixture<StatisticsPage>;
  let el: HTMLElement;
  let http: HttpTestingController;
  const text = (sel: string) =>
    el.querySelector(sel)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const rows = (sel: string) =>
    Array.from(el.querySelectorAll(`${sel} tbody tr`)).map((r) =>
      Array.from(r.children)
        .map((c) => c.textContent!.replace(/\s+/g, ' ').trim())
        .join(' '),
    );

  async function open(view: SessionStatisticsView): Promise<void> {
    fixture = TestBed.createComponent(StatisticsPage);
    fixture.componentRef.setInput('id', 's1');
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    http.expectOne((r) => r.url === `${BASE}/results`).flush({ title: 'English 3B' });
    http.expectOne(`${BASE}/statistics`).flush(view);
    await fixture.whenStable();
  }

  beforeEach(() => {
    fakeCharts.length = 0;
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: STATISTICS_POLL_MS, useValue: 60 },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => {
    fixture.destroy();
    http.verify();
    TestBed.resetTestingModule();
  });

  it('explains the exam figures in plain words', async () => {
    await open(stats());
    expect(text('.session')).toBe('English 3B');
    expect(text('[data-testid=attempts]')).toContain(
      '24 finished · 0 still in progress · 23 answers awaiting grading',
    );
    expect(text('[data-testid=figure-mean]')).toContain('20.7 points');
    expect(text('[data-testid=figure-mean]')).toContain('53.1 % of 39');
    expect(text('[data-testid=figure-median]')).toContain('Half the students');
    expect(text('[data-testid=figure-alpha]')).toContain('0.81');
    expect(text('[data-testid=figure-alpha]')).toContain('0.7 or more is good');
    expect(text('[data-testid=figure-alpha]')).toContain('Good');
    expect(text('[data-testid=figure-sem]')).toContain('3.12 points');
    expect(text('[data-testid=figure-skewness]')).toContain('Balanced');
    expect(el.textContent).not.toContain('Updating live');
  });

  it('shows — with the reason when a figure cannot be computed', async () => {
    await open(
      stats({
        attempts: { finished: 2, inProgress: 0, pendingManual: 0 },
        exam: {
          ...stats().exam,
          n: 2,
          skewness: null,
          kurtosis: null,
          cronbachAlpha: null,
          errorRatio: null,
          standardError: null,
        },
      }),
    );
    expect(text('[data-testid=figure-skewness]')).toContain('—');
    expect(text('[data-testid=figure-skewness]')).toContain(
      'Needs at least 3 finished attempts (2 so far).',
    );
    expect(text('[data-testid=figure-kurtosis]')).toContain('Needs at least 4 finished attempts');
    expect(text('[data-testid=figure-sem]')).toContain('Needs the reliability figure above.');
  });

  it('draws the histogram, the scatter and option charts, each with a table of the same numbers', async () => {
    await open(stats());
    expect(rows('[data-testid=histogram-table]')).toHaveLength(10);
    expect(rows('[data-testid=histogram-table]')[3]).toBe('30–40 % 6');
    const labels = Array.from(el.querySelectorAll('canvas')).map((c) =>
      c.getAttribute('aria-label'),
    );
    expect(labels[0]).toBe(
      'Score distribution of 19 students in bands of 10 %: the largest band is 30–40 % with 6 students.',
    );
    expect(labels[1]).toContain('Facility against discrimination for 2 questions');
    expect(labels[1]).toContain('Q2 below 0 (check the key)');
    expect(fakeCharts.map((c) => c.config.type)).toEqual(['bar', 'scatter']);
    const scatter = fakeCharts[1].config.data as {
      datasets: Array<{ data: Array<{ label: string }> }>;
    };
    expect(scatter.datasets[0].data.map((p) => p.label)).toEqual(['Q1']);
    expect(scatter.datasets[1].data.map((p) => p.label)).toEqual(['Q2']);
    expect(rows('[data-testid=scatter-table]')).toEqual([
      'Q1 41.7 % 18.7 No',
      'Q2 95 % -12 ⚠ Yes',
      'Q3 60 % — No',
    ]);

    // Options: only choice questions, chart made when opened.
    expect(el.querySelectorAll('exam-stats-options')).toHaveLength(1);
    expect(rows('[data-testid=options-1]')).toEqual([
      'go 16.7 % (4) 0 % (0) 50 % (3)',
      '✓ goes (correct) 83.3 % (20) 100 % (6) 50 % (3)',
    ]);
    const details = el.querySelector<HTMLDetailsElement>('details.opt')!;
    details.open = true;
    details.dispatchEvent(new Event('toggle'));
    await fixture.whenStable();
    expect(fakeCharts).toHaveLength(3);
    const opt = fakeCharts[2].config.data as { datasets: Array<{ label: string; data: number[] }> };
    expect(opt.datasets.map((d) => d.label)).toEqual(['All students', 'Top 27 %', 'Bottom 27 %']);
    expect(opt.datasets[1].data).toEqual([0, 100]);
  });

  it('lists questions with flags in full and sorts by facility and discrimination', async () => {
    await open(stats());
    const table = () => rows('[data-testid=question-table]');
    expect(table()).toHaveLength(3);
    expect(table()[0]).toContain('Q1');
    expect(table()[0]).toContain('Single choice');
    expect(table()[0]).toContain('41.7 %');
    expect(table()[1]).toContain(
      '⚠ Strong students did worse: Students with low totals did better on this question than students with high totals: check the key.',
    );
    expect(text('#questions-heading + p')).toContain('1 of 3 questions are flagged');
    // A flagged question links to its fix; every prompt to its answers.
    const links = Array.from(el.querySelectorAll('[data-testid=question-table] a')).map((a) => [
      a.textContent!.trim(),
      a.getAttribute('href'),
    ]);
    expect(links).toContainEqual([
      'Fix Q2 and regrade',
      '/teacher/sessions/s1/regrade?questionId=q2',
    ]);
    expect(links).toContainEqual([
      'Write about a place.',
      '/teacher/sessions/s1/results/questions/q3',
    ]);
    const th = (name: string) =>
      Array.from(el.querySelectorAll('[data-testid=question-table] th')).find((h) =>
        h.textContent!.includes(name),
      )!;
    expect(th('Facility').getAttribute('title')).toContain('higher means easier');

    th('Discrimination').querySelector('button')!.click();
    await fixture.whenStable();
    expect(th('Discrimination').getAttribute('aria-sort')).toBe('ascending');
    expect(table().map((r) => r.slice(0, 2))).toEqual(['Q2', 'Q1', 'Q3']);
    th('Discrimination').querySelector('button')!.click();
    await fixture.whenStable();
    expect(th('Discrimination').getAttribute('aria-sort')).toBe('descending');
    // No value stays last whichever way.
    expect(table().map((r) => r.slice(0, 2))).toEqual(['Q1', 'Q2', 'Q3']);
    th('Facility').querySelector('button')!.click();
    await fixture.whenStable();
    expect(th('Discrimination').getAttribute('aria-sort')).toBeNull();
    expect(table().map((r) => r.slice(0, 2))).toEqual(['Q1', 'Q3', 'Q2']);
  });

  it('updates live every few seconds while the session runs, then stops', async () => {
    await open(
      stats({
        status: 'active',
        live: true,
        attempts: { finished: 5, inProgress: 3, pendingManual: 0 },
      }),
    );
    expect(text('[data-testid=live-note]')).toBe('Updating live: 3 students still taking it.');
    await new Promise((r) => setTimeout(r, 80));
    http.expectOne(`${BASE}/statistics`).flush(
      stats({
        status: 'active',
        live: true,
        attempts: { finished: 7, inProgress: 1, pendingManual: 0 },
      }),
    );
    await fixture.whenStable();
    expect(text('[data-testid=live-note]')).toBe('Updating live: 1 student still taking it.');
    // The charts are updated in place, not drawn again.
    expect(fakeCharts.filter((c) => c.config.type === 'bar')).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 80));
    http.expectOne(`${BASE}/statistics`).flush(stats());
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=live-note]')).toBeNull();
    await new Promise((r) => setTimeout(r, 150));
    http.expectNone(`${BASE}/statistics`);
  });

  it('downloads the statistics as CSV', async () => {
    await open(stats());
    const create = jest.fn(() => 'blob:x');
    Object.assign(URL, { createObjectURL: create, revokeObjectURL: jest.fn() });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => undefined);
    el.querySelector<HTMLButtonElement>('[data-testid=download-csv]')!.click();
    await fixture.whenStable();
    http.expectOne(`${BASE}/export/statistics.csv`).flush(new Blob(['a,b']), {
      headers: { 'content-disposition': 'attachment; filename="english-3b-statistics.csv"' },
    });
    await fixture.whenStable();
    expect(create).toHaveBeenCalled();
    expect(click).toHaveBeenCalled();
    const a = click.mock.instances[0] as unknown as HTMLAnchorElement;
    expect(a.download).toBe('english-3b-statistics.csv');
  });

  it('says there is nothing to analyse before anyone finished', async () => {
    await open(
      stats({
        attempts: { finished: 0, inProgress: 0, pendingManual: 0 },
        exam: { ...stats().exam, n: 0, mean: null, median: null },
        questions: [],
      }),
    );
    expect(el.textContent).toContain('No finished attempts yet');
    expect(el.querySelector('canvas')).toBeNull();
  });
});
