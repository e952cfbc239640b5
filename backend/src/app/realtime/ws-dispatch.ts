/**
 * Direct dispatch of WebSocket events to a gateway's methods (issue 16). Nest runs every
 * frame through its handler pipeline: the global guard, pipe, interceptor and exception
 * filter, each an RxJS step, per message. None of them does anything for our gateway: the
 * guard and the interceptor pass non-HTTP contexts through, the validation pipe ignores an
 * `unknown` body, and every handler validates its payload (zod) and turns its own errors
 * into one `error` frame. So the adapter calls the method itself, for every handler whose
 * parameters are exactly `(@ConnectedSocket() client, @MessageBody() data)`; any other
 * shape keeps Nest's path.
 */
import { PARAM_ARGS_METADATA } from '@nestjs/websockets/constants';
import { MESSAGE_MAPPING_METADATA, MESSAGE_METADATA } from '@nestjs/websockets/constants';
import { WsParamtype } from '@nestjs/websockets/enums/ws-paramtype.enum';
import type { WsClient } from './ws-client';

export type DirectHandler = (client: WsClient, data: unknown) => unknown;

interface ParamMeta {
  index: number;
  data?: unknown;
  pipes?: unknown[];
}

/**
 * Event name -> the gateway method, for the methods that can be called directly. None when
 * the gateway has Nest's connection hooks (handleConnection, handleDisconnect): the adapter
 * skips Nest's per-socket work only when every event is called directly.
 */
export function directHandlers(gateway: object): Map<string, DirectHandler> {
  const out = new Map<string, DirectHandler>();
  const proto = Object.getPrototypeOf(gateway) as Record<string, unknown>;
  if (typeof proto.handleConnection === 'function' || typeof proto.handleDisconnect === 'function')
    return out;
  for (const name of Object.getOwnPropertyNames(proto)) {
    const method = proto[name];
    if (name === 'constructor' || typeof method !== 'function') continue;
    if (!Reflect.getMetadata(MESSAGE_MAPPING_METADATA, method)) continue;
    const event = Reflect.getMetadata(MESSAGE_METADATA, method) as unknown;
    if (typeof event !== 'string') continue;
    if (!socketThenBody(gateway.constructor, name)) continue;
    const fn = method as (client: WsClient, data: unknown) => unknown;
    out.set(event, (client, data) => fn.call(gateway, client, data));
  }
  return out;
}

/** The parameters are (@ConnectedSocket(), @MessageBody()) with no property and no pipe. */
function socketThenBody(target: unknown, method: string): boolean {
  const meta = (Reflect.getMetadata(PARAM_ARGS_METADATA, target as object, method) ?? {}) as Record<
    string,
    ParamMeta
  >;
  const params = Object.entries(meta).map(([key, m]) => ({
    type: Number(key.split(':')[0]),
    ...m,
  }));
  if (params.length !== 2) return false;
  const at = (i: number) => params.find((p) => p.index === i);
  const socket = at(0);
  const body = at(1);
  return (
    socket?.type === WsParamtype.SOCKET &&
    body?.type === WsParamtype.PAYLOAD &&
    body.data === undefined &&
    (body.pipes ?? []).length === 0
  );
}
