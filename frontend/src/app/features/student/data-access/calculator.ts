/**
 * The exam calculator's brain: a basic four-function pocket calculator as a small immutable
 * state machine. Each key press takes a state and gives back a new one; nothing else is kept.
 * Operations chain left to right as on a pocket calculator (2 + 3 × 4 = gives 20), results
 * are rounded to 12 significant digits so float noise never shows (0.1 + 0.2 = gives 0.3),
 * and dividing by zero gives an error state that the next key clears. Pure: no Angular here.
 */

/** The four operations, with the glyphs shown on the keys. */
export type CalculatorOperator = '+' | '-' | '×' | '÷';

/** One key of the calculator: the digits, the point, the operators and the commands. */
export type CalculatorKey =
  | '0'
  | '1'
  | '2'
  | '3'
  | '4'
  | '5'
  | '6'
  | '7'
  | '8'
  | '9'
  | '.'
  | CalculatorOperator
  | '='
  /** Clear everything. */
  | 'C'
  /** Delete the last typed character. */
  | '⌫'
  /** Change the sign. */
  | '±'
  /** Percent: x % means x / 100. */
  | '%';

export interface CalculatorState {
  /** What the screen shows: the number being typed, a result, or the error words. */
  readonly display: string;
  /** The left-hand number of the pending operation. */
  readonly stored: number | null;
  /** The pending operation, waiting for its right-hand number. */
  readonly operator: CalculatorOperator | null;
  /** The display holds a result (or the left-hand number): the next digit starts afresh. */
  readonly fresh: boolean;
  /** An operator was just pressed and no right-hand number begun: another one replaces it. */
  readonly awaiting: boolean;
  /** The display holds error words instead of a number. */
  readonly error: boolean;
}

export const CALCULATOR_START: CalculatorState = Object.freeze({
  display: '0',
  stored: null,
  operator: null,
  fresh: false,
  awaiting: false,
  error: false,
});

/** The error words for a division by zero. */
export const DIVIDE_BY_ZERO = 'Cannot divide by zero';
/** The error words for a result beyond what a number can hold. */
export const TOO_LARGE = 'Result too large';

/** At most this many digits can be typed into one number. */
export const MAX_DIGITS = 15;
/** Results are rounded to this many significant digits. */
const PRECISION = 12;
/** Results from this size up are written with an exponent (1.5e+20). */
const LARGE = 1e15;
/** Results (other than zero) below this size are written with an exponent (1.5e-7). */
const SMALL = 1e-6;

const OPERATORS: readonly string[] = ['+', '-', '×', '÷'];

/** The state after pressing one key. */
export function press(s: CalculatorState, key: CalculatorKey): CalculatorState {
  if (s.error) {
    // After an error any key starts again; a digit or the point also begins the new number.
    return isDigit(key) || key === '.' ? press(CALCULATOR_START, key) : CALCULATOR_START;
  }
  if (isDigit(key)) return typeDigit(s, key);
  if (OPERATORS.includes(key)) return chooseOperator(s, key as CalculatorOperator);
  switch (key) {
    case '.':
      return typePoint(s);
    case '=':
      return equals(s);
    case 'C':
      return CALCULATOR_START;
    case '⌫':
      return backspace(s);
    case '±':
      return changeSign(s);
    case '%':
      return percent(s);
    default:
      return s;
  }
}

/**
 * The calculator key for a keyboard key, or null when the key means nothing to the calculator.
 * Escape is deliberately left out: it closes the calculator.
 */
export function keyFor(event: { key: string }): CalculatorKey | null {
  const k = event.key;
  if (k.length === 1 && k >= '0' && k <= '9') return k as CalculatorKey;
  switch (k) {
    case '.':
    case ',':
      return '.';
    case '+':
      return '+';
    case '-':
    case '−':
      return '-';
    case '*':
    case 'x':
    case 'X':
    case '×':
      return '×';
    case '/':
    case '÷':
      return '÷';
    case 'Enter':
    case '=':
      return '=';
    case 'Backspace':
      return '⌫';
    case 'Delete':
    case 'c':
    case 'C':
      return 'C';
    case '%':
      return '%';
    default:
      return null;
  }
}

/** The number on the screen, or null when it shows an error. */
export function displayValue(s: CalculatorState): number | null {
  if (s.error) return null;
  const n = Number(s.display);
  if (!Number.isFinite(n)) return null;
  return n === 0 ? 0 : n;
}

/**
 * The number on the screen as a plain string to hand on ("12.5"), without a dangling point,
 * trailing decimal zeros or a minus zero; null on error. Typed digits are kept as typed.
 */
