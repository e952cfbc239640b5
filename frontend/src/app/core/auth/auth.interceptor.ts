/**
 * Attaches the Bearer token to API calls. When the server answers 401 TOKEN_EXPIRED, it
 * refreshes once (shared by every request that failed at the same time) and retries; when the
 * refresh fails, AuthService has already sent the user to /login and the caller gets the 401.
 * A 403 ACADEMY_SUSPENDED ends the session too (the user's school was suspended).
 */
import { HttpErrorResponse, type HttpInterceptorFn, type HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, of, switchMap, throwError } from 'rxjs';
import { API_BASE } from '../api/api-base';
import { toApiError } from '../api/api-error';
import { SKIP_AUTH } from './auth-http-context';
import { AuthService } from './auth.service';

export const authInterceptor: HttpInterceptorFn = (req, next) => {
  if (!req.url.startsWith(API_BASE) || req.context.get(SKIP_AUTH)) return next(req);
  const auth = inject(AuthService);
  const token = auth.accessToken();
  return next(withBearer(req, token)).pipe(
    catchError((err: unknown) => {
      if (!token || !(err instanceof HttpErrorResponse)) return throwError(() => err);
      if (err.status === 403 && toApiError(err).code === 'ACADEMY_SUSPENDED') {
        // The school was suspended: every request will be refused, so the session is over.
        auth.expireSession('suspended');
        return throwError(() => err);
      }
      if (err.status !== 401) return throwError(() => err);
      const code = toApiError(err).code;
      if (code === 'TOKEN_INVALID') {
        // Signed out elsewhere or revoked: refreshing will not help.
        auth.expireSession();
        return throwError(() => err);
      }
      if (code !== 'TOKEN_EXPIRED') return throwError(() => err);
      // Another request may have refreshed while this one was on its way.
      const current = auth.accessToken();
      const fresh$ = current && current !== token ? of(current) : auth.refresh();
      return fresh$.pipe(
        catchError(() => throwError(() => err)),
        switchMap((fresh) => next(withBearer(req, fresh))),
      );
    }),
  );
};

function withBearer<T>(req: HttpRequest<T>, token: string | null): HttpRequest<T> {
  return token ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : req;
}
