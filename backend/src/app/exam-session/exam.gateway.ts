/**
 * ExamGateway: the realtime entry point at /ws. Thin on purpose: the adapter has already
 * authenticated the socket and parsed the frame; each handler validates its payload at the
 * edge (zod, unknown fields rejected), calls LiveSessionService and replies. Errors become
 * one `error` frame with a stable code, the event and, for answers, the idempotency key.
 */
import { Logger, Optional, type OnModuleInit } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { z } from 'zod/v4';
import {
  CONNECTION_EVENTS,
  INTEGRITY_EVENTS,
  LIVE_ANSWER_EVENTS,
  LIVE_EVENTS,
  SESSION_CONTROL_EVENTS,
  SESSION_EVENTS,
  type ErrorCode,
  type HeartbeatReplyPayload,
} from '@exam/contracts';
import { AppError } from '../common/app-error';
import { MetricsService } from '../monitoring/metrics.service';
import { ConnectionRegistry } from '../realtime/connection-registry.service';
import { WS_PATH } from '../realtime/exam-ws.adapter';
import { frame, sendError, sendFrame, type WsClient } from '../realtime/ws-client';
import { ConnectionTracker } from './connection-tracker.service';
import type { SessionCommand } from './domain/session-lifecycle';
import {
  addTimeSchema,
  broadcastSchema,
  completeSchema,
  examSubmitSchema,
  heartbeatSchema,
  integrityReportSchema,
  parseAnswerPayload,
  parsePayload,
  questionViewedSchema,
  reconnectSchema,
  sessionCommandSchema,
  sessionJoinSchema,
  type AnswerInput,
  sessionLeaveSchema,
} from './live-session.schemas';
import { LiveSessionService, type Actor } from './live-session.service';

const DONE: Promise<void> = Promise.resolve();

function actorOf(c: WsClient): Actor {
  if (!c.ctx.user) throw new AppError(401, 'NOT_AUTHENTICATED', 'Authenticate first.');
  return { user: c.ctx.user, ip: c.ctx.ip, userAgent: c.ctx.userAgent };
}

@WebSocketGateway({ path: WS_PATH })
export class ExamGateway implements OnModuleInit {
  private readonly log = new Logger('ExamGateway');

  constructor(
    private readonly live: LiveSessionService,
    private readonly registry: ConnectionRegistry,
    private readonly tracker: ConnectionTracker,
    @Optional() private readonly metrics?: MetricsService,
  ) {}

  onModuleInit(): void {
    this.registry.addListener({
      onDisconnected: (c) => {
        for (const sessionId of [...c.ctx.sessions]) this.live.leave(c, sessionId, null, true);
      },
    });
  }

  /** Application-level heartbeat: answers with the server clock so clients can measure offset. */
  @SubscribeMessage(CONNECTION_EVENTS.HEARTBEAT)
  heartbeat(@ConnectedSocket() client: WsClient, @MessageBody() data: unknown): void {
    let clientNow: number | undefined;
    try {
      clientNow = parsePayload(heartbeatSchema, data, CONNECTION_EVENTS.HEARTBEAT)?.clientNow;
    } catch (e) {
      const err = e as AppError;
      sendError(client, err.code, err.message, {
        event: CONNECTION_EVENTS.HEARTBEAT,
        details: err.details,
      });
      return;
    }
    const reply: HeartbeatReplyPayload = { serverNow: Date.now(), clientNow };
    client.send(frame(CONNECTION_EVENTS.HEARTBEAT, reply));
    this.tracker.pinged(client);
  }

  @SubscribeMessage(SESSION_EVENTS.SESSION_JOIN)
  join(@ConnectedSocket() c: WsClient, @MessageBody() data: unknown): Promise<void> {
    return this.run(c, SESSION_EVENTS.SESSION_JOIN, sessionJoinSchema, data, async (p, actor) => {
      await this.live.join(c, actor, p.sessionId, p.lastSeq);
      this.tracker.joined(c, p.sessionId);
    });
  }

  @SubscribeMessage(SESSION_EVENTS.RECONNECT)
  reconnect(@ConnectedSocket() c: WsClient, @MessageBody() data: unknown): Promise<void> {
    return this.run(c, SESSION_EVENTS.RECONNECT, reconnectSchema, data, async (p, actor) => {
      await this.live.join(c, actor, p.sessionId, p.lastSeq);
      this.tracker.joined(c, p.sessionId);
    });
  }

