/**
 * The list every choice-like question edits: answers (single choice, multiple response),
 * items (ordering), prompts and answers (matching). Each row: its letter or number, the text
 * field with its own errors, whatever the question adds to the row (a weight, a match), and
 * buttons to move it up, down or remove it; then "Add …". The list's own errors ("add at
 * least 2 answers") sit with its legend. Emits the whole new list; the question keeps its key
 * consistent with it.
 */
import { NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  Directive,
  TemplateRef,
  booleanAttribute,
  contentChild,
  input,
  output,
} from '@angular/core';
import type { ChoiceOption } from '@exam/contracts';
import { FORM_FIELD } from '../../../../shared/forms/form-field.component';
import { NO_ERRORS, errorsAt, type FieldErrors } from '../../data-access/editor-issues';
import { moveItem, nextId } from '../../data-access/question-drafts';
import { letter, type FieldRef } from '../../data-access/question-fields';
import { textOf } from './question-type-editor';
import { RowActionsComponent } from './row-actions.component';
import { heldNow, type Latest } from '../../data-access/latest-by-key';

export interface OptionRowContext {
  $implicit: ChoiceOption;
  index: number;
}

/** `<ng-template examOptionExtra let-i="index">`: more fields in each row, after the text. */
@Directive({ selector: 'ng-template[examOptionExtra]' })
export class OptionExtraDirective {
  static ngTemplateContextGuard(
    _dir: OptionExtraDirective,
    _ctx: unknown,
  ): _ctx is OptionRowContext {
    return true;
  }
}

@Component({
  selector: 'exam-option-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NgTemplateOutlet, FORM_FIELD, RowActionsComponent],
  template: `
    <exam-form-fieldset
      [label]="list().label"
      [controlId]="uid() + '-' + list().part"
      [hint]="hint()"
      [errors]="errorsAt(errors(), list().part)"
    >
      <ol class="rows">
        @for (o of items(); track o.id; let i = $index, first = $first, last = $last) {
          @let f = field()(o.id, i);
          <li class="opt">
            <span class="marker" aria-hidden="true">{{ numbered() ? i + 1 : letter(i) }}</span>
            <exam-form-field
              class="grow"
              compact
              hideLabel
              [label]="f.label"
              [controlId]="uid() + '-' + f.part"
              [errors]="errorsAt(errors(), f.part)"
            >
              <input examFieldControl class="input" [value]="o.text" (input)="setText(i, $event)" />
            </exam-form-field>
            @if (extra(); as tpl) {
              <ng-container *ngTemplateOutlet="tpl; context: { $implicit: o, index: i }" />
            }
            <exam-row-actions
              icons
              [name]="lowerFirst(f.label)"
              [first]="first"
              [last]="last"
              (up)="move(i, -1)"
              (down)="move(i, 1)"
              (remove)="remove(i)"
            />
          </li>
        }
      </ol>
      <button type="button" class="btn btn-small" (click)="add()">{{ addLabel() }}</button>
    </exam-form-fieldset>
  `,
  styleUrl: './question-type-editor.css',
})
export class OptionListComponent<T extends ChoiceOption> {
  readonly items = input.required<readonly T[]>();
  /** The list as a whole: its legend and the part its own errors use. */
  readonly list = input.required<FieldRef>();
  /** Each row's text field. */
  readonly field = input.required<(id: string, i: number) => FieldRef>();
  readonly uid = input.required<string>();
  readonly errors = input<FieldErrors>(NO_ERRORS);
  readonly hint = input<string | null>(null);
  readonly addLabel = input.required<string>();
  /** Rows marked 1, 2, 3 (items, prompts) instead of A, B, C (answers). */
  readonly numbered = input(false, { transform: booleanAttribute });
  /** A new row with this id (a weighted answer starts at weight 0). */
  readonly create = input<(id: string) => T>((id) => ({ id, text: '' }) as T);

  /** The list as its question holds it right now (see QuestionTypeEditor.latest). */
  readonly latest = input<Latest<readonly T[]>>(undefined);

  readonly changed = output<T[]>();

  private current(): readonly T[] {
    return heldNow(this.latest(), this.items());
  }

  protected readonly extra = contentChild(OptionExtraDirective, { read: TemplateRef });
  protected readonly letter = letter;
  protected readonly errorsAt = errorsAt;

  protected lowerFirst(label: string): string {
    return label.charAt(0).toLowerCase() + label.slice(1);
  }

  protected setText(i: number, event: Event): void {
    const text = textOf(event);
    this.changed.emit(this.current().map((o, j) => (j === i ? { ...o, text } : o)));
  }

  protected add(): void {
    const id = nextId(this.current().map((o) => o.id));
    this.changed.emit([...this.current(), this.create()(id)]);
  }

  protected remove(i: number): void {
    this.changed.emit(this.current().filter((_, j) => j !== i));
  }

  protected move(i: number, delta: -1 | 1): void {
    this.changed.emit(moveItem(this.current(), i, delta));
  }
}
