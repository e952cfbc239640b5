/** The teacher area: a shell with the teacher's pages (home, exams, sessions) inside. */
import type { Routes } from '@angular/router';
import { ShellComponent } from '../../core/layout/shell.component';
import type { NavLink } from '../../core/layout/nav-link';

const nav: NavLink[] = [
  { label: 'Home', path: '/teacher', exact: true },
  { label: 'Exams', path: '/teacher/exams' },
  { label: 'Sessions', path: '/teacher/sessions' },
];

export const teacherRoutes: Routes = [
  {
    path: '',
    component: ShellComponent,
    data: { nav },
    children: [
      {
        path: '',
        title: 'Home',
        loadComponent: () => import('./pages/teacher-home.page').then((m) => m.TeacherHomePage),
      },
      {
        path: 'exams',
        title: 'Exams',
        loadComponent: () => import('./pages/exam-list.page').then((m) => m.ExamListPage),
      },
      {
        // `new` or an exam id.
        path: 'exams/:id',
        title: 'Exam editor',
        loadComponent: () => import('./pages/exam-editor.page').then((m) => m.ExamEditorPage),
      },
      {
        path: 'sessions',
        title: 'Sessions',
        loadComponent: () => import('./pages/sessions-list.page').then((m) => m.SessionsListPage),
      },
      {
        path: 'sessions/new',
        title: 'Plan a session',
        loadComponent: () =>
          import('./pages/session-planner.page').then((m) => m.SessionPlannerPage),
      },
      {
        path: 'sessions/:id/live',
        title: 'Live session',
        loadComponent: () => import('./pages/live-session.page').then((m) => m.LiveSessionPage),
      },
    ],
  },
];
