/** The exam calculator's state machine: typing, chaining, equals, the commands and the keyboard. */
import {
  CALCULATOR_START,
  DIVIDE_BY_ZERO,
  TOO_LARGE,
  displayText,
  displayValue,
  formatNumber,
  keyFor,
  press,
  spokenDisplay,
  type CalculatorKey,
  type CalculatorState,
} from './calculator';

/** Presses each character of `keys` in turn ("12÷4=" is five presses). */
function run(keys: string, from: CalculatorState = CALCULATOR_START): CalculatorState {
  return [...keys].reduce((s, k) => press(s, k as CalculatorKey), from);
}

const shown = (keys: string): string => run(keys).display;

describe('calculator', () => {
  describe('typing numbers', () => {
    it('starts at 0 with nothing pending', () => {
      expect(CALCULATOR_START).toEqual(
        expect.objectContaining({ display: '0', stored: null, operator: null, error: false }),
      );
      expect(displayValue(CALCULATOR_START)).toBe(0);
    });

    it('replaces the leading zero and appends digits', () => {
      expect(shown('0')).toBe('0');
      expect(shown('007')).toBe('7');
      expect(shown('123')).toBe('123');
    });

    it('types decimals, starting with "0." and ignoring a second point', () => {
      expect(shown('.')).toBe('0.');
      expect(shown('.5')).toBe('0.5');
      expect(shown('3.14')).toBe('3.14');
      expect(shown('3.1.4')).toBe('3.14');
      expect(shown('1..')).toBe('1.');
      expect(shown('0.05')).toBe('0.05');
    });

    it('takes at most 15 digits', () => {
      expect(shown('1234567890123456789')).toBe('123456789012345');
      expect(shown('0.12345678901234567')).toBe('0.12345678901234');
      expect(shown('12345678901234.56')).toBe('12345678901234.5');
      // The point and the sign do not count as digits.
      expect(shown('±123456789012345')).toBe('-123456789012345');
    });

    it('does not change the state object it was given', () => {
      const before = run('12+');
      const copy = { ...before };
      press(before, '3');
      press(before, 'C');
      expect(before).toEqual(copy);
      expect(Object.isFrozen(CALCULATOR_START)).toBe(true);
    });
  });

  describe('operations', () => {
    it('does each of the four operations', () => {
      expect(shown('2+3=')).toBe('5');
      expect(shown('2-3=')).toBe('-1');
      expect(shown('6×7=')).toBe('42');
      expect(shown('12÷4=')).toBe('3');
      expect(shown('1÷8=')).toBe('0.125');
    });

    it('chains left to right like a pocket calculator', () => {
      expect(shown('2+3×4=')).toBe('20');
      expect(shown('10-2-3=')).toBe('5');
      expect(shown('100÷4÷5=')).toBe('5');
    });

    it('shows the running result when the next operator is pressed', () => {
      const s = run('2+3×');
      expect(s.display).toBe('5');
      expect(s.stored).toBe(5);
      expect(s.operator).toBe('×');
    });

    it('replaces the operator when another one is pressed straight after', () => {
      expect(shown('8+-×2=')).toBe('16');
      expect(shown('8×÷2=')).toBe('4');
      const s = run('8+-');
      expect(s.operator).toBe('-');
      expect(s.stored).toBe(8);
    });

    it('uses the left number again when = comes straight after an operator', () => {
      expect(shown('2+=')).toBe('4');
      expect(shown('3×=')).toBe('9');
    });

    it('keeps the display on = with no operator', () => {
      expect(shown('=')).toBe('0');
      expect(shown('12.5=')).toBe('12.5');
      expect(shown('12.5==')).toBe('12.5');
      expect(shown('5.=')).toBe('5');
    });

    it('starts a new number after a result, or carries the result into an operation', () => {
      expect(shown('2+3=7')).toBe('7');
      expect(shown('2+3=7+1=')).toBe('8');
      expect(shown('2+3=×2=')).toBe('10');
      expect(shown('2+3=.5')).toBe('0.5');
      expect(run('2+3=').operator).toBeNull();
    });

    it('works with decimals and negative numbers', () => {
      expect(shown('1.5×4=')).toBe('6');
      expect(shown('2.5-7.5=')).toBe('-5');
      expect(shown('5±×3=')).toBe('-15');
    });
  });

  describe('float noise and number format', () => {
    it('rounds results to 12 significant digits', () => {
      expect(shown('.1+.2=')).toBe('0.3');
      expect(shown('1.1×1.1=')).toBe('1.21');
      expect(shown('.3-.1=')).toBe('0.2');
      expect(shown('1÷3=')).toBe('0.333333333333');
      expect(shown('2÷3=')).toBe('0.666666666667');
    });

    it('writes ordinary numbers without an exponent', () => {
      expect(shown('123456789×1000=')).toBe('123456789000');
      expect(shown('1÷4000=')).toBe('0.00025');
      expect(shown('1÷100000=')).toBe('0.00001');
      expect(formatNumber(1e14)).toBe('100000000000000');
      expect(formatNumber(-0.000005)).toBe('-0.000005');
      expect(formatNumber(-0)).toBe('0');
      expect(formatNumber(123456789012345)).toBe('123456789012000');
      expect(formatNumber(123456789012345, 15)).toBe('123456789012345');
    });

    it('may write very large and very small results with an exponent', () => {
      expect(shown('100000000×100000000=')).toBe('1e+16');
      expect(shown('1÷100000000=')).toBe('1e-8');
      expect(formatNumber(1.5e20)).toBe('1.5e+20');
      expect(displayValue(run('100000000×100000000='))).toBe(1e16);
    });
  });

  describe('backspace, sign and percent', () => {
    it('backspace removes the last typed character, down to 0', () => {
      expect(shown('123⌫')).toBe('12');
      expect(shown('1.5⌫')).toBe('1.');
      expect(shown('1.5⌫⌫')).toBe('1');
      expect(shown('7⌫')).toBe('0');
      expect(shown('7⌫⌫')).toBe('0');
      expect(shown('±7⌫')).toBe('0');
    });

    it('backspace leaves a result alone', () => {
      expect(shown('12+3=⌫')).toBe('15');
      expect(shown('12+⌫3=')).toBe('15');
    });

    it('changes the sign of the number typed, back and forth', () => {
      expect(shown('5±')).toBe('-5');
      expect(shown('5±±')).toBe('5');
      expect(shown('1.5±')).toBe('-1.5');
      expect(displayValue(run('12.5±'))).toBe(-12.5);
    });

    it('lets the sign come first, for a negative number', () => {
      expect(shown('±')).toBe('-0');
      expect(shown('±5')).toBe('-5');
      expect(displayValue(run('±'))).toBe(0);
      // Straight after an operator, the sign starts the right-hand number.
      expect(shown('3×±2=')).toBe('-6');
    });

    it('changes the sign of a result, but not of a zero result', () => {
      expect(shown('2+3=±')).toBe('-5');
      expect(shown('2-2=±')).toBe('0');
    });

    it('percent divides by 100', () => {
      expect(shown('50%')).toBe('0.5');
      expect(shown('7%')).toBe('0.07');
      expect(shown('200+10%=')).toBe('200.1');
      expect(shown('200×10%=')).toBe('20');
      expect(shown('50%5')).toBe('5');
    });
  });

  describe('errors and clearing', () => {
    it('division by zero gives an error in words', () => {
      const s = run('5÷0=');
      expect(s.error).toBe(true);
      expect(s.display).toBe(DIVIDE_BY_ZERO);
      expect(s.display).toBe('Cannot divide by zero');
      expect(displayValue(s)).toBeNull();
      expect(displayText(s)).toBeNull();
      expect(spokenDisplay(s)).toBe('Cannot divide by zero');
    });

    it('a chained division by zero is an error too', () => {
      expect(run('5÷0+').error).toBe(true);
      expect(run('5÷0.0=').error).toBe(true);
      expect(run('0÷0=').error).toBe(true);
    });

    it('any key after an error starts again', () => {
      const err = run('5÷0=');
      expect(press(err, 'C')).toEqual(CALCULATOR_START);
      expect(press(err, '+')).toEqual(CALCULATOR_START);
      expect(press(err, '=')).toEqual(CALCULATOR_START);
      expect(press(err, '⌫')).toEqual(CALCULATOR_START);
      expect(press(err, '7').display).toBe('7');
      expect(press(err, '.').display).toBe('0.');
      expect(run('7+1=', err).display).toBe('8');
    });

    it('a result too large to hold is an error', () => {
      const big = '9'.repeat(15);
      let s = CALCULATOR_START;
      for (let i = 0; i < 30 && !s.error; i++) s = run(`${big}×`, s);
      expect(s.error).toBe(true);
      expect(s.display).toBe(TOO_LARGE);
    });

    it('C clears everything', () => {
      expect(run('12+3C')).toEqual(CALCULATOR_START);
      expect(shown('12+3C4=')).toBe('4');
    });
  });

  describe('reading the display', () => {
    it('displayValue is the number shown', () => {
      expect(displayValue(run('12.5'))).toBe(12.5);
      expect(displayValue(run('3.'))).toBe(3);
      expect(displayValue(run('12+'))).toBe(12);
    });

    it('displayText is the number as a plain string to hand on', () => {
      expect(displayText(run('12.5'))).toBe('12.5');
      expect(displayText(run('12.50'))).toBe('12.5');
      expect(displayText(run('3.'))).toBe('3');
      expect(displayText(run('100'))).toBe('100');
      expect(displayText(run('±'))).toBe('0');
      expect(displayText(run('±0.0'))).toBe('0');
      expect(displayText(run('12.5±'))).toBe('-12.5');
      expect(displayText(run('123456789012345'))).toBe('123456789012345');
    });

    it('spokenDisplay reads signs, a dangling point and exponents in words', () => {
      expect(spokenDisplay(run('12.5±'))).toBe('minus 12.5');
      expect(spokenDisplay(run('42'))).toBe('42');
      expect(spokenDisplay(run('3.'))).toBe('3 point');
      expect(spokenDisplay(run('100000000×100000000='))).toBe('1 times 10 to the power 16');
      expect(spokenDisplay(run('1÷100000000='))).toBe('1 times 10 to the power minus 8');
    });
  });

  describe('keyboard keys', () => {
    const map = (key: string) => keyFor({ key });

    it('maps digits and the point (a comma too)', () => {
      for (const d of '0123456789') expect(map(d)).toBe(d);
      expect(map('.')).toBe('.');
      expect(map(',')).toBe('.');
    });

    it('maps the operators', () => {
      expect(map('+')).toBe('+');
      expect(map('-')).toBe('-');
      expect(map('*')).toBe('×');
      expect(map('x')).toBe('×');
      expect(map('/')).toBe('÷');
      expect(map('%')).toBe('%');
    });

    it('maps equals, backspace and clear', () => {
      expect(map('Enter')).toBe('=');
      expect(map('=')).toBe('=');
      expect(map('Backspace')).toBe('⌫');
      expect(map('Delete')).toBe('C');
      expect(map('c')).toBe('C');
      expect(map('C')).toBe('C');
    });

    it('leaves Escape (it closes the calculator) and other keys alone', () => {
      for (const k of ['Escape', 'Tab', ' ', 'a', 'ArrowLeft', 'F5', 'Shift', '']) {
        expect(map(k)).toBeNull();
      }
    });

    it('typing through the key map computes', () => {
      const s = [...'7*6', 'Enter'].reduce<CalculatorState>((acc, key) => {
        const k = keyFor({ key });
        return k ? press(acc, k) : acc;
      }, CALCULATOR_START);
      expect(s.display).toBe('42');
    });
  });
});
