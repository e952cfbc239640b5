/**
 * The form groups behind an academy's settings and a new admin, shared by first-run setup,
 * the operator's pages and the school settings: their controls, checks, the sentences for
 * those checks, and the request bodies they make.
 */
import {
  FormControl,
  FormGroup,
  Validators,
  type NonNullableFormBuilder,
  type ValidatorFn,
} from '@angular/forms';
import type { AcademySettings, NewAdminRequest } from '@exam/contracts';
import { browserTimeZone } from '../../core/time/zoned-time';
import type { FieldMessages } from '../forms/form-feedback';

/** The backend's limits (platform DTOs): names 1-200, passwords 8-200, retention 1-3650 days. */
export const NAME_MAX = 200;
export const EMAIL_MAX = 254;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 200;
export const RETENTION_MAX_DAYS = 3650;

export type AcademySettingsGroup = FormGroup<{
  name: FormControl<string>;
  timeZone: FormControl<string>;
  archiveAfterDays: FormControl<number | null>;
  securityLogDays: FormControl<number | null>;
}>;

export type NewAdminGroup = FormGroup<{
  displayName: FormControl<string>;
  email: FormControl<string>;
  password: FormControl<string>;
}>;

/** Like Validators.required, but spaces alone do not count as text. */
export const requiredText: ValidatorFn = (c) =>
  typeof c.value === 'string' && c.value.trim() === '' ? { required: true } : null;

/** Validators.email on the text without surrounding spaces (pasted addresses often have some). */
export const trimmedEmail: ValidatorFn = (c) =>
  typeof c.value === 'string'
    ? Validators.email(new FormControl(c.value.trim()))
    : Validators.email(c);

const days: ValidatorFn[] = [
  Validators.min(1),
  Validators.max(RETENTION_MAX_DAYS),
  Validators.pattern(/^\d+$/),
];

/** Name, time zone (default: the browser's) and the two retention periods (empty = default). */
export function academySettingsGroup(
  fb: NonNullableFormBuilder,
  initial: Partial<AcademySettings> = {},
): AcademySettingsGroup {
  return fb.group({
    name: [initial.name ?? '', [requiredText, Validators.maxLength(NAME_MAX)]],
    timeZone: [initial.timeZone ?? browserTimeZone(), [Validators.required]],
    archiveAfterDays: new FormControl<number | null>(initial.archiveAfterDays ?? null, days),
    securityLogDays: new FormControl<number | null>(initial.securityLogDays ?? null, days),
  });
}

export function newAdminGroup(fb: NonNullableFormBuilder): NewAdminGroup {
  return fb.group({
    displayName: ['', [requiredText, Validators.maxLength(NAME_MAX)]],
    email: ['', [requiredText, trimmedEmail, Validators.maxLength(EMAIL_MAX)]],
    password: [
      '',
      [Validators.required, Validators.minLength(PASSWORD_MIN), Validators.maxLength(PASSWORD_MAX)],
    ],
  });
}

/** The settings as the API takes them (name trimmed, empty retention = the server default). */
export function academySettingsOf(group: AcademySettingsGroup): AcademySettings {
  const v = group.getRawValue();
  return {
    name: v.name.trim(),
    timeZone: v.timeZone,
    archiveAfterDays: wholeOrNull(v.archiveAfterDays),
    securityLogDays: wholeOrNull(v.securityLogDays),
  };
}

export function newAdminOf(group: NewAdminGroup): NewAdminRequest {
  const v = group.getRawValue();
  return { displayName: v.displayName.trim(), email: v.email.trim(), password: v.password };
}

function wholeOrNull(v: number | string | null): number | null {
  if (v === null || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/** Sentences for the settings checks, under `prefix` ("" or e.g. "academy."). */
export function academySettingsMessages(prefix = ''): FieldMessages {
  const dayMessages = {
    min: 'Use at least 1 day, or leave it empty.',
    max: `Use at most ${RETENTION_MAX_DAYS} days (10 years).`,
    pattern: 'Use whole days.',
  };
  return {
    [`${prefix}name`]: {
      required: 'Enter the name of the school.',
      maxlength: `Use at most ${NAME_MAX} characters.`,
    },
    [`${prefix}timeZone`]: { required: 'Choose a time zone.' },
    [`${prefix}archiveAfterDays`]: dayMessages,
    [`${prefix}securityLogDays`]: dayMessages,
  };
}

/** Sentences for the new admin's checks, under `prefix` ("" or "admin."). */
export function newAdminMessages(prefix = ''): FieldMessages {
  return {
    [`${prefix}displayName`]: {
      required: 'Enter the name people will see.',
      maxlength: `Use at most ${NAME_MAX} characters.`,
    },
    [`${prefix}email`]: {
      required: 'Enter an email address.',
      email: 'Enter an email address like name@school.org.',
      maxlength: `Use at most ${EMAIL_MAX} characters.`,
    },
    [`${prefix}password`]: {
      required: 'Enter a password.',
      minlength: `Use at least ${PASSWORD_MIN} characters.`,
      maxlength: `Use at most ${PASSWORD_MAX} characters.`,
    },
  };
}
