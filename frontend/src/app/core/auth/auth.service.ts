/**
 * The signed-in user and their tokens. Tokens live in memory and sessionStorage; the access
 * token is refreshed shortly before it expires, and every caller that needs a refresh at the
 * same moment shares one request (refresh tokens rotate: a second use would sign the user out).
 */
import { HttpClient } from '@angular/common/http';
import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import type {
  ChangePasswordRequest,
  LoginRequest,
  LoginResponse,
  LogoutRequest,
  RefreshRequest,
  TokenPair,
  UserView,
} from '@exam/contracts';
import {
  Observable,
  Subject,
  catchError,
  finalize,
  map,
  of,
  shareReplay,
  switchMap,
  throwError,
} from 'rxjs';
import { API_BASE } from '../api/api-base';
import { toApiError, type ApiError } from '../api/api-error';
import { skipAuth } from './auth-http-context';
import { SessionStore, type StoredSession } from './session-store';

/**
 * After the user changed their own password: 'signed-in' when this device signed in again with
 * the new password; 'signed-out' when that failed (the user was sent to /login, asked to sign
 * in with the new password).
 */
export type PasswordChangeOutcome = 'signed-in' | 'signed-out';

/** Refresh this long before expiry at most; short-lived tokens refresh at 80 % of their life. */
const REFRESH_LEAD_MS = 60_000;
/** After a refresh failed for a passing reason (network, 5xx), try again this much later. */
const REFRESH_RETRY_MS = 10_000;

