/** A short-text question's accepted answers (each with its credit) and how answers match. */
import { ChangeDetectionStrategy, Component } from '@angular/core';
import type { AcceptedText, ShortTextDefinition } from '@exam/contracts';
import { FORM_FIELD } from '../../../../shared/forms/form-field.component';
import { AcceptedAnswersComponent, AnswerRowDirective } from './accepted-answers.component';
import { NumberFieldComponent } from './number-field.component';
import { QuestionTypeEditor } from './question-type-editor';

@Component({
  selector: 'exam-short-text-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FORM_FIELD, AcceptedAnswersComponent, AnswerRowDirective, NumberFieldComponent],
  template: `
    @let q = question();
    <exam-accepted-answers
      [answers]="q.acceptedAnswers"
      [latest]="answersNow"
      [credit]="F.acceptedCredit"
      [create]="newAnswer"
      [uid]="uid()"
      [errors]="errors()"
      (changed)="patch({ acceptedAnswers: $event })"
    >
      <ng-template examAnswerRow let-i="index">
        @let text = F.acceptedText(i);
        <exam-form-field
          class="grow"
          compact
          hideLabel
          [label]="text.label"
          [controlId]="id(text)"
          [errors]="errorsOf(text)"
        >
          <input
            examFieldControl
            class="input"
            [value]="q.acceptedAnswers[i]?.text ?? ''"
            (input)="setText(i, $event)"
          />
        </exam-form-field>
      </ng-template>
    </exam-accepted-answers>
    <div class="choices">
      @for (option of options; track option.key) {
        <label class="choice">
          <input
            type="checkbox"
            [id]="id(option.field)"
            [checked]="q[option.key] ?? false"
            (change)="setOption(option.key, $event)"
          />
          {{ option.field.label }}
        </label>
      }
    </div>
    <exam-number-field
      [field]="F.maxLength"
      [uid]="uid()"
      [errors]="errors()"
      [value]="q.maxLength"
      min="1"
      (valueChange)="patch({ maxLength: $event })"
    />
  `,
  styleUrl: './question-type-editor.css',
})
export class ShortTextEditorComponent extends QuestionTypeEditor<ShortTextDefinition> {
  protected readonly answersNow = () => this.current().acceptedAnswers;

  protected readonly newAnswer = (): AcceptedText => ({ text: '', creditPercent: 100 });
  protected readonly options = [
    { key: 'caseSensitive', field: this.F.caseSensitive },
    { key: 'foldAccents', field: this.F.foldAccents },
    { key: 'wildcards', field: this.F.wildcards },
  ] as const;

  protected setOption(key: (typeof this.options)[number]['key'], event: Event): void {
    this.patch({ [key]: this.checkedOf(event) });
  }

  protected setText(i: number, event: Event): void {
    const text = this.textOf(event);
    this.patch({
      acceptedAnswers: this.current().acceptedAnswers.map((a, j) => (j === i ? { ...a, text } : a)),
    });
  }
}
