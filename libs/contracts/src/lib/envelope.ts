/**
 * The shape of every WebSocket frame. Inbound frames are `{event, data}` (what RxJS
 * `webSocket()` and Nest's WsAdapter speak). Outbound frames add an id, the server time and,
 * for events that belong to an exam session, the session's sequence number used for resume.
 */
export interface ClientFrame<E extends string = string, D = unknown> {
  event: E;
  data: D;
}

export interface ServerFrame<E extends string = string, D = unknown> {
  event: E;
  data: D;
  /** Unique message id. */
  id: string;
  /** Server time (ms since epoch) when the frame was made. */
  ts: number;
  /** Session sequence number; present on events that belong to one exam session. */
  seq?: number;
  sessionId?: string;
}

/** WebSocket close codes the server uses, so clients know whether to reconnect. */
export const WS_CLOSE = {
  NORMAL: 1000,
  /** Server going away (restart, deploy): reconnect with backoff. */
  GOING_AWAY: 1001,
  POLICY: 1008,
  MESSAGE_TOO_BIG: 1009,
  /** Server restart: reconnect and resume. */
  SERVICE_RESTART: 1012,
  TRY_AGAIN_LATER: 1013,
  /** Application codes (4000-4999). */
  AUTH_FAILED: 4001,
  AUTH_TIMEOUT: 4002,
  TOKEN_EXPIRED: 4003,
  LOGGED_OUT: 4004,
  ORIGIN_NOT_ALLOWED: 4005,
  TOO_MANY_CONNECTIONS: 4006,
  SERVER_FULL: 4007,
  INACTIVE: 4008,
  SESSION_TIMEOUT: 4009,
  RATE_LIMITED: 4029,
} as const;
export type WsCloseCode = (typeof WS_CLOSE)[keyof typeof WS_CLOSE];