@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly store = inject(SessionStore);

  private readonly session = signal<StoredSession | null>(this.store.load());
  readonly user = computed<UserView | null>(() => this.session()?.user ?? null);
  readonly isLoggedIn = computed(() => this.session() !== null);
  readonly role = computed(() => this.session()?.user.role ?? null);

  private readonly tokenChanges = new Subject<string | null>();
  /** The new access token after sign-in or refresh; null when the session ends. */
  readonly accessTokenChanges: Observable<string | null> = this.tokenChanges.asObservable();

  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshInFlight: Observable<string> | null = null;

  constructor() {
    if (this.session()) this.scheduleRefresh();
    inject(DestroyRef).onDestroy(() => clearTimeout(this.refreshTimer));
  }

  accessToken(): string | null {
    return this.session()?.accessToken ?? null;
  }

  login(email: string, password: string): Observable<UserView> {
    const body: LoginRequest = { email: email.trim(), password };
    return this.http
      .post<LoginResponse>(`${API_BASE}/auth/login`, body, { context: skipAuth() })
      .pipe(
        map((res) => {
          this.startSession(res, res.user);
          return res.user;
        }),
        catchError((err: unknown) => throwError(() => toApiError(err))),
      );
  }

  /**
   * Trades the refresh token for a new pair. Concurrent callers share one request. When the
   * server rejects the refresh token the session is over: the user is sent to /login.
   */
  refresh(): Observable<string> {
    if (this.refreshInFlight) return this.refreshInFlight;
    const current = this.session();
    if (!current) {
      return throwError((): ApiError => ({
        status: 401,
        code: 'AUTH_REQUIRED',
        message: 'Sign in first.',
        fieldErrors: {},
      }));
    }
    const body: RefreshRequest = { refreshToken: current.refreshToken };
    this.refreshInFlight = this.http
      .post<TokenPair>(`${API_BASE}/auth/refresh`, body, { context: skipAuth() })
      .pipe(
        map((pair) => {
          this.startSession(pair, current.user);
          return pair.accessToken;
        }),
        catchError((err: unknown) => {
          const e = toApiError(err);
          if (isPassing(e)) this.scheduleRefresh(REFRESH_RETRY_MS);
          else this.expireSession();
          return throwError(() => e);
        }),
        finalize(() => (this.refreshInFlight = null)),
        shareReplay({ bufferSize: 1, refCount: false }),
      );
    return this.refreshInFlight;
  }

  /** Signs out on the server when it can; the local session ends either way. */
  logout(): Observable<void> {
    const current = this.session();
    if (!current) return of(undefined);
    const body: LogoutRequest = { refreshToken: current.refreshToken };
    return this.http.post<void>(`${API_BASE}/auth/logout`, body).pipe(
      map(() => undefined),
      catchError(() => of(undefined)),
      finalize(() => {
        this.endSession();
        void this.router.navigateByUrl('/login');
      }),
    );
  }

  /**
   * Changes the signed-in user's password. The server ends every login of the user, this one
   * included (204, no tokens), so this device signs in again with the new password at once:
   * the user stays on their page, and only their other devices ask for the new password.
   * A wrong current password fails with 401 INVALID_CREDENTIALS and changes nothing.
   */
  changePassword(currentPassword: string, newPassword: string): Observable<PasswordChangeOutcome> {
    const user = this.user();
    if (!user) {
      return throwError((): ApiError => ({
        status: 401,
        code: 'AUTH_REQUIRED',
        message: 'Sign in first.',
        fieldErrors: {},
      }));
    }
    const body: ChangePasswordRequest = { currentPassword, newPassword };
    const again: LoginRequest = { email: user.email, password: newPassword };
    return this.http.post<void>(`${API_BASE}/auth/change-password`, body).pipe(
      catchError((err: unknown) => throwError(() => toApiError(err))),
      switchMap(() => {
        // The old tokens are dead: drop them first, so no timer or request uses them meanwhile.
        clearTimeout(this.refreshTimer);
        this.refreshTimer = undefined;
        return this.http
          .post<LoginResponse>(`${API_BASE}/auth/login`, again, { context: skipAuth() })
          .pipe(
            map((res): PasswordChangeOutcome => {
              this.startSession(res, res.user);
              return 'signed-in';
            }),
            catchError(() => {
              this.endSession();
              void this.router.navigate(['/login'], {
                queryParams: { reason: 'password-changed', email: user.email },
              });
              return of<PasswordChangeOutcome>('signed-out');
            }),
          );
      }),
    );
  }

  /**
   * Keeps the signed-in user's facts current after a change made on this page (e.g. the
   * academy's name or time zone in the school settings). Tokens are not touched.
   */
  updateUser(
    changes: Partial<Pick<UserView, 'displayName' | 'academyName' | 'academyTimeZone'>>,
  ): void {
    const current = this.session();
    if (!current) return;
    const session: StoredSession = { ...current, user: { ...current.user, ...changes } };
    this.session.set(session);
    this.store.save(session);
  }

  /**
   * The server no longer accepts this session: clear it and ask the user to sign in, saying
   * why (the session ended, or the user's school was suspended).
   */
  expireSession(reason: 'expired' | 'suspended' = 'expired'): void {
    if (!this.session()) return;
    this.endSession();
    void this.router.navigate(['/login'], { queryParams: { reason } });
  }

  private startSession(pair: TokenPair, user: UserView): void {
    const lifetimeMs = Math.max(0, pair.expiresIn * 1000);
    const session: StoredSession = {
      accessToken: pair.accessToken,
      refreshToken: pair.refreshToken,
      expiresAt: Date.now() + lifetimeMs,
      lifetimeMs,
      user,
    };
    this.session.set(session);
    this.store.save(session);
    this.scheduleRefresh();
    this.tokenChanges.next(session.accessToken);
  }

  private endSession(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    this.refreshInFlight = null;
    this.session.set(null);
    this.store.clear();
    this.tokenChanges.next(null);
  }

  private scheduleRefresh(delayMs?: number): void {
    clearTimeout(this.refreshTimer);
    const s = this.session();
    if (!s) return;
    const lead = Math.min(REFRESH_LEAD_MS, s.lifetimeMs * 0.2);
    const delay = delayMs ?? Math.max(0, s.expiresAt - lead - Date.now());
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      // Failures are handled inside refresh(): retried later, or the session ends.
      this.refresh().subscribe({ error: () => undefined });
    }, delay);
  }
}

/** A refresh that failed for a reason that may pass (network, server busy) keeps the session. */
function isPassing(e: ApiError): boolean {
  return e.status === 0 || e.status >= 500 || e.code === 'RATE_LIMITED';
}
