/** The administrator area: user accounts of the academy, live monitoring, school settings. */
import type { Routes } from '@angular/router';
import { ShellComponent } from '../../core/layout/shell.component';
import type { NavLink } from '../../core/layout/nav-link';

/** Also the header of the account page when an admin opens it. */
export const adminNav: NavLink[] = [
  { label: 'Users', path: '/admin/users' },
  { label: 'Monitoring', path: '/admin/monitoring' },
  { label: 'School settings', path: '/admin/settings' },
];

export const adminRoutes: Routes = [
  {
    path: '',
    component: ShellComponent,
    data: { nav: adminNav },
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'users' },
      {
        path: 'users',
        title: 'Users',
        loadComponent: () => import('./pages/users.page').then((m) => m.UsersPage),
      },
      {
        path: 'monitoring',
        title: 'Monitoring',
        loadComponent: () => import('./pages/monitoring.page').then((m) => m.MonitoringPage),
      },
      {
        path: 'settings',
        title: 'School settings',
        loadComponent: () =>
          import('./pages/school-settings.page').then((m) => m.SchoolSettingsPage),
      },
    ],
  },
];
