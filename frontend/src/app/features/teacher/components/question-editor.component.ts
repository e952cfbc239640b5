/**
 * One question in the exam editor: its header (number, type, Up / Down / Delete), what every
 * type has (question text, points, problems about the question as a whole), then the editor
 * of its type, and the wrong-answer deduction where the type has one. Errors come in per field
 * and are shown beside their controls. Emits a new definition on every change (the page owns
 * the list); move and delete are asked of the page. Presentational: no HTTP.
 */
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { FORM_FIELD } from '../../../shared/forms/form-field.component';
import { NO_ERRORS, errorsAt, type FieldErrors } from '../data-access/editor-issues';
import { QUESTION_TYPE_LABELS, type QuestionDraft } from '../data-access/question-drafts';
import { QUESTION_FIELDS, type FieldRef } from '../data-access/question-fields';
import { FormatFieldComponent } from './format-field.component';
import { EssayEditorComponent } from './question-types/essay-editor.component';
import { MatchingEditorComponent } from './question-types/matching-editor.component';
import { MultipleResponseEditorComponent } from './question-types/multiple-response-editor.component';
import { NumericEditorComponent } from './question-types/numeric-editor.component';
import { OrderingEditorComponent } from './question-types/ordering-editor.component';
import { NumberFieldComponent } from './question-types/number-field.component';
import { required, textOf } from './question-types/question-type-editor';
import { RowActionsComponent } from './question-types/row-actions.component';
import { ShortTextEditorComponent } from './question-types/short-text-editor.component';
import { SingleChoiceEditorComponent } from './question-types/single-choice-editor.component';
import { TrueFalseEditorComponent } from './question-types/true-false-editor.component';
import { heldNow, type Latest } from '../data-access/latest-by-key';

@Component({
  selector: 'exam-question-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FORM_FIELD,
    FormatFieldComponent,
    NumberFieldComponent,
    RowActionsComponent,
    SingleChoiceEditorComponent,
    TrueFalseEditorComponent,
    MultipleResponseEditorComponent,
    ShortTextEditorComponent,
    NumericEditorComponent,
    EssayEditorComponent,
    OrderingEditorComponent,
    MatchingEditorComponent,
  ],
  templateUrl: './question-editor.component.html',
  styleUrl: './question-editor.component.css',
})
export class QuestionEditorComponent {
  readonly question = input.required<QuestionDraft>();
  /** Stable local id, used to make element ids unique on the page. */
  readonly uid = input.required<string>();
  readonly index = input.required<number>();
  readonly count = input.required<number>();
  /** Problems about this question by field part, as sentences. */
  readonly errors = input<FieldErrors>(NO_ERRORS);
  readonly disabled = input(false);

  /**
   * The question as the exam editor holds it right now: common fields are changed on it, and
   * the type's editor gets it too (see QuestionTypeEditor.latest).
   */
  readonly latest = input<Latest<QuestionDraft>>(undefined);
  readonly changed = output<QuestionDraft>();
  readonly moveUp = output<void>();
  readonly moveDown = output<void>();
  readonly remove = output<void>();

  protected readonly F = QUESTION_FIELDS;
  protected readonly typeLabel = computed(() => QUESTION_TYPE_LABELS[this.question().type]);
  protected readonly heading = computed(() => `Question ${this.index() + 1}`);
  protected readonly hasErrors = computed(() => Object.keys(this.errors()).length > 0);
  protected readonly wholeErrors = computed(() => errorsAt(this.errors(), this.F.whole.part));

  protected readonly textOf = textOf;
  protected readonly required = required;

  protected id(ref: FieldRef | string): string {
    return `${this.uid()}-${typeof ref === 'string' ? ref : ref.part}`;
  }

  protected errorsOf(ref: FieldRef): readonly string[] {
    return errorsAt(this.errors(), ref.part);
  }

  /** "a, b ,, c" -> ["a", "b", "c"] (none: no tags). */
  protected tagsOf(e: Event): string[] | undefined {
    const tags = [
      ...new Set(
        (e.target as HTMLInputElement).value
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
      ),
    ];
    return tags.length ? tags : undefined;
  }

  protected patch(changes: Partial<QuestionDraft>): void {
    this.changed.emit({ ...heldNow(this.latest(), this.question()), ...changes } as QuestionDraft);
  }
}
