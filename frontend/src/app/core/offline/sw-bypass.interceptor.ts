/**
 * API calls never go through the service worker: it caches the app shell only, and with this
 * header (which Angular's worker honours) it does not even see a request to /api, so it can
 * never answer one with a stored, stale response.
 */
import type { HttpInterceptorFn } from '@angular/common/http';
import { API_BASE } from '../api/api-base';

export const SW_BYPASS_HEADER = 'ngsw-bypass';

export const swBypassInterceptor: HttpInterceptorFn = (req, next) =>
  req.url.startsWith(API_BASE) && !req.headers.has(SW_BYPASS_HEADER)
    ? next(req.clone({ setHeaders: { [SW_BYPASS_HEADER]: '1' } }))
    : next(req);
