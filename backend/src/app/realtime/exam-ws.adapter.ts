/**
 * The WebSocket adapter: Nest's WsAdapter plus what an exam server needs at the socket:
 * - the handshake checks Origin against ALLOWED_ORIGINS and, when a token is given
 *   (`?access_token=`), verifies it before the upgrade completes (R12);
 * - a socket without a handshake token must send `auth_request` first; any other frame
 *   before that gets NOT_AUTHENTICATED and is never handled; no auth within
 *   WS_AUTH_TIMEOUT_MS closes it;
 * - malformed JSON, binary frames (inbound-frame.ts), unknown events get an `error` frame,
 *   never silence;
 * - `maxPayload` (close 1009), optional permessage-deflate, ping/pong heartbeat;
 * - WEBSOCKET_PORT moves the endpoint to its own port (the seed's option 2);
 * - handshake checks, the events in `ops.sliced` (session joins) and what a closed socket
 *   leaves to do run in time slices (work-slicer.ts), so that a storm of joins or departures
 *   never holds up answers; a socket's later frames wait behind its own sliced one, in order.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { WsAdapter } from '@nestjs/platform-ws';
import type { MessageMappingProperties } from '@nestjs/websockets';
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { EMPTY, type Observable } from 'rxjs';
import type { WebSocket, WebSocketServer } from 'ws';
import { CONNECTION_EVENTS, WS_CLOSE, type AuthSuccessPayload } from '@exam/contracts';
import { AppError } from '../common/app-error';
import type { AppConfigService } from '../config/app-config';
import type { TokenService } from '../auth/token.service';
import { isHttpsRequest } from '../security/https';
import { corkedSend } from './corked-send';
import { clientIp, tokenFromRequest } from './handshake-request';
import { readFrame } from './inbound-frame';
import type { RealtimeHooks } from './realtime-hooks';
import { sendError, sendFrame, type WsClient } from './ws-client';
import { describeOutbound, NOOP_WIRE_TAP, type AdapterOps, type WireTap } from './wire-tap';
import type { DirectHandler } from './ws-dispatch';
import { WorkSlicer } from './work-slicer';

/** Longest stretch of one event-loop turn given to handshakes and joins in a storm. */
const SLICE_MS = 4;

type VerifyInfo = {
  origin: string;
  secure: boolean;
  req: IncomingMessage & { authUser?: unknown; authError?: AppError };
};

export const WS_PATH = '/ws';

/** A socket's handlers through Nest's pipeline, when the gateway has one not called directly. */
interface ViaNest {
  handlers: Map<string, MessageMappingProperties>;
  transform: (data: unknown) => Observable<unknown>;
}

export class ExamWsAdapter extends WsAdapter {
  private readonly log = new Logger('ExamWsAdapter');
  private readonly heartbeats = new Set<NodeJS.Timeout>();
  /** Gateway methods called directly (ws-dispatch.ts); known once the gateway is bound. */
  private direct?: Map<string, DirectHandler>;
  private readonly tap: WireTap;
  /** The socket's send when something observes the wire (corkedSend otherwise). */
  private readonly tappedSend: (
    this: WsClient,
    data: unknown,
    options?: unknown,
    cb?: unknown,
  ) => void;
  /**
   * Listeners every socket shares (ws calls them with the socket as `this`): a closure per
   * socket and per event was ~0.35 KB of each of 20,000 sockets (issue 16's memory goal).
   */
  private readonly closeListener: (this: WebSocket, code: number, reason: Buffer) => void;
  private readonly directMessageListener: (this: WebSocket, raw: Buffer, isBinary: boolean) => void;
  private readonly slicer = new WorkSlicer(SLICE_MS, undefined, (err) => this.log.error(err));
  private readonly sliced: ReadonlySet<string>;

