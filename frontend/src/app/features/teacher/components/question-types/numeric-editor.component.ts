/**
 * A numeric question's accepted answers: a value with a tolerance (absolute or relative) or a
 * range, each with its credit. A new answer has no value: nothing is correct by default.
 */
import { ChangeDetectionStrategy, Component } from '@angular/core';
import type { NumericAccepted, NumericDefinition } from '@exam/contracts';
import { FORM_FIELD } from '../../../../shared/forms/form-field.component';
import { AcceptedAnswersComponent, AnswerRowDirective } from './accepted-answers.component';
import { NumberFieldComponent } from './number-field.component';
import { QuestionTypeEditor } from './question-type-editor';

/** A range is shown as a range even before its ends are typed (they are NaN then). */
export function isRange(a: NumericAccepted): boolean {
  return a.min !== undefined || a.max !== undefined;
}

@Component({
  selector: 'exam-numeric-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FORM_FIELD, AcceptedAnswersComponent, AnswerRowDirective, NumberFieldComponent],
  template: `
    @let q = question();
    <exam-accepted-answers
      [answers]="q.acceptedAnswers"
      [latest]="answersNow"
      [credit]="F.numericCredit"
      [create]="newAnswer"
      [uid]="uid()"
      [errors]="errors()"
      (changed)="patch({ acceptedAnswers: $event })"
    >
      <ng-template examAnswerRow let-i="index">
        @let a = q.acceptedAnswers[i];
        @let kind = F.numericKind(i);
        <exam-form-field
          compact
          inline
          [label]="kind.label"
          [controlId]="id(kind)"
          [errors]="errorsOf(kind)"
        >
          <select
            examFieldControl
            class="select mode"
            [value]="isRange(a) ? 'range' : 'value'"
            (change)="setMode(i, $event)"
          >
            <option value="value">Value ± tolerance</option>
            <option value="range">Range</option>
          </select>
        </exam-form-field>
        @if (isRange(a)) {
          <exam-number-field
            [field]="F.numericMin(i)"
            [uid]="uid()"
            [errors]="errors()"
            [value]="a.min"
            step="any"
            width="tiny"
            inline
            compact
            (valueChange)="setAnswer(i, { min: required($event) })"
          />
          <exam-number-field
            [field]="F.numericMax(i)"
            [uid]="uid()"
            [errors]="errors()"
            [value]="a.max"
            step="any"
            width="tiny"
            inline
            compact
            (valueChange)="setAnswer(i, { max: required($event) })"
          />
        } @else {
          <exam-number-field
            [field]="F.numericValue(i)"
            [uid]="uid()"
            [errors]="errors()"
            [value]="a.value"
            step="any"
            width="tiny"
            inline
            compact
            (valueChange)="setAnswer(i, { value: required($event) })"
          />
          <exam-number-field
            [field]="F.numericTolerance(i)"
            [uid]="uid()"
            [errors]="errors()"
            [value]="a.tolerance"
            min="0"
            step="any"
            width="tiny"
            inline
            compact
            (valueChange)="setAnswer(i, { tolerance: $event })"
          />
          @let toleranceMode = F.numericToleranceMode(i);
          <exam-form-field
            compact
            hideLabel
            [label]="toleranceMode.label"
            [srPrefix]="toleranceMode.prefix ?? ''"
            [controlId]="id(toleranceMode)"
            [errors]="errorsOf(toleranceMode)"
          >
            <select
              examFieldControl
              class="select mode"
              [value]="a.toleranceMode ?? 'absolute'"
              (change)="setToleranceMode(i, $event)"
            >
              <option value="absolute">absolute</option>
              <option value="relative">relative (0.05 = 5 %)</option>
            </select>
          </exam-form-field>
        }
      </ng-template>
    </exam-accepted-answers>
    <exam-form-field [label]="F.unit.label" [controlId]="id(F.unit)" [errors]="errorsOf(F.unit)">
      <input
        examFieldControl
        class="input narrow"
        [value]="q.unit ?? ''"
        (input)="patch({ unit: textOf($event) || undefined })"
      />
    </exam-form-field>
  `,
  styleUrl: './question-type-editor.css',
})
export class NumericEditorComponent extends QuestionTypeEditor<NumericDefinition> {
  protected readonly answersNow = () => this.current().acceptedAnswers;

  protected readonly isRange = isRange;
  protected readonly newAnswer = (): NumericAccepted => ({ value: Number.NaN, creditPercent: 100 });

  protected setAnswer(i: number, changes: Partial<NumericAccepted>): void {
    this.patch({
      acceptedAnswers: this.current().acceptedAnswers.map((a, j) =>
        j === i ? { ...a, ...changes } : a,
      ),
    });
  }

  protected setToleranceMode(i: number, event: Event): void {
    const mode = this.textOf(event) === 'relative' ? 'relative' : 'absolute';
    this.setAnswer(i, { toleranceMode: mode });
  }

  /** Switching keeps what was typed: a value becomes both ends of the range and back. */
  protected setMode(i: number, event: Event): void {
    const a = this.current().acceptedAnswers[i];
    if (!a) return;
    const next: NumericAccepted =
      this.textOf(event) === 'range'
        ? { min: a.value ?? Number.NaN, max: a.value ?? Number.NaN, creditPercent: a.creditPercent }
        : { value: a.min ?? Number.NaN, creditPercent: a.creditPercent };
    this.patch({
      acceptedAnswers: this.current().acceptedAnswers.map((x, j) => (j === i ? next : x)),
    });
  }
}
