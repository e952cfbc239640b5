import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { UserView } from '@exam/contracts';
import { errorBody, userView } from '../../../../testing/auth-fixtures';
import { CreateUserFormComponent } from './create-user-form.component';

describe('CreateUserFormComponent', () => {
  let fixture: ComponentFixture<CreateUserFormComponent>;
  let el: HTMLElement;
  let http: HttpTestingController;
  let created: UserView[];

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(CreateUserFormComponent);
    created = [];
    fixture.componentInstance.created.subscribe((u) => created.push(u));
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => {
    http.verify();
    TestBed.resetTestingModule();
  });

  const input = (id: string) => el.querySelector<HTMLInputElement>(`#${id}`)!;
  function type(id: string, value: string): void {
    input(id).value = value;
    input(id).dispatchEvent(new Event('input'));
  }
  async function fillAndSubmit(values: Record<string, string>, role?: 'teacher'): Promise<void> {
    for (const [id, v] of Object.entries(values)) type(id, v);
    if (role) {
      el.querySelector<HTMLInputElement>('input[type=radio][value=teacher]')!.click();
    }
    el.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await fixture.whenStable();
  }
  const errorsOf = (field: string) =>
    Array.from(el.querySelectorAll(`#cu-${field}-error .field-error`)).map((p) =>
      p.textContent?.trim(),
    );

  it('labels every field', () => {
    for (const id of ['cu-displayName', 'cu-email', 'cu-password', 'cu-extra']) {
      expect(el.querySelector(`label[for=${id}]`)).not.toBeNull();
    }
    expect(el.querySelector('fieldset legend')?.textContent?.trim()).toBe('Role');
  });

  it('posts a new teacher and reports success', async () => {
    await fillAndSubmit(
      {
        'cu-displayName': 'Dana Teacher',
        'cu-email': 'dana@demo.school',
        'cu-password': 'longenough',
        'cu-extra': '0',
      },
      'teacher',
    );
    const req = http.expectOne({ method: 'POST', url: '/api/v1/users' });
    expect(req.request.body).toEqual({
      email: 'dana@demo.school',
      displayName: 'Dana Teacher',
      password: 'longenough',
      role: 'teacher',
      extraTimePercent: 0,
    });
    req.flush(userView('teacher', { displayName: 'Dana Teacher', email: 'dana@demo.school' }));
    await fixture.whenStable();
    expect(created.map((u) => u.email)).toEqual(['dana@demo.school']);
    expect(el.querySelector('.alert-success')?.textContent).toContain('Created Dana Teacher');
    expect(input('cu-email').value).toBe('');
  });

  it('shows each server validation problem next to its field, until the field is edited', async () => {
    await fillAndSubmit({
      'cu-displayName': 'Dana',
      'cu-email': 'dana@school',
      'cu-password': 'longenough',
      'cu-extra': '25',
    });
    http.expectOne('/api/v1/users').flush(
      errorBody(
        400,
        'VALIDATION_FAILED',
        'The request has invalid fields: email, extraTimePercent. Fix them and send it again.',
        [
          { field: 'email', problems: ['email must be an email address like name@school.org'] },
          {
            field: 'extraTimePercent',
            problems: [
              'extraTimePercent must not be greater than 300',
              'extraTimePercent must be an integer number',
            ],
          },
        ],
      ),
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(errorsOf('email')).toEqual(['email must be an email address like name@school.org']);
    expect(errorsOf('extra')).toEqual([
      'extraTimePercent must not be greater than 300',
      'extraTimePercent must be an integer number',
    ]);
    expect(input('cu-email').getAttribute('aria-invalid')).toBe('true');
    expect(input('cu-email').getAttribute('aria-describedby')).toBe('cu-email-error');
    expect(input('cu-password').getAttribute('aria-invalid')).toBeNull();
    expect(el.querySelector('[data-testid=form-error]')?.textContent).toContain('invalid fields');
    expect(created).toEqual([]);

    type('cu-email', 'dana@school.org');
    await fixture.whenStable();
    expect(errorsOf('email')).toEqual([]);
    expect(errorsOf('extra')).toHaveLength(2);
  });

  it('puts EMAIL_TAKEN under the email field', async () => {
    await fillAndSubmit({
      'cu-displayName': 'Sam',
      'cu-email': 'student1@demo.school',
      'cu-password': 'longenough',
    });
    http
      .expectOne('/api/v1/users')
      .flush(errorBody(409, 'EMAIL_TAKEN', 'This email is already used in your academy.'), {
        status: 409,
        statusText: 'Conflict',
      });
    await fixture.whenStable();
    expect(errorsOf('email')).toEqual(['This email is already used in your academy.']);
  });

  it('checks the obvious before sending', async () => {
    await fillAndSubmit({
      'cu-displayName': '',
      'cu-email': 'dana@demo.school',
      'cu-password': 'short',
    });
    http.expectNone('/api/v1/users');
    expect(errorsOf('displayName')).toEqual(['Enter the name people will see.']);
    expect(errorsOf('password')).toEqual(['Use at least 8 characters.']);
    expect(input('cu-password').getAttribute('aria-describedby')).toBe(
      'cu-password-hint cu-password-error',
    );
  });
});
