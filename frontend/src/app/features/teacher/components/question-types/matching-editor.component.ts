/**
 * A matching question: prompts, each with the answer it matches, and the answers (extra ones
 * are distractors). No prompt is matched until the teacher chooses; removing an answer
 * un-matches the prompts that chose it.
 */
import { ChangeDetectionStrategy, Component } from '@angular/core';
import type { ChoiceOption, MatchingDefinition } from '@exam/contracts';
import { FORM_FIELD } from '../../../../shared/forms/form-field.component';
import { PlainTextPipe } from '../../../../shared/rich-text/rich-text';
import { OptionExtraDirective, OptionListComponent } from './option-list.component';
import { QuestionTypeEditor } from './question-type-editor';

/** Only pairs of a prompt and an answer that both still exist. */
export function keptPairs(
  left: readonly ChoiceOption[],
  right: readonly ChoiceOption[],
  pairs: Readonly<Record<string, string>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of left) {
    const r = Object.hasOwn(pairs, l.id) ? pairs[l.id] : '';
    if (right.some((o) => o.id === r)) out[l.id] = r;
  }
  return out;
}

@Component({
  selector: 'exam-matching-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FORM_FIELD, OptionListComponent, OptionExtraDirective, PlainTextPipe],
  template: `
    @let q = question();
    <exam-option-list
      [items]="q.left"
      [latest]="leftNow"
      [list]="F.prompts"
      [field]="F.matchPrompt"
      [uid]="uid()"
      [errors]="errors()"
      numbered
      addLabel="Add prompt"
      (changed)="setLeft($event)"
    >
      <ng-template examOptionExtra let-o let-i="index">
        @let m = F.match(o.id, i);
        <exam-form-field
          compact
          inline
          [label]="m.label"
          [srPrefix]="m.prefix ?? ''"
          [controlId]="id(m)"
          [errors]="errorsOf(m)"
        >
          <select examFieldControl class="select mode" (change)="setPair(o.id, $event)">
            <option value="" [selected]="!pairOf(o.id)">Choose…</option>
            @for (r of q.right; track r.id; let j = $index) {
              <option [value]="r.id" [selected]="pairOf(o.id) === r.id">
                {{ letter(j) }}. {{ (r.text | plainText: q.format) || '(empty)' }}
              </option>
            }
          </select>
        </exam-form-field>
      </ng-template>
    </exam-option-list>
    <exam-option-list
      [items]="q.right"
      [latest]="rightNow"
      [list]="F.matchAnswers"
      [field]="F.matchAnswer"
      [uid]="uid()"
      [errors]="errors()"
      addLabel="Add answer"
      (changed)="setRight($event)"
    />
  `,
  styleUrl: './question-type-editor.css',
})
export class MatchingEditorComponent extends QuestionTypeEditor<MatchingDefinition> {
  protected pairOf(leftId: string): string {
    const pairs = this.current().correctPairs;
    return Object.hasOwn(pairs, leftId) ? pairs[leftId] : '';
  }

  protected readonly leftNow = () => this.current().left;
  protected readonly rightNow = () => this.current().right;

  protected setLeft(left: ChoiceOption[]): void {
    this.setLists(left, this.current().right);
  }

  protected setRight(right: ChoiceOption[]): void {
    this.setLists(this.current().left, right);
  }

  private setLists(left: ChoiceOption[], right: ChoiceOption[]): void {
    this.patch({ left, right, correctPairs: keptPairs(left, right, this.current().correctPairs) });
  }

  protected setPair(leftId: string, event: Event): void {
    const { [leftId]: _old, ...rest } = this.current().correctPairs;
    const chosen = this.textOf(event);
    this.patch({ correctPairs: chosen ? { ...rest, [leftId]: chosen } : rest });
  }
}
