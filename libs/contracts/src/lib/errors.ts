/**
 * Stable error codes shared by REST responses and WebSocket `error` events.
 * Clients switch on `code`; `message` is a sentence for humans.
 */
export const ERROR_CODES = [
  // generic
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'NOT_FOUND',
  'CONFLICT',
  'INTERNAL_ERROR',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  // auth
  'AUTH_REQUIRED',
  'INVALID_CREDENTIALS',
  'TOKEN_EXPIRED',
  // WebSocket notice before expiry: send auth_request with a fresh token to stay connected.
  'TOKEN_EXPIRING',
  'TOKEN_INVALID',
  'REFRESH_TOKEN_INVALID',
  'REFRESH_TOKEN_REUSED',
  'FORBIDDEN',
  'ACCOUNT_DISABLED',
  'EMAIL_TAKEN',
  'ORIGIN_NOT_ALLOWED',
  'HTTPS_REQUIRED',
  // realtime
  'UNKNOWN_EVENT',
  'NOT_AUTHENTICATED',
  'TOO_MANY_CONNECTIONS',
  'SERVER_BUSY',
  'INVALID_TRANSITION',
  'SESSION_NOT_LIVE',
  'NOT_ENROLLED',
  'NOT_JOINED',
  'LATE',
  'STALE',
  'ALREADY_COMPLETED',
  'ANSWER_TOO_LARGE',
  'EXAM_LOCKED',
  'IMPORT_FAILED',
  // platform
  'ACADEMY_SUSPENDED',
  'SETUP_NOT_AVAILABLE',
  'SETUP_TOKEN_INVALID',
  // results
  'SESSION_NOT_ENDED',
  'RESULTS_NOT_RELEASED',
  // test-taker tools
  'TOOLS_FIXED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Body of every REST error response. */
export interface ApiErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  /** Per-field problems for VALIDATION_FAILED; free-form otherwise. */
  details?: ValidationIssue[] | Record<string, unknown>;
  requestId?: string;
}

export interface ValidationIssue {
  field: string;
  problems: string[];
}
