/**
 * Security (issue 6): the security log (app log + security_events + admin API), the REST
 * rate limits (@nestjs/throttler: per IP as a global guard registered before the JWT guard,
 * per user as an interceptor after it), counted in Redis when several instances share them.
 * REQUIRE_HTTPS is applied in bootstrap.ts (before any route) and in the WebSocket handshake.
 */
import { Global, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import { REDIS_COMMANDS } from '../cluster/cluster.module';
import { SharedThrottlerStorage } from '../cluster/shared-throttler-storage';
import { AppConfigService } from '../config/app-config';
import { RestThrottlerGuard } from './rest-throttler.guard';
import { SecurityEventEntity } from './security-event.entity';
import { SecurityLogService } from './security-log.service';
import { SecurityController } from './security.controller';
import { UserRateLimitInterceptor } from './user-rate-limit.interceptor';

@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([SecurityEventEntity]),
    ThrottlerModule.forRootAsync({
      inject: [AppConfigService, REDIS_COMMANDS],
      useFactory: (cfg: AppConfigService, redis: Redis | null) => ({
        throttlers: [{ name: 'default', ttl: 60_000, limit: cfg.get('REST_RATE_LIMIT') }],
        // Several instances count together in Redis; one process counts in memory.
        ...(redis ? { storage: new SharedThrottlerStorage(redis) } : {}),
      }),
    }),
  ],
  controllers: [SecurityController],
  providers: [
    SecurityLogService,
    { provide: APP_GUARD, useClass: RestThrottlerGuard },
    { provide: APP_INTERCEPTOR, useClass: UserRateLimitInterceptor },
  ],
  exports: [SecurityLogService],
})
export class SecurityModule {}
