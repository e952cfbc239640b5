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
});
