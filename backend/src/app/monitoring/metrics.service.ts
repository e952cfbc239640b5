/**
 * Prometheus metrics (GET /metrics) and the recent-window numbers of the admin overview.
 * One registry per app instance (tests boot several apps in one process).
 *
 * API for other modules (MetricsService is global; inject it, optionally with @Optional()):
 * - `observeAnswerAck(ms)`: call once per answer ack, with the time from the answer frame's
 *   arrival to the ack being sent (after commit, R1). Feeds `exam_answer_ack_latency_seconds`
 *   and the overview's ack p50/p99.
 * - `countError(code, transport)`: count an error code seen by a client.
 * Everything else is recorded by hooks: the WireTap at the socket adapter (messages,
 * processing time, WebSocket error frames), the registry's listener (connection duration),
 * a TypeORM subscriber (query time), a middleware (HTTP time and error codes).
 */
import { Injectable, type NestMiddleware, type OnModuleInit } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource, type EntitySubscriberInterface } from 'typeorm';
import type { AfterQueryEvent } from 'typeorm/subscriber/event/QueryEvent';
import { EXAM_SESSION_STATUSES } from '@exam/contracts';
import { ConnectionRegistry } from '../realtime/connection-registry.service';
import { Clock } from './clock';
import { tableExists } from './db-introspection';
import { RollingCounter, RollingSamples } from './domain/rolling-window';

const LATENCY_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const DURATION_BUCKETS = [1, 10, 60, 300, 900, 1800, 3600, 7200, 14_400];

export interface RecentNumbers {
  messagesInPerSecond: number;
  messagesOutPerSecond: number;
  ackP50Ms: number | null;
  ackP99Ms: number | null;
  acksLastMinute: number;
}

@Injectable()
export class MetricsService implements OnModuleInit {
  readonly registry = new Registry();
  private readonly received: Counter<'event'>;
  private readonly sent: Counter<'event'>;
  private readonly processing: Histogram<'event'>;
  private readonly ackLatency: Histogram;
  private readonly connectionDuration: Histogram<'role'>;
  private readonly dbQuery: Histogram<'operation' | 'outcome'>;
  private readonly errors: Counter<'code' | 'transport'>;
  private readonly http: Histogram<'method' | 'route' | 'status'>;
  private readonly pendingIn = new Map<string, number>();
  private readonly pendingOut = new Map<string, number>();
  private readonly recentIn = new RollingCounter();
  private readonly recentOut = new RollingCounter();
  private readonly recentAcks = new RollingSamples();
  private sessionsTableSeen = false;

