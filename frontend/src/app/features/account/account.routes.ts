/** The signed-in user's own account, for every role, in the frame of their own area. */
import type { Routes } from '@angular/router';
import { ShellComponent } from '../../core/layout/shell.component';
import { accountLive, accountNav } from './account-nav';

export const accountRoutes: Routes = [
  {
    path: '',
    component: ShellComponent,
    resolve: { nav: accountNav, live: accountLive },
    children: [
      {
        path: '',
        title: 'Your account',
        loadComponent: () => import('./pages/account.page').then((m) => m.AccountPage),
      },
    ],
  },
];
