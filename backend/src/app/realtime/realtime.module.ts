/** Realtime: the socket adapter's hooks, the connection registry, and (later) the fan-out bus. */
import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ConnectionRegistry } from './connection-registry.service';
import { REALTIME_HOOKS } from './realtime-hooks';

@Global()
@Module({
  imports: [AuthModule],
  providers: [ConnectionRegistry, { provide: REALTIME_HOOKS, useExisting: ConnectionRegistry }],
  exports: [ConnectionRegistry, REALTIME_HOOKS],
})
export class RealtimeModule {}
