import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { ExamView } from '@exam/contracts';
import { errorBody } from '../../../../testing/auth-fixtures';
import { examView } from '../../../../testing/exam-fixtures';
import { GiftImportComponent } from './gift-import.component';

describe('GiftImportComponent', () => {
  let fixture: ComponentFixture<GiftImportComponent>;
  let el: HTMLElement;
  let http: HttpTestingController;

  const fill = async (sel: string, value: string, ev = 'input') => {
    const i = el.querySelector<HTMLInputElement>(sel)!;
    i.value = value;
    i.dispatchEvent(new Event(ev));
    await fixture.whenStable();
  };
  const submit = async () => {
    el.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await fixture.whenStable();
  };

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(GiftImportComponent);
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });
  afterEach(() => http.verify());

  it('asks for text before posting anything', async () => {
    await submit();
    expect(el.textContent).toContain('Paste GIFT text or choose a file first.');
    expect(el.querySelector('#gift-text')?.getAttribute('aria-invalid')).toBe('true');
  });

  it('posts pasted text and shows the report of what was not taken, with line and reason', async () => {
    const imported: ExamView[] = [];
    fixture.componentInstance.imported.subscribe((e) => imported.push(e));
    await fill('#gift-text', '::Q1:: 2+2 {=4 ~5}');
    await fill('#gift-title', 'From Moodle');
    await fill('#gift-duration', '20', 'change');
    await submit();
    const req = http.expectOne('/api/v1/exams/import/gift');
    expect(req.request.body).toEqual({
      gift: '::Q1:: 2+2 {=4 ~5}',
      title: 'From Moodle',
      durationMinutes: 20,
    });
    req.flush({
      exam: examView({ id: 'x1', title: 'From Moodle' }),
      report: {
        found: 3,
        imported: 2,
        skipped: [
          {
            index: 3,
            line: 7,
            title: 'Q3',
            giftType: 'Description',
            reason: 'a description is not a question',
          },
        ],
      },
    });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=import-summary]')?.textContent).toContain(
      'Imported 2 of 3 questions into “From Moodle”',
    );
    const skipped = el
      .querySelector('[data-testid=import-skipped]')!
      .textContent!.replace(/\s+/g, ' ');
    expect(skipped).toContain('Question 3, line 7');
    expect(skipped).toContain('Description');
    expect(skipped).toContain('a description is not a question');
    expect(el.querySelector('a')?.getAttribute('href')).toBe('/teacher/exams/x1');
    expect(imported.map((e) => e.id)).toEqual(['x1']);
  });

  it('shows why a file could not be read at all', async () => {
    await fill('#gift-text', '{{{');
    await submit();
    http
      .expectOne('/api/v1/exams/import/gift')
      .flush(errorBody(400, 'IMPORT_FAILED', 'Line 1, column 2: unexpected "{".', { line: 1 }), {
        status: 400,
        statusText: 'Bad Request',
      });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=import-error]')?.textContent).toContain(
      'Line 1, column 2',
    );
  });

  it('imports Moodle XML pasted as text, and lists what imported questions left out', async () => {
    await fill('#import-format', 'moodle-xml', 'change');
    expect(el.querySelector('label[for=gift-text]')?.textContent).toContain('paste the XML');
    await submit();
    expect(el.textContent).toContain('Paste Moodle XML or choose a file first.');
    await fill('#gift-text', '<quiz><question type="truefalse"/></quiz>');
    await submit();
    const req = http.expectOne('/api/v1/exams/import/moodle-xml');
    expect(req.request.body).toEqual({
      xml: '<quiz><question type="truefalse"/></quiz>',
      durationMinutes: 30,
    });
    req.flush({
      exam: examView({ id: 'x2', title: 'Bank' }),
      report: {
        found: 2,
        imported: 1,
        skipped: [
          {
            index: 2,
            line: 9,
            code: 'UNSUPPORTED',
            moodleType: 'calculated',
            reason: 'not supported yet',
          },
        ],
        dropped: [
          { index: 1, line: 2, title: 'Hinted', parts: [{ part: 'hints', detail: '2 hints' }] },
        ],
      },
    });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=import-skipped]')?.textContent).toContain('calculated');
    const dropped = el
      .querySelector('[data-testid=import-dropped]')!
      .textContent!.replace(/\s+/g, ' ');
    expect(dropped).toContain('Question 1, line 2');
    expect(dropped).toContain('“Hinted”');
    expect(dropped).toContain('left out: 2 hints');
  });

  it('uploads a QTI 3 package as it is, title and duration in the query', async () => {
    await fill('#import-format', 'qti', 'change');
    expect(el.querySelector('#gift-text')).toBeNull();
    await submit();
    expect(el.textContent).toContain('Choose a QTI 3 package (.zip) first.');
    const zip = new File([new Uint8Array([0x50, 0x4b, 3, 4])], 'Biology quiz.zip', {
      type: 'application/zip',
    });
    const input = el.querySelector<HTMLInputElement>('#gift-file')!;
    Object.defineProperty(input, 'files', { value: [zip] });
    input.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    await new Promise((r) => setTimeout(r, 0));
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=import-file]')?.textContent).toContain(
      'Biology quiz.zip',
    );
    await submit();
    const req = http.expectOne(
      (r) => r.url === '/api/v1/exams/import/qti' && r.params.get('title') === 'Biology quiz',
    );
    expect(req.request.body).toBe(zip);
    expect(req.request.headers.get('content-type')).toBe('application/zip');
    expect(req.request.params.get('durationMinutes')).toBe('30');
    req.flush({ exam: examView({ id: 'x3' }), report: { found: 1, imported: 1, skipped: [] } });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=import-summary]')?.textContent).toContain(
      'Imported 1 of 1',
    );
  });
});
