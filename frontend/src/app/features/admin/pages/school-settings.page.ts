/**
 * School settings for its administrators: the school's name, its time zone (every time shown,
 * and the planned start of sessions) and how long finished sessions and the security log are
 * kept. Saving updates the signed-in admin's own view at once (header, times).
 */
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import type { AcademyView } from '@exam/contracts';
import { AcademyApiService } from '../../../core/api/academy-api.service';
import { toApiError } from '../../../core/api/api-error';
import { AuthService } from '../../../core/auth/auth.service';
import {
  academySettingsGroup,
  academySettingsMessages,
  academySettingsOf,
} from '../../../shared/academy/academy-form';
import { AcademySettingsFieldsComponent } from '../../../shared/academy/academy-settings-fields.component';
import { FIX_FIELDS, FormFeedback } from '../../../shared/forms/form-feedback';

@Component({
  selector: 'exam-school-settings-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, AcademySettingsFieldsComponent],
  template: `
    <h1>School settings</h1>
    <p class="lead">
      Your school's name and time zone, and how long its data is kept. They apply to everyone in
      your school.
    </p>
    @if (loadError(); as message) {
      <p class="alert" role="alert">{{ message }}</p>
    } @else if (academy(); as a) {
      <section class="card settings" aria-labelledby="school-settings-heading">
        <h2 id="school-settings-heading" class="visually-hidden">Settings</h2>
        <form [formGroup]="form" (ngSubmit)="save()" novalidate>
          <exam-academy-settings-fields
            [group]="form"
            [feedback]="feedback"
            idPrefix="school"
            nameLabel="Name of the school"
            [defaults]="a.defaults"
          />
          <div aria-live="polite" aria-atomic="true">
            @if (error(); as message) {
              <p class="alert" data-testid="settings-error">{{ message }}</p>
            }
            @if (saved()) {
              <p class="alert alert-success" data-testid="settings-saved">
                Saved. Times are now shown in {{ a.timeZone }}.
              </p>
            }
          </div>
          <button type="submit" class="btn btn-primary" [disabled]="saving()">
            {{ saving() ? 'Saving…' : 'Save settings' }}
          </button>
        </form>
      </section>
    } @else {
      <p class="muted" role="status">Loading the settings…</p>
    }
  `,
  styles: `
    .settings {
      max-inline-size: 40rem;
    }
  `,
})
export class SchoolSettingsPage {
  private readonly api = inject(AcademyApiService);
  private readonly auth = inject(AuthService);

  protected readonly form = academySettingsGroup(inject(NonNullableFormBuilder));
  protected readonly feedback = new FormFeedback(this.form, academySettingsMessages());
  protected readonly academy = signal<AcademyView | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly saved = signal(false);

  constructor() {
    this.api.get().subscribe({
      next: (a) => this.show(a),
      error: (err: unknown) => this.loadError.set(toApiError(err).message),
    });
  }

  protected save(): void {
    if (this.saving()) return;
    this.error.set(null);
    this.saved.set(false);
    if (!this.feedback.begin()) {
      this.error.set(FIX_FIELDS);
      return;
    }
    this.saving.set(true);
    this.api.update(academySettingsOf(this.form)).subscribe({
      next: (a) => {
        this.saving.set(false);
        this.feedback.reset();
        this.show(a);
        this.saved.set(true);
        this.auth.updateUser({ academyName: a.name, academyTimeZone: a.timeZone });
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.error.set(this.feedback.serverError(toApiError(err)));
      },
    });
  }

  private show(a: AcademyView): void {
    this.academy.set(a);
    this.form.reset({
      name: a.name,
      timeZone: a.timeZone,
      archiveAfterDays: a.archiveAfterDays,
      securityLogDays: a.securityLogDays,
    });
  }
}
