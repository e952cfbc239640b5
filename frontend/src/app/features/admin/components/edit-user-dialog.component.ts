/**
 * Edits a teacher's or student's name, email and (students) extra time in a modal dialog.
 * Only changed fields are sent; the server's problems show beside their fields (an email in
 * use, a bad value) and anything else above the buttons. Says what a new extra time does to
 * sessions: those still being planned take it, launched ones keep theirs.
 */
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  type OnInit,
  afterNextRender,
  computed,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import type { UpdateUserRequest, UserView } from '@exam/contracts';
import { toApiError } from '../../../core/api/api-error';
import { UsersApiService } from '../../../core/api/users-api.service';
import { requiredText, trimmedEmail } from '../../../shared/academy/academy-form';
import { FIX_FIELDS, FormFeedback } from '../../../shared/forms/form-feedback';
import { FORM_FIELD } from '../../../shared/forms/form-field.component';

const MESSAGES = {
  displayName: {
    required: 'Enter the name people will see.',
    maxlength: 'Use at most 200 characters.',
  },
  email: {
    required: 'Enter an email address.',
    email: 'Enter an email address like name@school.org.',
  },
  extraTimePercent: {
    required: 'Enter a percentage (0 for none).',
    min: 'Use 0 or more.',
    max: 'Use at most 300.',
    pattern: 'Use a whole number.',
  },
};

export interface UserSaved {
  user: UserView;
  /** The fields that were sent (and so changed). */
  changed: readonly (keyof UpdateUserRequest)[];
}

@Component({
  selector: 'exam-edit-user-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, FORM_FIELD],
  templateUrl: './edit-user-dialog.component.html',
  styleUrl: '../../../shared/forms/modal-dialog.css',
})
export class EditUserDialogComponent implements OnInit {
  private readonly api = inject(UsersApiService);

  readonly user = input.required<UserView>();
  readonly saved = output<UserSaved>();
  /** Closed without saving (Cancel, Escape). */
  readonly closed = output<void>();

  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');

  protected readonly form = inject(NonNullableFormBuilder).group({
    displayName: ['', [requiredText, Validators.maxLength(200)]],
    email: ['', [requiredText, trimmedEmail]],
    extraTimePercent: [
      0 as number | null,
      [Validators.required, Validators.min(0), Validators.max(300), Validators.pattern(/^\d+$/)],
    ],
  });
  protected readonly feedback = new FormFeedback(this.form, MESSAGES);
  protected readonly isStudent = computed(() => this.user().role === 'student');
  protected readonly saving = signal(false);
  protected readonly formError = signal<string | null>(null);

  constructor() {
    afterNextRender(() => {
      const dialog = this.dialog().nativeElement;
      if (!dialog.open) dialog.showModal();
      dialog.querySelector<HTMLInputElement>('input')?.focus();
    });
  }

  ngOnInit(): void {
    const u = this.user();
    this.form.setValue({
      displayName: u.displayName,
      email: u.email,
      extraTimePercent: u.extraTimePercent,
    });
    if (u.role !== 'student') this.form.controls.extraTimePercent.disable();
  }

  protected cancel(): void {
    this.dialog().nativeElement.close();
  }

  /** Escape closes the dialog, except while the change is on its way. */
  protected onCancel(event: Event): void {
    if (this.saving()) event.preventDefault();
  }

  protected onClose(): void {
    if (!this.saving()) this.closed.emit();
  }

  protected save(): void {
    if (this.saving()) return;
    this.formError.set(null);
    if (!this.feedback.begin()) {
      this.formError.set(FIX_FIELDS);
      return;
    }
    const body = this.changes();
    const changed = Object.keys(body) as (keyof UpdateUserRequest)[];
    if (changed.length === 0) {
      this.feedback.reset();
      this.cancel();
      return;
    }
    this.saving.set(true);
    this.api.update(this.user().id, body).subscribe({
      next: (user) => {
        this.saving.set(false);
        this.feedback.reset();
        this.saved.emit({ user, changed });
      },
      error: (err: unknown) => {
        this.saving.set(false);
        const e = toApiError(err);
        const extra: Record<string, readonly string[]> =
          e.code === 'EMAIL_TAKEN' ? { email: [e.message] } : {};
        const sentence = this.feedback.serverError(e, extra);
        this.formError.set(e.code === 'EMAIL_TAKEN' ? FIX_FIELDS : sentence);
      },
    });
  }

  /** Only what the admin changed: an untouched field is left as it is on the server. */
  private changes(): UpdateUserRequest {
    const u = this.user();
    const v = this.form.getRawValue();
    const body: UpdateUserRequest = {};
    const name = v.displayName.trim();
    const email = v.email.trim();
    if (name !== u.displayName) body.displayName = name;
    if (email.toLowerCase() !== u.email.toLowerCase()) body.email = email;
    if (
      this.isStudent() &&
      v.extraTimePercent !== null &&
      v.extraTimePercent !== u.extraTimePercent
    ) {
      body.extraTimePercent = Number(v.extraTimePercent);
    }
    return body;
  }
}
