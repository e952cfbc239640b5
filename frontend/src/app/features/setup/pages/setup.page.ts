/**
 * First run of a new server: with the one-time setup token from the server's log, create the
 * school (name, time zone) and its first admin. Open only while the server has no account;
 * afterwards it says so and points to sign-in.
 */
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
  type AbstractControl,
  type ValidationErrors,
} from '@angular/forms';
import { RouterLink } from '@angular/router';
import type { SetupRequest } from '@exam/contracts';
import { toApiError } from '../../../core/api/api-error';
import { SetupApiService } from '../../../core/api/setup-api.service';
import {
  academySettingsGroup,
  academySettingsMessages,
  newAdminGroup,
  newAdminMessages,
  newAdminOf,
  requiredText,
} from '../../../shared/academy/academy-form';
import { AcademySettingsFieldsComponent } from '../../../shared/academy/academy-settings-fields.component';
import { NewAdminFieldsComponent } from '../../../shared/academy/new-admin-fields.component';
import { FIX_FIELDS, FormFeedback } from '../../../shared/forms/form-feedback';
import { FORM_FIELD } from '../../../shared/forms/form-field.component';

/** Checks made past the request's shape name the field alone ("timeZone", "email"). */
const SETUP_ALIASES: Record<string, string> = {
  name: 'academy.name',
  timeZone: 'academy.timeZone',
  email: 'admin.email',
  displayName: 'admin.displayName',
  password: 'admin.password',
};

type State = 'loading' | 'open' | 'closed' | 'unreachable' | 'done';

@Component({
  selector: 'exam-setup-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    AcademySettingsFieldsComponent,
    NewAdminFieldsComponent,
    FORM_FIELD,
  ],
  templateUrl: './setup.page.html',
  styleUrl: './setup.page.css',
})
export class SetupPage {
  private readonly api = inject(SetupApiService);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly state = signal<State>('loading');
  protected readonly loadError = signal<string | null>(null);
  protected readonly submitting = signal(false);
  protected readonly error = signal<string | null>(null);
  /** Who was created, for the "done" message. */
  protected readonly created = signal<{ email: string; school: string } | null>(null);

  protected readonly academy = academySettingsGroup(this.fb);
  protected readonly admin = newAdminGroup(this.fb);
  protected readonly passwordAgain = this.fb.control('', [
    Validators.required,
    (c: AbstractControl<string>): ValidationErrors | null =>
      c.value && c.value !== this.admin.controls.password.value ? { mismatch: true } : null,
  ]);
  protected readonly form = this.fb.group({
    token: ['', [requiredText]],
    academy: this.academy,
    admin: this.admin,
    passwordAgain: this.passwordAgain,
  });
  protected readonly feedback = new FormFeedback(this.form, {
    token: { required: 'Paste the setup token from the server log.' },
    ...academySettingsMessages('academy.'),
    ...newAdminMessages('admin.'),
    passwordAgain: {
      required: 'Type the password again.',
      mismatch: 'The two passwords differ. Type the same password twice.',
    },
  });

  constructor() {
    this.check();
  }

  protected check(): void {
    this.state.set('loading');
    this.api.status().subscribe({
      next: (s) => this.state.set(s.needed ? 'open' : 'closed'),
      error: (err: unknown) => {
        this.loadError.set(toApiError(err).message);
        this.state.set('unreachable');
      },
    });
  }

  protected submit(): void {
    if (this.submitting()) return;
    this.error.set(null);
    this.passwordAgain.updateValueAndValidity({ emitEvent: false });
    if (!this.feedback.begin()) {
      this.error.set(FIX_FIELDS);
      return;
    }
    const v = this.form.getRawValue();
    const body: SetupRequest = {
      token: v.token.trim(),
      academy: { name: v.academy.name.trim(), timeZone: v.academy.timeZone },
      admin: newAdminOf(this.admin),
    };
    this.submitting.set(true);
    this.api.setup(body).subscribe({
      next: (res) => {
        this.submitting.set(false);
        this.feedback.reset();
        this.created.set({ email: res.admin.email, school: res.academy.name });
        this.state.set('done');
      },
      error: (err: unknown) => {
        this.submitting.set(false);
        const e = toApiError(err);
        if (e.code === 'SETUP_NOT_AVAILABLE') {
          this.feedback.reset();
          this.state.set('closed');
          return;
        }
        if (e.code === 'SETUP_TOKEN_INVALID') {
          this.feedback.serverError(e, { token: [e.message] });
          this.error.set('The setup token was not accepted. See the note under it.');
          return;
        }
        const extra: Record<string, readonly string[]> = {};
        if (e.code === 'EMAIL_TAKEN') extra['admin.email'] = [e.message];
        const message = this.feedback.serverError(e, extra, SETUP_ALIASES);
        this.error.set(e.code === 'EMAIL_TAKEN' ? FIX_FIELDS : message);
      },
    });
  }
}