  constructor(
    private readonly connections: ConnectionRegistry,
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {
    const registers = [this.registry];
    new Gauge({
      name: 'exam_ws_connections_active',
      help: 'Authenticated WebSocket connections by role',
      labelNames: ['role'],
      registers,
      collect: function (this: Gauge<'role'>) {
        for (const [role, n] of Object.entries(connections.countByRole())) this.set({ role }, n);
      },
    });
    // Per-frame counts are kept in plain maps and handed to prom-client when scraped: a
    // labelled inc() per frame in and out was ~2% of the server's CPU under load.
    const pendingIn = this.pendingIn;
    const pendingOut = this.pendingOut;
    this.received = new Counter({
      name: 'exam_ws_messages_received_total',
      help: 'WebSocket frames received, by event (_unknown: no such event; _invalid: not JSON)',
      labelNames: ['event'],
      registers,
      collect(this: Counter<'event'>) {
        for (const [event, n] of pendingIn) this.inc({ event }, n);
        pendingIn.clear();
      },
    });
    this.sent = new Counter({
      name: 'exam_ws_messages_sent_total',
      help: 'WebSocket frames sent, by event',
      labelNames: ['event'],
      registers,
      collect(this: Counter<'event'>) {
        for (const [event, n] of pendingOut) this.inc({ event }, n);
        pendingOut.clear();
      },
    });
    this.processing = new Histogram({
      name: 'exam_ws_message_processing_seconds',
      help: 'Time from a frame arriving to its handler finishing',
      labelNames: ['event'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.ackLatency = new Histogram({
      name: 'exam_answer_ack_latency_seconds',
      help: 'Time from an answer arriving to its ack (sent after the commit)',
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.connectionDuration = new Histogram({
      name: 'exam_ws_connection_duration_seconds',
      help: 'Lifetime of authenticated WebSocket connections, observed when they close',
      labelNames: ['role'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.dbQuery = new Histogram({
      name: 'exam_db_query_duration_seconds',
      help: 'Database query time (millisecond resolution), by statement kind',
      labelNames: ['operation', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.errors = new Counter({
      name: 'exam_errors_total',
      help: 'Errors sent to clients, by stable error code and transport (http, ws)',
      labelNames: ['code', 'transport'],
      registers,
    });
    this.http = new Histogram({
      name: 'exam_http_request_duration_seconds',
      help: 'HTTP response time by route pattern',
      labelNames: ['method', 'route', 'status'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    const sessions: Gauge<'status'> = new Gauge({
      name: 'exam_sessions',
      help: 'Exam sessions by status (computed at scrape time)',
      labelNames: ['status'],
      registers,
      collect: (): Promise<void> => this.collectSessions(sessions),
    });
  }

  onModuleInit(): void {
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
    this.connections.addListener({
      onDisconnected: (client) => {
        const role = client.ctx.user?.role ?? 'unknown';
        this.connectionDuration.observe(
          { role },
          (this.clock.now() - client.ctx.connectedAt) / 1000,
        );
      },
    });
    const histogram = this.dbQuery;
    const subscriber: EntitySubscriberInterface = {
      afterQuery(event: AfterQueryEvent<unknown>) {
        if (event.executionTime === undefined) return;
        histogram.observe(
          { operation: queryOperation(event.query), outcome: event.success ? 'ok' : 'error' },
          event.executionTime / 1000,
        );
      },
    };
    this.ds.subscribers.push(subscriber);
  }

  /** Answer ack latency in milliseconds (see the file header). */
  observeAnswerAck(ms: number): void {
    this.ackLatency.observe(ms / 1000);
    this.recentAcks.add(this.clock.now(), ms);
  }

  countError(code: string, transport: 'http' | 'ws'): void {
    this.errors.inc({ code, transport });
  }

  messageReceived(event: string): void {
    this.pendingIn.set(event, (this.pendingIn.get(event) ?? 0) + 1);
    this.recentIn.add(this.clock.now());
  }

  messageSent(event: string, errorCode?: string): void {
    this.pendingOut.set(event, (this.pendingOut.get(event) ?? 0) + 1);
    this.recentOut.add(this.clock.now());
    if (errorCode) this.countError(errorCode, 'ws');
  }

  messageHandled(event: string, ms: number): void {
    this.processing.observe({ event }, ms / 1000);
  }

  httpResponse(
    method: string,
    route: string,
    status: number,
    ms: number,
    errorCode?: string,
  ): void {
    this.http.observe({ method, route, status: String(status) }, ms / 1000);
    if (errorCode) this.countError(errorCode, 'http');
  }

  recent(now = this.clock.now()): RecentNumbers {
    const [p50, p99] = this.recentAcks.quantiles(now, [0.5, 0.99]);
    return {
      messagesInPerSecond: round2(this.recentIn.perSecond(now)),
      messagesOutPerSecond: round2(this.recentOut.perSecond(now)),
      ackP50Ms: p50 === null ? null : round2(p50),
      ackP99Ms: p99 === null ? null : round2(p99),
      acksLastMinute: this.recentAcks.count(now),
    };
  }

  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private async collectSessions(gauge: Gauge<'status'>): Promise<void> {
    if (!this.ds.isInitialized) return;
    if (!this.sessionsTableSeen) {
      this.sessionsTableSeen = await tableExists(this.ds, 'exam_sessions');
      if (!this.sessionsTableSeen) return;
    }
    const rows = (await this.ds.query(
      'SELECT status, COUNT(*) AS n FROM exam_sessions GROUP BY status',
    )) as Array<{ status: string; n: number | string }>;
    gauge.reset();
    for (const status of EXAM_SESSION_STATUSES) gauge.set({ status }, 0);
    for (const r of rows) gauge.set({ status: r.status }, Number(r.n));
  }
}

/** Response time and error code per request; the error code is set by HttpExceptionFilter. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: MetricsService) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const started = performance.now();
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
      const code = (res.locals as { errorCode?: string }).errorCode;
      this.metrics.httpResponse(
        req.method,
        route,
        res.statusCode,
        performance.now() - started,
        code,
      );
    });
    next();
  }
}

export function queryOperation(sql: string): string {
  const m = /^\s*(select|insert|update|delete|begin|commit|rollback|pragma|with)\b/i.exec(sql);
  return m ? m[1].toLowerCase() : 'other';
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
