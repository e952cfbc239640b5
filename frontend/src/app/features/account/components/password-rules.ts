/**
 * Browser-side checks of a password change, said in words before anything is sent: the new
 * password typed twice the same, long enough, and not the current one again.
 */
import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';

/** On the "again" control: the same as its sibling `newPassword`. */
export const sameAsNewPassword: ValidatorFn = (c: AbstractControl): ValidationErrors | null => {
  const first = c.parent?.get('newPassword')?.value as string | undefined;
  return c.value && first !== undefined && c.value !== first ? { mismatch: true } : null;
};

/** On `newPassword`: differs from its sibling `currentPassword`. */
export const notCurrentPassword: ValidatorFn = (c: AbstractControl): ValidationErrors | null => {
  const current = c.parent?.get('currentPassword')?.value as string | undefined;
  return c.value && current && c.value === current ? { unchanged: true } : null;
};

export const PASSWORD_MESSAGES = {
  currentPassword: { required: 'Enter the password you sign in with now.' },
  newPassword: {
    required: 'Enter a new password.',
    minlength: 'Use at least 8 characters.',
    maxlength: 'Use at most 200 characters.',
    unchanged: 'Choose a password different from your current one.',
  },
  newPasswordAgain: {
    required: 'Type the new password again.',
    mismatch: 'This is not the same as the new password above. Type it again.',
  },
};
