import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { CreateAcademyRequest } from '@exam/contracts';
import { errorBody } from '../../../../testing/auth-fixtures';
import { academyView } from '../../../../testing/platform-fixtures';
import { NewAcademyPage } from './new-academy.page';

describe('NewAcademyPage', () => {
  let fixture: ComponentFixture<NewAcademyPage>;
  let el: HTMLElement;
  let http: HttpTestingController;
  let navigate: jest.SpyInstance;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    fixture = TestBed.createComponent(NewAcademyPage);
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });
  afterEach(() => {
    http.verify();
    TestBed.resetTestingModule();
  });

  const input = (id: string) => el.querySelector<HTMLInputElement | HTMLSelectElement>(`#${id}`)!;
  async function type(id: string, value: string): Promise<void> {
    const i = input(id);
    i.value = value;
    i.dispatchEvent(new Event(i instanceof HTMLSelectElement ? 'change' : 'input'));
    await fixture.whenStable();
  }
  async function submit(): Promise<void> {
    el.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await fixture.whenStable();
  }
  const errorText = (id: string) => el.querySelector(`#${id}-error`)?.textContent?.trim() ?? '';
  const labelFor = (id: string) => el.querySelector(`label[for=${id}]`)?.textContent?.trim();

  it('labels every field and checks them before sending', async () => {
    expect(labelFor('new-academy-name')).toBe('Name');
    expect(labelFor('new-academy-zone')).toBe('Time zone');
    expect(labelFor('new-academy-archive')).toBe('Archive finished sessions after (days)');
    expect(labelFor('new-academy-seclog')).toBe('Keep the security log for (days)');
    expect(labelFor('new-academy-admin-email')).toBe('Email');
    await type('new-academy-archive', '0');
    await type('new-academy-seclog', '4000');
    await submit();
    expect(el.querySelector('[data-testid=new-academy-error]')?.textContent).toContain(
      'Some fields need attention',
    );
    expect(errorText('new-academy-name')).toBe('Enter the name of the school.');
    expect(errorText('new-academy-archive')).toBe('Use at least 1 day, or leave it empty.');
    expect(errorText('new-academy-seclog')).toBe('Use at most 3650 days (10 years).');
    expect(errorText('new-academy-admin-email')).toBe('Enter an email address.');
    expect(input('new-academy-name').getAttribute('aria-describedby')).toBe(
      'new-academy-name-error',
    );
  });

  it('creates the academy with its first admin and opens its page', async () => {
    await type('new-academy-name', ' Riverside College ');
    await type('new-academy-zone', 'America/New_York');
    await type('new-academy-archive', '30');
    await type('new-academy-admin-name', 'Rita Admin');
    await type('new-academy-admin-email', 'rita@riverside.example');
    await type('new-academy-admin-password', 'a-long-password');
    await submit();
    const req = http.expectOne('/api/v1/platform/academies');
    expect(req.request.method).toBe('POST');
    expect(req.request.body as CreateAcademyRequest).toEqual({
      name: 'Riverside College',
      timeZone: 'America/New_York',
      archiveAfterDays: 30,
      securityLogDays: null,
      admin: {
        displayName: 'Rita Admin',
        email: 'rita@riverside.example',
        password: 'a-long-password',
      },
    });
    req.flush(academyView({ id: 'acad-9', name: 'Riverside College' }), {
      status: 201,
      statusText: 'Created',
    });
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/operator/academies', 'acad-9'], {
      state: { created: 'Riverside College', adminEmail: 'rita@riverside.example' },
    });
  });

  it('may leave the first admin for later', async () => {
    const box = Array.from(el.querySelectorAll('label.choice'))
      .find((l) => l.textContent?.includes('first administrator now'))!
      .querySelector('input')!;
    box.click();
    await fixture.whenStable();
    expect(el.querySelector('#new-academy-admin-email')).toBeNull();
    await type('new-academy-name', 'Hilltop');
    await submit();
    const req = http.expectOne('/api/v1/platform/academies');
    expect((req.request.body as CreateAcademyRequest).admin).toBeUndefined();
    req.flush(academyView({ id: 'acad-3', name: 'Hilltop' }));
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/operator/academies', 'acad-3'], {
      state: { created: 'Hilltop' },
    });
  });

  it("puts the server's problems under the right fields", async () => {
    await type('new-academy-name', 'Riverside');
    await type('new-academy-admin-name', 'Rita');
    await type('new-academy-admin-email', 'rita@riverside.example');
    await type('new-academy-admin-password', 'a-long-password');
    await submit();
    http.expectOne('/api/v1/platform/academies').flush(
      errorBody(400, 'VALIDATION_FAILED', '"Mars/Base" is not a time zone.', [
        { field: 'timeZone', problems: ['must be an IANA time zone, e.g. Europe/Paris or UTC'] },
        { field: 'admin.password', problems: ['password must be 8 to 200 characters long'] },
      ]),
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(errorText('new-academy-zone')).toBe(
      'must be an IANA time zone, e.g. Europe/Paris or UTC',
    );
    expect(errorText('new-academy-admin-password')).toBe(
      'password must be 8 to 200 characters long',
    );
    await submit();
    http
      .expectOne('/api/v1/platform/academies')
      .flush(
        errorBody(
          409,
          'EMAIL_TAKEN',
          'A user with the email rita@riverside.example already exists.',
        ),
        { status: 409, statusText: 'Conflict' },
      );
    await fixture.whenStable();
    expect(errorText('new-academy-admin-email')).toContain('already exists');
    expect(navigate).not.toHaveBeenCalled();
  });
});
