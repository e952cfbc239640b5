/**
 * A single-choice question's answers and its key. The correct answer is its own group,
 * "Correct answer", and nothing in it is chosen until the teacher chooses: removing the chosen
 * answer un-chooses it rather than moving the key to another answer.
 */
import { ChangeDetectionStrategy, Component } from '@angular/core';
import type { ChoiceOption, SingleChoiceDefinition } from '@exam/contracts';
import { FORM_FIELD } from '../../../../shared/forms/form-field.component';
import { PlainTextPipe } from '../../../../shared/rich-text/rich-text';
import { OptionListComponent } from './option-list.component';
import { QuestionTypeEditor } from './question-type-editor';

@Component({
  selector: 'exam-single-choice-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FORM_FIELD, OptionListComponent, PlainTextPipe],
  template: `
    @let q = question();
    <exam-option-list
      [items]="q.options"
      [list]="F.answers"
      [field]="F.answer"
      [uid]="uid()"
      [errors]="errors()"
      addLabel="Add answer"
      (changed)="setOptions($event)"
    />
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
  protected setOptions(options: ChoiceOption[]): void {
    const q = this.question();
    const kept = options.some((o) => o.id === q.correctOptionId);
    this.patch({ options, correctOptionId: kept ? q.correctOptionId : '' });
  }
}
