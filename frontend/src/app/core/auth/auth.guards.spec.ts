import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter, type Routes } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Role } from '@exam/contracts';
import { routes as appRoutes } from '../../app.routes';
import { FakeWebSocketFactory } from '../../../testing/fake-web-socket';
import { storeSession } from '../../../testing/auth-fixtures';
import { WEB_SOCKET_FACTORY } from '../socket/socket.tokens';
import { authGuard, guestGuard, homeRedirect, roleGuard } from './auth.guards';
import { homeFor, safeReturnUrl } from './home-for';

@Component({ template: 'page', changeDetection: ChangeDetectionStrategy.OnPush })
class Blank {}

const testRoutes: Routes = [
  { path: 'login', canActivate: [guestGuard], component: Blank },
  {
    path: 'teacher',
    canMatch: [roleGuard('teacher')],
    children: [{ path: '**', component: Blank }],
  },
  { path: 'student', canMatch: [roleGuard('student')], component: Blank },
  { path: 'admin', canMatch: [roleGuard('admin')], component: Blank },
  { path: 'operator', canMatch: [roleGuard('operator')], component: Blank },
  { path: 'profile', canMatch: [authGuard], component: Blank },
  { path: '', pathMatch: 'full', redirectTo: homeRedirect },
];

async function landOn(
  url: string,
  role: Role | null,
  routes: Routes = testRoutes,
): Promise<string> {
  if (role) storeSession(role);
  TestBed.configureTestingModule({
    providers: [
      provideRouter(routes),
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: WEB_SOCKET_FACTORY, useValue: new FakeWebSocketFactory().create },
    ],
  });
  const harness = await RouterTestingHarness.create();
  await harness.navigateByUrl(url);
  return TestBed.inject(Router).url;
}

describe('route guards', () => {
  afterEach(() => {
    TestBed.resetTestingModule();
    sessionStorage.clear();
  });

  it.each<[string, Role, string]>([
    ['/teacher', 'teacher', '/teacher'],
    ['/teacher', 'student', '/student'],
    ['/admin', 'teacher', '/teacher'],
    ['/student', 'admin', '/admin'],
    ['/', 'student', '/student'],
    ['/', 'admin', '/admin'],
    ['/login', 'teacher', '/teacher'],
    ['/', 'operator', '/operator'],
    ['/admin', 'operator', '/operator'],
    ['/operator', 'admin', '/admin'],
    ['/login', 'operator', '/operator'],
  ])('%s as %s lands on %s', async (url, role, expected) => {
    expect(await landOn(url, role)).toBe(expected);
  });

  it('sends guests to /login with the page they wanted', async () => {
    expect(await landOn('/teacher/exams/42', null)).toBe(
      '/login?returnUrl=%2Fteacher%2Fexams%2F42',
    );
    TestBed.resetTestingModule();
    expect(await landOn('/profile', null)).toBe('/login?returnUrl=%2Fprofile');
    TestBed.resetTestingModule();
    expect(await landOn('/', null)).toBe('/login');
  });

  it('the app routes keep a student out of the admin area', async () => {
    const url = await landOn('/admin/users', 'student', appRoutes);
    TestBed.inject(HttpTestingController).match(() => true);
    expect(url).toBe('/student');
  });

  it('a guard may admit more than one role (admins in the teacher area, for live dashboards)', async () => {
    const routes: Routes = [
      {
        path: 'teacher',
        canMatch: [roleGuard('teacher', 'admin')],
        children: [{ path: '**', component: Blank }],
      },
      { path: 'admin', component: Blank },
      { path: 'student', component: Blank },
    ];
    expect(await landOn('/teacher/sessions/s1/live', 'admin', routes)).toBe(
      '/teacher/sessions/s1/live',
    );
    TestBed.resetTestingModule();
    sessionStorage.clear();
    expect(await landOn('/teacher/sessions/s1/live', 'student', routes)).toBe('/student');
    TestBed.resetTestingModule();
    sessionStorage.clear();
    expect(await landOn('/teacher/exams', 'admin', appRoutes)).toBe('/teacher/exams');
    TestBed.inject(HttpTestingController).match(() => true);
  });

  it('the app routes: setup is for guests, the operator area for the operator only', async () => {
    expect(await landOn('/setup', null, appRoutes)).toBe('/setup');
    TestBed.inject(HttpTestingController).match(() => true);
    TestBed.resetTestingModule();
    expect(await landOn('/setup', 'admin', appRoutes)).toBe('/admin/users');
    TestBed.inject(HttpTestingController).match(() => true);
    TestBed.resetTestingModule();
    sessionStorage.clear();
    expect(await landOn('/operator', 'teacher', appRoutes)).toBe('/teacher');
    TestBed.inject(HttpTestingController).match(() => true);
    TestBed.resetTestingModule();
    sessionStorage.clear();
    expect(await landOn('/operator', 'operator', appRoutes)).toBe('/operator/academies');
    TestBed.inject(HttpTestingController).match(() => true);
  });

  it('homeFor and safeReturnUrl keep users inside their own area', () => {
    expect(homeFor('teacher')).toBe('/teacher');
    expect(safeReturnUrl('teacher', '/teacher/exams')).toBe('/teacher/exams');
    expect(safeReturnUrl('teacher', '/teachers-lounge')).toBe('/teacher');
    expect(safeReturnUrl('student', '/admin/users')).toBe('/student');
    expect(safeReturnUrl('student', '//evil.example/student')).toBe('/student');
    expect(safeReturnUrl('admin', undefined)).toBe('/admin');
    expect(homeFor('operator')).toBe('/operator');
    expect(safeReturnUrl('operator', '/operator/academies/a-1')).toBe('/operator/academies/a-1');
    expect(safeReturnUrl('operator', '/admin/users')).toBe('/operator');
  });
});
