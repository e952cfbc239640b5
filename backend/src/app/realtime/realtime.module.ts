/** Realtime: the socket adapter's hooks, the connection registry and session rooms (the bus: ClusterModule). */
import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import type Redis from 'ioredis';
import { AuthEventsRelay } from '../cluster/auth-events-relay';
import { REDIS_COMMANDS } from '../cluster/cluster.module';
import { INSTANCE_ID } from '../cluster/instance-id';
import { SharedConnectionCaps } from '../cluster/shared-connection-caps';
import { SHARED_RATE_COUNTS, SharedRateCounts } from '../cluster/shared-rate-counts';
import { AppConfigService } from '../config/app-config';
import { ConnectionRegistry } from './connection-registry.service';
import { REALTIME_HOOKS } from './realtime-hooks';
import { SessionRooms } from './session-rooms.service';

@Global()
@Module({
  imports: [AuthModule],
  providers: [
    {
      // Several instances: per-IP message counts shared through Redis (null: one instance).
      provide: SHARED_RATE_COUNTS,
      inject: [AppConfigService, REDIS_COMMANDS, INSTANCE_ID],
      useFactory: (cfg: AppConfigService, redis: Redis | null, id: string) =>
        redis ? new SharedRateCounts(redis, cfg.get('REDIS_PREFIX'), id) : null,
    },
    ConnectionRegistry,
    { provide: REALTIME_HOOKS, useExisting: ConnectionRegistry },
    SessionRooms,
    AuthEventsRelay,
    {
      // Several instances: the per-user and per-IP socket caps counted over all of them.
      provide: SharedConnectionCaps,
      inject: [AppConfigService, REDIS_COMMANDS, ConnectionRegistry, INSTANCE_ID],
      useFactory: (
        cfg: AppConfigService,
        redis: Redis | null,
        reg: ConnectionRegistry,
        id: string,
      ) =>
        redis
          ? new SharedConnectionCaps(
              redis,
              reg,
              cfg.get('REDIS_PREFIX'),
              id,
              cfg.get('WS_MAX_CONNECTIONS_PER_USER'),
              cfg.get('WS_MAX_CONNECTIONS_PER_IP'),
            )
          : null,
    },
  ],
  exports: [ConnectionRegistry, REALTIME_HOOKS, SessionRooms],
})
export class RealtimeModule {}
