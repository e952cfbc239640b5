/**
 * Sessions that launch by themselves: every few seconds, the preparing sessions whose
 * planned start has come and whose teacher chose "launch by itself" are launched through
 * the same lifecycle as a teacher's launch (LiveSessionService.launchScheduled re-checks
 * under the session's lock, so a teacher's own launch or a change of plan wins).
 */
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { DataSource, LessThanOrEqual } from 'typeorm';
import { ExamSessionEntity } from './entities/exam-session.entity';
import { LiveSessionService } from './live-session.service';

export const SCHEDULE_CHECK_MS = 5_000;

@Injectable()
export class ScheduledLaunches implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('ScheduledLaunches');
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly ds: DataSource,
    private readonly live: LiveSessionService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.check(), SCHEDULE_CHECK_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    this.finalizeForShutdown();
  }

  /** Shutdown: no launch may start while the database closes. */
  finalizeForShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Launches what is due; returns the ids launched. */
  async check(now = Date.now()): Promise<string[]> {
    if (this.running) return [];
    this.running = true;
    const launched: string[] = [];
    try {
      const due = await this.ds.manager.find(ExamSessionEntity, {
        where: { status: 'preparing', scheduledStartAt: LessThanOrEqual(now) },
        select: { id: true, config: true },
      });
      for (const s of due) {
        if (s.config?.autoLaunch !== true) continue;
        try {
          if (await this.live.launchScheduled(s.id, now)) launched.push(s.id);
        } catch (e) {
          this.log.error({ msg: 'scheduled launch failed', sessionId: s.id, err: String(e) });
        }
      }
      if (launched.length) this.log.log({ msg: 'launched at their planned start', launched });
    } finally {
      this.running = false;
    }
    return launched;
  }
}
