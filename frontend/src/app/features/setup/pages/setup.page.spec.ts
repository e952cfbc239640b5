import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { SetupRequest, SetupResponse } from '@exam/contracts';
import { errorBody, userView } from '../../../../testing/auth-fixtures';
import { academyView } from '../../../../testing/platform-fixtures';
import { SetupPage } from './setup.page';

const TOKEN = 'q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c';

describe('SetupPage', () => {
  let fixture: ComponentFixture<SetupPage>;
  let el: HTMLElement;
  let http: HttpTestingController;

  async function render(needed: boolean): Promise<void> {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(SetupPage);
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    expect(el.textContent).toContain('Checking this server');
    http.expectOne('/api/v1/setup').flush({ needed });
    await fixture.whenStable();
  }

  function field(label: string): HTMLInputElement | HTMLSelectElement {
    const l = Array.from(el.querySelectorAll('label')).find((x) => x.textContent?.trim() === label);
    const input = l && el.querySelector<HTMLInputElement>(`#${l.htmlFor}`);
    if (!input) throw new Error(`no field labelled ${label}`);
    return input;
  }
  async function type(label: string, value: string): Promise<void> {
    const input = field(label);
    input.value = value;
    input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input'));
    await fixture.whenStable();
  }
  async function submit(): Promise<void> {
    el.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await fixture.whenStable();
  }
  async function fillAll(): Promise<void> {
    await type('Setup token', ` ${TOKEN} `);
    await type('Name of the school', 'Northside High ');
    await type('Time zone', 'Europe/Paris');
    await type('Name', 'Ada Admin');
    await type('Email', 'head@northside.example');
    await type('Password', 'correct horse');
    await type('Password again', 'correct horse');
  }
  const errorsUnder = (label: string) => {
    const id = field(label).getAttribute('aria-describedby') ?? '';
    return id
      .split(' ')
      .filter((x) => x.endsWith('-error'))
      .map((x) => el.querySelector(`#${x}`)?.textContent?.trim() ?? '')
      .join(' ');
  };

  afterEach(() => {
    http.verify();
    TestBed.resetTestingModule();
  });

  it('explains where the token is, and offers every time zone with the browser zone chosen', async () => {
    await render(true);
    expect(el.querySelector('h1')?.textContent).toContain('Set up this server');
    const hint = el.querySelector('#setup-token-hint')?.textContent ?? '';
    expect(hint).toContain('prints a one-time setup token');
    expect(hint).toContain('docker logs exam');
    expect(field('Setup token').getAttribute('aria-describedby')).toBe('setup-token-hint');
    const zone = field('Time zone') as HTMLSelectElement;
    expect(zone.options.length).toBeGreaterThan(300);
    expect(zone.options[0].value).toBe('UTC');
    expect(zone.value).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(Array.from(zone.options).find((o) => o.value === 'America/New_York')?.text).toMatch(
      /^America\/New York \(UTC−0[45]:00\)$/,
    );
    expect(field('Password again').getAttribute('type')).toBe('password');
  });

  it('checks the fields before sending: required, email, length, same password twice', async () => {
    await render(true);
    await type('Email', 'not-an-email');
    await type('Password', 'short');
    await type('Password again', 'shorter');
    await submit();
    expect(el.querySelector('[data-testid=setup-error]')?.textContent).toContain(
      'Some fields need attention',
    );
    expect(errorsUnder('Setup token')).toContain('Paste the setup token');
    expect(errorsUnder('Name of the school')).toContain('Enter the name of the school');
    expect(errorsUnder('Email')).toContain('like name@school.org');
    expect(errorsUnder('Password')).toContain('at least 8 characters');
    expect(errorsUnder('Password again')).toContain('The two passwords differ');
    expect(field('Email').getAttribute('aria-invalid')).toBe('true');
  });

  it('creates the school and admin, then says to sign in with a link that fills the email', async () => {
    await render(true);
    await fillAll();
    await submit();
    const req = http.expectOne('/api/v1/setup');
    expect(req.request.method).toBe('POST');
    expect(req.request.headers.has('Authorization')).toBe(false);
    expect(req.request.body as SetupRequest).toEqual({
      token: TOKEN,
      academy: { name: 'Northside High', timeZone: 'Europe/Paris' },
      admin: {
        displayName: 'Ada Admin',
        email: 'head@northside.example',
        password: 'correct horse',
      },
    });
    const res: SetupResponse = {
      academy: academyView(),
      admin: userView('admin', { email: 'head@northside.example', displayName: 'Ada Admin' }),
    };
    req.flush(res, { status: 201, statusText: 'Created' });
    await fixture.whenStable();
    expect(el.querySelector('h1')?.textContent).toContain('Your school is ready');
    expect(
      el.querySelector('[data-testid=setup-done]')?.textContent?.replace(/\s+/g, ' '),
    ).toContain('Done: sign in as head@northside.example');
    const link = Array.from(el.querySelectorAll('a')).find(
      (a) => a.textContent?.trim() === 'Sign in',
    );
    expect(link?.getAttribute('href')).toBe('/login?email=head@northside.example');
  });

  it('shows a refused token under the token field', async () => {
    await render(true);
    await fillAll();
    await submit();
    http
      .expectOne('/api/v1/setup')
      .flush(
        errorBody(403, 'SETUP_TOKEN_INVALID', 'The setup token is wrong or was already used.'),
        { status: 403, statusText: 'Forbidden' },
      );
    await fixture.whenStable();
    expect(errorsUnder('Setup token')).toBe('The setup token is wrong or was already used.');
    expect(el.querySelector('[data-testid=setup-error]')?.textContent).toContain(
      'The setup token was not accepted',
    );
    // Editing the token clears the complaint.
    await type('Setup token', 'another');
    expect(errorsUnder('Setup token')).toBe('');
  });

  it("puts the server's field problems under their fields, in words", async () => {
    await render(true);
    await fillAll();
    await submit();
    http.expectOne('/api/v1/setup').flush(
      errorBody(400, 'VALIDATION_FAILED', 'The request has invalid fields: academy.timeZone.', [
        { field: 'academy.timeZone', problems: ['timeZone must be an IANA time zone'] },
        { field: 'admin.email', problems: ['email must be an email address'] },
      ]),
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(errorsUnder('Time zone')).toBe('timeZone must be an IANA time zone');
    expect(errorsUnder('Email')).toBe('email must be an email address');
    expect(el.querySelector('[data-testid=setup-error]')?.textContent).toContain(
      'Some fields need attention',
    );
    expect(el.textContent).not.toContain('invalid fields: academy.timeZone');
  });

  it('says the server is already set up and links to sign-in', async () => {
    await render(false);
    expect(el.querySelector('h1')?.textContent).toContain('already set up');
    expect(el.querySelector('form')).toBeNull();
    const link = Array.from(el.querySelectorAll('a')).find((a) =>
      a.textContent?.includes('sign-in'),
    );
    expect(link?.getAttribute('href')).toBe('/login');
  });

  it('turns to "already set up" when someone else finished first', async () => {
    await render(true);
    await fillAll();
    await submit();
    http
      .expectOne('/api/v1/setup')
      .flush(errorBody(409, 'SETUP_NOT_AVAILABLE', 'This server is already set up.'), {
        status: 409,
        statusText: 'Conflict',
      });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=setup-closed]')).not.toBeNull();
  });

  it('offers to try again when the server cannot be reached', async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(SetupPage);
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    http.expectOne('/api/v1/setup').error(new ProgressEvent('error'));
    await fixture.whenStable();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('Cannot reach the server');
    el.querySelector<HTMLButtonElement>('button')!.click();
    await fixture.whenStable();
    http.expectOne('/api/v1/setup').flush({ needed: true });
    await fixture.whenStable();
    expect(el.querySelector('form')).not.toBeNull();
  });
});
