/**
 * The accepted answers of a short-text or numeric question: one row each with what the
 * question asks for (a text, a value or a range: the question's row template), its credit and
 * a Remove button, then "Add accepted answer". The list's own errors sit with its legend.
 * Emits the whole new list on add, remove and credit changes; the row's own fields are the
 * question's to edit.
 */
import { NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  Directive,
  TemplateRef,
  contentChild,
  input,
  output,
} from '@angular/core';
import { FORM_FIELD } from '../../../../shared/forms/form-field.component';
import { NO_ERRORS, errorsAt, type FieldErrors } from '../../data-access/editor-issues';
import { QUESTION_FIELDS, type FieldRef } from '../../data-access/question-fields';
import { NumberFieldComponent } from './number-field.component';
import { heldNow, type Latest } from '../../data-access/latest-by-key';

/** `<ng-template examAnswerRow let-i="index">`: the row's own fields, before its credit. */
@Directive({ selector: 'ng-template[examAnswerRow]' })
export class AnswerRowDirective {
  static ngTemplateContextGuard(
    _dir: AnswerRowDirective,
    _ctx: unknown,
  ): _ctx is { index: number } {
    return true;
  }
}

@Component({
  selector: 'exam-accepted-answers',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NgTemplateOutlet, FORM_FIELD, NumberFieldComponent],
  template: `
    <exam-form-fieldset
      [label]="F.accepted.label"
      [controlId]="uid() + '-' + F.accepted.part"
      [errors]="errorsAt(errors(), F.accepted.part)"
    >
      <ol class="rows">
        @for (a of answers(); track $index; let i = $index) {
          <li class="opt">
            @if (row(); as tpl) {
              <ng-container *ngTemplateOutlet="tpl; context: { index: i }" />
            }
            <exam-number-field
              [field]="credit()(i)"
              [uid]="uid()"
              [errors]="errors()"
              [value]="a.creditPercent"
              min="1"
              max="100"
              width="tiny"
              inline
              compact
              (valueChange)="setCredit(i, $event)"
            />
            <button
              type="button"
              class="btn btn-small"
              [attr.aria-label]="'Remove accepted answer ' + (i + 1)"
              (click)="remove(i)"
            >
              Remove
            </button>
          </li>
        }
      </ol>
      <button type="button" class="btn btn-small" (click)="add()">Add accepted answer</button>
    </exam-form-fieldset>
  `,
  styleUrl: './question-type-editor.css',
})
export class AcceptedAnswersComponent<A extends { creditPercent: number }> {
  readonly answers = input.required<readonly A[]>();
  /** Each row's credit field. */
  readonly credit = input.required<(i: number) => FieldRef>();
  /** A new answer (full credit, nothing typed yet). */
  readonly create = input.required<() => A>();
  readonly uid = input.required<string>();
  readonly errors = input<FieldErrors>(NO_ERRORS);

  /** The answers as their question holds them right now (see QuestionTypeEditor.latest). */
  readonly latest = input<Latest<readonly A[]>>(undefined);

  readonly changed = output<A[]>();

  private current(): readonly A[] {
    return heldNow(this.latest(), this.answers());
  }

  protected readonly row = contentChild(AnswerRowDirective, { read: TemplateRef });
  protected readonly F = QUESTION_FIELDS;
  protected readonly errorsAt = errorsAt;

  protected setCredit(i: number, value: number | undefined): void {
    const creditPercent = value ?? Number.NaN;
    this.changed.emit(this.current().map((a, j) => (j === i ? { ...a, creditPercent } : a)));
  }

  protected add(): void {
    this.changed.emit([...this.current(), this.create()()]);
  }

  protected remove(i: number): void {
    this.changed.emit(this.current().filter((_, j) => j !== i));
  }
}
