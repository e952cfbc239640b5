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
  /**
   * A frame left; `event` and `errorCode` are read from the serialised frame. `frame` is the
   * frame itself: its size in bytes is worked out only by a tap that logs it.
   */
  outbound(client: WsClient, event: string, frame: unknown, errorCode?: string): void;
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
  /** Events handled in time slices (expensive ones, such as session joins). */
  sliced?: ReadonlySet<string>;
}

const HEAD = '{"event":"';
const ERROR_HEAD = '{"event":"error","data":{"code":"';
/** Event names seen so far, so that reading one allocates nothing (they are few and bounded). */
const names = new Map<number, string[]>();

/**
 * Reads the event name (and an error code) from a frame serialised by `frame()`, without a
 * regular expression: this runs for every frame that leaves (a match array and two substrings
 * per frame showed up in the allocation profile of bench:answers).
 */
export function describeOutbound(data: unknown): { event: string; code?: string } {
  if (typeof data !== 'string') return { event: '_binary' };
  if (!data.startsWith(HEAD)) return { event: '_other' };
  const end = data.indexOf('"', HEAD.length);
  // 1-64 characters, as the names frame() is given.
  if (end <= HEAD.length || end - HEAD.length > 64) return { event: '_other' };
  const event = knownName(data, HEAD.length, end);
  if (event !== 'error' || !data.startsWith(ERROR_HEAD)) return { event };
  const codeEnd = data.indexOf('"', ERROR_HEAD.length);
  const code = data.slice(ERROR_HEAD.length, codeEnd);
  return codeEnd > 0 && /^[A-Z_]{1,40}$/.test(code) ? { event, code } : { event };
}

function knownName(data: string, start: number, end: number): string {
  const len = end - start;
  const list = names.get(len);
  if (list) for (const n of list) if (data.startsWith(n, start)) return n;
  const name = data.slice(start, end);
  if (name.includes('\\')) return '_other';
  // Server-chosen names only reach here (frame() of a constant); bounded all the same.
  if ((list?.length ?? 0) < 16) names.set(len, [...(list ?? []), name]);
  return name;
}
