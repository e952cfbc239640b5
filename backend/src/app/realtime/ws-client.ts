/** What the server keeps per socket: small on purpose (thousands of sockets per process). */
import type { WebSocket } from 'ws';
import type { ErrorCode, ErrorPayload, ServerFrame } from '@exam/contracts';
import type { AuthUser } from '../auth/auth-user';

export interface ConnectionContext {
  id: string;
  ip: string;
  userAgent: string;
  origin?: string;
  connectedAt: number;
  lastMessageAt: number;
  user?: AuthUser;
  /** The user being admitted while RealtimeHooks.onAuthenticated runs. */
  pendingUser?: AuthUser;
  /** Set while a handshake-token admission runs; frames wait for it, in order. */
  authPending?: Promise<boolean>;
  /** Counted by the ConnectionRegistry (admitted after authentication). */
  registered?: boolean;
  /** Frames of this socket waiting for the adapter's WorkSlicer (the next ones queue too). */
  sliced: number;
  /** Pong received since the last ping. */
  alive: boolean;
  /** Exam sessions this socket has joined (usually one). */
  sessions: Set<string>;
  /** The slot of its next token deadline in the registry's ExpiryWheel. */
  expirySlot?: number;
}

export type WsClient = WebSocket & { ctx: ConnectionContext };

let counter = 0;
let idMs = 0;
let idPrefix = '';
/** A unique message id: the time in base 36 (made once per millisecond) and a counter. */
export function nextMessageId(now = Date.now()): string {
  counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
  if (now !== idMs) {
    idMs = now;
    idPrefix = `${now.toString(36)}-`;
  }
  return idPrefix + counter.toString(36);
}

/** Serialises an outbound frame (`extra`'s fields after the four every frame has). */
export function frame<D>(event: string, data: D, extra?: Partial<ServerFrame<string, D>>): string {
  const now = Date.now();
  const f: ServerFrame<string, D> = { event, data, id: nextMessageId(now), ts: now };
  // No default `{}` spread into every frame (an ack or a heartbeat has no extra fields).
  return JSON.stringify(extra ? Object.assign(f, extra) : f);
}

/**
 * frame() for a payload whose first field is an object some of whose members are JSON
 * already (serialised once, shared by many frames: the questions of a join storm's 5,000
 * snapshots): `json` members are spliced into `data[field]` instead of serialised again.
 * `field` must be the first key of `data`.
 */
export function frameWithJson<D extends object>(
  event: string,
  data: D,
  field: keyof D & string,
  json: Readonly<Record<string, string>>,
  extra?: Partial<ServerFrame<string, D>>,
): string {
  const text = frame(event, data, extra);
  const head = `{"event":${JSON.stringify(event)},"data":{${JSON.stringify(field)}:{`;
  if (!text.startsWith(head)) throw new Error(`frameWithJson: ${field} is not data's first field`);
  let members = '';
  for (const k in json) members += `${members ? ',' : ''}${JSON.stringify(k)}:${json[k]}`;
  const rest = text.slice(head.length);
  return head + members + (members && !rest.startsWith('}') ? ',' : '') + rest;
}

export function sendFrame<D>(
  client: WsClient,
  event: string,
  data: D,
  extra?: Partial<ServerFrame<string, D>>,
): void {
  if (client.readyState === 1) client.send(frame(event, data, extra));
}

export function sendError(
  client: WsClient,
  code: ErrorCode,
  message: string,
  extra: Omit<Partial<ErrorPayload>, 'code' | 'message'> = {},
): void {
  const payload: ErrorPayload = { code, message, recoverable: extra.recoverable ?? true, ...extra };
  sendFrame(client, 'error', payload);
}
