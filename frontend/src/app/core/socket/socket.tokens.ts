/**
 * What SocketService gets from DI, so tests swap the real WebSocket for a fake and shorten the
 * timings: the socket factory, the URL, and the tuning knobs.
 */
import { DOCUMENT, InjectionToken, inject } from '@angular/core';
import { webSocket, type WebSocketSubject, type WebSocketSubjectConfig } from 'rxjs/webSocket';

export type WebSocketFactory = (
  config: WebSocketSubjectConfig<unknown>,
) => WebSocketSubject<unknown>;

export const WEB_SOCKET_FACTORY = new InjectionToken<WebSocketFactory>('WEB_SOCKET_FACTORY', {
  providedIn: 'root',
  factory: () => (config) => webSocket<unknown>(config),
});

/** Same origin as the page: the backend (or the dev-server proxy) serves /ws. */
export function socketUrlFor(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

export const SOCKET_URL = new InjectionToken<string>('SOCKET_URL', {
  providedIn: 'root',
  factory: () => socketUrlFor(inject(DOCUMENT).location),
});

export interface SocketConfig {
  /** First reconnect delay (before jitter). */
  backoffBaseMs: number;
  /** Longest reconnect delay. */
  backoffCapMs: number;
  /** Reconnect attempts in a row before giving up with status 'failed'. */
  maxAttempts: number;
  /** Application heartbeat; a heartbeat left unanswered until the next one means a dead link. */
  heartbeatMs: number;
  /** Clock samples kept; the one with the shortest round trip wins. */
  clockSamples: number;
  /** Source of jitter, [0, 1). */
  random: () => number;
}

export const DEFAULT_SOCKET_CONFIG: SocketConfig = {
  backoffBaseMs: 500,
  backoffCapMs: 15_000,
  maxAttempts: 10,
  heartbeatMs: 20_000,
  clockSamples: 8,
  random: Math.random,
};

export const SOCKET_CONFIG = new InjectionToken<SocketConfig>('SOCKET_CONFIG', {
  providedIn: 'root',
  factory: () => DEFAULT_SOCKET_CONFIG,
});
