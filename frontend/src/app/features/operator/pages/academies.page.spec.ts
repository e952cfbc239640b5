import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { errorBody, storeSession, userView } from '../../../../testing/auth-fixtures';
import { pageOf } from '../../../../testing/exam-fixtures';
import { academyView } from '../../../../testing/platform-fixtures';
import { AcademiesPage } from './academies.page';

describe('AcademiesPage', () => {
  let fixture: ComponentFixture<AcademiesPage>;
  let el: HTMLElement;
  let http: HttpTestingController;
  const list = () => http.expectOne((r) => r.url === '/api/v1/platform/academies');
  const rows = () => Array.from(el.querySelectorAll('tbody tr'));
  const cells = (r: Element) =>
    Array.from(r.querySelectorAll('td')).map((td) => td.textContent?.replace(/\s+/g, ' ').trim());

  beforeEach(async () => {
    storeSession('operator', { user: userView('operator', { academyTimeZone: 'UTC' }) });
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AcademiesPage);
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });
  afterEach(() => {
    http.verify();
    TestBed.resetTestingModule();
    sessionStorage.clear();
  });

  it('lists academies: status in words, zone, user counts, created, and a link to manage each', async () => {
    const req = list();
    expect(req.request.params.get('page')).toBe('1');
    expect(req.request.params.get('pageSize')).toBe('20');
    expect(req.request.params.has('status')).toBe(false);
    req.flush(
      pageOf([
        academyView(),
        academyView({
          id: 'acad-2',
          name: 'Riverside College',
          timeZone: 'America/New_York',
          status: 'suspended',
          suspendedAt: Date.UTC(2026, 1, 3, 12),
          suspendedReason: 'Contract ended',
          users: { admins: 2, teachers: 0, students: 1 },
        }),
      ]),
    );
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=academies-summary]')?.textContent).toContain(
      '2 academies on this server.',
    );
    expect(cells(rows()[0]).slice(0, 7)).toEqual([
      'Northside High',
      'Active',
      'Europe/Paris',
      '1',
      '4',
      '120',
      '5 Jan 2026',
    ]);
    const subs = Array.from(rows()[1].querySelectorAll('td:first-child .sub')).map((x) =>
      x.textContent?.trim(),
    );
    expect(subs).toEqual(['Suspended 3 Feb 2026', 'Reason: Contract ended']);
    expect(cells(rows()[1])[1]).toBe('Suspended');
    expect(cells(rows()[1])[2]).toBe('America/New York');
    const manage = rows()[1].querySelector('a');
    expect(manage?.getAttribute('href')).toBe('/operator/academies/acad-2');
    expect(manage?.getAttribute('aria-label')).toBe('Manage Riverside College');
    expect(el.querySelector('caption')?.textContent).toContain('Academies on this server');
    expect(
      Array.from(el.querySelectorAll('a'))
        .find((a) => a.textContent?.trim() === 'New academy')
        ?.getAttribute('href'),
    ).toBe('/operator/academies/new');
  });

  it('searches by name (after a pause) and filters by status, back on page 1', async () => {
    list().flush(pageOf([academyView()]));
    await fixture.whenStable();
    const search = el.querySelector<HTMLInputElement>('#academy-search')!;
    search.value = 'north';
    search.dispatchEvent(new Event('input'));
    await new Promise((r) => setTimeout(r, 350));
    await fixture.whenStable();
    const searched = list();
    expect(searched.request.params.get('search')).toBe('north');
    searched.flush(pageOf([academyView()]));
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=academies-summary]')?.textContent).toContain(
      '1 academy matches your filter.',
    );

    const status = el.querySelector<HTMLSelectElement>('#academy-status')!;
    status.value = 'suspended';
    status.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    const filtered = list();
    expect(filtered.request.params.get('status')).toBe('suspended');
    expect(filtered.request.params.get('search')).toBe('north');
    filtered.flush(pageOf([]));
    await fixture.whenStable();
    expect(el.textContent).toContain('No academy matches');
  });

  it('pages through many academies', async () => {
    list().flush({ items: [academyView()], total: 45, page: 1, pageSize: 20 });
    await fixture.whenStable();
    expect(el.querySelector('nav.pager')?.textContent).toContain('Page 1 of 3');
    const next = Array.from(el.querySelectorAll('nav.pager button')).find(
      (b) => b.textContent?.trim() === 'Next',
    ) as HTMLButtonElement;
    next.click();
    await fixture.whenStable();
    expect(list().request.params.get('page')).toBe('2');
  });

  it('says when there is no academy yet, and shows the server sentence on failure', async () => {
    list().flush(pageOf([]));
    await fixture.whenStable();
    expect(el.textContent).toContain('No academies yet. Create the first one.');
    const status = el.querySelector<HTMLSelectElement>('#academy-status')!;
    status.value = 'active';
    status.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    list().flush(errorBody(403, 'FORBIDDEN', 'Only the platform operator can do this.'), {
      status: 403,
      statusText: 'Forbidden',
    });
    await fixture.whenStable();
    expect(el.querySelector('.alert')?.textContent).toContain(
      'Only the platform operator can do this.',
    );
  });
});
