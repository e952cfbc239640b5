/**
 * Sets a new password for a teacher or student who forgot theirs, in a modal dialog. The admin
 * types one or has a readable one generated; the dialog says first that the person is signed
 * out everywhere, and afterwards shows the password once, with a copy button, to hand over.
 */
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import type { UserView } from '@exam/contracts';
import { toApiError } from '../../../core/api/api-error';
import { UsersApiService } from '../../../core/api/users-api.service';
import { FIX_FIELDS, FormFeedback } from '../../../shared/forms/form-feedback';
import { FORM_FIELD } from '../../../shared/forms/form-field.component';
import { readablePassword } from '../data-access/readable-password';
import { CopyButtonComponent } from './copy-button.component';

const MESSAGES = {
  password: {
    required: 'Type a new password or choose Generate.',
    minlength: 'Use at least 8 characters.',
    maxlength: 'Use at most 200 characters.',
  },
};

@Component({
  selector: 'exam-password-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, CopyButtonComponent, FORM_FIELD],
  templateUrl: './password-dialog.component.html',
  styleUrls: ['../../../shared/forms/modal-dialog.css', './password-dialog.component.css'],
})
export class PasswordDialogComponent {
  private readonly api = inject(UsersApiService);
  private readonly injector = inject(Injector);

  readonly user = input.required<UserView>();
  /** The dialog was closed (Cancel, Close, Escape); `done` says whether the password changed. */
  readonly closed = output<{ done: boolean }>();

  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');

  protected readonly form = inject(NonNullableFormBuilder).group({
    password: ['', [Validators.required, Validators.minLength(8), Validators.maxLength(200)]],
  });
  protected readonly feedback = new FormFeedback(this.form, MESSAGES);
  protected readonly saving = signal(false);
  protected readonly formError = signal<string | null>(null);
  /** Set once the server took it: the password to hand over, shown only in this dialog. */
  protected readonly newPassword = signal<string | null>(null);

  constructor() {
    afterNextRender(() => {
      const dialog = this.dialog().nativeElement;
      if (!dialog.open) dialog.showModal();
      dialog.querySelector<HTMLInputElement>('#pw-new')?.focus();
    });
  }

  protected generate(): void {
    this.form.controls.password.setValue(readablePassword());
    this.dialog().nativeElement.querySelector<HTMLInputElement>('#pw-new')?.select();
  }

  protected close(): void {
    this.dialog().nativeElement.close();
  }

  protected onCancel(event: Event): void {
    if (this.saving()) event.preventDefault();
  }

  protected onClose(): void {
    this.closed.emit({ done: this.newPassword() !== null });
  }

  protected save(): void {
    if (this.saving()) return;
    this.formError.set(null);
    if (!this.feedback.begin()) {
      this.formError.set(FIX_FIELDS);
      return;
    }
    const password = this.form.controls.password.value;
    this.saving.set(true);
    this.api.resetPassword(this.user().id, password).subscribe({
      next: () => {
        this.saving.set(false);
        this.feedback.reset();
        this.newPassword.set(password);
        this.form.reset();
        afterNextRender(
          () => this.dialog().nativeElement.querySelector<HTMLElement>('#pw-title')?.focus(),
          { injector: this.injector },
        );
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.formError.set(this.feedback.serverError(toApiError(err)));
      },
    });
  }
}
