/**
 * A question's texts as their author wrote them (see TextFormat): plain text shown as typed
 * with its line breaks; Markdown rendered by `marked` with any raw HTML in it shown as text;
 * HTML as the server cleaned it. Formatted text always reaches the page through Angular's
 * sanitised [innerHTML] binding (scripts, event handlers and javascript: URLs are dropped
 * there too, whatever the server let through).
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
  input,
  type PipeTransform,
} from '@angular/core';
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
export function richHtml(text: string, format: TextFormat | undefined): string | null {
  if (format === 'html') return text;
  if (format === 'markdown') return markdown.parse(text) as string;
  return null;
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
  template: `@if (html(); as h) {
      <div class="rich" [class.inline]="inline()" [innerHTML]="h"></div>
    } @else {
      <span class="plain">{{ text() }}</span>
    }`,
  styles: `
    :host {
      display: block;
      min-width: 0;
    }
    :host([inline]) {
      display: inline;
    }
    .plain {
      white-space: pre-line;
      overflow-wrap: anywhere;
    }
    .rich {
      overflow-wrap: anywhere;
    }
    .rich.inline {
      display: inline;
    }
    .rich.inline :is(p, div) {
      display: inline;
      margin: 0;
    }
    .rich :is(p, ul, ol, table, pre, blockquote):first-child {
      margin-top: 0;
    }
    .rich :is(p, ul, ol, table, pre, blockquote):last-child {
      margin-bottom: 0;
    }
    .rich img {
      max-width: 100%;
      height: auto;
    }
    .rich table {
      border-collapse: collapse;
      display: block;
      overflow-x: auto;
    }
    .rich :is(th, td) {
      border: 1px solid var(--border, #c8ccd2);
      padding: 0.25rem 0.5rem;
      text-align: left;
    }
    .rich pre {
      white-space: pre-wrap;
    }
  `,
})
export class RichTextComponent {
  readonly text = input.required<string>();
  readonly format = input<TextFormat | undefined>(undefined);
  readonly inline = input(false, { transform: booleanAttribute });
  protected readonly html = computed(() => richHtml(this.text(), this.format()));
}

/** `{{ q.prompt | plainText: q.format }}`: the words only (lists, titles, <option>s). */
@Pipe({ name: 'plainText' })
export class PlainTextPipe implements PipeTransform {
  transform(text: string, format: TextFormat | undefined): string {
    return richPlain(text, format);
  }
}
