/**
 * Sign-outs reach every instance (several instances): a logout, a revoked login, a changed
 * password, a deactivated account or a suspended academy is acted on where it happened
 * (AuthEvents), and relayed here to the other instances, whose ConnectionRegistry closes
 * the sockets they hold exactly as for a local event, and whose short caches of token checks
 * (AccountChecks, AcademyDirectory) drop what changed, so REST refuses the old tokens there
 * at once too.
 */
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { AcademyDirectory } from '../auth/academy-directory.service';
import { AccountChecks } from '../auth/account-checks.service';
import { AuthEvents, type AuthEvent } from '../auth/auth-events';
import { REALTIME_BUS, type RealtimeBus } from '../realtime/realtime-bus';
import { RedisBus } from './redis-bus';

const KIND = 'auth';

@Injectable()
export class AuthEventsRelay implements OnModuleInit, OnModuleDestroy {
  private sub?: Subscription;
  private off?: () => void;
  /** Events that came from another instance: emitted locally, not sent back out. */
  private readonly relayed = new WeakSet<AuthEvent>();

  constructor(
    private readonly events: AuthEvents,
    private readonly checks: AccountChecks,
    private readonly academies: AcademyDirectory,
    @Inject(REALTIME_BUS) private readonly bus: RealtimeBus,
  ) {}

  onModuleInit(): void {
    const bus = this.bus;
    if (!(bus instanceof RedisBus)) return;
    this.sub = this.events.events$.subscribe((e) => {
      if (!this.relayed.has(e)) bus.signal(KIND, e);
    });
    this.off = bus.onSignal((m) => {
      if (m.kind !== KIND) return;
      const e = m.payload as AuthEvent;
      this.forget(e);
      this.relayed.add(e);
      this.events.emit(e);
    });
  }

  /** This instance's short caches of token checks follow the change at once. */
  private forget(e: AuthEvent): void {
    switch (e.type) {
      case 'login_revoked':
      case 'logout':
        this.checks.forgetLogin(e.familyId);
        return;
      case 'password_changed':
        this.checks.forgetUser(e.userId);
        this.checks.forgetLogins();
        return;
      case 'academy_suspended':
        this.academies.invalidate(e.academyId);
        return;
    }
  }

  onModuleDestroy(): void {
    this.sub?.unsubscribe();
    this.off?.();
  }
}
