/** Route guards: signed in at all, signed in with a given role, or not signed in (login page). */
import { inject } from '@angular/core';
import {
  Router,
  type CanActivateFn,
  type CanMatchFn,
  type RedirectFunction,
  type UrlSegment,
} from '@angular/router';
import type { Role } from '@exam/contracts';
import { AuthService } from './auth.service';
import { homeFor } from './home-for';

export const authGuard: CanMatchFn = (_route, segments) => {
  const auth = inject(AuthService);
  return auth.isLoggedIn() || toLogin(segments);
};

/**
 * Lets only `role` (and any `alsoRoles`) in; other signed-in users go to their own area,
 * guests to /login.
 */
export function roleGuard(role: Role, ...alsoRoles: Role[]): CanMatchFn {
  return (_route, segments) => {
    const current = inject(AuthService).role();
    if (!current) return toLogin(segments);
    return (
      current === role || alsoRoles.includes(current) || inject(Router).parseUrl(homeFor(current))
    );
  };
}

/** The login page is for guests; a signed-in user goes to their area. */
export const guestGuard: CanActivateFn = () => {
  const current = inject(AuthService).role();
  return current ? inject(Router).parseUrl(homeFor(current)) : true;
};

/** `/` goes to the user's area or to the login page. */
export const homeRedirect: RedirectFunction = () => {
  const current = inject(AuthService).role();
  return current ? homeFor(current) : '/login';
};

function toLogin(segments: UrlSegment[]) {
  const returnUrl = '/' + segments.map((s) => s.path).join('/');
  return inject(Router).createUrlTree(['/login'], {
    queryParams: returnUrl === '/' ? {} : { returnUrl },
  });
}
