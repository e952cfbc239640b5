import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { errorBody, loginResponse } from '../../../../testing/auth-fixtures';
import { authInterceptor } from '../../../core/auth/auth.interceptor';
import { AuthService } from '../../../core/auth/auth.service';
import { DEMO_LOGINS, LoginPage } from './login.page';

describe('LoginPage', () => {
  let fixture: ComponentFixture<LoginPage>;
  let el: HTMLElement;
  let http: HttpTestingController;
  let navigate: jest.SpyInstance;

  async function render(
    inputs: { returnUrl?: string; reason?: string; email?: string } = {},
    demo = true,
    setup: { needed: boolean } | 'unreachable' = { needed: false },
  ): Promise<void> {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        ...(demo ? [] : [{ provide: DEMO_LOGINS, useValue: null }]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    fixture = TestBed.createComponent(LoginPage);
    for (const [k, v] of Object.entries(inputs)) fixture.componentRef.setInput(k, v);
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    const status = http.expectOne('/api/v1/setup');
    expect(status.request.method).toBe('GET');
    if (setup === 'unreachable') status.error(new ProgressEvent('error'));
    else status.flush(setup);
    await fixture.whenStable();
  }

  function field(label: string): HTMLInputElement {
    const l = Array.from(el.querySelectorAll('label')).find((x) => x.textContent?.trim() === label);
    const input = l && el.querySelector<HTMLInputElement>(`#${l.htmlFor}`);
    if (!input) throw new Error(`no field labelled ${label}`);
    return input;
  }

  async function signIn(email: string, password: string): Promise<void> {
    field('Email').value = email;
    field('Email').dispatchEvent(new Event('input'));
    field('Password').value = password;
    field('Password').dispatchEvent(new Event('input'));
    el.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
    await fixture.whenStable();
  }

  const liveRegion = () => el.querySelector('[aria-live]') as HTMLElement;

  afterEach(() => {
    http.verify();
    TestBed.resetTestingModule();
    sessionStorage.clear();
  });

  it('has a main landmark, one h1 and labelled fields', async () => {
    await render();
    expect(el.querySelector('main')).not.toBeNull();
    expect(el.querySelector('h1')?.textContent).toContain('Sign in');
    expect(field('Email').type).toBe('email');
    expect(field('Password').type).toBe('password');
  });

  it('shows the server error message in a live region and clears the password', async () => {
    await render();
    await signIn('teacher@demo.school', 'wrong-pass');
    const req = http.expectOne('/api/v1/auth/login');
    expect(req.request.body).toEqual({ email: 'teacher@demo.school', password: 'wrong-pass' });
    req.flush(
      errorBody(
        401,
        'INVALID_CREDENTIALS',
        'The email or password is wrong. Check them and try again.',
      ),
      {
        status: 401,
        statusText: 'Unauthorized',
      },
    );
    await fixture.whenStable();
    expect(liveRegion().getAttribute('aria-live')).toBe('assertive');
    expect(liveRegion().textContent?.trim()).toBe(
      'The email or password is wrong. Check them and try again.',
    );
    expect(field('Password').value).toBe('');
    expect(navigate).not.toHaveBeenCalled();
  });

  it('shows the rate-limit message too', async () => {
    await render();
    await signIn('teacher@demo.school', 'x');
    http
      .expectOne('/api/v1/auth/login')
      .flush(errorBody(429, 'RATE_LIMITED', 'Too many sign-in attempts. Wait 5 minutes.'), {
        status: 429,
        statusText: 'Too Many Requests',
      });
    await fixture.whenStable();
    expect(liveRegion().textContent).toContain('Too many sign-in attempts. Wait 5 minutes.');
  });

  it('asks for the missing fields without calling the server', async () => {
    await render();
    await signIn('', '');
    http.expectNone('/api/v1/auth/login');
    expect(liveRegion().textContent).toContain('Enter your email and password.');
    expect(field('Email').getAttribute('aria-invalid')).toBe('true');
  });

  it.each([
    ['teacher', undefined, '/teacher'],
    ['student', undefined, '/student'],
    ['admin', undefined, '/admin'],
    ['teacher', '/teacher/sessions/7', '/teacher/sessions/7'],
    ['student', '/admin/users', '/student'],
  ] as const)(
    'signs a %s in and goes to their area (returnUrl %s)',
    async (role, returnUrl, expected) => {
      await render(returnUrl ? { returnUrl } : {});
      await signIn(`${role}@demo.school`, 'demo1234');
      http.expectOne('/api/v1/auth/login').flush(loginResponse(role));
      await fixture.whenStable();
      expect(TestBed.inject(AuthService).role()).toBe(role);
      expect(navigate).toHaveBeenCalledWith(expected);
    },
  );

  it('explains why the user is here after the session ended', async () => {
    await render({ reason: 'expired' });
    expect(el.textContent).toContain('Your session has ended');
  });

  it('asks for the new password after a password change signed the user out', async () => {
    await render({ reason: 'password-changed', email: 'sam@demo.school' });
    expect(el.querySelector('[data-testid=password-changed-notice]')?.textContent).toContain(
      'Sign in with your new password',
    );
    expect(field('Email').value).toBe('sam@demo.school');
  });

  it('offers the demo accounts in development, and fills the form with one', async () => {
    await render();
    const demo = Array.from(el.querySelectorAll('button')).find((b) =>
      b.textContent?.includes('student1@demo.school'),
    );
    demo?.click();
    await fixture.whenStable();
    expect(field('Email').value).toBe('student1@demo.school');
    expect(field('Password').value).toBe('demo1234');
    expect(el.textContent).toContain('operator@demo.school');
  });

  it('shows no demo accounts in production builds', async () => {
    await render({}, false);
    expect(el.textContent).not.toContain('Demo accounts');
  });
  it('points to first-run setup while the server has no account, and only then', async () => {
    await render({}, false, { needed: true });
    const notice = el.querySelector('[data-testid=setup-notice]');
    expect(notice?.textContent).toContain('This server has no account yet.');
    expect(notice?.querySelector('a')?.getAttribute('href')).toBe('/setup');
    TestBed.resetTestingModule();
    await render({}, false, { needed: false });
    expect(el.querySelector('[data-testid=setup-notice]')).toBeNull();
    TestBed.resetTestingModule();
    await render({}, false, 'unreachable');
    expect(el.querySelector('[data-testid=setup-notice]')).toBeNull();
  });

  it('fills in the email given in the link (after setup)', async () => {
    await render({ email: 'head@school.example' }, false);
    expect(field('Email').value).toBe('head@school.example');
    expect(field('Password').value).toBe('');
  });

  it('shows why a user of a suspended school cannot sign in', async () => {
    await render({}, false);
    await signIn('teacher@school.example', 'right-password');
    http
      .expectOne('/api/v1/auth/login')
      .flush(
        errorBody(
          403,
          'ACADEMY_SUSPENDED',
          'Your school is suspended. Contact the platform operator.',
        ),
        { status: 403, statusText: 'Forbidden' },
      );
    await fixture.whenStable();
    expect(liveRegion().textContent).toContain('Your school is suspended.');
    expect(navigate).not.toHaveBeenCalled();
  });
  it('explains a sign-out caused by a suspended school', async () => {
    await render({ reason: 'suspended' }, false);
    expect(el.querySelector('[data-testid=suspended-notice]')?.textContent).toContain(
      "Your school's account was suspended",
    );
  });
});
