/** The student area: a shell with the student's pages inside. */
import type { Routes } from '@angular/router';
import { ShellComponent } from '../../core/layout/shell.component';
import type { NavLink } from '../../core/layout/nav-link';

const nav: NavLink[] = [];

export const studentRoutes: Routes = [
  {
    path: '',
    component: ShellComponent,
    data: { nav },
    children: [
      {
        path: '',
        title: 'My exams',
        loadComponent: () => import('./pages/my-exams.page').then((m) => m.MyExamsPage),
      },
      {
        path: 'results/:id',
        title: 'My result',
        loadComponent: () => import('../results/pages/my-result.page').then((m) => m.MyResultPage),
      },
      {
        path: 'join',
        title: 'Join an exam with a code',
        loadComponent: () => import('./pages/join-by-code.page').then((m) => m.JoinByCodePage),
      },
      {
        path: 'sessions/:id',
        title: 'Exam',
        loadComponent: () => import('./pages/exam-session.page').then((m) => m.ExamSessionPage),
      },
    ],
  },
];
