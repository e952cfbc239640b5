/**
 * A number box in a form field, for the editor's many numbers (points, weights, credits,
 * values, limits, the exam's duration): label and errors by its FieldRef, an empty box shown
 * for an unset or unreadable number, and `undefined` emitted when the box is emptied (a
 * required number turns that into NaN, which the checks before saving name).
 */
import {
  ChangeDetectionStrategy,
  Component,
  booleanAttribute,
  computed,
  input,
  output,
} from '@angular/core';
import { FORM_FIELD } from '../../../../shared/forms/form-field.component';
import { NO_ERRORS, errorsAt, type FieldErrors } from '../../data-access/editor-issues';
import type { FieldRef } from '../../data-access/question-fields';
import { numberOf, shown } from './question-type-editor';

@Component({
  selector: 'exam-number-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FORM_FIELD],
  template: `
    <exam-form-field
      [label]="field().label"
      [srPrefix]="field().prefix ?? ''"
      [controlId]="controlId()"
      [errors]="fieldErrors()"
      [inline]="inline()"
      [compact]="compact()"
    >
      <input
        examFieldControl
        class="input"
        [class.narrow]="width() === 'narrow'"
        [class.tiny]="width() === 'tiny'"
        type="number"
        [attr.min]="min()"
        [attr.max]="max()"
        [attr.step]="step()"
        [value]="shown(value())"
        (change)="valueChange.emit(numberOf($event))"
      />
    </exam-form-field>
  `,
  styles: `
    :host {
      display: contents;
    }
    .tiny {
      inline-size: 6rem;
    }
  `,
})
export class NumberFieldComponent {
  readonly field = input.required<FieldRef>();
  /** The question's key; none for the exam's own settings (their part is their id). */
  readonly uid = input('');
  /** Errors by field part: this field shows its own. */
  readonly errors = input<FieldErrors>(NO_ERRORS);
  readonly value = input<number | undefined>(undefined);
  readonly min = input<number | string | null>(null);
  readonly max = input<number | string | null>(null);
  readonly step = input<number | string | null>(null);
  readonly width = input<'narrow' | 'tiny' | 'full'>('narrow');
  readonly inline = input(false, { transform: booleanAttribute });
  readonly compact = input(false, { transform: booleanAttribute });

  readonly valueChange = output<number | undefined>();

  protected readonly controlId = computed(() =>
    this.uid() ? `${this.uid()}-${this.field().part}` : this.field().part,
  );
  protected readonly fieldErrors = computed(() => errorsAt(this.errors(), this.field().part));
  protected readonly shown = shown;
  protected readonly numberOf = numberOf;
}
