/**
 * One instance or several: which fan-out bus and which owner of session clocks this process
 * uses. Without REDIS_URL (SQLite, the default) everything stays in the process; with it
 * (PostgreSQL required, see env.schema.ts) Redis numbers and fans out session events and
 * lease rows in the database give each live session's clock to exactly one instance.
 */
import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfigService } from '../config/app-config';
import { InProcessBus, REALTIME_BUS, type RealtimeBus } from '../realtime/realtime-bus';
import { INSTANCE_ID, newInstanceId } from './instance-id';
import { LeaseKeeper } from './lease-keeper';
import { RedisBus } from './redis-bus';
import { redisConnection } from './redis-clients';
import { SESSION_OWNERSHIP, SingleProcessOwnership } from './session-ownership';

export const REDIS_COMMANDS = Symbol('REDIS_COMMANDS');

@Global()
@Module({
  providers: [
    {
      provide: INSTANCE_ID,
      inject: [AppConfigService],
      useFactory: (cfg: AppConfigService) => newInstanceId(cfg.get('INSTANCE_NAME')),
    },
    {
      provide: REDIS_COMMANDS,
      inject: [AppConfigService, INSTANCE_ID],
      useFactory: (cfg: AppConfigService, id: string) => {
        const url = cfg.get('REDIS_URL');
        return url ? redisConnection(url, `exam-cmd-${id}`) : null;
      },
    },
    {
      provide: REALTIME_BUS,
      inject: [AppConfigService, INSTANCE_ID, REDIS_COMMANDS],
      useFactory: (
        cfg: AppConfigService,
        id: string,
        cmd: ReturnType<typeof redisConnection> | null,
      ): RealtimeBus => {
        const url = cfg.get('REDIS_URL');
        if (!url || !cmd) return new InProcessBus();
        return new RedisBus(
          cmd,
          redisConnection(url, `exam-sub-${id}`, true),
          id,
          cfg.get('REDIS_PREFIX'),
        );
      },
    },
    {
      provide: SESSION_OWNERSHIP,
      inject: [AppConfigService, DataSource, INSTANCE_ID],
      useFactory: (cfg: AppConfigService, db: DataSource, id: string) =>
        cfg.severalInstances ? new LeaseKeeper(db, id) : new SingleProcessOwnership(),
    },
  ],
  exports: [INSTANCE_ID, REDIS_COMMANDS, REALTIME_BUS, SESSION_OWNERSHIP],
})
export class ClusterModule {}
