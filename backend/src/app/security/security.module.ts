/**
 * Security (issue 6): the security log (app log + security_events + admin API), the REST
 * rate limits (@nestjs/throttler: per IP as a global guard registered before the JWT guard,
 * per user as an interceptor after it).
 * REQUIRE_HTTPS is applied in bootstrap.ts (before any route) and in the WebSocket handshake.
 */
import { Global, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
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
      inject: [AppConfigService],
      useFactory: (cfg: AppConfigService) => ({
        throttlers: [{ name: 'default', ttl: 60_000, limit: cfg.get('REST_RATE_LIMIT') }],
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
