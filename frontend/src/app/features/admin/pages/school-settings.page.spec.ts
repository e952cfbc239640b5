import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { UpdateAcademyRequest } from '@exam/contracts';
import { errorBody, storeSession, userView } from '../../../../testing/auth-fixtures';
import { academyView } from '../../../../testing/platform-fixtures';
import { AuthService } from '../../../core/auth/auth.service';
import { AcademyTimeZone } from '../../../core/time/academy-time-zone';
import { SchoolSettingsPage } from './school-settings.page';

describe('SchoolSettingsPage', () => {
  let fixture: ComponentFixture<SchoolSettingsPage>;
  let el: HTMLElement;
  let http: HttpTestingController;

  beforeEach(async () => {
    storeSession('admin', { user: userView('admin', { academyTimeZone: 'Europe/Paris' }) });
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(SchoolSettingsPage);
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    expect(el.textContent).toContain('Loading the settings');
    http.expectOne('/api/v1/academy').flush(academyView({ securityLogDays: 180 }));
    await fixture.whenStable();
  });
  afterEach(() => {
    http.verify();
    TestBed.resetTestingModule();
    sessionStorage.clear();
  });

  const input = (id: string) => el.querySelector<HTMLInputElement | HTMLSelectElement>(`#${id}`)!;
  async function type(id: string, value: string): Promise<void> {
    const i = input(id);
    i.value = value;
    i.dispatchEvent(new Event(i instanceof HTMLSelectElement ? 'change' : 'input'));
    await fixture.whenStable();
  }
  async function save(): Promise<void> {
    el.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await fixture.whenStable();
  }

  it("shows the school's settings, each field labelled, with the time now in its zone", async () => {
    expect(el.querySelector('h1')?.textContent).toBe('School settings');
    expect(el.querySelector('label[for=school-name]')?.textContent?.trim()).toBe(
      'Name of the school',
    );
    expect(input('school-name').value).toBe('Northside High');
    expect(input('school-zone').value).toBe('Europe/Paris');
    expect(input('school-archive').value).toBe('');
    expect(input('school-seclog').value).toBe('180');
    expect(el.textContent).toContain(
      "Leave a field empty to use the server's default: finished sessions are archived after 30 days, the security log is kept 180 days.",
    );
    expect(el.querySelector('[data-testid=zone-now]')?.textContent).toMatch(
      /Now there: \w+day \d{1,2} \w+ \d{4}, \d\d:\d\d\./,
    );
  });

  it('saves, and shows every time in the new zone at once', async () => {
    await type('school-zone', 'America/New_York');
    await type('school-archive', '60');
    await type('school-seclog', '');
    await save();
    const req = http.expectOne('/api/v1/academy');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body as UpdateAcademyRequest).toEqual({
      name: 'Northside High',
      timeZone: 'America/New_York',
      archiveAfterDays: 60,
      securityLogDays: null,
    });
    req.flush(academyView({ timeZone: 'America/New_York', archiveAfterDays: 60 }));
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=settings-saved]')?.textContent).toContain(
      'Times are now shown in America/New_York',
    );
    expect(TestBed.inject(AuthService).user()?.academyTimeZone).toBe('America/New_York');
    expect(TestBed.inject(AcademyTimeZone).zone()).toBe('America/New_York');
  });

  it('checks the fields, and shows what the server refuses under its field', async () => {
    await type('school-name', '  ');
    await type('school-archive', '2.5');
    await save();
    expect(el.querySelector('#school-name-error')?.textContent).toContain(
      'Enter the name of the school.',
    );
    expect(el.querySelector('#school-archive-error')?.textContent).toContain('Use whole days.');
    await type('school-name', 'Northside');
    await type('school-archive', '');
    await save();
    http
      .expectOne('/api/v1/academy')
      .flush(
        errorBody(400, 'VALIDATION_FAILED', 'The request has invalid fields: timeZone.', [
          { field: 'timeZone', problems: ['must be an IANA time zone, e.g. Europe/Paris or UTC'] },
        ]),
        { status: 400, statusText: 'Bad Request' },
      );
    await fixture.whenStable();
    expect(el.querySelector('#school-zone-error')?.textContent).toContain('IANA time zone');
    expect(el.querySelector('[data-testid=settings-error]')?.textContent).toContain(
      'Some fields need attention',
    );
  });
});
