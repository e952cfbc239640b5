/**
 * The fields of a new academy admin inside a parent's form: name, email and first password
 * (with `confirm`, the password again). The parent owns the group, the submit and the feedback.
 */
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { ReactiveFormsModule, type FormControl } from '@angular/forms';
import { PASSWORD_MIN, type NewAdminGroup } from './academy-form';
import type { FormFeedback } from '../forms/form-feedback';
import { FORM_FIELD } from '../forms/form-field.component';

@Component({
  selector: 'exam-new-admin-fields',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, FORM_FIELD],
  template: `
    @let g = group();
    @let f = feedback();
    @let p = pathPrefix();
    @let id = idPrefix();
    <exam-form-field label="Name" [controlId]="id + '-name'" [errors]="f.errors(p + 'displayName')">
      <input
        examFieldControl
        class="input"
        [formControl]="g.controls.displayName"
        [attr.autocomplete]="self() ? 'name' : 'off'"
      />
    </exam-form-field>

    <exam-form-field
      label="Email"
      [controlId]="id + '-email'"
      errorsTestId="admin-email-errors"
      [errors]="f.errors(p + 'email')"
    >
      <input
        examFieldControl
        class="input"
        type="email"
        inputmode="email"
        spellcheck="false"
        [formControl]="g.controls.email"
        [attr.autocomplete]="self() ? 'email' : 'off'"
      />
    </exam-form-field>

    <exam-form-field
      [label]="self() ? 'Password' : 'First password'"
      [controlId]="id + '-password'"
      [hint]="passwordHint()"
      errorsTestId="admin-password-errors"
      [errors]="f.errors(p + 'password')"
    >
      <input
        examFieldControl
        class="input"
        type="password"
        autocomplete="new-password"
        [formControl]="g.controls.password"
      />
    </exam-form-field>

    @if (confirm(); as again) {
      <exam-form-field
        label="Password again"
        [controlId]="id + '-again'"
        [errors]="f.errors('passwordAgain')"
      >
        <input
          examFieldControl
          class="input"
          type="password"
          autocomplete="new-password"
          [formControl]="again"
        />
      </exam-form-field>
    }
  `,
  styles: `
    :host {
      display: block;
    }
  `,
})
export class NewAdminFieldsComponent {
  readonly group = input.required<NewAdminGroup>();
  readonly feedback = input.required<FormFeedback>();
  readonly idPrefix = input('admin');
  /** Prefix of the field paths the server uses ("" or "admin."). */
  readonly pathPrefix = input('');
  /** The person fills in their own account (setup): their own words and autocomplete. */
  readonly self = input(false);
  /** A "password again" control (checked by the parent under the path "passwordAgain"). */
  readonly confirm = input<FormControl<string> | null>(null);

  protected readonly passwordHint = computed(
    () =>
      `At least ${PASSWORD_MIN} characters.` +
      (this.self()
        ? ''
        : ' Share it with the person privately; they can change it after signing in.'),
  );
}
