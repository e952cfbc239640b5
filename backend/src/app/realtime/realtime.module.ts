/** Realtime: the socket adapter's hooks, the connection registry, the fan-out bus and session rooms. */
import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ConnectionRegistry } from './connection-registry.service';
import { REALTIME_HOOKS } from './realtime-hooks';
import { InProcessBus, REALTIME_BUS } from './realtime-bus';
import { SessionRooms } from './session-rooms.service';

@Global()
@Module({
  imports: [AuthModule],
  providers: [
    ConnectionRegistry,
    { provide: REALTIME_HOOKS, useExisting: ConnectionRegistry },
    // One instance today; a Redis-backed bus replaces this provider for several instances.
    { provide: REALTIME_BUS, useClass: InProcessBus },
    SessionRooms,
  ],
  exports: [ConnectionRegistry, REALTIME_HOOKS, REALTIME_BUS, SessionRooms],
})
export class RealtimeModule {}
