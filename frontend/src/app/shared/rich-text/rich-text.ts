/**
 * A question's texts as their author wrote them (see TextFormat): plain text shown as typed
 * with its line breaks; Markdown rendered by `marked` with any raw HTML in it shown as text;
 * HTML as the server cleaned it. Formatted text reaches the page through Angular's sanitised
 * [innerHTML] binding (scripts, event handlers and javascript: URLs are dropped there too,
 * whatever the server let through). Angular's sanitiser knows no MathML and would leave a
 * formula as bare letters, so HTML holding `<math>` is cleaned here by DOMPurify instead
 * (its HTML and MathML profiles: the same kind of drop-list, MathML kept) and then bound as
 * it is.
 *
 *   <exam-rich-text [text]="q.prompt" [format]="q.format" />          (a block: the prompt)
 *   <exam-rich-text [text]="o.text" [format]="q.format" inline />     (inside a label)
 */
import {
  ChangeDetectionStrategy,
  Component,
  Pipe,
  booleanAttribute,
  computed,
  inject,
  input,
  ViewEncapsulation,
  type PipeTransform,
} from '@angular/core';
import { DomSanitizer, type SafeHtml } from '@angular/platform-browser';
import DOMPurify from 'dompurify';
import { Marked } from 'marked';
import type { TextFormat } from '@exam/contracts';

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const markdown = new Marked({
  gfm: true,
  async: false,
  // Raw HTML inside Markdown is text, not markup.
  renderer: { html: ({ text }) => escapeHtml(text) },
});

/** The HTML to show for a formatted text; null when it is plain. */
export function richHtml(
  text: string,
  format: TextFormat | undefined,
  inline = false,
): string | null {
  if (format === 'html') return text;
  if (format === 'markdown') {
    return (inline ? markdown.parseInline(text) : markdown.parse(text)) as string;
  }
  return null;
}

/** HTML that holds a formula (MathML). */
const HAS_MATH = /<math[\s>]/i;

/** HTML with MathML, cleaned in the browser for binding as it is (see the header). */
export function cleanMathHtml(html: string): string {
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true, mathMl: true },
    // Links open in a new tab (the server wrote target and rel on them).
    ADD_ATTR: ['target'],
  });
}

/** The words of a text without its formatting (an <option>, a hidden legend, a short list). */
export function richPlain(text: string, format: TextFormat | undefined): string {
  const html = richHtml(text, format);
  if (html === null) return text;
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return (doc.body.textContent ?? '').replace(/\s+/g, ' ').trim();
}

@Component({
  selector: 'exam-rich-text',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // Not encapsulated: the rules must reach the elements [innerHTML] creates (emulated
  // encapsulation only styles elements of this template). Every rule starts at the host.
  encapsulation: ViewEncapsulation.None,
  template: `@if (html(); as h) {
      <div class="rt-rich" [innerHTML]="h"></div>
    } @else {
      <span class="rt-plain">{{ text() }}</span>
    }`,
  styles: `
    exam-rich-text {
      display: block;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    /* A block stands where a <p> stood: the same space around it. */
    exam-rich-text:not([inline]) {
      margin-block: 1em;
    }
    exam-rich-text[inline],
    exam-rich-text[inline] .rt-rich {
      display: inline;
    }
    exam-rich-text .rt-plain {
      white-space: pre-line;
    }
    /* Formatted text lays itself out (a page's pre-line on the host must not add breaks). */
    exam-rich-text .rt-rich {
      white-space: normal;
    }
    exam-rich-text[inline] .rt-rich :is(p, div) {
      display: inline;
      margin: 0;
    }
    exam-rich-text .rt-rich > :first-child {
      margin-top: 0;
    }
    exam-rich-text .rt-rich > :last-child {
      margin-bottom: 0;
    }
    exam-rich-text .rt-rich img {
      max-width: 100%;
      height: auto;
    }
    exam-rich-text .rt-rich table {
      border-collapse: collapse;
      display: block;
      overflow-x: auto;
      margin: 0.5rem 0;
    }
    exam-rich-text .rt-rich :is(th, td) {
      border: 1px solid #c8ccd2;
      padding: 0.25rem 0.5rem;
      text-align: left;
    }
    exam-rich-text .rt-rich pre {
      white-space: pre-wrap;
    }
  `,
})
export class RichTextComponent {
  readonly text = input.required<string>();
  readonly format = input<TextFormat | undefined>(undefined);
  /** Inside a line (an option's label): no paragraphs of its own. */
  readonly inline = input(false, { transform: booleanAttribute });
  private readonly sanitizer = inject(DomSanitizer);
  protected readonly html = computed<string | SafeHtml | null>(() => {
    const html = richHtml(this.text(), this.format(), this.inline());
    if (html === null || this.format() !== 'html' || !HAS_MATH.test(html)) return html;
    return this.sanitizer.bypassSecurityTrustHtml(cleanMathHtml(html));
  });
}

/** `{{ q.prompt | plainText: q.format }}`: the words only (lists, titles, <option>s). */
@Pipe({ name: 'plainText' })
export class PlainTextPipe implements PipeTransform {
  transform(text: string, format: TextFormat | undefined): string {
    return richPlain(text, format);
  }
}
