/**
 * The header of the account page: the links and live status of the user's own area, so the
 * page sits in their usual frame (it lives outside the areas, as every role has it).
 */
import { inject } from '@angular/core';
import type { ResolveFn } from '@angular/router';
import type { Role } from '@exam/contracts';
import { AuthService } from '../../core/auth/auth.service';
import type { NavLink } from '../../core/layout/nav-link';
import { adminNav } from '../admin/admin.routes';

export function accountNavFor(role: Role | null): NavLink[] {
  switch (role) {
    case 'operator':
      return [{ label: 'Academies', path: '/operator/academies' }];
    case 'admin':
      return adminNav;
    case 'teacher':
      // As in teacher.routes.ts.
      return [
        { label: 'Home', path: '/teacher', exact: true },
        { label: 'Exams', path: '/teacher/exams' },
        { label: 'Sessions', path: '/teacher/sessions' },
      ];
    case 'student':
      return [{ label: 'My exams', path: '/student', exact: true }];
    case null:
      return [];
  }
}

export const accountNav: ResolveFn<NavLink[]> = () => accountNavFor(inject(AuthService).role());

/** As in the user's own area: live for everyone but the platform operator. */
export const accountLive: ResolveFn<boolean> = () => inject(AuthService).role() !== 'operator';
