/** Realtime: the socket adapter's hooks, the connection registry and session rooms (the bus: ClusterModule). */
import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AuthEventsRelay } from '../cluster/auth-events-relay';
import { ConnectionRegistry } from './connection-registry.service';
import { REALTIME_HOOKS } from './realtime-hooks';
import { SessionRooms } from './session-rooms.service';

@Global()
@Module({
  imports: [AuthModule],
  providers: [
    ConnectionRegistry,
    { provide: REALTIME_HOOKS, useExisting: ConnectionRegistry },
    SessionRooms,
    AuthEventsRelay,
  ],
  exports: [ConnectionRegistry, REALTIME_HOOKS, SessionRooms],
})
export class RealtimeModule {}
