import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { errorBody } from '../../../../testing/auth-fixtures';
import { resultRow, resultsView } from '../components/results-fixtures';
import {
  RESULTS_REFRESH_MS,
  RESULTS_SEARCH_DEBOUNCE_MS,
  SessionResultsPage,
} from './session-results.page';

const URL_RESULTS = '/api/v1/exam-sessions/s1/results';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

describe('SessionResultsPage', () => {
  let fixture: ComponentFixture<SessionResultsPage>;
  let el: HTMLElement;
  let http: HttpTestingController;
  const results = () => http.expectOne((r) => r.url === URL_RESULTS);
  const button = (text: string) =>
    Array.from(el.querySelectorAll('button')).find((b) => squash(b.textContent) === text)!;
  const th = (text: string) =>
    Array.from(el.querySelectorAll('thead th')).find((h) =>
      squash(h.textContent).startsWith(text),
    )!;

  async function create(refreshMs = 60_000): Promise<void> {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: RESULTS_REFRESH_MS, useValue: refreshMs },
        { provide: RESULTS_SEARCH_DEBOUNCE_MS, useValue: 5 },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(SessionResultsPage);
    fixture.componentRef.setInput('id', 's1');
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  }

  afterEach(() => {
    http.verify();
    fixture.destroy();
    TestBed.resetTestingModule();
  });

  it('shows the header, the figures, the next steps and one row per student', async () => {
    await create();
    const req = results();
    expect(req.request.params.get('pageSize')).toBe('100');
    expect(req.request.params.get('sort')).toBe('name');
    expect(req.request.params.get('order')).toBe('asc');
    req.flush(resultsView());
    await fixture.whenStable();

    expect(squash(el.querySelector('h1')?.textContent)).toBe('Results: Practice round');
    expect(squash(el.querySelector('.head-sub')?.textContent)).toBe(
      'English Assessment · Finished · pass mark 60 %',
    );
    const figures = Array.from(el.querySelectorAll('[data-testid=results-summary] div')).map(
      (d) =>
        `${squash(d.querySelector('dt')?.textContent)}: ${squash(d.querySelector('dd')?.textContent)}`,
    );
    expect(figures).toEqual([
      'Finished: 2 of 3',
      'Passed: 1',
      'Failed: 0',
      'Awaiting grading: 1',
      'Did not take part: 1',
      'Not finished yet: 0',
      'Average: 59.38 %',
      'Median: 59.38 %',
    ]);
    expect(squash(el.querySelector('[data-testid=grading-waiting]')?.textContent)).toBe(
      '1 student has answers awaiting grading.',
    );
    const hrefs = Array.from(el.querySelectorAll('.links a')).map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual([
      '/teacher/sessions/s1/grading',
      '/teacher/sessions/s1/statistics',
      '/teacher/sessions/s1/regrade',
      '/teacher/sessions/s1/live',
    ]);

    const rows = Array.from(el.querySelectorAll('tbody tr'));
    expect(rows).toHaveLength(3);
    const cells = (r: Element) =>
      Array.from(r.querySelectorAll('th, td')).map((c) => squash(c.textContent));
    const sam = cells(rows[0]);
    expect(sam.slice(0, 6)).toEqual([
      'Sam Student, student1@demo.school',
      '2 / 8',
      '25 %',
      'Awaiting grading',
      '42 min',
      'Submitted',
    ]);
    expect(rows[0].querySelector('a')?.getAttribute('href')).toBe(
      '/teacher/sessions/s1/results/students/a1',
    );
    // Question cells: symbol and points on screen, a full sentence for screen readers.
    const q = Array.from(rows[0].querySelectorAll<HTMLElement>('td.cell'));
    expect(q.map((c) => c.dataset['state'])).toEqual(['correct', 'partial', 'pending']);
    expect(q.map((c) => squash(c.querySelector('[aria-hidden]')?.textContent))).toEqual([
      '✓ 1',
      '◐ 1',
      '?',
    ]);
    expect(squash(q[1].querySelector('.visually-hidden')?.textContent)).toBe(
      'Question 2: 1 of 2 points, partly correct',
    );
    expect(squash(q[2].querySelector('.visually-hidden')?.textContent)).toBe(
      'Question 3: awaiting grading (out of 5 points)',
    );
    expect(cells(rows[2]).slice(1, 6)).toEqual([
      '–',
      '–',
      'Did not take part',
      '–',
      'Did not take part',
    ]);

    // Question headers link to the question's page and show its prompt.
    const q2 = th('Q2');
    expect(q2.querySelector('a')?.getAttribute('href')).toBe(
      '/teacher/sessions/s1/results/questions/q2',
    );
    expect(q2.querySelector('a')?.getAttribute('title')).toBe('Match the opposites');
    expect(squash(q2.textContent)).toContain('2 pt');
    expect(el.querySelector('.legend')?.textContent).toContain('Not counted');
  });

  it('asks the server to sort by a column or a question and marks the header', async () => {
    await create();
    results().flush(resultsView());
    await fixture.whenStable();
    expect(th('Student').getAttribute('aria-sort')).toBe('ascending');
    expect(th('Score').getAttribute('aria-sort')).toBe('none');

    th('Score').querySelector('button')!.click();
    await fixture.whenStable();
    let req = results();
    expect(req.request.params.get('sort')).toBe('score');
    expect(req.request.params.get('order')).toBe('desc');
    req.flush(resultsView());
    await fixture.whenStable();
    expect(th('Score').getAttribute('aria-sort')).toBe('descending');
    expect(th('Percent').getAttribute('aria-sort')).toBe('none');
    expect(th('Student').getAttribute('aria-sort')).toBe('none');

    th('Score').querySelector('button')!.click();
    await fixture.whenStable();
    req = results();
    expect(req.request.params.get('order')).toBe('asc');
    req.flush(resultsView());
    await fixture.whenStable();

    const sortQ2 = el.querySelector<HTMLButtonElement>('button[aria-label="Sort by question 2"]')!;
    sortQ2.click();
    await fixture.whenStable();
    req = results();
    expect(req.request.params.get('sort')).toBe('q:q2');
    expect(req.request.params.get('order')).toBe('desc');
    req.flush(resultsView());
    await fixture.whenStable();
    expect(th('Q2').getAttribute('aria-sort')).toBe('descending');
  });

  it('filters by name (debounced), result and how it ended', async () => {
    await create();
    results().flush(resultsView());
    await fixture.whenStable();

    const search = el.querySelector<HTMLInputElement>('#results-search')!;
    search.value = 'sa';
    search.dispatchEvent(new Event('input'));
    search.value = 'sam';
    search.dispatchEvent(new Event('input'));
    await sleep(20);
    await fixture.whenStable();
    let req = results();
    expect(req.request.params.get('search')).toBe('sam');
    req.flush(resultsView({ items: [resultRow()], total: 1 }));
    await fixture.whenStable();
    expect(squash(el.querySelector('[data-testid=results-count]')?.textContent)).toBe(
      '1 student matches of 3.',
    );

    const result = el.querySelector<HTMLSelectElement>('#results-result')!;
    result.value = 'failed';
    result.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    req = results();
    expect(req.request.params.get('result')).toBe('failed');
    req.flush(resultsView({ items: [], total: 0 }));
    await fixture.whenStable();
    expect(el.querySelector('tbody')?.textContent).toContain('No student matches these filters.');

    const ended = el.querySelector<HTMLSelectElement>('#results-ended')!;
    ended.value = 'deadline';
    ended.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    req = results();
    expect(req.request.params.get('endReason')).toBe('deadline');
    expect(req.request.params.get('search')).toBe('sam');
    req.flush(resultsView({ items: [], total: 0 }));
    await fixture.whenStable();
  });

  it('pages when there are more students than fit on a page', async () => {
    await create();
    results().flush(resultsView({ total: 250 }));
    await fixture.whenStable();
    expect(squash(el.querySelector('.pager span')?.textContent)).toBe('Page 1 of 3');
    button('Next').click();
    await fixture.whenStable();
    const req = results();
    expect(req.request.params.get('page')).toBe('2');
    req.flush(resultsView({ total: 250, page: 2 }));
    await fixture.whenStable();
    expect(squash(el.querySelector('.pager span')?.textContent)).toBe('Page 2 of 3');
  });

  it('releases results once the session has ended and says so', async () => {
    await create();
    results().flush(resultsView());
    await fixture.whenStable();
    expect(squash(el.querySelector('[data-testid=release-current]')?.textContent)).toBe(
      'Now: not released, students see nothing yet',
    );
    const release = button('Release');
    expect(release.disabled).toBe(true); // nothing chosen yet

    const select = el.querySelector<HTMLSelectElement>('#release-mode')!;
    select.value = 'full_review';
    select.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(el.querySelector('#release-explain')?.textContent).toContain('correct answers');
    expect(el.querySelector('#release-why')?.textContent).toContain(
      '1 student has answers awaiting grading',
    );
    expect(release.disabled).toBe(false);
    release.click();
    await fixture.whenStable();
    const req = http.expectOne('/api/v1/exam-sessions/s1/release');
    expect(req.request.method).toBe('PUT');
    expect(req.request.body).toEqual({ mode: 'full_review' });
    req.flush({ mode: 'full_review', releasedAt: Date.UTC(2026, 0, 8, 12), releasedBy: 't1' });
    await fixture.whenStable();

    expect(el.querySelector('[role=status].result')?.textContent).toContain(
      'Released: students now see “Full review (answers, correct answers, comments)”.',
    );
    expect(squash(el.querySelector('[data-testid=release-current]')?.textContent)).toMatch(
      /^Now: Full review \(answers, correct answers, comments\)\. Released 8 Jan 2026/,
    );
    expect(button('Update').disabled).toBe(true);
  });

  it('shows the server refusal when a release fails', async () => {
    await create();
    results().flush(resultsView());
    await fixture.whenStable();
    const select = el.querySelector<HTMLSelectElement>('#release-mode')!;
    select.value = 'score';
    select.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    button('Release').click();
    await fixture.whenStable();
    http
      .expectOne('/api/v1/exam-sessions/s1/release')
      .flush(
        errorBody(
          409,
          'SESSION_NOT_ENDED',
          'The session is active: release results once it has ended.',
        ),
        {
          status: 409,
          statusText: 'Conflict',
        },
      );
    await fixture.whenStable();
    expect(el.querySelector('[role=alert]')?.textContent).toContain(
      'release results once it has ended',
    );
  });

  it('refreshes while the exam runs, with release disabled, and stops when it ends', async () => {
    await create(30);
    const running = resultsView({
      status: 'active',
      items: [resultRow({ score: null, endReason: null, completedAt: null, status: 'joined' })],
      total: 1,
    });
    results().flush(running);
    await fixture.whenStable();
    expect(squash(el.querySelector('[data-testid=live-note]')?.textContent)).toBe(
      'Updating while the exam runs (every 10 seconds).',
    );
    expect(el.querySelector<HTMLSelectElement>('#release-mode')!.disabled).toBe(true);
    expect(button('Release').disabled).toBe(true);
    expect(el.querySelector('#release-why')?.textContent).toContain(
      'You can release results once the exam has ended.',
    );
    const row = el.querySelector('tbody tr')!;
    expect(row.textContent).toContain('Still taking it');
    expect(row.textContent).toContain('Not finished');

    await sleep(60);
    await fixture.whenStable();
    results().flush(resultsView({ status: 'completed' }));
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=live-note]')).toBeNull();
    await sleep(80);
    http.expectNone((r) => r.url === URL_RESULTS);
  });

  it('shows an error when the results cannot be loaded', async () => {
    await create();
    results().flush(errorBody(404, 'NOT_FOUND', 'This exam session was not found.'), {
      status: 404,
      statusText: 'Not Found',
    });
    await fixture.whenStable();
    expect(el.querySelector('[role=alert]')?.textContent).toContain(
      'This exam session was not found.',
    );
  });
});
