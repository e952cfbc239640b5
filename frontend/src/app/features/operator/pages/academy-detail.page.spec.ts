import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { AcademyView, NewAdminRequest, UpdateAcademyRequest, UserView } from '@exam/contracts';
import { errorBody, storeSession, userView } from '../../../../testing/auth-fixtures';
import { academyView } from '../../../../testing/platform-fixtures';
import { AcademyDetailPage } from './academy-detail.page';

const URL = '/api/v1/platform/academies/acad-1';

describe('AcademyDetailPage', () => {
  let fixture: ComponentFixture<AcademyDetailPage>;
  let el: HTMLElement;
  let http: HttpTestingController;

  const ADA = userView('admin', {
    id: 'adm-1',
    displayName: 'Ada Admin',
    email: 'ada@north.example',
  });

  async function render(
    academy: AcademyView = academyView(),
    admins: UserView[] = [ADA],
  ): Promise<void> {
    storeSession('operator', { user: userView('operator', { academyTimeZone: 'UTC' }) });
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AcademyDetailPage);
    fixture.componentRef.setInput('id', 'acad-1');
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    expect(el.textContent).toContain('Loading the academy');
    http.expectOne(URL).flush(academy);
    http.expectOne({ url: `${URL}/admins`, method: 'GET' }).flush(admins);
    await fixture.whenStable();
  }
  afterEach(() => {
    http.verify();
    TestBed.resetTestingModule();
    sessionStorage.clear();
    history.replaceState(null, '');
  });

  const input = (id: string) =>
    el.querySelector<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(`#${id}`)!;
  async function type(id: string, value: string): Promise<void> {
    const i = input(id);
    i.value = value;
    i.dispatchEvent(new Event(i instanceof HTMLSelectElement ? 'change' : 'input'));
    await fixture.whenStable();
  }
  const button = (text: string) =>
    Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.trim() === text)!;
  async function click(text: string): Promise<void> {
    button(text).click();
    await fixture.whenStable();
  }
  /** The words of each list item, spaced as they read. */
  const items = (testId: string) =>
    Array.from(el.querySelectorAll(`[data-testid=${testId}] li`)).map((li) =>
      Array.from(li.children)
        .map((c) => c.textContent?.trim())
        .join(' '),
    );
  const text = (testId: string) =>
    el.querySelector(`[data-testid=${testId}]`)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  it('shows the academy: name, status in words, users, zone, and its settings filled in', async () => {
    await render(academyView({ archiveAfterDays: 30 }));
    expect(el.querySelector('h1')?.textContent).toBe('Northside High');
    expect(text('academy-status')).toBe('Active');
    expect(el.querySelector('.facts')?.textContent?.replace(/\s+/g, ' ')).toContain(
      '1 admin, 4 teachers, 120 students · Europe/Paris · created 5 Jan 2026',
    );
    expect(input('academy-settings-name').value).toBe('Northside High');
    expect(input('academy-settings-zone').value).toBe('Europe/Paris');
    expect(input('academy-settings-archive').value).toBe('30');
    expect(input('academy-settings-seclog').value).toBe('');
  });

  it('says what was just created (from the new-academy page)', async () => {
    history.replaceState({ created: 'Northside High', adminEmail: 'ada@north.example' }, '');
    await render();
    expect(text('academy-created')).toContain(
      'Created Northside High. Its first administrator signs in as ada@north.example',
    );
  });

  it('lists the administrators, or says there are none', async () => {
    await render();
    expect(items('admins')).toEqual(['Ada Admin ada@north.example']);
    TestBed.resetTestingModule();
    await render(academyView({ users: { admins: 0, teachers: 0, students: 0 } }), []);
    expect(text('no-admins')).toBe('It has none yet: add the first one below.');
  });

  it('saves the settings; empty retention means the server default', async () => {
    await render(academyView({ archiveAfterDays: 30 }));
    expect(text('retention-defaults')).toBe(
      "Leave a field empty to use the server's default: finished sessions are archived after 30 days, the security log is kept 180 days.",
    );
    await type('academy-settings-name', 'Northside High School');
    await type('academy-settings-zone', 'Asia/Tokyo');
    await type('academy-settings-archive', '');
    await type('academy-settings-seclog', '90');
    await click('Save settings');
    const req = http.expectOne(URL);
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body as UpdateAcademyRequest).toEqual({
      name: 'Northside High School',
      timeZone: 'Asia/Tokyo',
      archiveAfterDays: null,
      securityLogDays: 90,
    });
    req.flush(
      academyView({ name: 'Northside High School', timeZone: 'Asia/Tokyo', securityLogDays: 90 }),
    );
    await fixture.whenStable();
    expect(text('settings-saved')).toBe('Settings saved.');
    expect(el.querySelector('h1')?.textContent).toBe('Northside High School');
  });

  it('shows the server sentence when saving fails', async () => {
    await render();
    await click('Save settings');
    http.expectOne(URL).flush(errorBody(404, 'NOT_FOUND', 'No academy with this id.'), {
      status: 404,
      statusText: 'Not Found',
    });
    await fixture.whenStable();
    expect(text('settings-error')).toBe('No academy with this id.');
  });

  it('adds an administrator and counts them', async () => {
    await render();
    await click('Create administrator');
    expect(el.querySelector('#add-admin-email-error')?.textContent).toContain(
      'Enter an email address.',
    );
    await type('add-admin-name', 'Bob Admin');
    await type('add-admin-email', 'bob@north.example');
    await type('add-admin-password', 'another-long-one');
    await click('Create administrator');
    const req = http.expectOne({ url: `${URL}/admins`, method: 'POST' });
    expect(req.request.body as NewAdminRequest).toEqual({
      displayName: 'Bob Admin',
      email: 'bob@north.example',
      password: 'another-long-one',
    });
    req.flush(userView('admin', { displayName: 'Bob Admin', email: 'bob@north.example' }), {
      status: 201,
      statusText: 'Created',
    });
    await fixture.whenStable();
    expect(text('admin-added')).toBe(
      'Created Bob Admin, administrator of Northside High. They sign in as bob@north.example.',
    );
    expect(el.querySelector('.facts')?.textContent).toContain('2 admins');
    expect(items('admins')).toEqual(['Ada Admin ada@north.example', 'Bob Admin bob@north.example']);
    expect(input('add-admin-email').value).toBe('');
  });

  it('shows a taken email under the email field', async () => {
    await render();
    await type('add-admin-name', 'Bob');
    await type('add-admin-email', 'bob@north.example');
    await type('add-admin-password', 'another-long-one');
    await click('Create administrator');
    http
      .expectOne({ url: `${URL}/admins`, method: 'POST' })
      .flush(
        errorBody(409, 'EMAIL_TAKEN', 'A user with the email bob@north.example already exists.'),
        {
          status: 409,
          statusText: 'Conflict',
        },
      );
    await fixture.whenStable();
    expect(el.querySelector('#add-admin-email-error')?.textContent).toContain('already exists');
    expect(input('add-admin-email').getAttribute('aria-invalid')).toBe('true');
  });

  it('suspends after a confirmation that says what it does, with a reason', async () => {
    await render();
    const section = () => el.querySelector('section[aria-labelledby=status-heading]')!;
    expect(section().textContent).toContain('nobody of Northside High can sign in');
    expect(section().textContent).toContain('live connections close');
    await click('Suspend academy…');
    await click('Cancel');
    expect(el.querySelector('#suspend-reason')).toBeNull();
    await click('Suspend academy…');
    expect(el.querySelector('label[for=suspend-reason]')?.textContent).toContain('Reason');
    await type('suspend-reason', ' Contract ended ');
    await click('Suspend Northside High');
    const req = http.expectOne(`${URL}/suspend`);
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ reason: 'Contract ended' });
    req.flush(
      academyView({
        status: 'suspended',
        suspendedAt: Date.UTC(2026, 1, 3, 12, 30),
        suspendedReason: 'Contract ended',
      }),
    );
    await fixture.whenStable();
    expect(text('academy-status')).toBe('Suspended');
    expect(text('status-changed')).toContain('Northside High is suspended.');
    expect(text('suspended-since')).toBe(
      'Suspended since 3 Feb 2026, 12:30. Reason: Contract ended',
    );
  });

  it('suspends without a reason, and reactivates', async () => {
    await render();
    await click('Suspend academy…');
    await click('Suspend Northside High');
    const req = http.expectOne(`${URL}/suspend`);
    expect(req.request.body).toEqual({});
    req.flush(academyView({ status: 'suspended', suspendedAt: Date.UTC(2026, 1, 3) }));
    await fixture.whenStable();
    await click('Reactivate academy');
    const again = http.expectOne(`${URL}/reactivate`);
    expect(again.request.method).toBe('POST');
    again.flush(academyView());
    await fixture.whenStable();
    expect(text('academy-status')).toBe('Active');
    expect(text('status-changed')).toContain('active again');
  });

  it('shows the server sentence when the academy cannot be loaded', async () => {
    storeSession('operator');
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AcademyDetailPage);
    fixture.componentRef.setInput('id', 'acad-1');
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    http.expectOne(URL).flush(errorBody(404, 'NOT_FOUND', 'No academy with this id.'), {
      status: 404,
      statusText: 'Not Found',
    });
    http.expectOne(`${URL}/admins`).flush(errorBody(404, 'NOT_FOUND', 'No academy with this id.'), {
      status: 404,
      statusText: 'Not Found',
    });
    await fixture.whenStable();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('No academy with this id.');
  });
});
