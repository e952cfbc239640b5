/** The platform operator's area: the academies on this server (nothing live, no exam content). */
import type { Routes } from '@angular/router';
import { ShellComponent } from '../../core/layout/shell.component';
import type { NavLink } from '../../core/layout/nav-link';

const nav: NavLink[] = [{ label: 'Academies', path: '/operator/academies' }];

export const operatorRoutes: Routes = [
  {
    path: '',
    component: ShellComponent,
    data: { nav, live: false },
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'academies' },
      {
        path: 'academies',
        title: 'Academies',
        loadComponent: () => import('./pages/academies.page').then((m) => m.AcademiesPage),
      },
      {
        path: 'academies/new',
        title: 'New academy',
        loadComponent: () => import('./pages/new-academy.page').then((m) => m.NewAcademyPage),
      },
      {
        path: 'academies/:id',
        title: 'Academy',
        loadComponent: () => import('./pages/academy-detail.page').then((m) => m.AcademyDetailPage),
      },
    ],
  },
];