  constructor(
    app: INestApplicationContext,
    private readonly cfg: AppConfigService,
    private readonly tokens: TokenService,
    private readonly hooks: RealtimeHooks,
    private readonly ops: AdapterOps = {},
  ) {
    super(app);
    this.tap = ops.tap ?? NOOP_WIRE_TAP;
    this.sliced = ops.sliced ?? new Set();
    const tap = this.tap;
    const slicer = this.slicer;
    this.closeListener = function onClose(this: WebSocket, code: number, reason: Buffer) {
      const client = this as WsClient;
      const why = reason.toString();
      // In turn with joins (a room of 5,000 leaving at once is a storm too), in order.
      slicer.submit(() => hooks.onClose(client, code, why));
    };
    const onMessage = (c: WsClient, raw: Buffer, isBinary: boolean) =>
      this.onMessage(c, raw, isBinary, undefined);
    this.directMessageListener = function onDirectMessage(
      this: WebSocket,
      raw: Buffer,
      isBinary: boolean,
    ) {
      onMessage(this as WsClient, raw, isBinary);
    };
    this.tappedSend = function tappedSend(
      this: WsClient,
      data: unknown,
      options?: unknown,
      cb?: unknown,
    ) {
      const { event, code } = describeOutbound(data);
      tap.outbound(this, event, data, code);
      corkedSend.call(this, data, options, cb);
    };
  }

  override create(
    port: number,
    options: Record<string, unknown> & { path?: string } = {},
  ): WebSocketServer {
    const wsPort = this.cfg.get('WEBSOCKET_PORT');
    const server = super.create(wsPort > 0 ? wsPort : port, {
      ...options,
      path: options.path ?? WS_PATH,
      maxPayload: this.cfg.get('WS_MAX_MESSAGE_BYTES'),
      perMessageDeflate: this.cfg.get('WS_COMPRESSION'),
      verifyClient: (info: VerifyInfo, cb: (ok: boolean, code?: number, msg?: string) => void) => {
        this.slicer.submit(() => {
          void this.verifyClient(info).then(([ok, code, msg]) => {
            // The 101 response and the auth_success frame right after it leave in one write
            // (nextTick runs after the microtasks that send auth_success).
            const socket = info.req.socket;
            if (ok) socket.cork();
            cb(ok, code, msg);
            if (ok) process.nextTick(() => socket.uncork());
          });
        });
      },
    }) as WebSocketServer;
    this.startHeartbeat(server);
    return server;
  }

  private async verifyClient(info: VerifyInfo): Promise<[boolean, number?, string?]> {
    // Shutting down (R19): refuse new sockets; the client retries with backoff.
    if (this.ops.isAccepting && !this.ops.isAccepting()) return [false, 503, 'SERVER_RESTARTING'];
    const ip = clientIp(info.req, this.cfg.get('TRUST_PROXY'));
    // REQUIRE_HTTPS: wss:// only, unless a trusted proxy says the client used TLS.
    if (this.cfg.get('REQUIRE_HTTPS') && !isHttpsRequest(info.req, this.cfg.get('TRUST_PROXY'))) {
      this.ops.security?.record({ type: 'https_required', ip, detail: { transport: 'ws' } });
      return [false, 403, 'HTTPS_REQUIRED'];
    }
    const origin = info.origin || undefined;
    if (!this.cfg.isOriginAllowed(origin)) {
      this.log.warn({ msg: 'websocket origin rejected', origin, ip });
      this.ops.security?.record({
        type: 'origin_rejected',
        ip,
        detail: { transport: 'ws', origin: String(origin).slice(0, 200) },
      });
      return [false, 403, 'ORIGIN_NOT_ALLOWED'];
    }
    const token = tokenFromRequest(info.req);
    if (!token) return [true];
    try {
      info.req.authUser = await this.tokens.verifyAccess(token);
      return [true];
    } catch (e) {
      const code = e instanceof AppError ? e.code : 'TOKEN_INVALID';
      this.log.warn({ msg: 'websocket token rejected', code, ip });
      this.ops.security?.record({ type: 'token_rejected', ip, detail: { transport: 'ws', code } });
      return [false, 401, code];
    }
  }

