/**
 * Registers the maintenance jobs with @nestjs/schedule at the times from the environment
 * (CLEANUP_CRON daily, ARCHIVE_CRON weekly, BACKUP_CRON off by default; "off" disables one).
 * A job never overlaps itself and a failure is logged, never thrown into the timer.
 */
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import type { Logger as PinoRoot } from 'pino';
import { AppConfigService } from '../config/app-config';
import { ROOT_LOGGER } from '../monitoring/logging.module';
import { MaintenanceService } from './maintenance.service';

@Injectable()
export class MaintenanceScheduler implements OnApplicationBootstrap {
  private readonly log: PinoRoot;
  private readonly running = new Set<string>();

  constructor(
    private readonly jobs: MaintenanceService,
    private readonly cfg: AppConfigService,
    private readonly scheduler: SchedulerRegistry,
    @Inject(ROOT_LOGGER) root: PinoRoot,
  ) {
    this.log = root.child({ context: 'MaintenanceScheduler' });
  }

  onApplicationBootstrap(): void {
    this.add('cleanup', this.cfg.get('CLEANUP_CRON'), async () => {
      await this.jobs.cleanupStaleConnections();
      await this.jobs.cleanupAbandonedSessions();
      await this.jobs.pruneSecurityLog();
    });
    this.add('archive', this.cfg.get('ARCHIVE_CRON'), () => this.jobs.archiveFinishedSessions());
    this.add('backup', this.cfg.get('BACKUP_CRON'), () => this.jobs.backupDatabase());
  }

  /** Names of the registered jobs (off ones are absent). */
  get scheduled(): string[] {
    return [...this.scheduler.getCronJobs().keys()].filter((n) => n.startsWith('maintenance:'));
  }

  private add(name: string, cron: string, run: () => Promise<unknown>): void {
    if (cron === 'off') return;
    const job = CronJob.from({
      cronTime: cron,
      onTick: () => {
        if (this.running.has(name)) return;
        this.running.add(name);
        run()
          .catch((e: unknown) => this.log.error({ err: e, job: name }, 'maintenance job failed'))
          .finally(() => this.running.delete(name));
      },
      start: false,
    });
    this.scheduler.addCronJob(`maintenance:${name}`, job);
    job.start();
    this.log.info({ job: name, cron }, 'maintenance job scheduled');
  }
}
