import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { errorBody, storeSession, tokenPair } from '../../../testing/auth-fixtures';
import { authInterceptor } from './auth.interceptor';
import { AuthService } from './auth.service';

const EXPIRED = errorBody(
  401,
  'TOKEN_EXPIRED',
  'Your session has expired. Refresh the token or sign in again.',
);
const UNAUTHORIZED = { status: 401, statusText: 'Unauthorized' };

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let router: Router;

  beforeEach(() => {
    storeSession('teacher');
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    jest.spyOn(router, 'navigate').mockResolvedValue(true);
  });

  afterEach(() => {
    backend.verify();
    TestBed.resetTestingModule();
    sessionStorage.clear();
  });

  it('attaches the Bearer token to API calls only', () => {
    http.get('/api/v1/auth/me').subscribe();
    http.get('/assets/config.json').subscribe();
    expect(backend.expectOne('/api/v1/auth/me').request.headers.get('Authorization')).toBe(
      'Bearer access-1',
    );
    expect(backend.expectOne('/assets/config.json').request.headers.has('Authorization')).toBe(
      false,
    );
  });

  it('on 401 TOKEN_EXPIRED refreshes once for all concurrent requests, then retries each with the new token', () => {
    const results: unknown[] = [];
    http.get('/api/v1/auth/me').subscribe((r) => results.push(r));
    http.get('/api/v1/users').subscribe((r) => results.push(r));
    http.post('/api/v1/users', { a: 1 }).subscribe((r) => results.push(r));

    const first = backend.match((r) => r.url.startsWith('/api/v1/') && !r.url.endsWith('/refresh'));
    expect(first).toHaveLength(3);
    first.forEach((r) => r.flush(EXPIRED, UNAUTHORIZED));

    const refresh = backend.match('/api/v1/auth/refresh');
    expect(refresh).toHaveLength(1);
    expect(refresh[0].request.headers.has('Authorization')).toBe(false);
    expect(refresh[0].request.body).toEqual({ refreshToken: 'refresh-1' });
    refresh[0].flush(tokenPair(2));

    const retried = backend.match(() => true);
    expect(retried.map((r) => `${r.request.method} ${r.request.url}`).sort()).toEqual([
      'GET /api/v1/auth/me',
      'GET /api/v1/users',
      'POST /api/v1/users',
    ]);
    retried.forEach((r) => {
      expect(r.request.headers.get('Authorization')).toBe('Bearer access-2');
      r.flush({ ok: r.request.url });
    });
    expect(results).toHaveLength(3);
    expect(TestBed.inject(AuthService).accessToken()).toBe('access-2');
  });

  it('retries with the current token, without another refresh, when a refresh already happened', () => {
    http.get('/api/v1/auth/me').subscribe();
    http.get('/api/v1/users').subscribe();
    backend.expectOne('/api/v1/auth/me').flush(EXPIRED, UNAUTHORIZED);
    backend.expectOne('/api/v1/auth/refresh').flush(tokenPair(2));
    backend.expectOne('/api/v1/auth/me').flush({});
    // The second request failed late, with the old token, after the refresh was done.
    backend.expectOne('/api/v1/users').flush(EXPIRED, UNAUTHORIZED);
    backend.expectNone('/api/v1/auth/refresh');
    expect(backend.expectOne('/api/v1/users').request.headers.get('Authorization')).toBe(
      'Bearer access-2',
    );
  });

  it('when the refresh is refused: the caller gets the 401 and the user goes to /login', () => {
    let status = 0;
    http
      .get('/api/v1/auth/me')
      .subscribe({ error: (e: { status: number }) => (status = e.status) });
    backend.expectOne('/api/v1/auth/me').flush(EXPIRED, UNAUTHORIZED);
    backend
      .expectOne('/api/v1/auth/refresh')
      .flush(errorBody(401, 'REFRESH_TOKEN_REUSED', 'Sign in again.'), UNAUTHORIZED);
    expect(status).toBe(401);
    expect(router.navigate).toHaveBeenCalledWith(['/login'], {
      queryParams: { reason: 'expired' },
    });
    expect(TestBed.inject(AuthService).isLoggedIn()).toBe(false);
  });

  it('does not refresh for other errors', () => {
    let code = '';
    http
      .get('/api/v1/users')
      .subscribe({ error: (e: { error: { code: string } }) => (code = e.error.code) });
    backend
      .expectOne('/api/v1/users')
      .flush(errorBody(403, 'FORBIDDEN', 'No.'), { status: 403, statusText: 'Forbidden' });
    backend.expectNone('/api/v1/auth/refresh');
    expect(code).toBe('FORBIDDEN');
  });

  it('ends the session on 401 TOKEN_INVALID (signed out elsewhere)', () => {
    http.get('/api/v1/users').subscribe({ error: () => undefined });
    backend
      .expectOne('/api/v1/users')
      .flush(errorBody(401, 'TOKEN_INVALID', 'This session was signed out.'), UNAUTHORIZED);
    backend.expectNone('/api/v1/auth/refresh');
    expect(router.navigate).toHaveBeenCalledWith(['/login'], {
      queryParams: { reason: 'expired' },
    });
  });
  it("ends the session when the user's school was suspended, saying so on the login page", () => {
    let code = '';
    http.get('/api/v1/exams').subscribe({
      error: (e: { error: { code: string } }) => (code = e.error.code),
    });
    backend
      .expectOne('/api/v1/exams')
      .flush(errorBody(403, 'ACADEMY_SUSPENDED', "Your school's account is suspended."), {
        status: 403,
        statusText: 'Forbidden',
      });
    backend.expectNone('/api/v1/auth/refresh');
    expect(code).toBe('ACADEMY_SUSPENDED');
    expect(TestBed.inject(AuthService).isLoggedIn()).toBe(false);
    expect(router.navigate).toHaveBeenCalledWith(['/login'], {
      queryParams: { reason: 'suspended' },
    });
  });
});
