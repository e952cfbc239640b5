import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import {
  SESSION_KEY,
  errorBody,
  loginResponse,
  storeSession,
  tokenPair,
} from '../../../testing/auth-fixtures';
import { authInterceptor } from './auth.interceptor';
import { AuthService } from './auth.service';

describe('AuthService', () => {
  let http: HttpTestingController;

  function setup(): AuthService {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    return TestBed.inject(AuthService);
  }

  afterEach(() => {
    http.verify();
    TestBed.resetTestingModule();
    sessionStorage.clear();
    jest.useRealTimers();
  });

  it('signs in: user, role and tokens in signals, memory and sessionStorage', () => {
    const auth = setup();
    const tokens: (string | null)[] = [];
    auth.accessTokenChanges.subscribe((t) => tokens.push(t));
    expect(auth.isLoggedIn()).toBe(false);

    let signedIn = '';
    auth.login(' teacher@demo.school ', 'demo1234').subscribe((u) => (signedIn = u.displayName));
    const req = http.expectOne('/api/v1/auth/login');
    expect(req.request.body).toEqual({ email: 'teacher@demo.school', password: 'demo1234' });
    expect(req.request.headers.has('Authorization')).toBe(false);
    req.flush(loginResponse('teacher'));

    expect(signedIn).toBe('Teacher One');
    expect(auth.isLoggedIn()).toBe(true);
    expect(auth.role()).toBe('teacher');
    expect(auth.accessToken()).toBe('access-1');
    expect(tokens).toEqual(['access-1']);
    expect(JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? '{}')).toMatchObject({
      accessToken: 'access-1',
      refreshToken: 'refresh-1',
      user: { role: 'teacher' },
    });
  });

  it('passes the server error on as an ApiError and stays signed out', () => {
    const auth = setup();
    let error: unknown;
    auth.login('x@y.z', 'nope').subscribe({ error: (e: unknown) => (error = e) });
    http
      .expectOne('/api/v1/auth/login')
      .flush(errorBody(401, 'INVALID_CREDENTIALS', 'Email or password is wrong.'), {
        status: 401,
        statusText: 'Unauthorized',
      });
    expect(error).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      message: 'Email or password is wrong.',
    });
    expect(auth.isLoggedIn()).toBe(false);
  });

  it('restores the session of this tab after a reload, and ignores a damaged one', () => {
    storeSession('student');
    expect(setup().user()?.role).toBe('student');
    TestBed.resetTestingModule();
    sessionStorage.setItem(SESSION_KEY, '{"accessToken": 1}');
    expect(setup().isLoggedIn()).toBe(false);
  });

  it('refreshes the access token shortly before it expires, then again before the next expiry', () => {
    jest.useFakeTimers({ now: 5_000_000, doNotFake: ['queueMicrotask'] });
    const auth = setup();
    auth.login('teacher@demo.school', 'demo1234').subscribe();
    http.expectOne('/api/v1/auth/login').flush(loginResponse('teacher', 1, 900));

    jest.advanceTimersByTime(839_000);
    http.expectNone('/api/v1/auth/refresh');
    jest.advanceTimersByTime(1_000); // 60 s before the 900 s expiry
    const req = http.expectOne('/api/v1/auth/refresh');
    expect(req.request.body).toEqual({ refreshToken: 'refresh-1' });
    req.flush(tokenPair(2, 900));
    expect(auth.accessToken()).toBe('access-2');

    jest.advanceTimersByTime(840_000);
    http.expectOne('/api/v1/auth/refresh').flush(tokenPair(3, 900));
    expect(auth.accessToken()).toBe('access-3');
  });

  it('shares one refresh request between concurrent callers (refresh tokens work once)', () => {
    storeSession('teacher');
    const auth = setup();
    const got: string[] = [];
    auth.refresh().subscribe((t) => got.push(t));
    auth.refresh().subscribe((t) => got.push(t));
    http.expectOne('/api/v1/auth/refresh').flush(tokenPair(2));
    expect(got).toEqual(['access-2', 'access-2']);
  });

  it('ends the session and goes to /login when the refresh token is refused', () => {
    storeSession('teacher');
    const auth = setup();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    let error: unknown;
    auth.refresh().subscribe({ error: (e: unknown) => (error = e) });
    http
      .expectOne('/api/v1/auth/refresh')
      .flush(
        errorBody(401, 'REFRESH_TOKEN_REUSED', 'This sign-in was used twice. Sign in again.'),
        {
          status: 401,
          statusText: 'Unauthorized',
        },
      );
    expect(error).toMatchObject({ code: 'REFRESH_TOKEN_REUSED' });
    expect(auth.isLoggedIn()).toBe(false);
    expect(sessionStorage.getItem(SESSION_KEY)).toBeNull();
    expect(navigate).toHaveBeenCalledWith(['/login'], { queryParams: { reason: 'expired' } });
  });

  it('keeps the session when the refresh fails only because the network is down', () => {
    storeSession('teacher');
    const auth = setup();
    auth.refresh().subscribe({ error: () => undefined });
    http.expectOne('/api/v1/auth/refresh').error(new ProgressEvent('error'), { status: 0 });
    expect(auth.isLoggedIn()).toBe(true);
  });

  it('signs out: revokes this login on the server, clears the tab and goes to /login', () => {
    storeSession('admin');
    const auth = setup();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const tokens: (string | null)[] = [];
    auth.accessTokenChanges.subscribe((t) => tokens.push(t));
    auth.logout().subscribe();
    const req = http.expectOne('/api/v1/auth/logout');
    expect(req.request.body).toEqual({ refreshToken: 'refresh-1' });
    expect(req.request.headers.get('Authorization')).toBe('Bearer access-1');
    req.flush(null, { status: 204, statusText: 'No Content' });
    expect(auth.isLoggedIn()).toBe(false);
    expect(sessionStorage.getItem(SESSION_KEY)).toBeNull();
    expect(tokens).toEqual([null]);
    expect(navigate).toHaveBeenCalledWith('/login');
  });

  it('signs out locally even when the server cannot be reached', () => {
    storeSession('admin');
    const auth = setup();
    jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    auth.logout().subscribe();
    http.expectOne('/api/v1/auth/logout').error(new ProgressEvent('error'), { status: 0 });
    expect(auth.isLoggedIn()).toBe(false);
  });
  it("keeps the user's academy facts current after a change, in memory and in the tab", () => {
    storeSession('admin');
    const auth = setup();
    auth.updateUser({ academyName: 'Lycée Victor Hugo', academyTimeZone: 'Europe/Paris' });
    expect(auth.user()).toMatchObject({
      role: 'admin',
      academyName: 'Lycée Victor Hugo',
      academyTimeZone: 'Europe/Paris',
    });
    expect(auth.accessToken()).toBe('access-1');
    expect(JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? '{}')).toMatchObject({
      user: { academyTimeZone: 'Europe/Paris' },
    });
  });

  describe('changing your own password', () => {
    it('changes it, then signs this device in again with the new password', () => {
      storeSession('teacher');
      const auth = setup();
      const tokens: (string | null)[] = [];
      auth.accessTokenChanges.subscribe((t) => tokens.push(t));
      let outcome = '';
      auth.changePassword('demo1234', 'new-secret-1').subscribe((o) => (outcome = o));

      const change = http.expectOne('/api/v1/auth/change-password');
      expect(change.request.method).toBe('POST');
      expect(change.request.body).toEqual({
        currentPassword: 'demo1234',
        newPassword: 'new-secret-1',
      });
      expect(change.request.headers.get('Authorization')).toBe('Bearer access-1');
      change.flush(null, { status: 204, statusText: 'No Content' });

      // Every login ended on the server, this one too: sign in again with the new password.
      const login = http.expectOne('/api/v1/auth/login');
      expect(login.request.body).toEqual({
        email: 'teacher@demo.school',
        password: 'new-secret-1',
      });
      expect(login.request.headers.has('Authorization')).toBe(false);
      login.flush(loginResponse('teacher', 2));

      expect(outcome).toBe('signed-in');
      expect(auth.accessToken()).toBe('access-2');
      expect(tokens).toEqual(['access-2']);
      expect(JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? '{}')).toMatchObject({
        refreshToken: 'refresh-2',
      });
    });

    it('passes a wrong current password on as INVALID_CREDENTIALS and keeps the session', () => {
      storeSession('student');
      const auth = setup();
      const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
      let error: unknown;
      auth
        .changePassword('wrong', 'new-secret-1')
        .subscribe({ error: (e: unknown) => (error = e) });
      http
        .expectOne('/api/v1/auth/change-password')
        .flush(errorBody(401, 'INVALID_CREDENTIALS', 'The current password is wrong.'), {
          status: 401,
          statusText: 'Unauthorized',
        });
      expect(error).toMatchObject({
        status: 401,
        code: 'INVALID_CREDENTIALS',
        message: 'The current password is wrong.',
      });
      expect(auth.isLoggedIn()).toBe(true);
      expect(auth.accessToken()).toBe('access-1');
      expect(navigate).not.toHaveBeenCalled();
      http.expectNone('/api/v1/auth/login');
    });

    it('when signing in again fails, ends the session and asks for the new password on /login', () => {
      storeSession('student');
      const auth = setup();
      const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
      let outcome = '';
      auth.changePassword('demo1234', 'new-secret-1').subscribe((o) => (outcome = o));
      http
        .expectOne('/api/v1/auth/change-password')
        .flush(null, { status: 204, statusText: 'No Content' });
      http
        .expectOne('/api/v1/auth/login')
        .flush(errorBody(429, 'RATE_LIMITED', 'Too many attempts.'), {
          status: 429,
          statusText: 'Too Many Requests',
        });
      expect(outcome).toBe('signed-out');
      expect(auth.isLoggedIn()).toBe(false);
      expect(sessionStorage.getItem(SESSION_KEY)).toBeNull();
      expect(navigate).toHaveBeenCalledWith(['/login'], {
        queryParams: { reason: 'password-changed', email: 'student@demo.school' },
      });
    });
  });
});
