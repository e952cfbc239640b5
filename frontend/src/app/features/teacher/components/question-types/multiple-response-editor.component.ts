/**
 * A multiple-response question's answers, each with a weight: correct ones above 0 (adding up
 * to 100), wrong ones 0 or below. New answers start at 0, so nothing is correct by default.
 */
import { ChangeDetectionStrategy, Component } from '@angular/core';
import type { MultipleResponseDefinition, WeightedOption } from '@exam/contracts';
import { NumberFieldComponent } from './number-field.component';
import { OptionExtraDirective, OptionListComponent } from './option-list.component';
import { QuestionTypeEditor } from './question-type-editor';

@Component({
  selector: 'exam-multiple-response-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NumberFieldComponent, OptionListComponent, OptionExtraDirective],
  template: `
    @let q = question();
    <exam-option-list
      [items]="q.options"
      [latest]="optionsNow"
      [list]="F.weights"
      [field]="F.answer"
      [uid]="uid()"
      [errors]="errors()"
      [create]="weighted"
      hint="Correct answers get a weight above 0 and add up to 100 %; wrong ones 0 or below (the total never drops under 0)."
      addLabel="Add answer"
      (changed)="patch({ options: $event })"
    >
      <ng-template examOptionExtra let-o let-i="index">
        <exam-number-field
          [field]="F.weight(o.id, i)"
          [uid]="uid()"
          [errors]="errors()"
          [value]="q.options[i]?.weight"
          min="-100"
          max="100"
          width="tiny"
          inline
          compact
          (valueChange)="setWeight(i, required($event))"
        />
      </ng-template>
    </exam-option-list>
    <label class="choice">
      <input
        type="checkbox"
        [id]="id(F.allOrNothing)"
        [checked]="q.allOrNothing ?? false"
        (change)="patch({ allOrNothing: checkedOf($event) })"
      />
      All or nothing (full points only for exactly the correct answers)
    </label>
  `,
  styleUrl: './question-type-editor.css',
})
export class MultipleResponseEditorComponent extends QuestionTypeEditor<MultipleResponseDefinition> {
  protected readonly optionsNow = () => this.current().options;
  protected readonly weighted = (id: string): WeightedOption => ({ id, text: '', weight: 0 });

  protected setWeight(i: number, weight: number): void {
    this.patch({
      options: this.current().options.map((o, j) => (j === i ? { ...o, weight } : o)),
    });
  }
}
