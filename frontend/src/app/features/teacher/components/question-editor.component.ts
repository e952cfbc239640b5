/**
 * Edits one question of any type: prompt, points, and the type's options and key. Emits a new
 * definition on every change (the page owns the list); move and delete are asked of the page.
 * Presentational: no HTTP.
 */
import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import type {
  AcceptedText,
  ChoiceOption,
  EssayDefinition,
  MatchingDefinition,
  MultipleResponseDefinition,
  NumericAccepted,
  NumericDefinition,
  OrderingDefinition,
  OrderingScoring,
  QuestionDefinition,
  ShortTextDefinition,
  SingleChoiceDefinition,
  TrueFalseDefinition,
  WeightedOption,
} from '@exam/contracts';
import { QUESTION_TYPE_LABELS, moveItem, nextId } from '../data-access/question-drafts';

type ListKey = 'options' | 'items' | 'left' | 'right';

/** The value of a number input; undefined when empty (optional fields). */
function numberOf(event: Event): number | undefined {
  const el = event.target as HTMLInputElement;
  return el.value.trim() === '' ? undefined : Number(el.value);
}
/** Required numbers: an empty box is sent as null and the server names the field. */
function requiredNumber(event: Event): number {
  return numberOf(event) ?? Number.NaN;
}
function textOf(event: Event): string {
  return (event.target as HTMLInputElement | HTMLTextAreaElement).value;
}
function checkedOf(event: Event): boolean {
  return (event.target as HTMLInputElement).checked;
}

@Component({
  selector: 'exam-question-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NgTemplateOutlet],
  templateUrl: './question-editor.component.html',
  styleUrl: './question-editor.component.css',
})
export class QuestionEditorComponent {
  readonly question = input.required<QuestionDefinition>();
  /** Stable local id, used to make element ids unique on the page. */
  readonly uid = input.required<string>();
  readonly index = input.required<number>();
  readonly count = input.required<number>();
  /** Server problems about this question, as sentences. */
  readonly issues = input<readonly string[]>([]);
  readonly disabled = input(false);

  readonly changed = output<QuestionDefinition>();
  readonly moveUp = output<void>();
  readonly moveDown = output<void>();
  readonly remove = output<void>();

  protected readonly typeLabel = computed(() => QUESTION_TYPE_LABELS[this.question().type]);
  protected readonly heading = computed(() => `Question ${this.index() + 1}`);

  protected readonly single = computed(() => this.narrow<SingleChoiceDefinition>('single_choice'));
  protected readonly trueFalse = computed(() => this.narrow<TrueFalseDefinition>('true_false'));
  protected readonly multiple = computed(() =>
    this.narrow<MultipleResponseDefinition>('multiple_response'),
  );
  protected readonly shortText = computed(() => this.narrow<ShortTextDefinition>('short_text'));
  protected readonly numeric = computed(() => this.narrow<NumericDefinition>('numeric'));
  protected readonly essay = computed(() => this.narrow<EssayDefinition>('essay'));
  protected readonly ordering = computed(() => this.narrow<OrderingDefinition>('ordering'));
  protected readonly matching = computed(() => this.narrow<MatchingDefinition>('matching'));

  protected readonly numberOf = numberOf;
  protected readonly requiredNumber = requiredNumber;
  protected readonly textOf = textOf;
  protected readonly checkedOf = checkedOf;

  protected id(part: string): string {
    return `${this.uid()}-${part}`;
  }

  protected letter(i: number): string {
    return i < 26 ? String.fromCharCode(65 + i) : String(i + 1);
  }

  /* ---------- any type ---------- */

  protected patch(changes: Partial<QuestionDefinition>): void {
    this.changed.emit({ ...this.question(), ...changes } as QuestionDefinition);
  }

  private list(key: ListKey): ChoiceOption[] {
    return ((this.question() as unknown as Record<ListKey, ChoiceOption[] | undefined>)[key] ??
      []) as ChoiceOption[];
  }

  /** Writes a list back, keeping the key that depends on it consistent. */
  private setList(key: ListKey, next: ChoiceOption[]): void {
    const q = this.question();
    if (q.type === 'ordering' && key === 'items') {
      this.changed.emit({ ...q, items: next, correctOrder: next.map((o) => o.id) });
      return;
    }
    if (q.type === 'single_choice' && !next.some((o) => o.id === q.correctOptionId)) {
      this.changed.emit({ ...q, options: next, correctOptionId: next[0]?.id ?? '' });
      return;
    }
    if (q.type === 'matching') {
      const lefts = key === 'left' ? next : q.left;
      const rights = key === 'right' ? next : q.right;
      const pairs: Record<string, string> = {};
      for (const l of lefts) {
        const r = q.correctPairs[l.id];
        pairs[l.id] = rights.some((o) => o.id === r) ? r : '';
      }
      this.changed.emit({ ...q, [key]: next, correctPairs: pairs } as MatchingDefinition);
      return;
    }
    this.changed.emit({ ...q, [key]: next } as QuestionDefinition);
  }

