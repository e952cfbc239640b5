import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { Role } from '@exam/contracts';
import { errorBody, loginResponse, storeSession } from '../../../../testing/auth-fixtures';
import { authInterceptor } from '../../../core/auth/auth.interceptor';
import { AuthService } from '../../../core/auth/auth.service';
import { ChangePasswordFormComponent } from './change-password-form.component';

describe('ChangePasswordFormComponent', () => {
  let fixture: ComponentFixture<ChangePasswordFormComponent>;
  let el: HTMLElement;
  let http: HttpTestingController;

  async function render(role: Role = 'student'): Promise<void> {
    storeSession(role);
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ChangePasswordFormComponent);
    el = fixture.nativeElement as HTMLElement;
    document.body.appendChild(el);
    await fixture.whenStable();
  }

  afterEach(() => {
    http.verify();
    el.remove();
    TestBed.resetTestingModule();
    sessionStorage.clear();
  });

  const input = (id: string) => el.querySelector<HTMLInputElement>(`#${id}`)!;
  const errors = (id: string) => el.querySelector(`#${id}-error`)?.textContent?.trim() ?? '';
  async function fill(current: string, next: string, again = next): Promise<void> {
    for (const [id, value] of [
      ['cp-current', current],
      ['cp-new', next],
      ['cp-again', again],
    ] as const) {
      input(id).value = value;
      input(id).dispatchEvent(new Event('input'));
    }
    await fixture.whenStable();
  }
  async function submit(): Promise<void> {
    el.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await fixture.whenStable();
  }

  it('labels its three fields and says what happens before anything is sent', async () => {
    await render();
    for (const [id, label] of [
      ['cp-current', 'Current password'],
      ['cp-new', 'New password'],
      ['cp-again', 'New password again'],
    ]) {
      expect(el.querySelector(`label[for=${id}]`)?.textContent?.trim()).toBe(label);
    }
    expect(input('cp-current').autocomplete).toBe('current-password');
    expect(input('cp-new').autocomplete).toBe('new-password');
    expect(el.querySelector('#cp-what-happens')?.textContent).toContain(
      'signs you out on every device',
    );
  });

  it('changes the password, stays signed in here, and says what to do on other devices', async () => {
    await render();
    await fill('demo1234', 'new-secret-1');
    await submit();
    const change = http.expectOne('/api/v1/auth/change-password');
    expect(change.request.body).toEqual({
      currentPassword: 'demo1234',
      newPassword: 'new-secret-1',
    });
    change.flush(null, { status: 204, statusText: 'No Content' });
    http.expectOne('/api/v1/auth/login').flush(loginResponse('student', 2));
    await fixture.whenStable();

    const done = el.querySelector<HTMLElement>('[data-testid=password-changed]')!;
    expect(done.textContent).toContain('Your password is changed.');
    expect(done.textContent).toContain('sign in there with the new password');
    expect(document.activeElement).toBe(done);
    expect(TestBed.inject(AuthService).accessToken()).toBe('access-2');
    expect(input('cp-current').value).toBe('');
    expect(input('cp-new').value).toBe('');
  });

  it('shows a wrong current password under that field, with what to do', async () => {
    await render();
    await fill('not-it', 'new-secret-1');
    await submit();
    http
      .expectOne('/api/v1/auth/change-password')
      .flush(errorBody(401, 'INVALID_CREDENTIALS', 'The current password is wrong.'), {
        status: 401,
        statusText: 'Unauthorized',
      });
    await fixture.whenStable();
    expect(errors('cp-current')).toContain('The current password is wrong.');
    expect(errors('cp-current')).toContain("ask your school's administrator");
    expect(input('cp-current').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(input('cp-current'));
    expect(el.querySelector('[data-testid=change-password-error]')?.textContent).toContain(
      'Some fields need attention',
    );
    // Still signed in with the same tokens: nothing changed.
    expect(TestBed.inject(AuthService).accessToken()).toBe('access-1');
    expect(el.querySelector('[data-testid=password-changed]')).toBeNull();
  });

  it('tells an admin to ask the platform operator', async () => {
    await render('admin');
    await fill('not-it', 'new-secret-1');
    await submit();
    http
      .expectOne('/api/v1/auth/change-password')
      .flush(errorBody(401, 'INVALID_CREDENTIALS', 'The current password is wrong.'), {
        status: 401,
        statusText: 'Unauthorized',
      });
    await fixture.whenStable();
    expect(errors('cp-current')).toContain('ask the platform operator');
  });

  it('checks the new password twice, its length, and that it is new', async () => {
    await render();
    await fill('demo1234', 'short', 'shirt');
    await submit();
    http.expectNone('/api/v1/auth/change-password');
    expect(errors('cp-new')).toContain('at least 8 characters');
    expect(errors('cp-again')).toContain('not the same as the new password');
    expect(document.activeElement).toBe(input('cp-new'));

    await fill('demo1234', 'demo1234');
    await submit();
    expect(errors('cp-new')).toContain('different from your current one');

    await fill('', '');
    await submit();
    expect(errors('cp-current')).toContain('Enter the password you sign in with now.');
    expect(errors('cp-again')).toContain('Type the new password again.');
    http.expectNone('/api/v1/auth/change-password');
  });

  it('checks the second entry again when the first one changes', async () => {
    await render();
    await fill('demo1234', 'new-secret-1', 'new-secret-2');
    await submit();
    expect(errors('cp-again')).toContain('not the same');
    input('cp-new').value = 'new-secret-2';
    input('cp-new').dispatchEvent(new Event('input'));
    await submit();
    expect(errors('cp-again')).toBe('');
    http
      .expectOne('/api/v1/auth/change-password')
      .flush(null, { status: 204, statusText: 'No Content' });
    http.expectOne('/api/v1/auth/login').flush(loginResponse('student', 2));
  });

  it("puts the server's problem with the new password under it", async () => {
    await render();
    await fill('demo1234', 'new-secret-1');
    await submit();
    http
      .expectOne('/api/v1/auth/change-password')
      .flush(
        errorBody(400, 'VALIDATION_FAILED', 'newPassword must be at least 8 characters long', [
          { field: 'newPassword', problems: ['newPassword must be at least 8 characters long'] },
        ]),
        { status: 400, statusText: 'Bad Request' },
      );
    await fixture.whenStable();
    expect(errors('cp-new')).toContain('at least 8 characters long');
  });

  it('shows the passwords on request', async () => {
    await render();
    expect(input('cp-new').type).toBe('password');
    const box = el.querySelector<HTMLInputElement>('input[type=checkbox]')!;
    box.click();
    await fixture.whenStable();
    expect(input('cp-current').type).toBe('text');
    expect(input('cp-new').type).toBe('text');
    expect(input('cp-again').type).toBe('text');
  });

  it('when signing in again fails, the app asks for the new password on the sign-in page', async () => {
    await render();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    await fill('demo1234', 'new-secret-1');
    await submit();
    http
      .expectOne('/api/v1/auth/change-password')
      .flush(null, { status: 204, statusText: 'No Content' });
    http
      .expectOne('/api/v1/auth/login')
      .error(new ProgressEvent('error'), { status: 0, statusText: '' });
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/login'], {
      queryParams: { reason: 'password-changed', email: 'student@demo.school' },
    });
  });
});
