import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
  type TestRequest,
} from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import type { Page, UserView } from '@exam/contracts';
import { errorBody, storeSession, userView } from '../../../../testing/auth-fixtures';
import { polyfillDialog } from '../../../../testing/dialog-polyfill';
import { ClassImportComponent } from '../components/class-import.component';
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
      tr.querySelector('.name')?.textContent?.trim(),
    );

  beforeEach(async () => {
    polyfillDialog();
    storeSession('admin');
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
    sessionStorage.clear();
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
    expect(el.textContent).toContain('Added 5 Jan 2026');
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

  it('filters by status (active or deactivated)', async () => {
    listRequest().flush(page([userView('teacher')]));
    await fixture.whenStable();
    const select = el.querySelector<HTMLSelectElement>('#user-status')!;
    select.value = 'inactive';
    select.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    const req = listRequest();
    expect(req.request.params.get('active')).toBe('false');
    req.flush(page([]));
    await fixture.whenStable();
    expect(el.textContent?.replace(/\s+/g, ' ')).toContain('0 users match your filter.');
    select.value = '';
    select.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    listRequest().flush(page([userView('teacher')]));
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=users-summary]')?.textContent).toContain(
      '1 user in your academy.',
    );
  });

  it('opens the class import and reloads the list once accounts were created', async () => {
    listRequest().flush(page([userView('teacher')]));
    await fixture.whenStable();
    const toggle = el.querySelector<HTMLButtonElement>('#import-toggle')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    toggle.click();
    await fixture.whenStable();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const panel = fixture.debugElement.query(By.directive(ClassImportComponent));
    expect(panel).not.toBeNull();
    (panel.componentInstance as ClassImportComponent).imported.emit({
      dryRun: false,
      created: [],
      refused: [],
    });
    await fixture.whenStable();
    listRequest().flush(page([userView('teacher'), userView('student')]));
    await fixture.whenStable();
    expect(rows()).toHaveLength(2);
    // The report stays on screen for the passwords.
    expect(fixture.debugElement.query(By.directive(ClassImportComponent))).not.toBeNull();
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

  describe('deactivating and reactivating accounts', () => {
    const sara = userView('student', { id: 's2', displayName: 'Sara Student', active: true });
    const button = (label: string) =>
      Array.from(el.querySelectorAll<HTMLButtonElement>('button')).find(
        (b) => b.getAttribute('aria-label') === label || b.textContent?.trim() === label,
      );
    const status = (name: string) =>
      Array.from(el.querySelectorAll('tbody tr'))
        .find((tr) => tr.textContent?.includes(name))
        ?.querySelector('[data-testid=user-status]')
        ?.textContent?.trim();

    beforeEach(async () => {
      document.body.appendChild(el);
      listRequest().flush(
        page([
          userView('admin', { displayName: 'Ada Admin', active: true }),
          userView('teacher', { displayName: 'Tom Teacher', active: true }),
          sara,
          userView('student', { id: 's3', displayName: 'Old Student', active: false }),
        ]),
      );
      await fixture.whenStable();
    });
    afterEach(() => el.remove());

    it('shows each status and offers the change only for teachers and students', () => {
      expect(status('Tom Teacher')).toBe('Active');
      expect(status('Old Student')).toBe('Deactivated');
      expect(button('Deactivate Tom Teacher')).toBeDefined();
      expect(button('Deactivate Sara Student')).toBeDefined();
      expect(button('Reactivate Old Student')).toBeDefined();
      // Admins (and the signed-in admin above all) are not managed here.
      expect(button('Deactivate Ada Admin')).toBeUndefined();
    });

    it('asks first, explaining what happens, then deactivates and shows the new status', async () => {
      button('Deactivate Sara Student')!.click();
      await fixture.whenStable();
      const dialog = el.querySelector<HTMLElement>('[data-testid=deactivate-confirm]')!;
      expect(dialog.getAttribute('role')).toBe('alertdialog');
      expect(document.activeElement).toBe(dialog);
      expect(dialog.textContent).toContain('Deactivate Sara Student?');
      expect(dialog.textContent).toContain('signed out at once');
      expect(dialog.textContent).toContain('can no longer sign in');
      expect(dialog.textContent).toContain('Nothing of theirs is deleted');
      // Nothing sent before the confirmation.
      http.expectNone((r) => r.method === 'POST');
      button('Deactivate account')!.click();
      await fixture.whenStable();
      const req = http.expectOne('/api/v1/users/s2/deactivate');
      expect(req.request.method).toBe('POST');
      req.flush({ ...sara, active: false });
      await fixture.whenStable();
      expect(el.querySelector('[data-testid=deactivate-confirm]')).toBeNull();
      expect(status('Sara Student')).toBe('Deactivated');
      expect(el.querySelector('[data-testid=user-action-done]')?.textContent).toContain(
        'Sara Student is deactivated',
      );
      expect(document.activeElement).toBe(button('Reactivate Sara Student'));
    });

    it('cancels without a request, back on the same button', async () => {
      button('Deactivate Sara Student')!.click();
      await fixture.whenStable();
      button('Cancel')!.click();
      await fixture.whenStable();
      expect(el.querySelector('[data-testid=deactivate-confirm]')).toBeNull();
      expect(document.activeElement).toBe(button('Deactivate Sara Student'));
    });

    it('reactivates at once', async () => {
      button('Reactivate Old Student')!.click();
      await fixture.whenStable();
      http
        .expectOne('/api/v1/users/s3/reactivate')
        .flush(userView('student', { id: 's3', displayName: 'Old Student', active: true }));
      await fixture.whenStable();
      expect(status('Old Student')).toBe('Active');
      expect(el.querySelector('[data-testid=user-action-done]')?.textContent).toContain(
        'Old Student is active again and can sign in.',
      );
    });

    it('edits a student in a dialog and says what the new extra time does', async () => {
      button('Edit Sara Student')!.click();
      await fixture.whenStable();
      const dialog = el.querySelector<HTMLDialogElement>('[data-testid=edit-user-dialog]')!;
      expect(dialog.open).toBe(true);
      const extra = el.querySelector<HTMLInputElement>('#eu-extra')!;
      extra.value = '25';
      extra.dispatchEvent(new Event('input'));
      el.querySelector('dialog form')!.dispatchEvent(new Event('submit', { cancelable: true }));
      await fixture.whenStable();
      const req = http.expectOne('/api/v1/users/s2');
      expect(req.request.body).toEqual({ extraTimePercent: 25 });
      req.flush({ ...sara, extraTimePercent: 25 });
      await fixture.whenStable();
      expect(el.querySelector('[data-testid=edit-user-dialog]')).toBeNull();
      const row = Array.from(el.querySelectorAll('tbody tr')).find((tr) =>
        tr.textContent?.includes('Sara Student'),
      );
      expect(row?.textContent).toContain('+25 % time');
      const done = el.querySelector('[data-testid=user-action-done]')?.textContent ?? '';
      expect(done).toContain('Saved the changes to Sara Student.');
      expect(done).toContain('Sessions still being planned now give Sara Student +25 % time');
      expect(done).toContain('launched and finished sessions keep the time they started with');
      expect(document.activeElement).toBe(button('Edit Sara Student'));
    });

    it('offers Edit and New password only for teachers and students', () => {
      expect(button('Edit Tom Teacher')).toBeDefined();
      expect(button('New password for Sara Student')).toBeDefined();
      expect(button('Edit Ada Admin')).toBeUndefined();
      expect(button('New password for Ada Admin')).toBeUndefined();
    });

    it('sets a new password in a dialog and says the person was signed out', async () => {
      button('New password for Sara Student')!.click();
      await fixture.whenStable();
      const input = el.querySelector<HTMLInputElement>('#pw-new')!;
      input.value = 'Spring-2026!';
      input.dispatchEvent(new Event('input'));
      el.querySelector('dialog form')!.dispatchEvent(new Event('submit', { cancelable: true }));
      await fixture.whenStable();
      http.expectOne('/api/v1/users/s2/reset-password').flush(sara);
      await fixture.whenStable();
      button('Close')!.click();
      await fixture.whenStable();
      expect(el.querySelector('[data-testid=password-dialog]')).toBeNull();
      expect(el.querySelector('[data-testid=user-action-done]')?.textContent).toContain(
        'Sara Student has a new password and was signed out everywhere.',
      );
      expect(document.activeElement).toBe(button('New password for Sara Student'));
    });

    it("shows the server's sentence when it refuses", async () => {
      button('Deactivate Tom Teacher')!.click();
      await fixture.whenStable();
      button('Deactivate account')!.click();
      await fixture.whenStable();
      http
        .expectOne('/api/v1/users/teacher-1/deactivate')
        .flush(
          errorBody(409, 'CONFLICT', 'You cannot deactivate your own account. Ask another admin.'),
          { status: 409, statusText: 'Conflict' },
        );
      await fixture.whenStable();
      expect(el.querySelector('[data-testid=user-action-error]')?.textContent).toContain(
        'You cannot deactivate your own account. Ask another admin.',
      );
      expect(status('Tom Teacher')).toBe('Active');
    });
  });
});
