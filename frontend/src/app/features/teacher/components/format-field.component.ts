/**
 * "Written as": how a text is written (plain, Markdown, HTML), for a question's texts and for
 * a text between questions. Emits the new format; plain, the default, as undefined (not sent).
 */
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { TextFormat } from '@exam/contracts';
import { FORM_FIELD } from '../../../shared/forms/form-field.component';
import { FORMAT_CHOICES } from '../data-access/question-fields';

@Component({
  selector: 'exam-format-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FORM_FIELD],
  template: `
    <exam-form-field [label]="label()" [controlId]="controlId()" [errors]="errors()">
      <select examFieldControl class="select" (change)="pick($event)">
        @for (f of formats; track f.value) {
          <option [value]="f.value" [selected]="f.value === (value() ?? 'plain')">
            {{ f.label }}
          </option>
        }
      </select>
    </exam-form-field>
  `,
})
export class FormatFieldComponent {
  readonly label = input.required<string>();
  readonly controlId = input.required<string>();
  readonly value = input<TextFormat | undefined>(undefined);
  readonly errors = input<readonly string[]>([]);
  readonly valueChange = output<TextFormat | undefined>();

  protected readonly formats = FORMAT_CHOICES;

  protected pick(e: Event): void {
    const v = (e.target as HTMLSelectElement).value as TextFormat;
    this.valueChange.emit(v === 'plain' ? undefined : v);
  }
}
