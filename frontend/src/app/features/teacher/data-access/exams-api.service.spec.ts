import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ExamSessionsApiService } from './exam-sessions-api.service';
import { ExamsApiService } from './exams-api.service';

describe('ExamsApiService and ExamSessionsApiService', () => {
  let http: HttpTestingController;
  let exams: ExamsApiService;
  let sessions: ExamSessionsApiService;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    exams = TestBed.inject(ExamsApiService);
    sessions = TestBed.inject(ExamSessionsApiService);
  });
  afterEach(() => http.verify());

  it('lists exams with search, active filter and paging, leaving out empty values', () => {
    exams.list({ search: '  alg ', active: false, page: 2, pageSize: 20 }).subscribe();
    const req = http.expectOne((r) => r.url === '/api/v1/exams');
    expect(req.request.method).toBe('GET');
    expect(req.request.params.toString()).toBe('search=alg&active=false&page=2&pageSize=20');
    req.flush({ items: [], total: 0, page: 2, pageSize: 20 });

    exams.list({ search: '   ' }).subscribe();
    expect(http.expectOne('/api/v1/exams').request.params.keys()).toEqual([]);
  });

  it('reads, creates, replaces, duplicates and deletes an exam', () => {
    exams.get('e1').subscribe();
    expect(http.expectOne('/api/v1/exams/e1').request.method).toBe('GET');

    const body = { title: 'T', durationMinutes: 10, questions: [] };
    exams.create(body).subscribe();
    const create = http.expectOne('/api/v1/exams');
    expect([create.request.method, create.request.body]).toEqual(['POST', body]);

    exams.update('e1', { ...body, version: 3 }).subscribe();
    const put = http.expectOne('/api/v1/exams/e1');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toMatchObject({ version: 3 });

    exams.duplicate('e1').subscribe();
    const dup = http.expectOne('/api/v1/exams/e1/duplicate');
    expect([dup.request.method, dup.request.body]).toEqual(['POST', {}]);

    exams.remove('e1').subscribe();
    expect(http.expectOne('/api/v1/exams/e1').request.method).toBe('DELETE');
  });

  it('posts GIFT text to the import route', () => {
    exams.importGift({ gift: '::Q:: 1+1 {=2 ~3}', title: 'Moodle' }).subscribe();
    const req = http.expectOne('/api/v1/exams/import/gift');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ gift: '::Q:: 1+1 {=2 ~3}', title: 'Moodle' });
  });

  it('lists sessions by status and creates one', () => {
    sessions.list({ status: 'active', page: 1, pageSize: 20 }).subscribe();
    expect(http.expectOne((r) => r.url === '/api/v1/exam-sessions').request.params.toString()).toBe(
      'status=active&page=1&pageSize=20',
    );

    sessions.create({ examId: 'e1', studentIds: ['s1'] }).subscribe();
    const req = http.expectOne('/api/v1/exam-sessions');
    expect([req.request.method, req.request.body]).toEqual([
      'POST',
      { examId: 'e1', studentIds: ['s1'] },
    ]);
  });
});
