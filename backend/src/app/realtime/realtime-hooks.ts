/**
 * The points where feature modules plug into the socket layer without the adapter knowing
 * them: after authentication (connection limits, registry), before dispatch (rate limits),
 * and on close. The ConnectionRegistry implements these.
 */
import type { ErrorCode, WsCloseCode } from '@exam/contracts';
import type { WsClient } from './ws-client';

export type HookVerdict =
  | { ok: true }
  | { ok: false; code: ErrorCode; message: string; close?: WsCloseCode; retryAfterMs?: number };

export interface RealtimeHooks {
  /** Called once the socket's user is known (handshake token or first auth_request). */
  onAuthenticated(client: WsClient): HookVerdict | Promise<HookVerdict>;
  /** Called whenever the socket's token is set or replaced (expiry timers). */
  onTokenAccepted?(client: WsClient): void;
  /** Called for every authenticated, well-formed frame before it reaches a handler. */
  beforeDispatch(client: WsClient, event: string, data: unknown, rawBytes: number): HookVerdict;
  onClose(client: WsClient, code: number, reason: string): void;
}

export const REALTIME_HOOKS = Symbol('REALTIME_HOOKS');
