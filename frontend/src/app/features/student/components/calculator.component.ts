/**
 * The on-screen calculator a student may open during an exam for numeric questions: a basic
 * four-function pocket calculator. It is worked with the mouse, touch, or the keyboard (typed
 * keys count whenever the focus is inside it; Escape closes it). "Use this number" hands the
 * number shown to the page, which puts it into the answer. The sums themselves are done by
 * the pure state machine in data-access/calculator.ts.
 */
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import {
  CALCULATOR_START,
  displayText,
  formatNumber,
  keyFor,
  MAX_DIGITS,
  press,
  spokenDisplay,
  type CalculatorKey,
  type CalculatorOperator,
} from '../data-access/calculator';

/** One key of the keypad: what it sends, what it shows, and its name in words if needed. */
interface PadKey {
  readonly key: CalculatorKey;
  readonly glyph: string;
  /** Words for screen readers and voice control when the glyph alone is unclear. */
  readonly name: string | null;
  /** The end of its test id: calc-key-7, calc-key-divide… */
  readonly id: string;
  readonly kind: 'digit' | 'operator' | 'command';
}

const digit = (d: CalculatorKey): PadKey => ({
  key: d,
  glyph: d,
  name: null,
  id: d,
  kind: 'digit',
});
const op = (key: CalculatorKey, glyph: string, name: string): PadKey => ({
  key,
  glyph,
  name,
  id: name.replace(/ /g, '-'),
  kind: 'operator',
});
const command = (key: CalculatorKey, glyph: string, name: string, id: string): PadKey => ({
  key,
  glyph,
  name,
  id,
  kind: 'command',
});

/** The keypad, row by row, four to a row. */
const KEYPAD: readonly PadKey[] = [
  digit('7'),
  digit('8'),
  digit('9'),
  op('÷', '÷', 'divide'),
  digit('4'),
  digit('5'),
  digit('6'),
  op('×', '×', 'multiply'),
  digit('1'),
  digit('2'),
  digit('3'),
  op('-', '−', 'minus'),
  digit('0'),
  command('.', '.', 'decimal point', 'point'),
  command('±', '±', 'change sign', 'sign'),
  op('+', '+', 'plus'),
  command('C', 'C', 'clear', 'clear'),
  command('⌫', '⌫', 'delete last digit', 'delete'),
  command('%', '%', 'percent', 'percent'),
  op('=', '=', 'equals'),
];

/** The pending operation as shown and as read out: "12 ×", "12 multiplied by". */
const OPERATOR_TEXT: Record<CalculatorOperator, { glyph: string; words: string }> = {
  '+': { glyph: '+', words: 'plus' },
  '-': { glyph: '−', words: 'minus' },
  '×': { glyph: '×', words: 'multiplied by' },
  '÷': { glyph: '÷', words: 'divided by' },
};

let nextId = 0;

