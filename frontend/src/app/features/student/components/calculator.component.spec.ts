/** The exam calculator component: the keypad, typing from the keyboard, using the number, closing. */
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { CalculatorComponent } from './calculator.component';

describe('CalculatorComponent', () => {
  let fixture: ComponentFixture<CalculatorComponent>;
  let el: HTMLElement;

  const section = () => el.querySelector<HTMLElement>('[data-testid=calculator]')!;
  const display = () =>
    (el.querySelector('[data-testid=calc-display]')?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const pending = () =>
    (el.querySelector('[data-testid=calc-pending]')?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const key = (id: string) => el.querySelector<HTMLButtonElement>(`[data-testid=calc-key-${id}]`)!;
  const useButton = () => el.querySelector<HTMLButtonElement>('[data-testid=calc-use]')!;

  async function click(...ids: string[]): Promise<void> {
    for (const id of ids) key(id).click();
    await fixture.whenStable();
  }

  /** Dispatches a keydown on `target` (the section by default); true when it was not prevented. */
  async function type(
    keyName: string,
    target: HTMLElement = section(),
    init: KeyboardEventInit = {},
  ): Promise<boolean> {
    const event = new KeyboardEvent('keydown', {
      key: keyName,
      bubbles: true,
      cancelable: true,
      ...init,
    });
    target.dispatchEvent(event);
    await fixture.whenStable();
    return !event.defaultPrevented;
  }

  beforeEach(async () => {
    fixture = TestBed.createComponent(CalculatorComponent);
    el = fixture.nativeElement as HTMLElement;
    document.body.appendChild(el);
    await fixture.whenStable();
  });

  afterEach(() => el.remove());

  it('shows a labelled group with a visible heading, a display at 0 and the keypad', () => {
    const group = section();
    expect(group.tagName).toBe('SECTION');
    expect(group.getAttribute('role')).toBe('group');
    const heading = el.querySelector('h3')!;
    expect(heading.textContent?.trim()).toBe('Calculator');
    expect(heading.classList.contains('visually-hidden')).toBe(false);
    expect(group.getAttribute('aria-labelledby')).toBe(heading.id);
    const out = el.querySelector('output[data-testid=calc-display]')!;
    expect(out.getAttribute('aria-live')).toBe('polite');
    expect(display()).toBe('0');
    const keys = el.querySelectorAll<HTMLButtonElement>('.keys button');
    expect(keys.length).toBe(20);
    for (const b of Array.from(el.querySelectorAll('button'))) expect(b.type).toBe('button');
  });

  it('takes its heading from the label input', async () => {
    fixture.componentRef.setInput('label', 'Scratch calculator');
    await fixture.whenStable();
    expect(el.querySelector('h3')?.textContent?.trim()).toBe('Scratch calculator');
  });

  it('lays the keypad out row by row like a pocket calculator', () => {
    const glyphs = Array.from(el.querySelectorAll('.keys button')).map((b) =>
      (b.querySelector('[aria-hidden=true]') ?? b).textContent?.trim(),
    );
    expect(glyphs).toEqual(
      ['7', '8', '9', '÷', '4', '5', '6', '×', '1', '2', '3', '−'].concat([
        '0',
        '.',
        '±',
        '+',
        'C',
        '⌫',
        '%',
        '=',
      ]),
    );
  });

  it('computes with the buttons: 12 ÷ 4 = shows 3', async () => {
    await click('1', '2', 'divide');
    expect(display()).toBe('12');
    expect(pending()).toContain('12 ÷');
    expect(pending()).toContain('12 divided by');
    await click('4', 'equals');
    expect(display()).toBe('3');
    expect(pending()).toBe('');
  });

  it('chains, changes sign, takes percent and clears with the buttons', async () => {
    await click('2', 'plus', '3', 'multiply', '4', 'equals');
    expect(display()).toBe('20');
    await click('clear');
    expect(display()).toBe('0');
    await click('5', '0', 'percent');
    expect(display()).toBe('0.5');
    await click('clear', '7', '8', 'delete');
    expect(display()).toBe('7');
  });

  it('reads a negative number in words', async () => {
    await click('1', '2', 'point', '5', 'sign');
    const out = el.querySelector('[data-testid=calc-display]')!;
    expect(out.querySelector('[aria-hidden=true]')?.textContent?.trim()).toBe('-12.5');
    expect(out.querySelector('.visually-hidden')?.textContent?.trim()).toBe('minus 12.5');
  });

  it('types from the keyboard when the focus is inside: "7*6" then Enter shows 42', async () => {
    fixture.componentInstance.focus();
    expect(document.activeElement).toBe(section());
    for (const k of ['7', '*', '6']) expect(await type(k)).toBe(false);
    expect(display()).toBe('6');
    expect(await type('Enter')).toBe(false);
    expect(display()).toBe('42');
  });

  it('takes keys typed while a button has the focus, too', async () => {
    const seven = key('7');
    seven.focus();
    await type('9', seven);
    await type('/', seven);
    await type('3', seven);
    await type('=', seven);
    expect(display()).toBe('3');
    await type('Backspace', seven);
    await type('c', seven);
    expect(display()).toBe('0');
  });

  it('leaves Enter on a focused button to press that button', async () => {
    await click('4', 'plus', '5');
    const four = key('4');
    four.focus();
    expect(await type('Enter', four)).toBe(true);
    expect(display()).toBe('5');
  });

  it('lets Tab, shortcuts and unknown keys through', async () => {
    await click('8');
    expect(await type('Tab')).toBe(true);
    expect(await type('Tab', section(), { shiftKey: true })).toBe(true);
    expect(await type('c', section(), { ctrlKey: true })).toBe(true);
    expect(await type('a')).toBe(true);
    expect(display()).toBe('8');
  });

  it('Escape emits closed, and so does the Close button', async () => {
    let closed = 0;
    fixture.componentInstance.closed.subscribe(() => closed++);
    await click('5');
    expect(await type('Escape')).toBe(true);
    expect(closed).toBe(1);
    expect(display()).toBe('5');
    const close = el.querySelector<HTMLButtonElement>('[data-testid=calc-close]')!;
    expect(close.textContent?.replace(/\s+/g, ' ').trim()).toBe('Close calculator');
    close.click();
    expect(closed).toBe(2);
  });

  it('"Use this number" emits the number shown as a plain string', async () => {
    const used: string[] = [];
    fixture.componentInstance.use.subscribe((v) => used.push(v));
    expect(useButton().textContent?.trim()).toBe('Use this number');
    expect(useButton().classList.contains('btn-primary')).toBe(true);
    await click('1', '2', 'point', '5', 'point');
    useButton().click();
    await click('clear', '1', 'point');
    useButton().click();
    await click('clear', 'point', '1', 'plus', 'point', '2', 'equals');
    useButton().click();
    expect(used).toEqual(['12.5', '1', '0.3']);
  });

  it('shows division by zero in words and disables "Use this number" until the next key', async () => {
    const used: string[] = [];
    fixture.componentInstance.use.subscribe((v) => used.push(v));
    await click('5', 'divide', '0', 'equals');
    expect(display()).toBe('Cannot divide by zero');
    expect(useButton().disabled).toBe(true);
    useButton().click();
    expect(used).toEqual([]);
    await click('7');
    expect(display()).toBe('7');
    expect(useButton().disabled).toBe(false);
  });

  it('names every key in words where the glyph alone is unclear', () => {
    const names: Record<string, string> = {
      divide: 'divide',
      multiply: 'multiply',
      minus: 'minus',
      plus: 'plus',
      equals: 'equals',
      point: 'decimal point',
      sign: 'change sign',
      clear: 'clear',
      delete: 'delete last digit',
      percent: 'percent',
    };
    for (const [id, words] of Object.entries(names)) {
      const b = key(id);
      expect(b.textContent).toContain(words);
      expect(b.querySelector('.visually-hidden')?.textContent?.trim()).toBe(words);
      expect(b.querySelector('[aria-hidden=true]')?.textContent?.trim()).toBeTruthy();
    }
    for (const d of '0123456789') expect(key(d).textContent?.trim()).toBe(d);
  });
});
