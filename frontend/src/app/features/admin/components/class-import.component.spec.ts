import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { ImportUsersReport } from '@exam/contracts';
import { errorBody, storeSession } from '../../../../testing/auth-fixtures';
import * as save from '../data-access/save-text-file';
import { ClassImportComponent } from './class-import.component';

const CSV = 'email,name,extra time\nava@school.org,Ava Brown,25\nbad-email,Ben\ncy@school.org,Cy\n';

function report(dryRun: boolean): ImportUsersReport {
  return {
    dryRun,
    created: [
      {
        line: 2,
        id: dryRun ? null : 'u1',
        email: 'ava@school.org',
        displayName: 'Ava Brown',
        role: 'student',
        extraTimePercent: 25,
        generatedPassword: dryRun ? null : 'abcDEF234xyz',
      },
      {
        line: 4,
        id: dryRun ? null : 'u2',
        email: 'cy@school.org',
        displayName: 'Cy',
        role: 'student',
        extraTimePercent: 0,
        generatedPassword: dryRun ? null : 'pqrSTU567vwx',
      },
    ],
    refused: [
      {
        line: 3,
        email: 'bad-email',
        reason: '"bad-email" is not an email address like name@school.org.',
      },
    ],
  };
}

describe('ClassImportComponent', () => {
  let fixture: ComponentFixture<ClassImportComponent>;
  let el: HTMLElement;
  let http: HttpTestingController;
  let imported: ImportUsersReport[];

  beforeEach(async () => {
    storeSession('admin');
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ClassImportComponent);
    imported = [];
    fixture.componentInstance.imported.subscribe((r) => imported.push(r));
    el = fixture.nativeElement as HTMLElement;
    document.body.appendChild(el);
    await fixture.whenStable();
  });

  afterEach(() => {
    http.verify();
    el.remove();
    TestBed.resetTestingModule();
    sessionStorage.clear();
  });

  const words = (node: Element | null | undefined) =>
    (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const textarea = () => el.querySelector<HTMLTextAreaElement>('#ci-text')!;
  const button = (text: string) =>
    Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.trim() === text);
  const rows = (testid: string) =>
    Array.from(el.querySelectorAll(`[data-testid=${testid}] tbody tr`)).map((tr) =>
      Array.from(tr.querySelectorAll('td')).map((td) => words(td)),
    );
  async function paste(text: string): Promise<void> {
    textarea().value = text;
    textarea().dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }
  async function check(): Promise<void> {
    el.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await fixture.whenStable();
  }

  it('explains the columns with an example', () => {
    const explain = el.querySelector('.explain')!.textContent ?? '';
    for (const column of ['email', 'name', 'role', 'extra time', 'password']) {
      expect(explain).toContain(column);
    }
    expect(explain).toContain('CSV UTF-8');
    expect(explain).toContain('At most 500 rows');
    expect(el.querySelector('pre.example')?.textContent).toContain(
      'email,name,role,extra time,password',
    );
  });

  it('checks first (dry run): what will be created and each refused line with its reason', async () => {
    await paste(CSV);
    await check();
    const req = http.expectOne('/api/v1/users/import');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ csv: CSV, dryRun: true });
    req.flush(report(true));
    await fixture.whenStable();

    expect(words(el.querySelector('[data-testid=check-summary]'))).toBe(
      '2 people can be imported. 1 row is refused.',
    );
    expect(rows('refused-rows')).toEqual([
      ['3', 'bad-email', '"bad-email" is not an email address like name@school.org.'],
    ]);
    expect(rows('created-rows')).toEqual([
      ['2', 'Ava Brown', 'ava@school.org', 'Student +25 % time'],
      ['4', 'Cy', 'cy@school.org', 'Student'],
    ]);
    expect(document.activeElement?.id).toBe('ci-check-heading');
    expect(imported).toEqual([]);
    expect(button('Import 2 people')).toBeDefined();
  });

  it('imports after the check and shows the generated passwords once, with the list to download', async () => {
    const saveFile = jest.spyOn(save, 'saveTextFile').mockImplementation(() => undefined);
    await paste(CSV);
    await check();
    http.expectOne('/api/v1/users/import').flush(report(true));
    await fixture.whenStable();

    button('Import 2 people')!.click();
    await fixture.whenStable();
    const req = http.expectOne('/api/v1/users/import');
    expect(req.request.body).toEqual({ csv: CSV, dryRun: false });
    req.flush(report(false));
    await fixture.whenStable();

    expect(imported).toHaveLength(1);
    expect(words(el.querySelector('[data-testid=import-summary]'))).toBe(
      '2 accounts created. 1 row was refused: see below.',
    );
    expect(
      Array.from(el.querySelectorAll('[data-testid=generated-password]')).map((c) => c.textContent),
    ).toEqual(['abcDEF234xyz', 'pqrSTU567vwx']);
    expect(el.textContent).toContain('shown only now');
    expect(rows('refused-rows')).toEqual([
      ['3', 'bad-email', '"bad-email" is not an email address like name@school.org.'],
    ]);
    expect(document.activeElement?.id).toBe('ci-done-heading');

    button('Download the list (CSV)')!.click();
    expect(saveFile).toHaveBeenCalledTimes(1);
    const [text, name] = saveFile.mock.calls[0];
    expect(text).toContain('Ava Brown,ava@school.org,student,25%,abcDEF234xyz');
    expect(name).toMatch(/^accounts-\d{4}-\d{2}-\d{2}\.csv$/);

    // The next file starts from an empty form; the passwords are gone from the page.
    button('Import another file')!.click();
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=generated-password]')).toBeNull();
    expect(textarea().value).toBe('');
  });

  it('drops the check when the rows change, so only checked rows are imported', async () => {
    await paste(CSV);
    await check();
    http.expectOne('/api/v1/users/import').flush(report(true));
    await fixture.whenStable();
    await paste(CSV + 'dan@school.org,Dan\n');
    expect(el.querySelector('[data-testid=import-check]')).toBeNull();
  });

  it('says what is wrong when the whole file cannot be read, beside the field', async () => {
    await paste('nom;courriel\nAva;ava@school.org\n');
    await check();
    const message =
      'The first row must name the columns, with at least "email" and "name" (optional: "role", "extra time", "password").';
    http
      .expectOne('/api/v1/users/import')
      .flush(
        errorBody(400, 'VALIDATION_FAILED', message, [{ field: 'csv', problems: [message] }]),
        {
          status: 400,
          statusText: 'Bad Request',
        },
      );
    await fixture.whenStable();
    expect(el.querySelector('#ci-text-error')?.textContent).toContain('The first row must name');
    expect(textarea().getAttribute('aria-invalid')).toBe('true');
    expect(textarea().getAttribute('aria-describedby')).toBe('ci-text-error');
    expect(document.activeElement).toBe(textarea());
  });

  it('asks for a file or rows before checking', async () => {
    await check();
    http.expectNone('/api/v1/users/import');
    expect(el.querySelector('#ci-text-error')?.textContent).toContain(
      'Choose a CSV file or paste the rows first.',
    );
  });

  it('reads a chosen file into the rows', async () => {
    const input = el.querySelector<HTMLInputElement>('#ci-file')!;
    const file = new File([CSV], 'class-3b.csv', { type: 'text/csv' });
    Object.defineProperty(input, 'files', { value: [file] });
    input.dispatchEvent(new Event('change'));
    // Reading a file is asynchronous (Blob.text()).
    for (let i = 0; i < 50 && textarea().value === ''; i++) {
      await new Promise((r) => setTimeout(r, 10));
      await fixture.whenStable();
    }
    expect(textarea().value).toBe(CSV);
    expect(el.querySelector('label[for=ci-text]')?.textContent).toContain(
      'Rows from “class-3b.csv”',
    );
  });

  it("shows the server's sentence when the import fails for another reason", async () => {
    await paste(CSV);
    await check();
    http
      .expectOne('/api/v1/users/import')
      .error(new ProgressEvent('error'), { status: 0, statusText: '' });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=import-error]')?.textContent).toContain(
      'Cannot reach the server',
    );
  });

  it('has nothing to import when every row is refused', async () => {
    await paste(CSV);
    await check();
    http.expectOne('/api/v1/users/import').flush({ ...report(true), created: [] });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=check-summary]')?.textContent).toContain(
      'No row can be imported.',
    );
    expect(
      Array.from(el.querySelectorAll('button')).some((b) =>
        /^Import \d/.test(b.textContent?.trim() ?? ''),
      ),
    ).toBe(false);
  });
});
