/**
 * Application-wide providers only: zoneless change detection, router, HTTP with auth, and the
 * service worker that keeps the app shell for offline reloads (production builds only).
 */
import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import {
  isDevMode,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
  type ApplicationConfig,
} from '@angular/core';
import {
  TitleStrategy,
  provideRouter,
  withComponentInputBinding,
  withInMemoryScrolling,
} from '@angular/router';
import { provideServiceWorker } from '@angular/service-worker';
import { routes } from './app.routes';
import { AppTitleStrategy } from './core/app-title.strategy';
import { authInterceptor } from './core/auth/auth.interceptor';
import { swBypassInterceptor } from './core/offline/sw-bypass.interceptor';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(
      routes,
      withComponentInputBinding(),
      withInMemoryScrolling({ scrollPositionRestoration: 'top', anchorScrolling: 'enabled' }),
    ),
    { provide: TitleStrategy, useClass: AppTitleStrategy },
    provideHttpClient(withFetch(), withInterceptors([swBypassInterceptor, authInterceptor])),
    provideServiceWorker('ngsw-worker.js', {
      enabled: !isDevMode(),
      // Soon after the first screen is up, so an exam opened once works offline after that.
      registrationStrategy: 'registerWhenStable:5000',
    }),
  ],
};
