/** An ordering question: its items, written in the correct order, and how it is scored. */
import { ChangeDetectionStrategy, Component } from '@angular/core';
import type { ChoiceOption, OrderingDefinition, OrderingScoring } from '@exam/contracts';
import { FORM_FIELD } from '../../../../shared/forms/form-field.component';
import { OptionListComponent } from './option-list.component';
import { QuestionTypeEditor } from './question-type-editor';

@Component({
  selector: 'exam-ordering-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FORM_FIELD, OptionListComponent],
  template: `
    @let q = question();
    <exam-option-list
      [items]="q.items"
      [latest]="itemsNow"
      [list]="F.items"
      [field]="F.item"
      [uid]="uid()"
      [errors]="errors()"
      numbered
      hint="Students get them shuffled and put them in order with buttons."
      addLabel="Add item"
      (changed)="setItems($event)"
    />
    <exam-form-field
      [label]="F.scoring.label"
      [controlId]="id(F.scoring)"
      [errors]="errorsOf(F.scoring)"
    >
      <select
        examFieldControl
        class="select narrowish"
        [value]="q.scoring ?? 'exact'"
        (change)="setScoring($event)"
      >
        <option value="exact">All or nothing</option>
        <option value="position">Credit per item in its place</option>
        <option value="neighbours">Credit per correctly ordered neighbours</option>
      </select>
    </exam-form-field>
  `,
  styleUrl: './question-type-editor.css',
})
export class OrderingEditorComponent extends QuestionTypeEditor<OrderingDefinition> {
  protected readonly itemsNow = () => this.current().items;

  /** The items are written in the correct order: the key follows the list. */
  protected setItems(items: ChoiceOption[]): void {
    this.patch({ items, correctOrder: items.map((o) => o.id) });
  }

  protected setScoring(event: Event): void {
    this.patch({ scoring: this.textOf(event) as OrderingScoring });
  }
}
