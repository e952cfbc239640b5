/**
 * Top-level routes: login and first-run setup (guests only), one lazy area per role (guarded
 * by role), the account page of every signed-in user, not-found.
 */
import type { Routes } from '@angular/router';
import { authGuard, guestGuard, homeRedirect, roleGuard } from './core/auth/auth.guards';

export const routes: Routes = [
  {
    path: 'login',
    title: 'Sign in',
    canActivate: [guestGuard],
    loadComponent: () => import('./features/auth/pages/login.page').then((m) => m.LoginPage),
  },
  {
    path: 'setup',
    title: 'Set up this server',
    canActivate: [guestGuard],
    loadComponent: () => import('./features/setup/pages/setup.page').then((m) => m.SetupPage),
  },
  {
    path: 'operator',
    canMatch: [roleGuard('operator')],
    loadChildren: () => import('./features/operator/operator.routes').then((m) => m.operatorRoutes),
  },
  {
    // Admins too: they may run any session of their academy live (the monitoring page links
    // to the live dashboard), and manage its exams and sessions.
    path: 'teacher',
    canMatch: [roleGuard('teacher', 'admin')],
    loadChildren: () => import('./features/teacher/teacher.routes').then((m) => m.teacherRoutes),
  },
  {
    path: 'student',
    canMatch: [roleGuard('student')],
    loadChildren: () => import('./features/student/student.routes').then((m) => m.studentRoutes),
  },
  {
    path: 'admin',
    canMatch: [roleGuard('admin')],
    loadChildren: () => import('./features/admin/admin.routes').then((m) => m.adminRoutes),
  },
  {
    // Every role: change your own password.
    path: 'account',
    canMatch: [authGuard],
    loadChildren: () => import('./features/account/account.routes').then((m) => m.accountRoutes),
  },
  { path: '', pathMatch: 'full', redirectTo: homeRedirect },
  {
    path: '**',
    title: 'Page not found',
    loadComponent: () => import('./pages/not-found.page').then((m) => m.NotFoundPage),
  },
];