  protected setText(key: ListKey, i: number, event: Event): void {
    this.setList(
      key,
      this.list(key).map((o, j) => (j === i ? { ...o, text: textOf(event) } : o)),
    );
  }

  protected addTo(key: ListKey): void {
    const current = this.list(key);
    const id = nextId(current.map((o) => o.id));
    const item: ChoiceOption =
      key === 'options' && this.question().type === 'multiple_response'
        ? ({ id, text: '', weight: 0 } as WeightedOption)
        : { id, text: '' };
    this.setList(key, [...current, item]);
  }

  protected removeFrom(key: ListKey, i: number): void {
    this.setList(
      key,
      this.list(key).filter((_, j) => j !== i),
    );
  }

  protected move(key: ListKey, i: number, delta: -1 | 1): void {
    this.setList(key, moveItem(this.list(key), i, delta));
  }

  /* ---------- type-specific ---------- */

  protected setWeight(i: number, event: Event): void {
    const q = this.multiple();
    if (!q) return;
    const weight = requiredNumber(event);
    this.changed.emit({
      ...q,
      options: q.options.map((o, j) => (j === i ? { ...o, weight } : o)),
    });
  }

  protected setAccepted(i: number, changes: Partial<AcceptedText>): void {
    const q = this.shortText();
    if (!q) return;
    this.changed.emit({
      ...q,
      acceptedAnswers: q.acceptedAnswers.map((a, j) => (j === i ? { ...a, ...changes } : a)),
    });
  }

  protected addAccepted(): void {
    const q = this.shortText();
    if (q)
      this.changed.emit({
        ...q,
        acceptedAnswers: [...q.acceptedAnswers, { text: '', creditPercent: 100 }],
      });
  }

  protected removeAccepted(i: number): void {
    const q = this.shortText();
    if (q)
      this.changed.emit({ ...q, acceptedAnswers: q.acceptedAnswers.filter((_, j) => j !== i) });
  }

  protected isRange(a: NumericAccepted): boolean {
    return a.min !== undefined || a.max !== undefined;
  }

  protected setNumeric(i: number, changes: Partial<NumericAccepted>): void {
    const q = this.numeric();
    if (!q) return;
    this.changed.emit({
      ...q,
      acceptedAnswers: q.acceptedAnswers.map((a, j) => (j === i ? { ...a, ...changes } : a)),
    });
  }

  protected setNumericMode(i: number, event: Event): void {
    const q = this.numeric();
    if (!q) return;
    const mode = textOf(event);
    const a = q.acceptedAnswers[i];
    const next: NumericAccepted =
      mode === 'range'
        ? { min: a.value ?? 0, max: a.value ?? 0, creditPercent: a.creditPercent }
        : { value: a.min ?? 0, tolerance: 0, creditPercent: a.creditPercent };
    this.changed.emit({
      ...q,
      acceptedAnswers: q.acceptedAnswers.map((x, j) => (j === i ? next : x)),
    });
  }

  protected addNumeric(): void {
    const q = this.numeric();
    if (q)
      this.changed.emit({
        ...q,
        acceptedAnswers: [...q.acceptedAnswers, { value: 0, tolerance: 0, creditPercent: 100 }],
      });
  }

  protected removeNumeric(i: number): void {
    const q = this.numeric();
    if (q)
      this.changed.emit({ ...q, acceptedAnswers: q.acceptedAnswers.filter((_, j) => j !== i) });
  }

  protected setScoring(event: Event): void {
    this.patch({ scoring: textOf(event) as OrderingScoring });
  }

  protected setPair(leftId: string, event: Event): void {
    const q = this.matching();
    if (q)
      this.changed.emit({ ...q, correctPairs: { ...q.correctPairs, [leftId]: textOf(event) } });
  }

  protected pairOf(q: MatchingDefinition, leftId: string): string {
    return Object.hasOwn(q.correctPairs, leftId) ? q.correctPairs[leftId] : '';
  }

  private narrow<T extends QuestionDefinition>(type: T['type']): T | null {
    const q = this.question();
    return q.type === type ? (q as T) : null;
  }
}
