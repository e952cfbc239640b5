import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
  type TestRequest,
} from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import type { Page, UserView } from '@exam/contracts';
import { userView } from '../../../../testing/auth-fixtures';
import { CreateUserFormComponent } from '../components/create-user-form.component';
import { UsersPage } from './users.page';

function page(items: UserView[], total = items.length, n = 1): Page<UserView> {
  return { items, total, page: n, pageSize: 20 };
}

describe('UsersPage', () => {
  let fixture: ComponentFixture<UsersPage>;
  let el: HTMLElement;
  let http: HttpTestingController;

  const listRequest = (): TestRequest =>
    http.expectOne((r) => r.method === 'GET' && r.url === '/api/v1/users');
  const rows = () =>
    Array.from(el.querySelectorAll('tbody tr')).map((tr) =>
      tr.querySelector('td')?.textContent?.trim(),
    );

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(UsersPage);
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => {
    http.verify();
    TestBed.resetTestingModule();
  });

  it('lists the academy users with a summary', async () => {
    const req = listRequest();
    expect(req.request.params.get('page')).toBe('1');
    expect(req.request.params.get('pageSize')).toBe('20');
    expect(req.request.params.has('role')).toBe(false);
    req.flush(
      page([
        userView('teacher'),
        userView('student', { id: 's2', displayName: 'Sam Student', extraTimePercent: 25 }),
      ]),
    );
    await fixture.whenStable();
    expect(rows()).toEqual(['Teacher One', 'Sam Student']);
    expect(el.textContent).toContain('+25 %');
    expect(el.querySelector('[data-testid=users-summary]')?.textContent).toContain(
      '2 users in your academy.',
    );
  });

  it('filters by role and pages through the results', async () => {
    listRequest().flush(page([userView('teacher')]));
    await fixture.whenStable();

    const select = el.querySelector<HTMLSelectElement>('#user-role')!;
    select.value = 'student';
    select.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    const byRole = listRequest();
    expect(byRole.request.params.get('role')).toBe('student');
    byRole.flush(
      page(
        Array.from({ length: 20 }, (_, i) => userView('student', { id: `s${i}` })),
        45,
      ),
    );
    await fixture.whenStable();
    expect(el.textContent).toContain('Page 1 of 3');

    const next = Array.from(el.querySelectorAll('button')).find(
      (b) => b.textContent?.trim() === 'Next',
    )!;
    next.click();
    await fixture.whenStable();
    const second = listRequest();
    expect(second.request.params.get('page')).toBe('2');
    expect(second.request.params.get('role')).toBe('student');
    second.flush(page([userView('student')], 45, 2));
    await fixture.whenStable();
    expect(el.textContent).toContain('Page 2 of 3');
  });

  it('searches from the search form and starts at page 1', async () => {
    listRequest().flush(page([userView('teacher')]));
    await fixture.whenStable();
    const box = el.querySelector<HTMLInputElement>('#user-search')!;
    box.value = '  sam ';
    el.querySelector('form[role=search]')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await fixture.whenStable();
    const req = listRequest();
    expect(req.request.params.get('search')).toBe('sam');
    req.flush(page([]));
    await fixture.whenStable();
    expect(el.textContent).toContain('No users match');
  });

  it('reloads the list after a user was created', async () => {
    listRequest().flush(page([userView('teacher')]));
    await fixture.whenStable();
    const form = fixture.debugElement.query(By.directive(CreateUserFormComponent));
    (form.componentInstance as CreateUserFormComponent).created.emit(userView('student'));
    await fixture.whenStable();
    listRequest().flush(page([userView('teacher'), userView('student')]));
    await fixture.whenStable();
    expect(rows()).toHaveLength(2);
  });
});
