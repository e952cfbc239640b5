/**
 * The input for one question, for every question type, all usable by keyboard alone:
 * radios (single choice, true/false), checkboxes (multiple response), text (short, numeric,
 * essay with a word count), move up/down buttons (ordering, never drag only), and selects
 * (matching). Emits each change; the page's queue debounces and saves it.
 */
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import type { AnswerValue, StudentQuestionView } from '@exam/contracts';
import { RichTextComponent, richPlain } from '../../../shared/rich-text/rich-text';
import { essayLimits, wordCountText } from '../data-access/essay-limits';
import { CalculatorComponent } from './calculator.component';

export interface AnswerChange {
  answer: AnswerValue;
  /** Save without waiting for the debounce (a click, not typing). */
  immediate: boolean;
}

export function countWords(text: string): number {
  const t = text.trim();
  return t ? t.split(/\s+/).length : 0;
}

@Component({
  selector: 'exam-answer-input',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-template #strikeButton let-o>
      <button
        type="button"
        class="btn btn-small strike"
        data-testid="strike"
        [attr.aria-pressed]="struck().has(o.id)"
        (click)="strike.emit(o.id)"
      >
        Strike out<span class="visually-hidden"> {{ plain(o.text) }}</span>
      </button>
    </ng-template>
    @let q = question();
    @let id = 'q-' + q.id;
    @switch (q.type) {
      @case ('single_choice') {
        <fieldset>
          <legend class="visually-hidden">{{ plainPrompt() }}</legend>
          <div class="options">
            @for (o of q.options; track o.id) {
              <div class="option-row" [class.struck]="struck().has(o.id)">
                <label class="option">
                  <input
                    type="radio"
                    [name]="id"
                    [value]="o.id"
                    [checked]="optionId() === o.id"
                    (change)="emit({ optionId: o.id }, true)"
                  />
                  <exam-rich-text [text]="o.text" [format]="q.format" inline />
                </label>
                @if (strikeTool()) {
                  <ng-container
                    *ngTemplateOutlet="strikeButton; context: { $implicit: o }"
                  ></ng-container>
                }
              </div>
            }
          </div>
        </fieldset>
      }
      @case ('true_false') {
        <fieldset>
          <legend class="visually-hidden">{{ plainPrompt() }}</legend>
          <div class="options">
            <label class="option">
              <input
                type="radio"
                [name]="id"
                [checked]="bool() === true"
                (change)="emit({ value: true }, true)"
              />
              <span>True</span>
            </label>
            <label class="option">
              <input
                type="radio"
                [name]="id"
                [checked]="bool() === false"
                (change)="emit({ value: false }, true)"
              />
              <span>False</span>
            </label>
          </div>
        </fieldset>
      }
      @case ('multiple_response') {
        <fieldset>
          <legend class="visually-hidden">{{ plainPrompt() }} (select all that apply)</legend>
          <div class="options">
            @for (o of q.options; track o.id) {
              <div class="option-row" [class.struck]="struck().has(o.id)">
                <label class="option">
                  <input
                    type="checkbox"
                    [checked]="optionIds().includes(o.id)"
                    (change)="toggle(o.id)"
                  />
                  <exam-rich-text [text]="o.text" [format]="q.format" inline />
                </label>
                @if (strikeTool()) {
                  <ng-container
                    *ngTemplateOutlet="strikeButton; context: { $implicit: o }"
                  ></ng-container>
                }
              </div>
            }
          </div>
        </fieldset>
      }
      @case ('short_text') {
        <div class="field">
          <label [for]="id">Your answer</label>
          <input
            class="input"
            type="text"
            [id]="id"
            autocomplete="off"
            spellcheck="false"
            [attr.maxlength]="q.maxLength ?? null"
            [value]="text()"
            (input)="emit({ text: $any($event.target).value }, false)"
          />
        </div>
      }
      @case ('numeric') {
        <div class="field">
          <label [for]="id">Your answer (a number){{ q.unit ? ' in ' + q.unit : '' }}</label>
          <input
            class="input narrow-num"
            type="text"
            inputmode="decimal"
            [id]="id"
            autocomplete="off"
            [value]="numberText()"
            [attr.aria-invalid]="numberError() ? 'true' : null"
            [attr.aria-describedby]="numberError() ? id + '-err' : null"
            (input)="onNumber($any($event.target).value)"
          />
          @if (numberError()) {
            <p class="field-error" [id]="id + '-err'">Type a number, for example 12 or 3.5.</p>
          }
          @if (calculator()) {
            <button
              type="button"
              class="btn btn-small calc-toggle"
              #calcToggle
              [attr.aria-expanded]="calcOpen()"
              (click)="toggleCalc()"
              data-testid="calc-toggle"
            >
              Calculator
            </button>
            @if (calcOpen()) {
              <exam-calculator (use)="useNumber($event)" (closed)="closeCalc()" />
            }
          }
        </div>
      }
      @case ('essay') {
        <div class="field">
          <label [for]="id">Your answer</label>
          <textarea
            class="input essay"
            [id]="id"
            rows="10"
            [value]="text()"
            [attr.aria-describedby]="id + '-count'"
            (input)="emit({ text: $any($event.target).value }, false)"
          ></textarea>
          <p
            class="hint"
            [id]="id + '-count'"
            [class.over]="wordCount().over"
            data-testid="word-count"
          >
            {{ wordCount().text }}
          </p>
        </div>
      }
      @case ('ordering') {
        <p class="hint" [id]="id + '-help'">Use the buttons to move each item up or down.</p>
        <ol class="ordering" [attr.aria-describedby]="id + '-help'">
          @for (itemId of order(); track itemId; let i = $index, last = $last, first = $first) {
            <li class="order-item">
              <span class="pos" aria-hidden="true">{{ i + 1 }}</span>
              <exam-rich-text
                class="item-text"
                [text]="itemText(itemId)"
                [format]="q.format"
                inline
              />
              <span class="moves">
                <button
                  type="button"
                  class="btn btn-small"
                  [attr.data-move]="itemId + ':up'"
                  [disabled]="first"
                  [attr.aria-label]="'Move ' + plain(itemText(itemId)) + ' up'"
                  (click)="move(i, -1)"
                >
                  ↑ Up
                </button>
                <button
                  type="button"
                  class="btn btn-small"
                  [attr.data-move]="itemId + ':down'"
                  [disabled]="last"
                  [attr.aria-label]="'Move ' + plain(itemText(itemId)) + ' down'"
                  (click)="move(i, 1)"
                >
                  ↓ Down
                </button>
              </span>
            </li>
          }
        </ol>
        @if (!hasOrder()) {
          <button type="button" class="btn btn-small" (click)="emit({ order: order() }, true)">
            Keep this order as my answer
          </button>
        }
        <p class="visually-hidden" aria-live="polite">{{ moveNote() }}</p>
      }
      @case ('matching') {
        <div class="matching">
          @for (l of q.left; track l.id) {
            <div class="field match-row">
              <label [for]="id + '-' + l.id"
                ><exam-rich-text [text]="l.text" [format]="q.format" inline
              /></label>
              <select
                class="select"
                [id]="id + '-' + l.id"
                [value]="pairValue(l.id)"
                (change)="pick(l.id, $any($event.target).value)"
              >
                <option value="">Choose a match…</option>
                @for (r of q.right; track r.id) {
                  <option [value]="r.id" [selected]="pairs()[l.id] === r.id">
                    {{ plain(r.text) }}
                  </option>
                }
              </select>
            </div>
          }
        </div>
      }
    }
  `,
  styleUrl: './answer-input.component.css',
  imports: [RichTextComponent, NgTemplateOutlet, CalculatorComponent],
})
export class AnswerInputComponent {
  readonly question = input.required<StudentQuestionView>();
  readonly value = input<AnswerValue | undefined>(undefined);
  readonly changed = output<AnswerChange>();
  /** The student's strike-out tool is on: a button beside each choice. */
  readonly strikeTool = input(false);
  /** Choices the student struck out (never part of the answer). */
  readonly struck = input<ReadonlySet<string>>(new Set());
  readonly strike = output<string>();
  /** The session offers a calculator on numeric questions. */
  readonly calculator = input(false);
  protected readonly calcOpen = signal(false);
  private readonly calcToggle = viewChild<ElementRef<HTMLElement>>('calcToggle');
  private readonly calc = viewChild(CalculatorComponent);

  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  protected readonly moveNote = signal('');
  protected readonly numberError = signal(false);
  private readonly typedNumber = signal<string | null>(null);

  /** The prompt's words without formatting (the hidden legend of a group of choices). */
  protected readonly plainPrompt = computed(() =>
    richPlain(this.question().prompt, this.question().format),
  );
  /** An option's words without formatting (inside <option>, in a button's name). */
  protected plain(text: string): string {
    return richPlain(text, this.question().format);
  }

  /** The calculator's "Use this number": typed into the answer, saved like typing. */
  protected useNumber(value: string): void {
    this.onNumber(value);
    this.closeCalc();
  }

  /** Opening moves the focus into the calculator, so typed keys count there. */
  protected toggleCalc(): void {
    this.calcOpen.update((o) => !o);
    if (this.calcOpen()) setTimeout(() => this.calc()?.focus());
  }

  protected closeCalc(): void {
    this.calcOpen.set(false);
    setTimeout(() => this.calcToggle()?.nativeElement.focus());
  }

  protected readonly optionId = computed(() => field<string>(this.value(), 'optionId'));
  protected readonly bool = computed(() => field<boolean>(this.value(), 'value'));
  protected readonly optionIds = computed(() => field<string[]>(this.value(), 'optionIds') ?? []);
  protected readonly text = computed(() => field<string>(this.value(), 'text') ?? '');
  protected readonly numberText = computed(() => {
    const typed = this.typedNumber();
    if (typed !== null) return typed;
    const v = field<number>(this.value(), 'value');
    return typeof v === 'number' ? String(v) : '';
  });
  protected readonly words = computed(() => countWords(this.text()));
  /** Worded after the question's own limits (its text and its maxWords). */
  protected readonly wordCount = computed(() => {
    const q = this.question();
    const limits = q.type === 'essay' ? essayLimits(q.prompt, q.maxWords) : {};
    return wordCountText(this.words(), limits);
  });
  protected readonly hasOrder = computed(() => !!field<string[]>(this.value(), 'order'));
  protected readonly order = computed(() => {
    const q = this.question();
    const saved = field<string[]>(this.value(), 'order');
    if (saved) return saved;
    return q.type === 'ordering' ? q.items.map((i) => i.id) : [];
  });
  protected readonly pairs = computed(
    () => field<Record<string, string>>(this.value(), 'pairs') ?? {},
  );

  protected emit(answer: AnswerValue, immediate: boolean): void {
    this.changed.emit({ answer, immediate });
  }

  protected toggle(id: string): void {
    const q = this.question();
    if (q.type !== 'multiple_response') return;
    const set = new Set(this.optionIds());
    if (set.has(id)) set.delete(id);
    else set.add(id);
    // Keep the question's option order, so the same choice always looks the same.
    this.emit({ optionIds: q.options.map((o) => o.id).filter((o) => set.has(o)) }, true);
  }

  protected onNumber(raw: string): void {
    this.typedNumber.set(raw);
    const t = raw.trim().replace(',', '.');
    if (t === '') {
      this.numberError.set(false);
      return;
    }
    const n = Number(t);
    const ok = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t) && Number.isFinite(n);
    this.numberError.set(!ok);
    if (ok) this.emit({ value: n }, false);
  }

  protected itemText(id: string): string {
    const q = this.question();
    return q.type === 'ordering' ? (q.items.find((i) => i.id === id)?.text ?? id) : id;
  }

  protected move(index: number, delta: -1 | 1): void {
    const order = [...this.order()];
    const to = index + delta;
    if (to < 0 || to >= order.length) return;
    const [item] = order.splice(index, 1);
    order.splice(to, 0, item);
    this.emit({ order }, true);
    this.moveNote.set(
      `${this.plain(this.itemText(item))} moved to position ${to + 1} of ${order.length}.`,
    );
    // The list re-renders; keep focus on the same button of the item that moved.
    const dir = delta < 0 ? 'up' : 'down';
    setTimeout(() => {
      const btn = this.host.nativeElement.querySelector<HTMLButtonElement>(
        `[data-move="${item}:${dir}"]`,
      );
      const other = this.host.nativeElement.querySelector<HTMLButtonElement>(
        `[data-move="${item}:${dir === 'up' ? 'down' : 'up'}"]`,
      );
      (btn && !btn.disabled ? btn : other)?.focus();
    });
  }

  protected pairValue(leftId: string): string {
    return this.pairs()[leftId] ?? '';
  }

  protected pick(leftId: string, rightId: string): void {
    const pairs = { ...this.pairs() };
    if (rightId) pairs[leftId] = rightId;
    else delete pairs[leftId];
    this.emit({ pairs }, true);
  }
}

function field<T>(v: AnswerValue | undefined, key: string): T | undefined {
  return v && key in v ? ((v as unknown as Record<string, unknown>)[key] as T) : undefined;
}
