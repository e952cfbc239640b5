/**
 * One text between questions in the exam editor: where it is ("Text before question 3"),
 * Up / Down (to the place before the previous or next question) / Delete, the text with its
 * format, and a name only the teacher sees. Emits a new draft on every change; the page owns
 * the list. Presentational: no HTTP.
 */
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { FORM_FIELD } from '../../../shared/forms/form-field.component';
import { TEXT_FIELDS, type EditorText } from '../data-access/text-drafts';
import { textOf } from './question-types/question-type-editor';
import { FormatFieldComponent } from './format-field.component';
import { RowActionsComponent } from './question-types/row-actions.component';
import { heldNow, type Latest } from '../data-access/latest-by-key';

@Component({
  selector: 'exam-text-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FORM_FIELD, FormatFieldComponent, RowActionsComponent],
  template: `
    @let t = text();
    <article
      class="q card text-card"
      [attr.aria-labelledby]="id('heading')"
      [class.has-issues]="errors().length > 0"
      data-testid="text-editor"
    >
      <header class="q-head">
        <h3 [id]="id('heading')">{{ place() }} <span class="badge">No answer, no points</span></h3>
        <exam-row-actions
          role="group"
          [attr.aria-label]="place() + ' actions'"
          [name]="place().toLowerCase()"
          [first]="first()"
          [last]="last()"
          [disabled]="disabled()"
          (up)="moveUp.emit()"
          (down)="moveDown.emit()"
          (remove)="remove.emit()"
        />
      </header>
      <fieldset [disabled]="disabled()">
        <legend class="visually-hidden">{{ place() }}</legend>
        <div class="row">
          <exam-form-field
            class="grow"
            [label]="F.text.label"
            [controlId]="id(F.text.part)"
            [errors]="errors()"
          >
            <textarea
              examFieldControl
              class="input"
              rows="3"
              [value]="t.text"
              (input)="patch({ text: textOf($event) })"
            ></textarea>
          </exam-form-field>
          <exam-format-field
            [label]="F.format.label"
            [controlId]="id(F.format.part)"
            [value]="t.format"
            (valueChange)="patch({ format: $event })"
          />
        </div>
        <exam-form-field [label]="F.name.label" [controlId]="id(F.name.part)">
          <input
            examFieldControl
            class="input"
            maxlength="255"
            [value]="t.name ?? ''"
            (input)="patch({ name: textOf($event) || undefined })"
          />
        </exam-form-field>
      </fieldset>
    </article>
  `,
  // The question editor's card, header and rows; a text card is marked by a band.
  styleUrl: './question-editor.component.css',
  styles: `
    .text-card {
      border-inline-start: 4px solid var(--primary-soft);
    }
  `,
})
export class TextEditorComponent {
  readonly text = input.required<EditorText>();
  /** "Text before question 3" or "Text after the last question". */
  readonly place = input.required<string>();
  readonly first = input(false);
  readonly last = input(false);
  /** Problems with the text itself, as sentences. */
  readonly errors = input<readonly string[]>([]);
  readonly disabled = input(false);

  /**
   * The text as the exam editor holds it right now: every change is built on it, not on the
   * `text` input Angular re-renders a moment later (see QuestionTypeEditor.latest).
   */
  readonly latest = input<Latest<EditorText>>(undefined);
  readonly changed = output<EditorText>();
  readonly moveUp = output<void>();
  readonly moveDown = output<void>();
  readonly remove = output<void>();

  protected readonly F = TEXT_FIELDS;
  protected readonly textOf = textOf;

  protected id(part: string): string {
    return `${this.text().key}-${part}`;
  }

  protected patch(changes: Partial<EditorText>): void {
    this.changed.emit({ ...heldNow(this.latest(), this.text()), ...changes });
  }
}
