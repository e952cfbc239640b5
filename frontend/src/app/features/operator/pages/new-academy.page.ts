/**
 * A new academy: name, time zone, retention (empty = the server default) and, optionally, its
 * first admin. On success the academy's page opens with a note of what was created.
 */
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import type { CreateAcademyRequest } from '@exam/contracts';
import { toApiError } from '../../../core/api/api-error';
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
import { PlatformApiService } from '../data-access/platform-api.service';

/** The request's field names (flat settings, "admin.email") -> this form's paths. */
const NEW_ACADEMY_ALIASES: Record<string, string> = {
  name: 'settings.name',
  timeZone: 'settings.timeZone',
  archiveAfterDays: 'settings.archiveAfterDays',
  securityLogDays: 'settings.securityLogDays',
  email: 'admin.email',
  displayName: 'admin.displayName',
  password: 'admin.password',
};

/** What the academy page says after it was created here (router state). */
export interface AcademyCreatedState {
  created: string;
  adminEmail?: string;
}

@Component({
  selector: 'exam-new-academy-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    AcademySettingsFieldsComponent,
    NewAdminFieldsComponent,
  ],
  templateUrl: './new-academy.page.html',
  styleUrl: './operator-pages.css',
})
export class NewAcademyPage {
  private readonly api = inject(PlatformApiService);
  private readonly router = inject(Router);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly settings = academySettingsGroup(this.fb);
  protected readonly admin = newAdminGroup(this.fb);
  protected readonly withAdmin = signal(true);
  protected readonly form = this.fb.group({ settings: this.settings, admin: this.admin });
  protected readonly feedback = new FormFeedback(this.form, {
    ...academySettingsMessages('settings.'),
    ...newAdminMessages('admin.'),
  });
  protected readonly submitting = signal(false);
  protected readonly error = signal<string | null>(null);

  protected toggleAdmin(on: boolean): void {
    this.withAdmin.set(on);
    if (on) this.admin.enable();
    else this.admin.disable();
  }

  protected submit(): void {
    if (this.submitting()) return;
    this.error.set(null);
    if (!this.feedback.begin()) {
      this.error.set(FIX_FIELDS);
      return;
    }
    const s = academySettingsOf(this.settings);
    const body: CreateAcademyRequest = {
      name: s.name,
      timeZone: s.timeZone,
      archiveAfterDays: s.archiveAfterDays,
      securityLogDays: s.securityLogDays,
      ...(this.withAdmin() ? { admin: newAdminOf(this.admin) } : {}),
    };
    this.submitting.set(true);
    this.api.create(body).subscribe({
      next: (academy) => {
        this.submitting.set(false);
        this.feedback.reset();
        const state: AcademyCreatedState = {
          created: academy.name,
          ...(body.admin ? { adminEmail: body.admin.email } : {}),
        };
        void this.router.navigate(['/operator/academies', academy.id], { state });
      },
      error: (err: unknown) => {
        this.submitting.set(false);
        const e = toApiError(err);
        const extra: Record<string, readonly string[]> = {};
        if (e.code === 'EMAIL_TAKEN') extra['admin.email'] = [e.message];
        const message = this.feedback.serverError(e, extra, NEW_ACADEMY_ALIASES);
        this.error.set(e.code === 'EMAIL_TAKEN' ? FIX_FIELDS : message);
      },
    });
  }
}
