/**
 * One academy, for the platform operator: its facts (status, users, created), its settings
 * (name, time zone, retention), adding an administrator, and suspending or reactivating it.
 */
import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  signal,
  type OnInit,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import type { AcademyView, UserView } from '@exam/contracts';
import { toApiError } from '../../../core/api/api-error';
import { ZonedDatePipe } from '../../../core/time/zoned-date.pipe';
import { timeZoneLabel } from '../../../core/time/zoned-time';
import {
  academySettingsGroup,
  academySettingsMessages,
  academySettingsOf,
  newAdminGroup,
  newAdminMessages,
  newAdminOf,
} from '../../../shared/academy/academy-form';
import { AcademySettingsFieldsComponent } from '../../../shared/academy/academy-settings-fields.component';
import { NewAdminFieldsComponent } from '../../../shared/academy/new-admin-fields.component';
import { FIX_FIELDS, FormFeedback } from '../../../shared/forms/form-feedback';
import { ACADEMY_STATUS_LABELS, daysText, userCountsText } from '../data-access/academy-words';
import { PlatformApiService } from '../data-access/platform-api.service';
import type { AcademyCreatedState } from './new-academy.page';

const REASON_MAX = 500;

@Component({
  selector: 'exam-academy-detail-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    ZonedDatePipe,
    AcademySettingsFieldsComponent,
    NewAdminFieldsComponent,
  ],
  templateUrl: './academy-detail.page.html',
  styleUrl: './operator-pages.css',
})
export class AcademyDetailPage implements OnInit {
  private readonly api = inject(PlatformApiService);
  private readonly fb = inject(NonNullableFormBuilder);

  /** Route parameter. */
  readonly id = input.required<string>();

  protected readonly labels = ACADEMY_STATUS_LABELS;
  protected readonly counts = userCountsText;
  protected readonly days = daysText;
  protected readonly zoneLabel = timeZoneLabel;
  protected readonly reasonMax = REASON_MAX;

  protected readonly academy = signal<AcademyView | null>(null);
  /** Its administrators (null while loading or when the list could not be read). */
  protected readonly admins = signal<UserView[] | null>(null);
  protected readonly loadError = signal<string | null>(null);
  /** Set by the new-academy page (router state). */
  protected readonly created = signal<AcademyCreatedState | null>(createdState());

  protected readonly settings = academySettingsGroup(this.fb);
  protected readonly settingsFeedback = new FormFeedback(this.settings, academySettingsMessages());
  protected readonly savingSettings = signal(false);
  protected readonly settingsError = signal<string | null>(null);
  protected readonly settingsSaved = signal<string | null>(null);

  protected readonly admin = newAdminGroup(this.fb);
  protected readonly adminFeedback = new FormFeedback(this.admin, newAdminMessages());
  protected readonly addingAdmin = signal(false);
  protected readonly adminError = signal<string | null>(null);
  protected readonly adminAdded = signal<string | null>(null);

  protected readonly confirming = signal(false);
  protected readonly reason = this.fb.control('', [Validators.maxLength(REASON_MAX)]);
  protected readonly changingStatus = signal(false);
  protected readonly statusError = signal<string | null>(null);
  protected readonly statusChanged = signal<string | null>(null);

  ngOnInit(): void {
    this.api.get(this.id()).subscribe({
      next: (a) => this.show(a),
      error: (err: unknown) => this.loadError.set(toApiError(err).message),
    });
    // The list is a convenience: the page works without it (counts stay in the facts line).
    this.api.admins(this.id()).subscribe({
      next: (list) => this.admins.set(list),
      error: () => this.admins.set(null),
    });
  }