export function displayText(s: CalculatorState): string | null {
  if (s.error || displayValue(s) === null) return null;
  let text = s.display;
  if (!/e/i.test(text) && text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  if (/^-0*$/.test(text) || text === '') return '0';
  return text;
}

/**
 * The screen in words for a screen reader: "minus 12.5", "3 point" while a point was just
 * typed, "1.5 times 10 to the power 20" for exponent notation; the error words unchanged.
 */
export function spokenDisplay(s: CalculatorState): string {
  if (s.error) return s.display;
  const [mantissa, exponent] = s.display.split(/e/i);
  let words = signWords(mantissa);
  if (words.endsWith('.')) words = `${words.slice(0, -1)} point`;
  if (exponent !== undefined) {
    words += ` times 10 to the power ${signWords(exponent.replace(/^\+/, ''))}`;
  }
  return words;
}

/**
 * A number (finite) as the calculator writes a result: 12 significant digits at most, or as
 * many as asked (15 keeps every digit a student can type).
 */
export function formatNumber(n: number, precision = PRECISION): string {
  const rounded = Number(n.toPrecision(precision));
  if (rounded === 0) return '0';
  const size = Math.abs(rounded);
  if (size >= LARGE || size < SMALL) return rounded.toExponential();
  return plainDigits(rounded);
}

function signWords(text: string): string {
  return text.startsWith('-') ? `minus ${text.slice(1)}` : text;
}

function isDigit(key: string): boolean {
  return key.length === 1 && key >= '0' && key <= '9';
}

function digitCount(display: string): number {
  return display.replace(/[^0-9]/g, '').length;
}

function typeDigit(s: CalculatorState, digit: string): CalculatorState {
  if (s.fresh) return { ...s, display: digit, fresh: false, awaiting: false };
  if (s.display === '0') return { ...s, display: digit };
  if (s.display === '-0') return { ...s, display: `-${digit}` };
  if (digitCount(s.display) >= MAX_DIGITS) return s;
  return { ...s, display: s.display + digit };
}

function typePoint(s: CalculatorState): CalculatorState {
  if (s.fresh) return { ...s, display: '0.', fresh: false, awaiting: false };
  if (s.display.includes('.')) return s;
  return { ...s, display: `${s.display}.` };
}

function backspace(s: CalculatorState): CalculatorState {
  // A result is not something typed: there is nothing to take back.
  if (s.fresh) return s;
  const shorter = s.display.slice(0, -1);
  return { ...s, display: shorter === '' || shorter === '-' ? '0' : shorter };
}

function changeSign(s: CalculatorState): CalculatorState {
  // Right after an operator, the sign begins the right-hand number: 3 × ± 2 = gives -6.
  if (s.awaiting) return { ...s, display: '-0', fresh: false, awaiting: false };
  // A result that is zero stays zero; while typing, "-0" lets the next digit be negative.
  if (s.fresh && displayValue(s) === 0) return s;
  const display = s.display.startsWith('-') ? s.display.slice(1) : `-${s.display}`;
  return { ...s, display };
}

function percent(s: CalculatorState): CalculatorState {
  const value = displayValue(s) ?? 0;
  return result({ ...s, awaiting: false }, value / 100);
}

function chooseOperator(s: CalculatorState, operator: CalculatorOperator): CalculatorState {
  if (s.operator !== null && s.awaiting) return { ...s, operator };
  if (s.operator !== null && s.stored !== null) {
    const next = evaluate(s, s.stored, s.operator, displayValue(s) ?? 0);
    if (next.error) return next;
    return { ...next, stored: displayValue(next), operator, awaiting: true };
  }
  return {
    ...s,
    display: normalise(s.display),
    stored: displayValue(s),
    operator,
    fresh: true,
    awaiting: true,
  };
}

function equals(s: CalculatorState): CalculatorState {
  if (s.operator === null || s.stored === null) {
    return { ...s, display: normalise(s.display), fresh: true, awaiting: false };
  }
  // With no right-hand number typed, the left one is used again: 2 + = gives 4.
  return evaluate(s, s.stored, s.operator, displayValue(s) ?? 0);
}

/** Works out a op b: a result state with nothing pending, or an error. */
function evaluate(
  s: CalculatorState,
  a: number,
  operator: CalculatorOperator,
  b: number,
): CalculatorState {
  if (operator === '÷' && b === 0) return failed(DIVIDE_BY_ZERO);
  const value =
    operator === '+' ? a + b : operator === '-' ? a - b : operator === '×' ? a * b : a / b;
  return result({ ...s, stored: null, operator: null, awaiting: false }, value);
}

/** The state showing a computed value; too large a value is an error. */
function result(s: CalculatorState, value: number): CalculatorState {
  if (!Number.isFinite(value)) return failed(TOO_LARGE);
  return { ...s, display: formatNumber(value), fresh: true };
}

function failed(words: string): CalculatorState {
  return { ...CALCULATOR_START, display: words, fresh: true, error: true };
}

/** A typed number tidied once it is finished ("5." → "5", "-0" → "0"). */
function normalise(display: string): string {
  const value = Number(display);
  if (value === 0) return '0';
  return display.endsWith('.') ? display.slice(0, -1) : display;
}

/** A number's decimal digits written out in full, never with an exponent. */
function plainDigits(n: number): string {
  const [mantissa, exp] = n.toExponential().split('e');
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const e = Number(exp);
  let text: string;
  if (e < 0) {
    text = `0.${'0'.repeat(-e - 1)}${digits}`;
  } else if (digits.length <= e + 1) {
    text = digits + '0'.repeat(e + 1 - digits.length);
  } else {
    text = `${digits.slice(0, e + 1)}.${digits.slice(e + 1)}`;
  }
  return negative ? `-${text}` : text;
}
