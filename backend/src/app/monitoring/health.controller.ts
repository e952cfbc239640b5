import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  MemoryHealthIndicator,
  TypeOrmHealthIndicator,
  type HealthCheckResult,
  type HealthIndicatorFunction,
} from '@nestjs/terminus';
import { Public } from '../auth/decorators';
import { AppConfigService } from '../config/app-config';
import { EventLoopMonitor } from './event-loop-monitor';
import { RedisHealth } from './redis-health';
import { ShutdownService } from './shutdown.service';

/**
 * Health for load balancers and operators: liveness (process up), readiness (database
 * reachable, not shutting down) and the full check (database, event-loop lag, heap, and
 * Redis when REDIS_URL is set). A failing check answers 503 with the failing part named.
 */
@ApiTags('monitoring')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly memory: MemoryHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly loop: EventLoopMonitor,
    private readonly redis: RedisHealth,
    private readonly cfg: AppConfigService,
    private readonly shutdown: ShutdownService,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({
    summary:
      'Overall health: database reachable, event-loop lag and heap within bounds, Redis answering (when configured)',
  })
  check(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    const checks: HealthIndicatorFunction[] = [
      () => this.db.pingCheck('database', { timeout: 2000 }),
      () => this.eventLoop(),
      () => this.memory.checkHeap('memory_heap', 1024 * 1024 * 1024),
    ];
    if (this.redis.configured) checks.push(() => this.redisCheck());
    return this.run(res, checks);
  }

  @Get('live')
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness: the process answers' })
  live(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    return this.run(res, []);
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary: 'Readiness: the database answers and the server is not shutting down',
  })
  ready(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    return this.run(res, [
      () => this.db.pingCheck('database', { timeout: 2000 }),
      () => {
        const s = this.indicators.check('accepting');
        return this.shutdown.accepting ? s.up() : s.down({ message: 'shutting down' });
      },
    ]);
  }

  /**
   * A failing check answers 503 with terminus' own body ({status, info, error, details}),
   * which names the failing part; the global error filter would reduce it to a code.
   */
  private async run(res: Response, checks: HealthIndicatorFunction[]): Promise<HealthCheckResult> {
    try {
      return await this.health.check(checks);
    } catch (e) {
      if (!(e instanceof ServiceUnavailableException)) throw e;
      res.status(503);
      res.setHeader('Cache-Control', 'no-store');
      return e.getResponse() as HealthCheckResult;
    }
  }

  private eventLoop() {
    const s = this.indicators.check('event_loop');
    const { p99Ms, maxMs } = this.loop.lag();
    const limit = this.cfg.get('HEALTH_MAX_EVENT_LOOP_LAG_MS');
    return p99Ms <= limit
      ? s.up({ lagP99Ms: p99Ms, lagMaxMs: maxMs, limitMs: limit })
      : s.down({ lagP99Ms: p99Ms, lagMaxMs: maxMs, limitMs: limit });
  }

  private async redisCheck() {
    const s = this.indicators.check('redis');
    try {
      return s.up({ pingMs: await this.redis.ping() });
    } catch (e) {
      return s.down({ message: e instanceof Error ? e.message : String(e) });
    }
  }
}
