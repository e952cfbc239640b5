/**
 * What every question-type editor shares: the question it edits, the ids and errors of its
 * fields (named by `QUESTION_FIELDS`), and emitting a whole new definition on every change (the
 * exam editor owns the list). The common parts (question text, points, the header with Up,
 * Down and Delete) are the `exam-question-editor` around it.
 */
import { Directive, input, output } from '@angular/core';
import { NO_ERRORS, errorsAt, type FieldErrors } from '../../data-access/editor-issues';
import type { QuestionDraft } from '../../data-access/question-drafts';
import { QUESTION_FIELDS, letter, type FieldRef } from '../../data-access/question-fields';
import { heldNow, type Latest } from '../../data-access/latest-by-key';

/** The value of a number input; undefined when empty (optional fields). */
export function numberOf(event: Event): number | undefined {
  const el = event.target as HTMLInputElement;
  return el.value.trim() === '' ? undefined : Number(el.value);
}
/** Required numbers: an empty box is NaN, which the checks before saving name. */
export function requiredNumber(event: Event): number {
  return numberOf(event) ?? Number.NaN;
}
export function textOf(event: Event): string {
  return (event.target as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement).value;
}
export function checkedOf(event: Event): boolean {
  return (event.target as HTMLInputElement).checked;
}
/** A required number from a box that may be empty: NaN, which the checks name. */
export function required(n: number | undefined): number {
  return n ?? Number.NaN;
}
/** What a number box shows: nothing for an unset or empty number. */
export function shown(n: number | undefined): number | '' {
  return n !== undefined && Number.isFinite(n) ? n : '';
}

@Directive()
export abstract class QuestionTypeEditor<T extends QuestionDraft> {
  readonly question = input.required<T>();
  /** The question's stable local key: every control's id starts with it. */
  readonly uid = input.required<string>();
  /** This question's problems by field part, as sentences. */
  readonly errors = input<FieldErrors>(NO_ERRORS);

  /**
   * The question as the exam editor holds it right now (it owns the list). Every change is
   * built on it, not on the `question` input, which Angular re-renders a moment later: two
   * quick edits (a weight typed, then the next answer's text) used to build the second on
   * the stale input and drop the first. Without it (a component test), the input.
   */
  readonly latest = input<Latest<QuestionDraft>>(undefined);

  readonly changed = output<T>();

  /** The question to build a change on (see `latest`). */
  protected current(): T {
    return heldNow(this.latest() as Latest<T>, this.question());
  }

  protected readonly F = QUESTION_FIELDS;
  protected readonly letter = letter;
  protected readonly textOf = textOf;
  protected readonly checkedOf = checkedOf;
  protected readonly numberOf = numberOf;
  protected readonly requiredNumber = requiredNumber;
  protected readonly shown = shown;
  protected readonly required = required;

  protected id(ref: FieldRef): string {
    return `${this.uid()}-${ref.part}`;
  }

  protected errorsOf(ref: FieldRef): readonly string[] {
    return errorsAt(this.errors(), ref.part);
  }

  protected patch(changes: Partial<T>): void {
    this.changed.emit({ ...this.current(), ...changes });
  }
}
