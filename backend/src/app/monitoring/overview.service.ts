/**
 * The admin monitoring page's data: connections of the academy, its live sessions with
 * teacher, enrolled/connected counts and average progress, the last minute's message rate
 * and ack latency, and a 15-minute history sampled every 10 s (server-wide, in memory).
 */
import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  ConnectionCounts,
  ExamSessionStatus,
  MonitoringActiveSession,
  MonitoringOverview,
  MonitoringSample,
} from '@exam/contracts';
import { ConnectionRegistry } from '../realtime/connection-registry.service';
import { Clock } from './clock';
import { tableExists } from './db-introspection';
import { RingBuffer } from './domain/rolling-window';
import { EventLoopMonitor } from './event-loop-monitor';
import { MetricsService } from './metrics.service';

export const SAMPLE_INTERVAL_MS = 10_000;
const HISTORY_SAMPLES = 90; // 15 minutes

interface SessionRow {
  id: string;
  title: string;
  status: ExamSessionStatus;
  teacher_id: string;
  teacher_name: string | null;
  launched_at: number | string | null;
  enrolled: number | string;
  connected: number | string;
  completed: number | string;
  avg_progress: number | string | null;
}

@Injectable()
export class OverviewService implements OnModuleInit, OnModuleDestroy {
  private readonly history = new RingBuffer<MonitoringSample>(HISTORY_SAMPLES);
  private timer?: NodeJS.Timeout;
  private sessionTablesSeen = false;

  constructor(
    private readonly metrics: MetricsService,
    private readonly registry: ConnectionRegistry,
    private readonly loop: EventLoopMonitor,
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => this.sample(), SAMPLE_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Adds one point to the history (called every 10 s). */
  sample(): MonitoringSample {
    const now = this.clock.now();
    const r = this.metrics.recent(now);
    const s: MonitoringSample = {
      at: now,
      connections: this.registry.count,
      messagesInPerSecond: r.messagesInPerSecond,
      messagesOutPerSecond: r.messagesOutPerSecond,
      ackP50Ms: r.ackP50Ms,
      ackP99Ms: r.ackP99Ms,
    };
    this.history.push(s);
    return s;
  }

  async overview(academyId: string): Promise<MonitoringOverview> {
    const now = this.clock.now();
    const r = this.metrics.recent(now);
    const mem = process.memoryUsage();
    return {
      serverNow: now,
      connections: this.connectionsOf(academyId),
      activeSessions: await this.activeSessions(academyId),
      lastMinute: {
        messagesInPerSecond: r.messagesInPerSecond,
        messagesOutPerSecond: r.messagesOutPerSecond,
        ackP50Ms: r.ackP50Ms,
        ackP99Ms: r.ackP99Ms,
        acks: r.acksLastMinute,
      },
      server: {
        connections: this.registry.count,
        uptimeSeconds: Math.round(process.uptime()),
        memory: { rss: mem.rss, heapUsed: mem.heapUsed },
        eventLoopLagP99Ms: this.loop.lag().p99Ms,
      },
      history: this.history.toArray(),
      sampleIntervalMs: SAMPLE_INTERVAL_MS,
    };
  }

  private connectionsOf(academyId: string): ConnectionCounts {
    const byRole = { admin: 0, teacher: 0, student: 0 };
    for (const c of this.registry.clients()) {
      const u = c.ctx.user;
      // Operators belong to no school: never counted in one.
      if (u && u.academyId === academyId && u.role !== 'operator') byRole[u.role] += 1;
    }
    return { total: byRole.admin + byRole.teacher + byRole.student, byRole };
  }

  private async activeSessions(academyId: string): Promise<MonitoringActiveSession[]> {
    if (!this.sessionTablesSeen) {
      this.sessionTablesSeen =
        (await tableExists(this.ds, 'exam_sessions')) &&
        (await tableExists(this.ds, 'student_sessions'));
      if (!this.sessionTablesSeen) return [];
    }
    const rows = (await this.ds.query(
      `SELECT s.id, s.title, s.status, s.teacher_id, u.display_name AS teacher_name,
              s.launched_at,
              COUNT(ss.id) AS enrolled,
              SUM(CASE WHEN ss.connection_status = 'connected' THEN 1 ELSE 0 END) AS connected,
              SUM(CASE WHEN ss.status = 'completed' THEN 1 ELSE 0 END) AS completed,
              AVG(ss.progress) AS avg_progress
         FROM exam_sessions s
         LEFT JOIN users u ON u.id = s.teacher_id
         LEFT JOIN student_sessions ss ON ss.exam_session_id = s.id
        WHERE s.academy_id = $1 AND s.status IN ('active', 'paused')
        GROUP BY s.id, s.title, s.status, s.teacher_id, u.display_name, s.launched_at
        ORDER BY s.launched_at DESC`.replace(
        /\$1/g,
        this.ds.options.type === 'postgres' ? '$1' : '?',
      ),
      [academyId],
    )) as SessionRow[];
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      status: row.status,
      teacher: { id: row.teacher_id, displayName: row.teacher_name ?? '' },
      launchedAt: row.launched_at === null ? null : Number(row.launched_at),
      enrolled: Number(row.enrolled),
      connected: Number(row.connected ?? 0),
      completed: Number(row.completed ?? 0),
      averageProgress:
        row.avg_progress === null ? null : Math.round(Number(row.avg_progress) * 10) / 10,
    }));
  }
}
