/**
 * One form field, said the same way in every form: the label (or, for a group of radios or
 * checkboxes, the legend), an optional hint, the error sentences, and the `aria-describedby`
 * / `aria-invalid` that tie them to the control. The form decides what the errors are (its
 * own checks, FormFeedback, a server answer mapped to fields); this only shows them.
 *
 *   <exam-form-field label="Points" controlId="q1-points" [errors]="errors('points')">
 *     <input examFieldControl class="input" type="number" ... />
 *   </exam-form-field>
 *
 *   <exam-form-fieldset label="Correct answer" controlId="q1-correct" [errors]="...">
 *     <label class="choice"><input type="radio" ... /> True</label> ...
 *   </exam-form-fieldset>
 *
 * The hint sits between the label and the control (read before typing); the errors under the
 * control, each as its own sentence. Ids: the control gets `controlId`, the hint
 * `<controlId>-hint`, the error block `<controlId>-error` (its `data-testid` is `field-error`
 * unless `errorsTestId` names it).
 */
import {
  ChangeDetectionStrategy,
  Component,
  Directive,
  booleanAttribute,
  computed,
  inject,
  input,
} from '@angular/core';

let fieldSeq = 0;

/** What a label-and-control field and a fieldset have in common. */
@Directive()
export abstract class FieldBase {
  /** The words on screen: errors elsewhere (a summary) use the same label. */
  readonly label = input.required<string>();
  /** Read before the label by screen readers only, e.g. "Answer A" before "Weight %". */
  readonly srPrefix = input('');
  /** The label is read but not shown (rows whose place already says what they are). */
  readonly hideLabel = input(false, { transform: booleanAttribute });
  readonly hint = input<string | null>(null);
  /** Sentences about this field; none when it is fine. */
  readonly errors = input<readonly string[]>([]);
  /** The control's id (for a fieldset: the fieldset's). Generated when not given. */
  readonly controlId = input(`field-${++fieldSeq}`);
  /** Other ids that describe the control too (a live line under it, say). */
  readonly describedBy = input<string | null>(null);
  /** No space under the field (a field inside a row). */
  readonly compact = input(false, { transform: booleanAttribute });
  /** The label beside the control rather than above it (short fields in a row). */
  readonly inline = input(false, { transform: booleanAttribute });
  /** The error block's `data-testid`, for tests that look for one field's errors. */
  readonly errorsTestId = input('field-error');

  readonly hintId = computed(() => `${this.controlId()}-hint`);
  readonly errorId = computed(() => `${this.controlId()}-error`);
  readonly invalid = computed(() => this.errors().length > 0);
  readonly describedByIds = computed(() => {
    const ids = [
      this.hint() ? this.hintId() : null,
      this.describedBy(),
      this.invalid() ? this.errorId() : null,
    ].filter((x): x is string => !!x);
    return ids.length ? ids.join(' ') : null;
  });
}

/** A label, a hint, one control (marked `examFieldControl`) and its errors. */
@Component({
  selector: 'exam-form-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'field', '[class.compact]': 'compact()', '[class.inline]': 'inline()' },
  template: `
    <label [for]="controlId()" [class.visually-hidden]="hideLabel()">
      @if (srPrefix()) {
        <span class="visually-hidden">{{ srPrefix() }} </span>
      }
      {{ label() }}
    </label>
    @if (hint(); as h) {
      <p class="hint" [id]="hintId()">{{ h }}</p>
    }
    <ng-content />
    @if (invalid()) {
      <div class="field-errors" [id]="errorId()" [attr.data-testid]="errorsTestId()">
        @for (e of errors(); track $index) {
          <p class="field-error">{{ e }}</p>
        }
      </div>
    }
  `,
  styles: `
    :host.compact {
      margin-block-end: 0;
    }
    :host.inline {
      display: grid;
      grid-template-columns: auto minmax(0, 1fr);
      align-items: center;
      gap: 0.3rem 0.5rem;
    }
    :host.inline label {
      font-weight: 500;
      font-size: 0.9rem;
    }
    :host.inline .hint,
    :host.inline .field-errors {
      grid-column: 1 / -1;
    }
  `,
})
export class FormFieldComponent extends FieldBase {}

/** A group of radios or checkboxes under a legend, with its hint and errors. */
@Component({
  selector: 'exam-form-fieldset',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <fieldset
      class="field"
      [class.compact]="compact()"
      [id]="controlId()"
      [attr.aria-describedby]="describedByIds()"
    >
      <legend [class.visually-hidden]="hideLabel()">
        @if (srPrefix()) {
          <span class="visually-hidden">{{ srPrefix() }} </span>
        }
        {{ label() }}
      </legend>
      @if (hint(); as h) {
        <p class="hint" [id]="hintId()">{{ h }}</p>
      }
      <ng-content />
      @if (invalid()) {
        <div class="field-errors" [id]="errorId()" [attr.data-testid]="errorsTestId()">
          @for (e of errors(); track $index) {
            <p class="field-error">{{ e }}</p>
          }
        </div>
      }
    </fieldset>
  `,
  styles: `
    :host {
      display: block;
    }
    legend {
      padding: 0;
    }
    .compact {
      margin-block-end: 0;
    }
  `,
})
export class FormFieldsetComponent extends FieldBase {}

/** Marks the control of an `exam-form-field`: it gets the field's id and aria wiring. */
@Directive({
  selector: '[examFieldControl]',
  host: {
    '[id]': 'field.controlId()',
    '[attr.aria-describedby]': 'field.describedByIds()',
    '[attr.aria-invalid]': "field.invalid() ? 'true' : null",
  },
})
export class FieldControlDirective {
  protected readonly field = inject(FormFieldComponent);
}

/** Everything a template needs to use form fields. */
export const FORM_FIELD = [
  FormFieldComponent,
  FormFieldsetComponent,
  FieldControlDirective,
] as const;