  override bindClientConnect(
    server: WebSocketServer,
    callback: (...args: unknown[]) => void,
  ): void {
    server.on('connection', (ws, req: IncomingMessage & { authUser?: WsClient['ctx']['user'] }) => {
      const client = ws as WsClient;
      const now = Date.now();
      client.ctx = {
        id: randomUUID(),
        ip: clientIp(req, this.cfg.get('TRUST_PROXY')),
        userAgent: String(req.headers['user-agent'] ?? '').slice(0, 300),
        origin: req.headers.origin,
        connectedAt: now,
        lastMessageAt: now,
        user: undefined,
        // Every field from the start, so that every socket's context has one hidden class
        // (fields added later made the hot path's property reads polymorphic; issue 16).
        pendingUser: undefined,
        authPending: undefined,
        registered: false,
        sliced: 0,
        alive: true,
        sessions: new Set(),
        expirySlot: undefined,
      };
      this.wrapSend(client);
      client.on('pong', markAlive);
      client.on('close', this.closeListener);
      // Once every event is known to be called directly, Nest's per-socket work (a bound
      // copy of every handler, a Subject event, a close listener) has nothing left to do.
      if (this.allDirect) client.on('message', this.directMessageListener);
      else callback(client, req);
      if (req.authUser) {
        client.ctx.authPending = this.completeAuth(client, req.authUser).finally(
          () => (client.ctx.authPending = undefined),
        );
      } else {
        const timer = setTimeout(() => {
          if (!client.ctx.user)
            client.close(WS_CLOSE.AUTH_TIMEOUT, 'Send auth_request with your access token first');
        }, this.cfg.get('WS_AUTH_TIMEOUT_MS'));
        timer.unref();
        client.once('close', () => clearTimeout(timer));
      }
    });
  }

  private async completeAuth(
    client: WsClient,
    user: NonNullable<WsClient['ctx']['user']>,
  ): Promise<boolean> {
    const first = !client.ctx.user;
    if (first) {
      // The hook sees the user it is asked about, but frames are only handled once it agreed.
      client.ctx.pendingUser = user;
      const verdict = await this.hooks.onAuthenticated(client);
      client.ctx.pendingUser = undefined;
      if (!verdict.ok) {
        sendError(client, verdict.code, verdict.message, { recoverable: false });
        client.close(verdict.close ?? WS_CLOSE.POLICY, verdict.code);
        return false;
      }
    }
    client.ctx.user = user;
    this.hooks.onTokenAccepted?.(client);
    const payload: AuthSuccessPayload = {
      user: { id: user.id, displayName: '', role: user.role, academyId: user.academyId },
      serverNow: Date.now(),
      tokenExpiresAt: user.expiresAt,
    };
    sendFrame(client, CONNECTION_EVENTS.AUTH_SUCCESS, payload);
    return true;
  }

  /**
   * Replaces the socket's send, once: corked (one writev per socket per tick) and, when
   * something observes the wire, tapped (see corkedSend below), whether a frame is sent by
   * sendFrame, a gateway's own client.send or a broadcast.
   */
  private wrapSend(client: WsClient): void {
    // Shared functions and a flag on the socket, not closures per socket: with 20,000
    // sockets in one process every per-socket object counts (issue 16's memory goal).
    (client as { send: (...args: unknown[]) => void }).send =
      this.tap === NOOP_WIRE_TAP ? corkedSend : this.tappedSend;
  }