  protected saveSettings(): void {
    const a = this.academy();
    if (!a || this.savingSettings()) return;
    this.settingsError.set(null);
    this.settingsSaved.set(null);
    if (!this.settingsFeedback.begin()) {
      this.settingsError.set(FIX_FIELDS);
      return;
    }
    this.savingSettings.set(true);
    this.api.update(a.id, academySettingsOf(this.settings)).subscribe({
      next: (updated) => {
        this.savingSettings.set(false);
        this.settingsFeedback.reset();
        this.show(updated);
        this.settingsSaved.set('Settings saved.');
      },
      error: (err: unknown) => {
        this.savingSettings.set(false);
        this.settingsError.set(this.settingsFeedback.serverError(toApiError(err)));
      },
    });
  }

  protected addAdmin(): void {
    const a = this.academy();
    if (!a || this.addingAdmin()) return;
    this.adminError.set(null);
    this.adminAdded.set(null);
    if (!this.adminFeedback.begin()) {
      this.adminError.set(FIX_FIELDS);
      return;
    }
    this.addingAdmin.set(true);
    this.api.addAdmin(a.id, newAdminOf(this.admin)).subscribe({
      next: (user) => {
        this.addingAdmin.set(false);
        this.adminFeedback.reset();
        this.admin.reset();
        this.adminAdded.set(
          `Created ${user.displayName}, administrator of ${a.name}. They sign in as ${user.email}.`,
        );
        this.academy.set({ ...a, users: { ...a.users, admins: a.users.admins + 1 } });
        const list = this.admins();
        if (list) {
          this.admins.set(
            [...list, user].sort((x, y) => x.displayName.localeCompare(y.displayName)),
          );
        }
      },
      error: (err: unknown) => {
        this.addingAdmin.set(false);
        const e = toApiError(err);
        const extra: Record<string, readonly string[]> =
          e.code === 'EMAIL_TAKEN' ? { email: [e.message] } : {};
        const message = this.adminFeedback.serverError(e, extra);
        this.adminError.set(e.code === 'EMAIL_TAKEN' ? FIX_FIELDS : message);
      },
    });
  }

  protected askSuspend(): void {
    this.statusError.set(null);
    this.statusChanged.set(null);
    this.reason.reset();
    this.confirming.set(true);
  }

  protected cancelSuspend(): void {
    this.confirming.set(false);
  }

  protected suspend(): void {
    const a = this.academy();
    if (!a || this.changingStatus() || this.reason.invalid) return;
    this.changingStatus.set(true);
    this.statusError.set(null);
    this.api.suspend(a.id, this.reason.value).subscribe({
      next: (updated) => {
        this.changingStatus.set(false);
        this.confirming.set(false);
        this.show(updated);
        this.statusChanged.set(
          `${updated.name} is suspended. Its users were signed out and cannot sign in.`,
        );
      },
      error: (err: unknown) => {
        this.changingStatus.set(false);
        this.statusError.set(toApiError(err).message);
      },
    });
  }

  protected reactivate(): void {
    const a = this.academy();
    if (!a || this.changingStatus()) return;
    this.changingStatus.set(true);
    this.statusError.set(null);
    this.statusChanged.set(null);
    this.api.reactivate(a.id).subscribe({
      next: (updated) => {
        this.changingStatus.set(false);
        this.show(updated);
        this.statusChanged.set(`${updated.name} is active again. Its users can sign in.`);
      },
      error: (err: unknown) => {
        this.changingStatus.set(false);
        this.statusError.set(toApiError(err).message);
      },
    });
  }

  private show(a: AcademyView): void {
    this.academy.set(a);
    this.settings.reset({
      name: a.name,
      timeZone: a.timeZone,
      archiveAfterDays: a.archiveAfterDays,
      securityLogDays: a.securityLogDays,
    });
  }
}

function createdState(): AcademyCreatedState | null {
  const state = history.state as Partial<AcademyCreatedState> | null;
  return state && typeof state.created === 'string'
    ? {
        created: state.created,
        ...(typeof state.adminEmail === 'string' ? { adminEmail: state.adminEmail } : {}),
      }
    : null;
}
