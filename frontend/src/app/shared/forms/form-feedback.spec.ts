import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import type { ApiError } from '../../core/api/api-error';
import { FIX_FIELDS, FormFeedback } from './form-feedback';

@Component({ template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class Host {
  readonly form = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    admin: new FormGroup({
      password: new FormControl('', { nonNullable: true, validators: [Validators.minLength(8)] }),
    }),
  });
  readonly feedback = new FormFeedback(this.form, {
    email: { required: 'Enter an email address.' },
    'admin.password': { minlength: 'Use at least 8 characters.' },
  });
}

@Component({
  imports: [ReactiveFormsModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<input id="f-name" [formControl]="form.controls.email" />
    <input
      id="f-email"
      [formControl]="form.controls.email"
      [attr.aria-invalid]="feedback.invalid('email')"
    />`,
})
class FocusHost extends Host {}

function validation(details: Record<string, string[]>): ApiError {
  return {
    status: 400,
    code: 'VALIDATION_FAILED',
    message: 'The request has invalid fields: admin.password.',
    fieldErrors: details,
  };
}

describe('FormFeedback', () => {
  let host: Host;
  beforeEach(() => {
    host = TestBed.createComponent(Host).componentInstance;
  });
  afterEach(() => TestBed.resetTestingModule());

  it('moves the focus to the first field that needs attention', async () => {
    const fixture = TestBed.createComponent(FocusHost);
    document.body.appendChild(fixture.nativeElement as HTMLElement);
    await fixture.whenStable();
    fixture.componentInstance.feedback.begin();
    await fixture.whenStable();
    expect(document.activeElement?.id).toBe('f-email');
    (fixture.nativeElement as HTMLElement).remove();
  });

  it('shows browser-side checks only once the user tried to submit', () => {
    expect(host.feedback.errors('email')).toEqual([]);
    expect(host.feedback.begin()).toBe(false);
    expect(host.feedback.errors('email')).toEqual(['Enter an email address.']);
    expect(host.feedback.describedBy('f-email', 'email', 'f-email-hint')).toBe(
      'f-email-hint f-email-error',
    );
    host.form.controls.email.setValue('a@b.c');
    expect(host.feedback.errors('email')).toEqual([]);
    expect(host.feedback.describedBy('f-email', 'email')).toBeNull();
  });

  it("puts the server's problems under their fields, in words, until the field is edited", () => {
    host.form.setValue({ email: 'a@b.c', admin: { password: 'long enough' } });
    expect(host.feedback.begin()).toBe(true);
    const message = host.feedback.serverError(
      validation({ 'admin.password': ['password is too common'] }),
    );
    expect(message).toBe(FIX_FIELDS);
    expect(host.feedback.errors('admin.password')).toEqual(['password is too common']);
    expect(host.feedback.invalid('admin.password')).toBe(true);
    host.form.controls.admin.controls.password.setValue('another one');
    expect(host.feedback.errors('admin.password')).toEqual([]);
  });

  it('maps server field names onto the form, and returns the problems it cannot place', () => {
    const message = host.feedback.serverError(
      validation({ password: ['too short'], token: ['token is wrong'] }),
      { email: ['Taken.'] },
      { password: 'admin.password' },
    );
    expect(host.feedback.errors('admin.password')).toEqual(['too short']);
    expect(host.feedback.errors('email')).toEqual(['Taken.']);
    expect(message).toBe('token is wrong');
    host.feedback.reset();
    expect(host.feedback.errors('email')).toEqual([]);
  });

  it("returns the server's own sentence for errors that are not about fields", () => {
    const message = host.feedback.serverError({
      status: 403,
      code: 'FORBIDDEN',
      message: 'Only the platform operator can do this.',
      fieldErrors: {},
    });
    expect(message).toBe('Only the platform operator can do this.');
  });
});
