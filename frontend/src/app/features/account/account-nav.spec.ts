import { TestBed } from '@angular/core/testing';
import type { ActivatedRouteSnapshot, RouterStateSnapshot } from '@angular/router';
import type { Role } from '@exam/contracts';
import { storeSession } from '../../../testing/auth-fixtures';
import { accountLive, accountNavFor } from './account-nav';

describe('accountNavFor', () => {
  it("gives each role its own area's links", () => {
    expect(accountNavFor('student')).toEqual([
      { label: 'My exams', path: '/student', exact: true },
    ]);
    expect(accountNavFor('teacher').map((l) => l.path)).toEqual([
      '/teacher',
      '/teacher/exams',
      '/teacher/sessions',
    ]);
    expect(accountNavFor('admin').map((l) => l.path)).toEqual([
      '/admin/users',
      '/admin/monitoring',
      '/admin/settings',
    ]);
    expect(accountNavFor('operator')).toEqual([
      { label: 'Academies', path: '/operator/academies' },
    ]);
    expect(accountNavFor(null)).toEqual([]);
  });
});

describe('accountLive', () => {
  afterEach(() => {
    TestBed.resetTestingModule();
    sessionStorage.clear();
  });

  it.each<[Role, boolean]>([
    ['student', true],
    ['teacher', true],
    ['admin', true],
    ['operator', false],
  ])('%s: live %s, as in their own area', (role, live) => {
    storeSession(role);
    const got = TestBed.runInInjectionContext(() =>
      accountLive({} as ActivatedRouteSnapshot, {} as RouterStateSnapshot),
    );
    expect(got).toBe(live);
  });
});
