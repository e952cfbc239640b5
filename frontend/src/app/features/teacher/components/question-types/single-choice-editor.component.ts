/**
 * A single-choice question's answers and its key. The correct answer is its own group,
 * "Correct answer", and nothing in it is chosen until the teacher chooses: removing the chosen
 * answer un-chooses it rather than moving the key to another answer.
 */
import { ChangeDetectionStrategy, Component } from '@angular/core';
import type { SingleChoiceDefinition, SingleChoiceOption } from '@exam/contracts';
import { FORM_FIELD } from '../../../../shared/forms/form-field.component';
import { PlainTextPipe } from '../../../../shared/rich-text/rich-text';
import { NumberFieldComponent } from './number-field.component';
import { OptionExtraDirective, OptionListComponent } from './option-list.component';
import { QuestionTypeEditor } from './question-type-editor';

@Component({
  selector: 'exam-single-choice-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FORM_FIELD,
    NumberFieldComponent,
    OptionListComponent,
    OptionExtraDirective,
    PlainTextPipe,
  ],
  template: `
    @let q = question();
    <exam-option-list
      [items]="q.options"
      [latest]="optionsNow"
      [list]="F.answers"
      [field]="F.answer"
      [uid]="uid()"
      [errors]="errors()"
      hint="Leave “Credit % if chosen” empty for the usual rule (the correct answer is worth all the points, the others lose what “Wrong answer deducts” says). Fill it in for partial credit, a second right answer (100) or a penalty of its own (below 0)."
      addLabel="Add answer"
      (changed)="setOptions($event)"
    >
      <ng-template examOptionExtra let-o let-i="index">
        <exam-number-field
          [field]="F.credit(o.id, i)"
          [uid]="uid()"
          [errors]="errors()"
          [value]="q.options[i]?.creditPercent"
          min="-100"
          max="100"
          width="tiny"
          inline
          compact
          (valueChange)="setCredit(i, $event)"
        />
      </ng-template>
    </exam-option-list>
    <exam-form-fieldset
      [label]="F.correct.label"
      [controlId]="id(F.correct)"
      [errors]="errorsOf(F.correct)"
    >
      <div class="choices">
        @for (o of q.options; track o.id; let i = $index) {
          <label class="choice">
            <input
              type="radio"
              [name]="id(F.correct)"
              [checked]="q.correctOptionId === o.id"
              (change)="patch({ correctOptionId: o.id })"
            />
            {{ letter(i) }}. {{ (o.text | plainText: q.format) || '(empty)' }}
          </label>
        } @empty {
          <p class="hint">Add answers first.</p>
        }
      </div>
    </exam-form-fieldset>
  `,
  styleUrl: './question-type-editor.css',
})
export class SingleChoiceEditorComponent extends QuestionTypeEditor<SingleChoiceDefinition> {
  protected readonly optionsNow = () => this.current().options;

  /** Empty: the option follows the usual rule (no credit of its own). */
  protected setCredit(i: number, credit: number | undefined): void {
    this.patch({
      options: this.current().options.map((o, j) => {
        if (j !== i) return o;
        const { creditPercent: _old, ...rest } = o;
        return credit === undefined || Number.isNaN(credit)
          ? rest
          : { ...rest, creditPercent: credit };
      }),
    });
  }

  protected setOptions(options: SingleChoiceOption[]): void {
    const q = this.current();
    const kept = options.some((o) => o.id === q.correctOptionId);
    this.patch({ options, correctOptionId: kept ? q.correctOptionId : '' });
  }
}
