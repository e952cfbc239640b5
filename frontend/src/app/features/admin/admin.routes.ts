/** The administrator area: user accounts of the academy. */
import type { Routes } from '@angular/router';
import { ShellComponent } from '../../core/layout/shell.component';
import type { NavLink } from '../../core/layout/nav-link';

const nav: NavLink[] = [{ label: 'Users', path: '/admin/users' }];

export const adminRoutes: Routes = [
  {
    path: '',
    component: ShellComponent,
    data: { nav },
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'users' },
      {
        path: 'users',
        title: 'Users',
        loadComponent: () => import('./pages/users.page').then((m) => m.UsersPage),
      },
    ],
  },
];
