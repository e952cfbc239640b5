import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { errorBody } from '../../../../testing/auth-fixtures';
import { examSummary, examView, pageOf } from '../../../../testing/exam-fixtures';
import { ExamListPage } from './exam-list.page';

describe('ExamListPage', () => {
  let fixture: ComponentFixture<ExamListPage>;
  let el: HTMLElement;
  let http: HttpTestingController;

  const list = () => http.expectOne((r) => r.method === 'GET' && r.url === '/api/v1/exams');
  const button = (label: string) =>
    Array.from(el.querySelectorAll('button')).find(
      (b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === label,
    )!;
  const stable = () => fixture.whenStable();

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ExamListPage);
    el = fixture.nativeElement as HTMLElement;
    await stable();
  });
  afterEach(() => {
    http.verify();
    TestBed.resetTestingModule();
  });

  it('lists exams with status and filters by active', async () => {
    const first = list();
    expect(first.request.params.get('page')).toBe('1');
    expect(first.request.params.has('active')).toBe(false);
    first.flush(
      pageOf([
        examSummary(),
        examSummary({ id: 'e2', title: 'Old', isActive: false, locked: true }),
      ]),
    );
    await stable();
    const rows = Array.from(el.querySelectorAll('tbody tr')).map((r) =>
      r.textContent?.replace(/\s+/g, ' '),
    );
    expect(rows[0]).toContain('Algebra test');
    expect(rows[0]).toContain('Active');
    expect(rows[1]).toContain('Inactive');
    expect(rows[1]).toContain('In use');
    expect(el.querySelector('[data-testid=exams-summary]')?.textContent).toContain('2 exams');

    const select = el.querySelector<HTMLSelectElement>('#exam-active')!;
    select.value = 'true';
    select.dispatchEvent(new Event('change'));
    await stable();
    const filtered = list();
    expect(filtered.request.params.get('active')).toBe('true');
    filtered.flush(pageOf([examSummary()], 41));
    await stable();
    expect(el.textContent).toContain('Page 1 of 3');
    button('Next').click();
    await stable();
    const second = list();
    expect(second.request.params.get('page')).toBe('2');
    second.flush(pageOf([examSummary()], 41, 2));
  });

  it('searches titles from the search form', async () => {
    list().flush(pageOf([examSummary()]));
    await stable();
    el.querySelector<HTMLInputElement>('#exam-search')!.value = ' alg ';
    el.querySelector('form[role=search]')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await stable();
    const req = list();
    expect(req.request.params.get('search')).toBe('alg');
    req.flush(pageOf([]));
    await stable();
    expect(el.textContent).toContain('No exams match');
  });

  it('deletes only after confirmation, then reloads', async () => {
    list().flush(pageOf([examSummary()]));
    await stable();
    button('Delete Algebra test').click();
    await stable();
    expect(el.querySelector('[role=alertdialog]')?.textContent).toContain('Delete “Algebra test”?');
    http.expectNone((r) => r.method === 'DELETE');
    button('Cancel').click();
    await stable();
    expect(el.querySelector('[role=alertdialog]')).toBeNull();

    button('Delete Algebra test').click();
    await stable();
    button('Delete exam').click();
    await stable();
    http
      .expectOne((r) => r.method === 'DELETE' && r.url === '/api/v1/exams/e1')
      .flush(null, {
        status: 204,
        statusText: 'No Content',
      });
    await stable();
    list().flush(pageOf([]));
    await stable();
    expect(el.textContent).toContain('Deleted “Algebra test”');
  });

  it('explains a locked exam on delete and duplicates on request', async () => {
    list().flush(pageOf([examSummary()]));
    await stable();
    button('Delete Algebra test').click();
    await stable();
    button('Delete exam').click();
    await stable();
    http
      .expectOne((r) => r.method === 'DELETE')
      .flush(errorBody(409, 'EXAM_LOCKED', 'This exam is used by a live session.'), {
        status: 409,
        statusText: 'Conflict',
      });
    await stable();
    expect(el.querySelector('[data-testid=action-error]')?.textContent).toContain(
      'duplicate the exam and change the copy',
    );

    button('Duplicate Algebra test').click();
    await stable();
    http
      .expectOne((r) => r.method === 'POST' && r.url === '/api/v1/exams/e1/duplicate')
      .flush(examView({ id: 'e9', title: 'Algebra test (copy)' }));
    await stable();
    list().flush(pageOf([examSummary(), examSummary({ id: 'e9', title: 'Algebra test (copy)' })]));
    await stable();
    expect(el.textContent).toContain('Made a copy: “Algebra test (copy)”');
  });
});
