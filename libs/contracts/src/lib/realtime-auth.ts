import type { UserView } from './auth';
import type { ErrorCode } from './errors';

/** Connection-level events (before and around any exam session). */
export const CONNECTION_EVENTS = {
  AUTH_REQUEST: 'auth_request',
  AUTH_SUCCESS: 'auth_success',
  AUTH_FAILED: 'auth_failed',
  HEARTBEAT: 'heartbeat',
  ERROR: 'error',
} as const;

export interface AuthRequestPayload {
  token: string;
}
export interface AuthSuccessPayload {
  user: Pick<UserView, 'id' | 'displayName' | 'role' | 'academyId'>;
  serverNow: number;
  /** Epoch ms when the access token expires; send a fresh `auth_request` before then. */
  tokenExpiresAt: number;
}
export interface AuthFailedPayload {
  code: ErrorCode;
  message: string;
}
export interface HeartbeatPayload {
  clientNow?: number;
}
export interface HeartbeatReplyPayload {
  serverNow: number;
  clientNow?: number;
}
export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  details?: unknown;
  /** True when the client may retry or carry on; false when it must stop (e.g. re-login). */
  recoverable: boolean;
  /** Echo of the request this error answers, when there was one. */
  event?: string;
  key?: string;
  retryAfterMs?: number;
}
