/** A true/false question's key: neither answer is chosen until the teacher chooses. */
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { FORM_FIELD } from '../../../../shared/forms/form-field.component';
import type { TrueFalseDraft } from '../../data-access/question-drafts';
import { QuestionTypeEditor } from './question-type-editor';

@Component({
  selector: 'exam-true-false-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FORM_FIELD],
  template: `
    @let q = question();
    <exam-form-fieldset
      [label]="F.correct.label"
      [controlId]="id(F.correct)"
      [errors]="errorsOf(F.correct)"
    >
      <div class="choices">
        <label class="choice">
          <input
            type="radio"
            [name]="id(F.correct)"
            [checked]="q.correct === true"
            (change)="patch({ correct: true })"
          />
          True
        </label>
        <label class="choice">
          <input
            type="radio"
            [name]="id(F.correct)"
            [checked]="q.correct === false"
            (change)="patch({ correct: false })"
          />
          False
        </label>
      </div>
    </exam-form-fieldset>
  `,
  styleUrl: './question-type-editor.css',
})
export class TrueFalseEditorComponent extends QuestionTypeEditor<TrueFalseDraft> {}
