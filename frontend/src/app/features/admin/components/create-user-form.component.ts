/**
 * Creates a teacher or student account. Checks what it can before sending; every problem the
 * server reports (VALIDATION_FAILED details, EMAIL_TAKEN) is shown next to its field.
 */
import { ChangeDetectionStrategy, Component, inject, output, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import type { CreateUserRequest, UserView } from '@exam/contracts';
import { toApiError } from '../../../core/api/api-error';
import { UsersApiService } from '../../../core/api/users-api.service';
import { FORM_FIELD } from '../../../shared/forms/form-field.component';

type Field = 'email' | 'displayName' | 'password' | 'role' | 'extraTimePercent';
const FIELDS: readonly Field[] = ['email', 'displayName', 'password', 'role', 'extraTimePercent'];

const CLIENT_MESSAGES: Record<Field, Record<string, string>> = {
  email: {
    required: 'Enter an email address.',
    email: 'Enter an email address like name@school.org.',
  },
  displayName: { required: 'Enter the name people will see.' },
  password: { required: 'Enter a first password.', minlength: 'Use at least 8 characters.' },
  role: { required: 'Choose a role.' },
  extraTimePercent: { min: 'Use 0 or more.', max: 'Use at most 300.' },
};

@Component({
  selector: 'exam-create-user-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, FORM_FIELD],
  templateUrl: './create-user-form.component.html',
})
export class CreateUserFormComponent {
  private readonly api = inject(UsersApiService);

  readonly created = output<UserView>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    displayName: ['', [Validators.required]],
    password: ['', [Validators.required, Validators.minLength(8)]],
    role: ['student' as CreateUserRequest['role'], [Validators.required]],
    extraTimePercent: [0 as number | null, [Validators.min(0), Validators.max(300)]],
  });

  protected readonly submitting = signal(false);
  protected readonly submitted = signal(false);
  protected readonly serverErrors = signal<Partial<Record<Field, readonly string[]>>>({});
  protected readonly formError = signal<string | null>(null);
  protected readonly success = signal<string | null>(null);

  /** The values the server judged; a server complaint goes away once its field is edited. */
  private sentValue: Record<string, unknown> = {};

  constructor() {
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      const current = this.form.getRawValue();
      const errors = this.serverErrors();
      const stillValid = FIELDS.filter((f) => errors[f] && current[f] === this.sentValue[f]);
      if (stillValid.length !== Object.keys(errors).length) {
        this.serverErrors.set(Object.fromEntries(stillValid.map((f) => [f, errors[f]])));
      }
    });
  }

  protected errorsFor(field: Field): readonly string[] {
    const control = this.form.controls[field];
    if (this.submitted() && control.errors) {
      return Object.keys(control.errors).map(
        (k) => CLIENT_MESSAGES[field][k] ?? 'Check this field.',
      );
    }
    return this.serverErrors()[field] ?? [];
  }

  protected submit(): void {
    if (this.submitting()) return;
    this.submitted.set(true);
    this.success.set(null);
    this.formError.set(null);
    if (this.form.invalid) {
      this.formError.set('Some fields need attention. Fix them and try again.');
      return;
    }
    const v = this.form.getRawValue();
    this.sentValue = { ...v };
    const body: CreateUserRequest = {
      email: v.email.trim(),
      displayName: v.displayName.trim(),
      password: v.password,
      role: v.role,
      ...(v.extraTimePercent !== null ? { extraTimePercent: v.extraTimePercent } : {}),
    };
    this.submitting.set(true);
    this.api.create(body).subscribe({
      next: (user) => {
        this.submitting.set(false);
        this.submitted.set(false);
        this.serverErrors.set({});
        this.form.reset();
        this.success.set(
          `Created ${user.displayName} (${user.role}). They can sign in with ${user.email}.`,
        );
        this.created.emit(user);
      },
      error: (err: unknown) => {
        this.submitting.set(false);
        this.submitted.set(false);
        const e = toApiError(err);
        const byField: Partial<Record<Field, readonly string[]>> = {};
        const other: string[] = [];
        for (const [field, problems] of Object.entries(e.fieldErrors)) {
          if ((FIELDS as readonly string[]).includes(field)) byField[field as Field] = problems;
          else other.push(...problems);
        }
        if (e.code === 'EMAIL_TAKEN' && !byField.email) byField.email = [e.message];
        this.serverErrors.set(byField);
        this.formError.set(other.length ? other.join(' ') : e.message);
      },
    });
  }
}
