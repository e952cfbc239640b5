import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { daysText, userCountsText } from './academy-words';
import { PlatformApiService } from './platform-api.service';

describe('PlatformApiService', () => {
  let api: PlatformApiService;
  let http: HttpTestingController;
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    api = TestBed.inject(PlatformApiService);
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => {
    http.verify();
    TestBed.resetTestingModule();
  });

  it('sends only the filters that are set', () => {
    api.list({ search: '  ', page: 2, pageSize: 20 }).subscribe();
    const req = http.expectOne((r) => r.url === '/api/v1/platform/academies');
    expect(req.request.params.keys().sort()).toEqual(['page', 'pageSize']);
    req.flush({ items: [], total: 0, page: 2, pageSize: 20 });
    api.list({ search: ' north ', status: 'suspended' }).subscribe();
    const filtered = http.expectOne((r) => r.url === '/api/v1/platform/academies');
    expect(filtered.request.params.get('search')).toBe('north');
    expect(filtered.request.params.get('status')).toBe('suspended');
    filtered.flush({ items: [], total: 0, page: 1, pageSize: 50 });
  });

  it('addresses one academy by its id, and sends a reason only when there is one', () => {
    api.get('a/b').subscribe();
    http.expectOne('/api/v1/platform/academies/a%2Fb').flush({});
    api.suspend('a1', '  ').subscribe();
    expect(http.expectOne('/api/v1/platform/academies/a1/suspend').request.body).toEqual({});
    api.reactivate('a1').subscribe();
    expect(http.expectOne('/api/v1/platform/academies/a1/reactivate').request.method).toBe('POST');
  });
});

describe('academy words', () => {
  it('counts users and days in words', () => {
    expect(userCountsText({ admins: 1, teachers: 0, students: 2 })).toBe(
      '1 admin, 0 teachers, 2 students',
    );
    expect(daysText(null)).toBe('Server default');
    expect(daysText(1)).toBe('1 day');
    expect(daysText(30)).toBe('30 days');
  });
});
