/**
 * The seed's health log: every HEALTH_LOG_INTERVAL_MS (5 minutes by default) one JSON line
 * {timestamp, uptime, memory {rss, heapUsed}, activeConnections} at info level, e.g.
 * {"level":"info","time":"…","msg":"health","timestamp":"2024-11-28T10:30:00.000Z",
 *  "uptime":3600,"memory":{"rss":45000000,"heapUsed":25000000},"activeConnections":15}
 */
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Logger as PinoRoot } from 'pino';
import { AppConfigService } from '../config/app-config';
import { ConnectionRegistry } from '../realtime/connection-registry.service';
import { Clock } from './clock';
import { ROOT_LOGGER } from './logging.module';

export interface HealthLine {
  timestamp: string;
  /** Seconds since the process started. */
  uptime: number;
  memory: { rss: number; heapUsed: number };
  activeConnections: number;
}

@Injectable()
export class HealthLogService implements OnModuleInit, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private readonly log: PinoRoot;

  constructor(
    private readonly cfg: AppConfigService,
    private readonly connections: ConnectionRegistry,
    private readonly clock: Clock,
    @Inject(ROOT_LOGGER) root: PinoRoot,
  ) {
    this.log = root.child({ context: 'HealthLog' });
  }

  onModuleInit(): void {
    this.timer = setInterval(() => this.logNow(), this.cfg.get('HEALTH_LOG_INTERVAL_MS'));
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  snapshot(): HealthLine {
    const mem = process.memoryUsage();
    return {
      timestamp: new Date(this.clock.now()).toISOString(),
      uptime: Math.round(process.uptime()),
      memory: { rss: mem.rss, heapUsed: mem.heapUsed },
      activeConnections: this.connections.count,
    };
  }

  logNow(): HealthLine {
    const line = this.snapshot();
    this.log.info(line, 'health');
    return line;
  }
}