  @SubscribeMessage(SESSION_EVENTS.SESSION_LEAVE)
  leave(@ConnectedSocket() c: WsClient, @MessageBody() data: unknown): Promise<void> {
    return this.run(c, SESSION_EVENTS.SESSION_LEAVE, sessionLeaveSchema, data, (p, actor) => {
      // Never a silent drop: leaving a session this socket has not joined is answered.
      if (!c.ctx.sessions.has(p.sessionId))
        throw new AppError(409, 'NOT_JOINED', 'This connection has not joined that session.');
      this.live.leave(c, p.sessionId, actor);
      return Promise.resolve();
    });
  }

  @SubscribeMessage(SESSION_CONTROL_EVENTS.EXAM_PREPARE)
  prepare(@ConnectedSocket() c: WsClient, @MessageBody() data: unknown): Promise<void> {
    return this.command(c, SESSION_CONTROL_EVENTS.EXAM_PREPARE, 'prepare', data);
  }

  @SubscribeMessage(SESSION_CONTROL_EVENTS.EXAM_LAUNCH)
  launch(@ConnectedSocket() c: WsClient, @MessageBody() data: unknown): Promise<void> {
    return this.command(c, SESSION_CONTROL_EVENTS.EXAM_LAUNCH, 'launch', data);
  }

  @SubscribeMessage(SESSION_CONTROL_EVENTS.EXAM_PAUSE)
  pause(@ConnectedSocket() c: WsClient, @MessageBody() data: unknown): Promise<void> {
    return this.command(c, SESSION_CONTROL_EVENTS.EXAM_PAUSE, 'pause', data);
  }

  @SubscribeMessage(SESSION_CONTROL_EVENTS.EXAM_RESUME)
  resume(@ConnectedSocket() c: WsClient, @MessageBody() data: unknown): Promise<void> {
    return this.command(c, SESSION_CONTROL_EVENTS.EXAM_RESUME, 'resume', data);
  }

  @SubscribeMessage(SESSION_CONTROL_EVENTS.EXAM_COMPLETE)
  complete(@ConnectedSocket() c: WsClient, @MessageBody() data: unknown): Promise<void> {
    return this.run(c, SESSION_CONTROL_EVENTS.EXAM_COMPLETE, completeSchema, data, async (p, a) => {
      if (p.mode === 'own_time') await this.live.finishInOwnTime(a, p.sessionId, p.reason);
      else await this.live.command(a, p.sessionId, 'complete', p.reason);
    });
  }

  @SubscribeMessage(SESSION_CONTROL_EVENTS.EXAM_TERMINATE)
  terminate(@ConnectedSocket() c: WsClient, @MessageBody() data: unknown): Promise<void> {
    return this.command(c, SESSION_CONTROL_EVENTS.EXAM_TERMINATE, 'terminate', data);
  }

  @SubscribeMessage(SESSION_CONTROL_EVENTS.EXAM_ADD_TIME)
  addTime(@ConnectedSocket() c: WsClient, @MessageBody() data: unknown): Promise<void> {
    return this.run(c, SESSION_CONTROL_EVENTS.EXAM_ADD_TIME, addTimeSchema, data, async (p, a) => {
      await this.live.addTime(a, p);
    });
  }

  @SubscribeMessage(LIVE_EVENTS.BROADCAST_MESSAGE)
  broadcast(@ConnectedSocket() c: WsClient, @MessageBody() data: unknown): Promise<void> {
    return this.run(c, LIVE_EVENTS.BROADCAST_MESSAGE, broadcastSchema, data, async (p, a) => {
      await this.live.broadcast(a, p);
    });
  }

  @SubscribeMessage(LIVE_ANSWER_EVENTS.ANSWER_SUBMITTED)
  answerSubmitted(@ConnectedSocket() c: WsClient, @MessageBody() data: unknown): Promise<void> {
    return this.answer(c, LIVE_ANSWER_EVENTS.ANSWER_SUBMITTED, data, true);
  }

