import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { TextFormat } from '@exam/contracts';
import { RichTextComponent, richPlain } from './rich-text';

@Component({
  imports: [RichTextComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<exam-rich-text [text]="text()" [format]="format()" />`,
})
class Host {
  readonly text = signal('');
  readonly format = signal<TextFormat | undefined>(undefined);
}

describe('rich text', () => {
  let fixture: ComponentFixture<Host>;
  let el: HTMLElement;
  const show = async (text: string, format?: TextFormat) => {
    fixture.componentInstance.text.set(text);
    fixture.componentInstance.format.set(format);
    await fixture.whenStable();
    return el.querySelector('exam-rich-text') as HTMLElement;
  };

  beforeEach(() => {
    jest.spyOn(console, 'warn').mockImplementation(() => undefined); // Angular's "sanitizing HTML stripped some content"
    fixture = TestBed.createComponent(Host);
    el = fixture.nativeElement as HTMLElement;
  });

  it('shows plain text as typed: tags as text, line breaks kept', async () => {
    const box = await show('a <b>bold</b> claim\nline two');
    expect(box.querySelector('b')).toBeNull();
    const span = box.querySelector('.rt-plain') as HTMLElement;
    expect(span.textContent).toBe('a <b>bold</b> claim\nline two');
    // Shown with white-space: pre-line (the browser test sees the line break on screen).
    expect(span.classList).toContain('rt-plain');
  });

  it('shows HTML formatted, and Angular drops what slipped through', async () => {
    const box = await show(
      '<p>Which is <strong>largest</strong>?</p><img src="x" onerror="alert(1)"><a href="javascript:alert(1)">x</a><script>alert(1)</script>',
      'html',
    );
    expect(box.querySelector('strong')?.textContent).toBe('largest');
    expect(box.querySelector('img')?.getAttribute('onerror')).toBeNull();
    expect(box.querySelector('script')).toBeNull();
    expect(box.querySelector('a')?.getAttribute('href')).not.toMatch(/^javascript:/);
  });

  it('shows MathML as a formula, and still drops what must not run', async () => {
    const box = await show(
      '<p>Solve <math><mrow><msup><mi>x</mi><mn>2</mn></msup><mo>=</mo><mn>4</mn></mrow></math></p>' +
        '<math><mtext><script>alert(1)</script></mtext><maction actiontype="statusline" onclick="alert(2)"><mi>y</mi></maction></math>' +
        '<img src="x" onerror="alert(3)"><a href="javascript:alert(4)">x</a><svg onload="alert(5)"></svg>',
      'html',
    );
    expect(box.querySelector('msup mi')?.textContent).toBe('x');
    expect(box.querySelector('msup mn')?.textContent).toBe('2');
    expect(box.innerHTML).not.toMatch(/script|onclick|onerror|onload|javascript|svg/i);
  });

  it('renders Markdown, with raw HTML in it shown as text', async () => {
    const box = await show(
      '**bold** and *it*\n\n- one\n- two\n\n<img src=x onerror=alert(1)>',
      'markdown',
    );
    expect(box.querySelector('strong')?.textContent).toBe('bold');
    expect(box.querySelector('em')?.textContent).toBe('it');
    expect(box.querySelectorAll('li')).toHaveLength(2);
    expect(box.querySelector('img')).toBeNull();
    expect(box.textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('neutralises a javascript: link written in Markdown', async () => {
    const box = await show('[click](javascript:alert(1))', 'markdown');
    const href = box.querySelector('a')?.getAttribute('href') ?? '';
    expect(href).not.toMatch(/^javascript:/);
  });

  it('gives the words without formatting for options and hidden legends', () => {
    expect(richPlain('<p>The <b>capital</b></p>', 'html')).toBe('The capital');
    expect(richPlain('**The** capital', 'markdown')).toBe('The capital');
    expect(richPlain('a <b>', undefined)).toBe('a <b>');
  });
});
