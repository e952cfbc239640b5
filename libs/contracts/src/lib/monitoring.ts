/** GET /api/v1/monitoring/overview: what the admin monitoring page shows. */
import type { ExamSessionStatus } from './exams';

export interface ConnectionCounts {
  total: number;
  byRole: { admin: number; teacher: number; student: number };
}

export interface MonitoringActiveSession {
  id: string;
  title: string;
  status: ExamSessionStatus;
  teacher: { id: string; displayName: string };
  launchedAt: number | null;
  enrolled: number;
  /** Students with a live connection right now. */
  connected: number;
  completed: number;
  /** Mean of the students' progress in percent (0-100, one decimal), null with nobody enrolled. */
  averageProgress: number | null;
}

/** One point of the chart, sampled every 10 s (server-wide). */
export interface MonitoringSample {
  at: number;
  connections: number;
  messagesInPerSecond: number;
  messagesOutPerSecond: number;
  ackP50Ms: number | null;
  ackP99Ms: number | null;
}

export interface MonitoringOverview {
  serverNow: number;
  /** Connections of the caller's academy. */
  connections: ConnectionCounts;
  /** Live (active or paused) sessions of the caller's academy. */
  activeSessions: MonitoringActiveSession[];
  /** Server-wide figures over the last minute. */
  lastMinute: {
    messagesInPerSecond: number;
    messagesOutPerSecond: number;
    ackP50Ms: number | null;
    ackP99Ms: number | null;
    acks: number;
  };
  server: {
    connections: number;
    uptimeSeconds: number;
    memory: { rss: number; heapUsed: number };
    eventLoopLagP99Ms: number;
  };
  /** The last ~15 minutes, oldest first, one sample per 10 s. */
  history: MonitoringSample[];
  sampleIntervalMs: number;
}