  @SubscribeMessage(LIVE_ANSWER_EVENTS.ANSWER_AUTOSAVED)
  answerAutosaved(@ConnectedSocket() c: WsClient, @MessageBody() data: unknown): Promise<void> {
    return this.answer(c, LIVE_ANSWER_EVENTS.ANSWER_AUTOSAVED, data, false);
  }

  @SubscribeMessage(SESSION_EVENTS.EXAM_SUBMIT)
  submit(@ConnectedSocket() c: WsClient, @MessageBody() data: unknown): Promise<void> {
    // The reply is the session event exam_submit, sent to all of the student's sockets.
    return this.run(c, SESSION_EVENTS.EXAM_SUBMIT, examSubmitSchema, data, async (p, a) => {
      await this.live.submit(a, p.sessionId);
    });
  }

  @SubscribeMessage(INTEGRITY_EVENTS.INTEGRITY_SIGNAL)
  integritySignal(@ConnectedSocket() c: WsClient, @MessageBody() data: unknown): Promise<void> {
    return this.run(
      c,
      INTEGRITY_EVENTS.INTEGRITY_SIGNAL,
      integrityReportSchema,
      data,
      async (p, a) => {
        sendFrame(c, INTEGRITY_EVENTS.INTEGRITY_ACK, await this.live.reportSignals(a, p));
      },
    );
  }

  @SubscribeMessage(SESSION_EVENTS.QUESTION_VIEWED)
  questionViewed(@ConnectedSocket() c: WsClient, @MessageBody() data: unknown): Promise<void> {
    return this.run(c, SESSION_EVENTS.QUESTION_VIEWED, questionViewedSchema, data, (p, a) =>
      this.live.questionViewed(a, p.sessionId, p.questionId),
    );
  }

  private command(
    c: WsClient,
    event: string,
    command: Exclude<SessionCommand, 'expire'>,
    data: unknown,
  ): Promise<void> {
    return this.run(c, event, sessionCommandSchema, data, async (p, a) => {
      await this.live.command(a, p.sessionId, command, p.reason);
    });
  }

  /**
   * The hottest handler, without run()'s two async frames: parse, answer, ack (after the
   * commit, R1) or one error frame. Same replies as run() would give.
   */
  private answer(c: WsClient, event: string, data: unknown, final: boolean): Promise<void> {
    const key =
      typeof data === 'object' &&
      data !== null &&
      typeof (data as { key?: unknown }).key === 'string'
        ? (data as { key: string }).key.slice(0, 100)
        : undefined;
    let payload: AnswerInput;
    let actor: Actor;
    try {
      payload = parseAnswerPayload(data, event);
      actor = actorOf(c);
    } catch (e) {
      this.fail(c, event, e, key);
      return DONE;
    }
    const startedAt = performance.now();
    return this.live.answer(actor, payload, final).then(
      (ack) => {
        sendFrame(c, LIVE_ANSWER_EVENTS.ANSWER_ACK, ack);
        // From the frame reaching the handler to the ack leaving, after the commit (R1).
        this.metrics?.observeAnswerAck(performance.now() - startedAt);
      },
      (e: unknown) => this.fail(c, event, e, key),
    );
  }

  /** Parse, act, and turn any failure into one `error` frame. */
  private async run<S extends z.ZodTypeAny>(
    c: WsClient,
    event: string,
    schema: S,
    data: unknown,
    fn: (payload: z.infer<S>, actor: Actor) => Promise<void>,
  ): Promise<void> {
    try {
      const payload = parsePayload(schema, data, event) as z.infer<S>;
      await fn(payload, actorOf(c));
    } catch (e) {
      this.fail(c, event, e);
    }
  }

  /** One `error` frame for a failed event: its code and words, or INTERNAL_ERROR (logged). */
  private fail(c: WsClient, event: string, e: unknown, key?: string): void {
    if (e instanceof AppError) {
      sendError(c, e.code, e.message, {
        event,
        key,
        details: e.details,
        recoverable: e.code !== 'FORBIDDEN' && e.code !== 'NOT_FOUND' && e.code !== 'NOT_ENROLLED',
      });
      return;
    }
    this.log.error({
      msg: 'handler failed',
      event,
      err: e instanceof Error ? e.stack : String(e),
    });
    const code: ErrorCode = 'INTERNAL_ERROR';
    sendError(c, code, 'The server could not handle this event. Try again.', { event, key });
  }
}
