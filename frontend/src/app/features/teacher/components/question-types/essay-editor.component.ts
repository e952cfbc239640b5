/** An essay question: a word limit and notes for the grader (never graded by itself). */
import { ChangeDetectionStrategy, Component } from '@angular/core';
import type { EssayDefinition } from '@exam/contracts';
import { FORM_FIELD } from '../../../../shared/forms/form-field.component';
import { NumberFieldComponent } from './number-field.component';
import { QuestionTypeEditor } from './question-type-editor';

@Component({
  selector: 'exam-essay-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FORM_FIELD, NumberFieldComponent],
  template: `
    @let q = question();
    <exam-number-field
      [field]="F.maxWords"
      [uid]="uid()"
      [errors]="errors()"
      [value]="q.maxWords"
      min="1"
      (valueChange)="patch({ maxWords: $event })"
    />
    <exam-form-field
      [label]="F.gradingNotes.label"
      [controlId]="id(F.gradingNotes)"
      [errors]="errorsOf(F.gradingNotes)"
    >
      <textarea
        examFieldControl
        class="input"
        rows="2"
        [value]="q.gradingNotes ?? ''"
        (input)="patch({ gradingNotes: textOf($event) || undefined })"
      ></textarea>
    </exam-form-field>
  `,
  styleUrl: './question-type-editor.css',
})
export class EssayEditorComponent extends QuestionTypeEditor<EssayDefinition> {}
