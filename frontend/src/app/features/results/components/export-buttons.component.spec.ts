import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { ExportButtonsComponent } from './export-buttons.component';

const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

describe('ExportButtonsComponent', () => {
  let fixture: ComponentFixture<ExportButtonsComponent>;
  let el: HTMLElement;
  let http: HttpTestingController;
  const buttons = () => Array.from(el.querySelectorAll<HTMLButtonElement>('button'));

  beforeEach(async () => {
    Object.assign(URL, { createObjectURL: jest.fn(() => 'blob:x'), revokeObjectURL: jest.fn() });
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ExportButtonsComponent);
    fixture.componentRef.setInput('sessionId', 's1');
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });
  afterEach(() => {
    http.verify();
    TestBed.resetTestingModule();
  });

  it('downloads a CSV with a busy state and says it is done', async () => {
    expect(buttons().map((b) => squash(b.textContent))).toEqual([
      'Results (CSV file)',
      'All responses (CSV file)',
      'Statistics (CSV file)',
      'Activity signals (CSV file)',
    ]);
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => undefined);
    buttons()[1].click();
    await fixture.whenStable();
    expect(squash(buttons()[1].textContent)).toBe('Preparing… (CSV file)');
    expect(buttons().every((b) => b.disabled)).toBe(true);
    const req = http.expectOne('/api/v1/exam-sessions/s1/export/responses.csv');
    req.flush(new Blob(['a,b']), {
      headers: { 'content-disposition': 'attachment; filename="practice-responses.csv"' },
    });
    await fixture.whenStable();
    expect(click).toHaveBeenCalled();
    expect(buttons().some((b) => b.disabled)).toBe(false);
    expect(el.querySelector('[role=status]')?.textContent).toContain(
      'Downloaded all responses as practice-responses.csv.',
    );
  });

  it('shows why a download failed', async () => {
    buttons()[2].click();
    await fixture.whenStable();
    http
      .expectOne('/api/v1/exam-sessions/s1/export/statistics.csv')
      .flush(new Blob(['x']), { status: 500, statusText: 'Server Error' });
    await fixture.whenStable();
    expect(el.querySelector('[role=alert]')?.textContent).toContain(
      'Could not download the question statistics',
    );
  });
});
