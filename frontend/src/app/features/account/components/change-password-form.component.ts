/**
 * Changes the signed-in user's own password: current, new, new again. Says beforehand what
 * happens (every device is signed out, this one signs in again by itself) and afterwards what
 * to do on the others. A wrong current password (401 INVALID_CREDENTIALS) shows under that
 * field; the first field with a problem gets the focus.
 */
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { toApiError } from '../../../core/api/api-error';
import { AuthService } from '../../../core/auth/auth.service';
import { FIX_FIELDS, FormFeedback } from '../../../shared/forms/form-feedback';
import { FORM_FIELD } from '../../../shared/forms/form-field.component';
import { PASSWORD_MESSAGES, notCurrentPassword, sameAsNewPassword } from './password-rules';

@Component({
  selector: 'exam-change-password-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, FORM_FIELD],
  templateUrl: './change-password-form.component.html',
  styleUrl: './change-password-form.component.css',
})
export class ChangePasswordFormComponent {
  private readonly auth = inject(AuthService);
  private readonly host: HTMLElement = inject(ElementRef).nativeElement as HTMLElement;
  private readonly injector = inject(Injector);

  protected readonly form = inject(NonNullableFormBuilder).group({
    currentPassword: ['', [Validators.required]],
    newPassword: [
      '',
      [Validators.required, Validators.minLength(8), Validators.maxLength(200), notCurrentPassword],
    ],
    newPasswordAgain: ['', [Validators.required, sameAsNewPassword]],
  });
  protected readonly feedback = new FormFeedback(this.form, PASSWORD_MESSAGES);
  protected readonly show = signal(false);
  protected readonly saving = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly done = signal(false);

  constructor() {
    // Each check reads a sibling: check again when that sibling changes.
    const c = this.form.controls;
    c.newPassword.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => c.newPasswordAgain.updateValueAndValidity({ emitEvent: false }));
    c.currentPassword.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => c.newPassword.updateValueAndValidity({ emitEvent: false }));
  }

  protected toggleShow(event: Event): void {
    this.show.set((event.target as HTMLInputElement).checked);
  }

  protected submit(): void {
    if (this.saving()) return;
    this.formError.set(null);
    this.done.set(false);
    if (!this.feedback.begin()) {
      this.formError.set(FIX_FIELDS);
      return;
    }
    const { currentPassword, newPassword } = this.form.getRawValue();
    this.saving.set(true);
    this.auth.changePassword(currentPassword, newPassword).subscribe({
      next: (outcome) => {
        this.saving.set(false);
        // 'signed-out': AuthService has sent the user to sign in with the new password.
        if (outcome !== 'signed-in') return;
        this.feedback.reset();
        this.form.reset();
        this.done.set(true);
        afterNextRender(
          () => this.host.querySelector<HTMLElement>('[data-testid=password-changed]')?.focus(),
          { injector: this.injector },
        );
      },
      error: (err: unknown) => {
        this.saving.set(false);
        const e = toApiError(err);
        if (e.code === 'INVALID_CREDENTIALS') {
          this.form.controls.currentPassword.reset();
          this.feedback.serverError(e, { currentPassword: [this.wrongCurrent(e.message)] });
          this.formError.set(FIX_FIELDS);
          return;
        }
        this.formError.set(this.feedback.serverError(e));
      },
    });
  }

  /** The server's sentence, with what to do when the user does not remember it. */
  private wrongCurrent(message: string): string {
    const role = this.auth.role();
    const who =
      role === 'admin' || role === 'operator'
        ? 'the platform operator'
        : "your school's administrator";
    return `${message} Type the password you sign in with now; if you forgot it, ask ${who} to set a new one.`;
  }
}
