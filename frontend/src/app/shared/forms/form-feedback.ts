/**
 * What a form says under each field: the browser-side checks once the user tried to submit,
 * else what the server said about that field (VALIDATION_FAILED details, keyed by the request's
 * field path such as "admin.email"). A server complaint goes away once its field is edited.
 * Create it in a component's field initializer (it subscribes until the component is destroyed).
 */
import { DestroyRef, ElementRef, Injector, afterNextRender, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { AbstractControl } from '@angular/forms';
import type { ApiError } from '../../core/api/api-error';

export const FIX_FIELDS = 'Some fields need attention. Fix them and try again.';

/** Per field path, a sentence per validator key (required, minlength, email, min, ...). */
export type FieldMessages = Readonly<Record<string, Readonly<Record<string, string>>>>;

export class FormFeedback {
  /** Set by submit(): from then on the browser-side checks show. */
  readonly submitted = signal(false);
  private readonly server = signal<Readonly<Record<string, readonly string[]>>>({});
  private readonly host: HTMLElement = inject(ElementRef).nativeElement as HTMLElement;
  private readonly injector = inject(Injector);

  constructor(
    private readonly form: AbstractControl,
    private readonly messages: FieldMessages,
    /** Field paths the server may name, each shown under its own field. */
    private readonly paths: readonly string[] = Object.keys(messages),
  ) {
    const destroyRef = inject(DestroyRef);
    for (const path of this.paths) {
      form
        .get(path)
        ?.valueChanges.pipe(takeUntilDestroyed(destroyRef))
        .subscribe(() => this.forget(path));
    }
  }

  /** The sentences to show under the field at `path` (none when it is fine). */
  errors(path: string): readonly string[] {
    const control = this.form.get(path);
    if (this.submitted() && control?.errors) {
      return Object.keys(control.errors).map(
        (key) => this.messages[path]?.[key] ?? 'Check this field.',
      );
    }
    return this.server()[path] ?? [];
  }

  invalid(path: string): boolean {
    return this.errors(path).length > 0;
  }

  /** `aria-describedby` for a field: its hint and, when shown, its error block (`<id>-error`). */
  describedBy(id: string, path: string, hintId?: string): string | null {
    const ids = [hintId, this.invalid(path) ? `${id}-error` : undefined].filter(Boolean);
    return ids.length ? ids.join(' ') : null;
  }

  /**
   * Starts a submission: true when the form may be sent. Clears what the server said before;
   * when a field needs attention, the first one gets the focus.
   */
  begin(): boolean {
    this.submitted.set(true);
    this.server.set({});
    this.form.markAllAsTouched();
    if (this.form.invalid) this.focusFirstInvalid();
    return this.form.valid;
  }

  /** The request came back: browser-side checks hide until the next submit. */
  done(): void {
    this.submitted.set(false);
  }

  /**
   * Puts the server's field problems under their fields; returns the sentence for the rest
   * (problems about fields this form does not show, or the error's own message).
   */
  serverError(
    error: ApiError,
    extra: Readonly<Record<string, readonly string[]>> = {},
    /** Server field name -> this form's path, for fields the server names differently. */
    aliases: Readonly<Record<string, string>> = {},
  ): string {
    this.submitted.set(false);
    const byField: Record<string, readonly string[]> = { ...extra };
    const other: string[] = [];
    for (const [name, problems] of Object.entries(error.fieldErrors)) {
      const field = this.paths.includes(name) ? name : (aliases[name] ?? name);
      if (this.paths.includes(field)) byField[field] = [...(byField[field] ?? []), ...problems];
      else other.push(...problems);
    }
    this.server.set(byField);
    if (Object.keys(byField).length) this.focusFirstInvalid();
    if (other.length) return other.join(' ');
    // The server's summary names fields the way the API does: say it in words instead.
    return error.code === 'VALIDATION_FAILED' && Object.keys(byField).length
      ? FIX_FIELDS
      : error.message;
  }

  /** Forgets everything (after a successful submit). */
  reset(): void {
    this.submitted.set(false);
    this.server.set({});
  }

  private focusFirstInvalid(): void {
    afterNextRender(() => this.host.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), {
      injector: this.injector,
    });
  }

  private forget(path: string): void {
    const current = this.server();
    if (!(path in current)) return;
    const next = { ...current };
    delete next[path];
    this.server.set(next);
  }
}
