/** The teacher area: a shell with the teacher's pages inside. Exams and sessions come later. */
import type { Routes } from '@angular/router';
import { ShellComponent } from '../../core/layout/shell.component';
import type { NavLink } from '../../core/layout/nav-link';

const nav: NavLink[] = [];

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
    ],
  },
];