  override bindMessageHandlers(
    ws: unknown,
    handlers: MessageMappingProperties[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    const client = ws as WsClient;
    this.direct ??= this.ops.directHandlers?.() ?? new Map();
    // Nest hands every socket its own list (callbacks bound to that socket). Every event of
    // the gateway is called directly, so the list is kept only when one is not, and the
    // names are looked up in one set made once, not a map per socket.
    if (!this.events) {
      const direct = this.direct;
      this.events = new Set(handlers.map((h) => h.message as string));
      this.allDirect = [...this.events].every((e) => direct.has(e));
    }
    if (this.allDirect) {
      client.on('message', this.directMessageListener);
      return;
    }
    const viaNest: ViaNest = {
      handlers: new Map(handlers.map((h) => [h.message as string, h])),
      transform,
    };
    client.on('message', (raw: Buffer, isBinary: boolean) => {
      this.onMessage(client, raw, isBinary, viaNest);
    });
  }

  /** The gateway's event names (the same for every socket). */
  private events?: Set<string>;
  /** Whether every one of them is called directly (then no socket keeps Nest's list). */
  private allDirect = false;

  /**
   * Synchronous for every frame but those of a socket whose first-message authentication is
   * still being checked (they wait for it, in order): no promise per frame (issue 16). A bug
   * on the way to a handler costs that frame an INTERNAL_ERROR, never the process.
   */
  private onMessage(
    client: WsClient,
    raw: Buffer,
    isBinary: boolean,
    viaNest: ViaNest | undefined,
    startedAt = 0,
  ): void {
    if (startedAt === 0) {
      client.ctx.lastMessageAt = Date.now();
      const at = performance.now();
      const pending = client.ctx.authPending;
      if (pending) {
        // A failed authentication closed the socket: its waiting frames are dropped.
        pending.then(
          () => this.onMessage(client, raw, isBinary, viaNest, at),
          () => undefined,
        );
        return;
      }
      startedAt = at;
    }
    try {
      this.dispatch(client, raw, isBinary, viaNest, startedAt);
    } catch (err) {
      this.log.error(err);
      if (client.readyState === 1)
        sendError(client, 'INTERNAL_ERROR', 'The server could not handle this frame. Try again.');
    }
  }

  private dispatch(
    client: WsClient,
    raw: Buffer,
    isBinary: boolean,
    viaNest: ViaNest | undefined,
    startedAt: number,
  ): void {
    if (client.readyState !== 1) return;
    const frame = readFrame(raw, isBinary);
    if (!frame.ok) {
      if (frame.counted) this.tap.inbound(client, '_invalid', raw.length);
      sendError(client, frame.code, frame.message);
      return;
    }
    const { event, data } = frame;
    // Label by handler name only: client-chosen names must not create new metric series.
    const known = this.events?.has(event) || event === CONNECTION_EVENTS.AUTH_REQUEST;
    this.tap.inbound(client, known ? event : '_unknown', raw.length);
    if (event === CONNECTION_EVENTS.AUTH_REQUEST) {
      this.inTurn(client, () => {
        this.handleAuthRequest(client, data).catch((err: unknown) => this.log.error(err));
      });
      return;
    }
    if (!client.ctx.user) {
      sendError(
        client,
        'NOT_AUTHENTICATED',
        'Authenticate first: send auth_request with your access token.',
        { event },
      );
      return;
    }
    if (!this.events?.has(event)) {
      sendError(
        client,
        'UNKNOWN_EVENT',
        `Unknown event "${event.slice(0, 60)}". See /api/asyncapi.json for the events this server accepts.`,
        { event: event.slice(0, 60) },
      );
      return;
    }
    const verdict = this.hooks.beforeDispatch(client, event, data, raw.length);
    if (!verdict.ok) {
      // The answer's key lets the client match the refusal to the answer it must resend.
      const key =
        typeof data === 'object' && data !== null ? (data as { key?: unknown }).key : undefined;
      sendError(client, verdict.code, verdict.message, {
        event,
        retryAfterMs: verdict.retryAfterMs,
        ...(typeof key === 'string' && key.length <= 100 ? { key } : {}),
      });
      if (verdict.close) client.close(verdict.close, verdict.code);
      return;
    }
    if (client.ctx.sliced > 0 || this.sliced.has(event)) {
      this.inTurn(client, () => this.handle(client, event, data, viaNest, startedAt));
    } else this.handle(client, event, data, viaNest, startedAt);
  }

  /**
   * Runs `job` in the slicer's turn; the socket's next frames wait behind it, so that its
   * frames are still handled in the order they came.
   */
  private inTurn(client: WsClient, job: () => void): void {
    client.ctx.sliced++;
    this.slicer.submit(() => {
      client.ctx.sliced--;
      if (client.readyState === 1) job();
    });
  }

  private handle(
    client: WsClient,
    event: string,
    data: unknown,
    viaNest: ViaNest | undefined,
    startedAt: number,
  ): void {
    const done = () => this.tap.handled(event, performance.now() - startedAt);
    const failed = (err: unknown) => {
      done();
      this.log.error(err);
    };
    const direct = this.direct?.get(event);
    try {
      if (direct) {
        const r = direct(client, data);
        if (r instanceof Promise) r.then(done, failed);
        else done();
        return;
      }
      const handler = viaNest?.handlers.get(event);
      if (!viaNest || !handler) throw new Error(`no handler for ${event}`);
      const result$ = viaNest.transform(handler.callback(data, event)) as Observable<unknown>;
      if (result$ === EMPTY) return done();
      result$.subscribe({
        next: (response) => {
          if (response !== undefined && response !== null && client.readyState === 1)
            client.send(JSON.stringify(response));
        },
        error: failed,
        complete: done,
      });
    } catch (err) {
      this.log.error(err);
      sendError(client, 'INTERNAL_ERROR', 'The server could not handle this event. Try again.', {
        event,
      });
    }
  }

  private async handleAuthRequest(client: WsClient, data: unknown): Promise<void> {
    const token =
      typeof data === 'object' && data !== null ? (data as { token?: unknown }).token : undefined;
    if (typeof token !== 'string' || token.length === 0 || token.length > 4096) {
      sendFrame(client, CONNECTION_EVENTS.AUTH_FAILED, {
        code: 'VALIDATION_FAILED',
        message: 'auth_request needs {"token": "<access token>"}.',
      });
      return;
    }
    try {
      const user = await this.tokens.verifyAccess(token);
      if (
        client.ctx.user &&
        (user.id !== client.ctx.user.id || user.academyId !== client.ctx.user.academyId)
      ) {
        sendFrame(client, CONNECTION_EVENTS.AUTH_FAILED, {
          code: 'FORBIDDEN',
          message: 'A connection cannot switch to another user. Open a new connection.',
        });
        return;
      }
      await this.completeAuth(client, user);
    } catch (e) {
      const err =
        e instanceof AppError ? e : new AppError(401, 'TOKEN_INVALID', 'The token is invalid.');
      sendFrame(client, CONNECTION_EVENTS.AUTH_FAILED, { code: err.code, message: err.message });
      this.ops.security?.record({
        type: 'token_rejected',
        ip: client.ctx.ip,
        userId: client.ctx.user?.id,
        academyId: client.ctx.user?.academyId,
        detail: { transport: 'ws', code: err.code, via: 'auth_request' },
      });
      if (!client.ctx.user) client.close(WS_CLOSE.AUTH_FAILED, err.code);
    }
  }

  /** Ping every interval; a socket that did not pong since the last ping is dead and is closed. */
  private startHeartbeat(server: WebSocketServer): void {
    const interval = setInterval(() => {
      for (const ws of server.clients) {
        const c = ws as WsClient;
        if (!c.ctx) continue;
        if (!c.ctx.alive) {
          c.terminate();
          continue;
        }
        c.ctx.alive = false;
        c.ping();
      }
    }, this.cfg.get('WS_HEARTBEAT_INTERVAL_MS'));
    interval.unref();
    this.heartbeats.add(interval);
    server.on('close', () => {
      clearInterval(interval);
      this.heartbeats.delete(interval);
    });
  }
}

/** The 'pong' listener of every socket. */
function markAlive(this: WebSocket): void {
  (this as WsClient).ctx.alive = true;
}
