/**
 * The fields of a new academy admin inside a parent's form: name, email and first password
 * (with `confirm`, the password again). The parent owns the group, the submit and the feedback.
 */
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ReactiveFormsModule, type FormControl } from '@angular/forms';
import { PASSWORD_MIN, type NewAdminGroup } from './academy-form';
import type { FormFeedback } from '../forms/form-feedback';

@Component({
  selector: 'exam-new-admin-fields',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule],
  template: `
    @let g = group();
    @let f = feedback();
    @let p = pathPrefix();
    @let id = idPrefix();
    <div class="field">
      <label [for]="id + '-name'">Name</label>
      <input
        [id]="id + '-name'"
        class="input"
        [formControl]="g.controls.displayName"
        [attr.autocomplete]="self() ? 'name' : 'off'"
        [attr.aria-invalid]="f.invalid(p + 'displayName')"
        [attr.aria-describedby]="f.describedBy(id + '-name', p + 'displayName')"
      />
      @if (f.invalid(p + 'displayName')) {
        <div [id]="id + '-name-error'">
          @for (e of f.errors(p + 'displayName'); track $index) {
            <p class="field-error">{{ e }}</p>
          }
        </div>
      }
    </div>

    <div class="field">
      <label [for]="id + '-email'">Email</label>
      <input
        [id]="id + '-email'"
        class="input"
        type="email"
        inputmode="email"
        spellcheck="false"
        [formControl]="g.controls.email"
        [attr.autocomplete]="self() ? 'email' : 'off'"
        [attr.aria-invalid]="f.invalid(p + 'email')"
        [attr.aria-describedby]="f.describedBy(id + '-email', p + 'email')"
      />
      @if (f.invalid(p + 'email')) {
        <div [id]="id + '-email-error'" data-testid="admin-email-errors">
          @for (e of f.errors(p + 'email'); track $index) {
            <p class="field-error">{{ e }}</p>
          }
        </div>
      }
    </div>

    <div class="field">
      <label [for]="id + '-password'">{{ self() ? 'Password' : 'First password' }}</label>
      <p class="hint" [id]="id + '-password-hint'">
        At least {{ minLength }} characters.
        @if (!self()) {
          Share it with the person privately; they can change it after signing in.
        }
      </p>
      <input
        [id]="id + '-password'"
        class="input"
        type="password"
        autocomplete="new-password"
        [formControl]="g.controls.password"
        [attr.aria-invalid]="f.invalid(p + 'password')"
        [attr.aria-describedby]="
          f.describedBy(id + '-password', p + 'password', id + '-password-hint')
        "
      />
      @if (f.invalid(p + 'password')) {
        <div [id]="id + '-password-error'" data-testid="admin-password-errors">
          @for (e of f.errors(p + 'password'); track $index) {
            <p class="field-error">{{ e }}</p>
          }
        </div>
      }
    </div>

    @if (confirm(); as again) {
      <div class="field">
        <label [for]="id + '-again'">Password again</label>
        <input
          [id]="id + '-again'"
          class="input"
          type="password"
          autocomplete="new-password"
          [formControl]="again"
          [attr.aria-invalid]="f.invalid('passwordAgain')"
          [attr.aria-describedby]="f.describedBy(id + '-again', 'passwordAgain')"
        />
        @if (f.invalid('passwordAgain')) {
          <div [id]="id + '-again-error'">
            @for (e of f.errors('passwordAgain'); track $index) {
              <p class="field-error">{{ e }}</p>
            }
          </div>
        }
      </div>
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

  protected readonly minLength = PASSWORD_MIN;
}
