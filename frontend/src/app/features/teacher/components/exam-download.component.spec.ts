import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ExamDownloadComponent, fileNameOf } from './exam-download.component';

describe('ExamDownloadComponent', () => {
  it('names the file after the exam', () => {
    expect(fileNameOf('Grammar quiz: Unit 3 (B1)', 'gift')).toBe('grammar-quiz-unit-3-b1.gift');
    expect(fileNameOf('Économie', 'zip')).toBe('economie.zip');
    expect(fileNameOf('!!!', 'zip')).toBe('exam.zip');
  });

  it('fetches the export with the token and hands the file to the browser', async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(ExamDownloadComponent);
    fixture.componentRef.setInput('examId', 'e1');
    fixture.componentRef.setInput('title', 'Quiz');
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const clicked: string[] = [];
    const create = URL.createObjectURL;
    URL.createObjectURL = () => 'blob:x';
    URL.revokeObjectURL = () => undefined;
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this.download);
    });
    el.querySelector<HTMLButtonElement>('[data-testid=download-qti]')!.click();
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=download-qti]')?.textContent).toContain('Preparing');
    const req = http.expectOne('/api/v1/exams/e1/export/qti');
    expect(req.request.responseType).toBe('blob');
    req.flush(new Blob(['PK']));
    await fixture.whenStable();
    expect(clicked).toEqual(['quiz.zip']);
    el.querySelector<HTMLButtonElement>('[data-testid=download-gift]')!.click();
    http
      .expectOne('/api/v1/exams/e1/export/gift')
      .flush(new Blob(['{}']), { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    expect(el.querySelector('[role=alert]')).not.toBeNull();
    http.verify();
    URL.createObjectURL = create;
  });
});
