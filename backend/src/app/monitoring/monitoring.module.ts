/**
 * Monitoring and operations: structured logging (nestjs-pino, request ids), health checks,
 * Prometheus metrics, the health log, the admin overview, and graceful shutdown.
 * Global so feature modules can inject MetricsService (e.g. `observeAnswerAck`) and Clock.
 */
import { Global, Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { WIRE_TAP } from '../realtime/wire-tap';
import { Clock } from './clock';
import { EventLoopMonitor } from './event-loop-monitor';
import { HealthController } from './health.controller';
import { HealthLogService } from './health-log.service';
import { LoggingModule } from './logging.module';
import { MetricsController } from './metrics.controller';
import { HttpMetricsMiddleware, MetricsService } from './metrics.service';
import { OverviewController } from './overview.controller';
import { OverviewService } from './overview.service';
import { RedisHealth } from './redis-health';
import { ShutdownService } from './shutdown.service';
import { WireTapService } from './wire-tap.service';

@Global()
@Module({
  imports: [LoggingModule, TerminusModule.forRoot({ logger: false }), DiscoveryModule],
  controllers: [HealthController, MetricsController, OverviewController],
  providers: [
    Clock,
    MetricsService,
    WireTapService,
    { provide: WIRE_TAP, useExisting: WireTapService },
    EventLoopMonitor,
    RedisHealth,
    HealthLogService,
    OverviewService,
    ShutdownService,
  ],
  exports: [Clock, MetricsService, WIRE_TAP, ShutdownService, LoggingModule],
})
export class MonitoringModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('{*path}');
  }
}
