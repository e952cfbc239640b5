/**
 * Observation points of the socket layer, implemented by the monitoring module (metrics and
 * `DEBUG=websocket:*` logs). The adapter calls them; it does not know what they record.
 * Event names passed in are already bounded: client-chosen names that match no handler are
 * reported as `_unknown` (or `_invalid` for unparsable frames), so labels cannot explode.
 */
import type { SecurityLogService } from '../security/security-log.service';
import type { DirectHandler } from './ws-dispatch';
import type { WsClient } from './ws-client';

export interface WireTap {
  /** A frame arrived (after parsing); `event` is bounded as described above. */
  inbound(client: WsClient, event: string, bytes: number): void;
  /** A frame left; `event` and `errorCode` are read from the serialised frame. */
  outbound(client: WsClient, event: string, bytes: number, errorCode?: string): void;
  /** A handler finished (or failed) `ms` after the frame arrived. */
  handled(event: string, ms: number): void;
}

export const NOOP_WIRE_TAP: WireTap = {
  inbound: () => undefined,
  outbound: () => undefined,
  handled: () => undefined,
};

export const WIRE_TAP = Symbol('WIRE_TAP');

/** Options the adapter gets from bootstrap beyond config and auth. */
export interface AdapterOps {
  tap?: WireTap;
  /** False once shutdown began: new handshakes are refused with 503 (R19). */
  isAccepting?: () => boolean;
  /** The security log: origin, token and HTTPS rejections of handshakes (issue 6). */
  security?: Pick<SecurityLogService, 'record'>;
  /** Handlers the adapter calls directly, past Nest's per-frame pipeline (ws-dispatch.ts). */
  directHandlers?: () => Map<string, DirectHandler>;
}

const FRAME_HEAD = /^\{"event":"([^"\\]{1,64})"(?:,"data":\{"code":"([A-Z_]{1,40})")?/;

/** Reads the event name (and an error code) from a frame serialised by `frame()`. */
export function describeOutbound(data: unknown): { event: string; code?: string } {
  if (typeof data !== 'string') return { event: '_binary' };
  const m = FRAME_HEAD.exec(data);
  if (!m) return { event: '_other' };
  return { event: m[1], code: m[2] };
}