@Component({
  selector: 'exam-calculator',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section
      #root
      class="calc"
      role="group"
      tabindex="-1"
      data-testid="calculator"
      [attr.aria-labelledby]="titleId"
      (keydown)="onKey($event)"
    >
      <div class="head">
        <h3 [id]="titleId">{{ label() }}</h3>
        <button type="button" class="btn" data-testid="calc-close" (click)="closed.emit()">
          Close<span class="visually-hidden"> calculator</span>
        </button>
      </div>
      <div class="screen">
        <p class="pending" aria-live="polite" data-testid="calc-pending">
          @if (pending(); as p) {
            <span aria-hidden="true">{{ p.shown }}</span>
            <span class="visually-hidden">{{ p.spoken }}</span>
          }
        </p>
        <output aria-live="polite" data-testid="calc-display" [class.error]="state().error">
          @if (spoken() === state().display) {
            {{ state().display }}
          } @else {
            <span aria-hidden="true">{{ state().display }}</span>
            <span class="visually-hidden">{{ spoken() }}</span>
          }
        </output>
      </div>
      <div class="keys">
        @for (k of keypad; track k.id) {
          <button
            type="button"
            class="btn key"
            [class.operator]="k.kind === 'operator'"
            [class.command]="k.kind === 'command'"
            [attr.data-testid]="'calc-key-' + k.id"
            (click)="press(k.key)"
          >
            @if (k.name) {
              <span aria-hidden="true">{{ k.glyph }}</span>
              <span class="visually-hidden">{{ k.name }}</span>
            } @else {
              {{ k.glyph }}
            }
          </button>
        }
      </div>
      <button
        type="button"
        class="btn btn-primary use"
        data-testid="calc-use"
        [disabled]="value() === null"
        (click)="useNumber()"
      >
        Use this number
      </button>
    </section>
  `,
  styles: `
    :host {
      display: block;
      inline-size: 100%;
      max-inline-size: 18rem;
    }
    .calc {
      padding: 0.75rem;
      border: 1px solid var(--border-strong);
      border-radius: var(--radius);
      background: var(--surface);
      color: var(--text);
    }
    .head {
      display: flex;
      justify-content: space-between;
      align-items: center;
      gap: 0.5rem;
      margin-block-end: 0.5rem;
    }
    h3 {
      margin: 0;
      font-size: 1.125rem;
    }
    .screen {
      margin-block-end: 0.5rem;
      padding: 0.25rem 0.5rem;
      border: 1px solid var(--border-strong);
      border-radius: var(--radius);
      text-align: end;
      font-family: var(--mono);
    }
    .pending {
      margin: 0;
      min-block-size: 1.25rem;
      font-size: 0.875rem;
      color: var(--text-muted);
    }
    output {
      display: block;
      min-block-size: 2.25rem;
      font-size: 1.75rem;
      line-height: 1.25;
      overflow-wrap: anywhere;
    }
    output.error {
      font-family: var(--font);
      font-size: 1.125rem;
      color: var(--danger);
    }
    .keys {
      display: grid;
      grid-template-columns: repeat(4, minmax(44px, 1fr));
      gap: 0.375rem;
    }
    .key {
      min-block-size: max(44px, 2.75rem);
      min-inline-size: 44px;
      padding: 0.25rem;
      font-family: var(--mono);
      font-size: 1.25rem;
    }
    .operator {
      border-color: currentColor;
      color: var(--primary);
    }
    .command {
      font-size: 1.125rem;
    }
    .use {
      inline-size: 100%;
      margin-block-start: 0.5rem;
    }
  `,
})
export class CalculatorComponent {
  /** The heading. */
  readonly label = input('Calculator');
  /** The number shown, as a plain string ("12.5"), when the student chooses to use it. */
  readonly use = output<string>();
  /** Close or Escape. */
  readonly closed = output<void>();

  protected readonly keypad = KEYPAD;
  protected readonly titleId = `exam-calculator-title-${++nextId}`;
  private readonly root = viewChild.required<ElementRef<HTMLElement>>('root');

  private readonly current = signal(CALCULATOR_START);
  /** The calculator's state (see data-access/calculator.ts). */
  readonly state = this.current.asReadonly();
  /** The number shown as a plain string, or null on error. */
  readonly value = computed(() => displayText(this.state()));
  protected readonly spoken = computed(() => spokenDisplay(this.state()));
  protected readonly pending = computed(() => {
    const { stored, operator, error } = this.state();
    if (error || stored === null || operator === null) return null;
    const n = formatNumber(stored, MAX_DIGITS);
    const text = OPERATOR_TEXT[operator];
    return { shown: `${n} ${text.glyph}`, spoken: `${n} ${text.words}` };
  });

  /** Moves the focus into the calculator, so typed keys go to it. */
  focus(): void {
    this.root().nativeElement.focus();
  }

  /** Back to 0 with nothing pending. */
  clear(): void {
    this.current.set(CALCULATOR_START);
  }

  protected press(key: CalculatorKey): void {
    this.current.update((s) => press(s, key));
  }

  protected useNumber(): void {
    const value = this.value();
    if (value !== null) this.use.emit(value);
  }

  protected onKey(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      this.closed.emit();
      return;
    }
    // Shortcuts (Ctrl+C to copy…) and Tab keep their usual meaning.
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    // Enter on a focused button presses that button, as everywhere else.
    const target = event.target as Element | null;
    if (event.key === 'Enter' && target?.closest('button')) return;
    const key = keyFor(event);
    if (!key) return;
    event.preventDefault();
    this.press(key);
  }
}
