/**
 * A question's texts in QTI and back. QTI content is XHTML in the QTI namespace (a subset of
 * HTML5) with MathML in its own namespace:
 *
 * - plain text is written as text, each line break as `<br/>`;
 * - markdown is rendered to HTML by `marked` first (raw HTML in it escaped, as the pages
 *   show it), then written like html;
 * - html (already cleaned by the allow-list) is read with the XML parser and written back
 *   element by element, so the result is well-formed; elements QTI does not have become a
 *   `<span>` (`<u>`/`<ins>`: `class="qti-underline"`, from QTI's shared CSS vocabulary), and
 *   attributes QTI does not have (`style`, `title`, `target`, `rel`, `align`, a list's
 *   `start`/`type`) are left out.
 *
 * Read back, a text that is only words and `<br/>` is plain text; anything else is HTML,
 * which the question parser cleans with the same allow-list as any HTML on the way in.
 */
import { Marked } from 'marked';
import type { TextFormat } from '@exam/contracts';
import { TEXT_TAGS, plainText, sanitizeQuestionHtml } from '../rich-text';
import { el, isElement, parseXml, XmlReadError, type XmlElement, type XmlNode } from './xml';

export const MATHML_NS = 'http://www.w3.org/1998/Math/MathML';

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The same Markdown as the pages render (frontend rich-text.ts): GFM, raw HTML as text. */
const markdown = new Marked({
  gfm: true,
  async: false,
  renderer: { html: ({ text }) => escapeHtml(text) },
});

/**
 * Elements of QTI's HTML subset that our allow-list also has: all of it but the strike-out,
 * insertion and highlight elements, which QTI lacks (underline is written as a span).
 */
const NOT_IN_QTI = new Set(['u', 's', 'strike', 'del', 'ins', 'mark']);
const QTI_HTML = new Set(TEXT_TAGS.filter((t) => !NOT_IN_QTI.has(t)));
const UNDERLINE = new Set(['u', 'ins']);
/** Attributes QTI's HTML elements take, by element ('*': any). */
const QTI_ATTRS: Record<string, string[]> = {
  '*': ['dir'],
  a: ['href'],
  img: ['src', 'alt', 'width', 'height'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan', 'scope'],
  col: ['span'],
  colgroup: ['span'],
};

function toQtiElement(e: XmlElement, inMath: boolean): XmlNode[] {
  const kids = (math: boolean) => e.children.flatMap((c) => toQtiNode(c, math));
  if (e.name === 'math' || inMath) {
    // MathML keeps its own elements and attributes, in its namespace.
    const attrs = { ...e.attrs };
    delete attrs['xmlns'];
    if (e.name === 'math') attrs['xmlns'] = MATHML_NS;
    return [{ name: e.name, attrs, children: kids(true) }];
  }
  if (UNDERLINE.has(e.name)) return [el('span', { class: 'qti-underline' }, kids(false))];
  if (!QTI_HTML.has(e.name)) return [el('span', {}, kids(false))];
  const allowed = [...QTI_ATTRS['*'], ...(QTI_ATTRS[e.name] ?? [])];
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(e.attrs)) {
    if (allowed.includes(k)) attrs[k] = v;
    else if (k === 'lang') attrs['xml:lang'] = v;
  }
  return [{ name: e.name, attrs, children: kids(false) }];
}

function toQtiNode(n: XmlNode, inMath: boolean): XmlNode[] {
  return isElement(n) ? toQtiElement(n, inMath) : [n];
}

/** Cleaned HTML as QTI content nodes; text only if it cannot be read as XML. */
export function htmlToQti(html: string): XmlNode[] {
  const clean = sanitizeQuestionHtml(html);
  try {
    return parseXml(`<x>${clean}</x>`).children.flatMap((c) => toQtiNode(c, false));
  } catch (e) {
    if (!(e instanceof XmlReadError)) throw e;
    return [plainText(clean, 'html')];
  }
}

/** Markdown as the pages render it (`inline`: without paragraphs, as an option). */
export function renderMarkdown(text: string, inline = false): string {
  return (inline ? markdown.parseInline(text) : markdown.parse(text)) as string;
}

/** Plain text with its line breaks as `<br/>`. */
export function plainToQti(text: string): XmlNode[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  return lines.flatMap((l, i) => (i === 0 ? [l] : [el('br'), l])).filter((n) => n !== '');
}

/**
 * A text in the question's format as QTI content. `inline` for option texts (Markdown
 * without paragraphs, as the pages show an option).
 */
export function textToQti(text: string, format: TextFormat | undefined, inline = false): XmlNode[] {
  switch (format ?? 'plain') {
    case 'plain':
      return plainToQti(text);
    case 'markdown':
      return htmlToQti((inline ? markdown.parseInline(text) : markdown.parse(text)) as string);
    case 'html':
      return htmlToQti(text);
  }
  return plainToQti(text);
}

/* ---------- reading ---------- */

const VOID = new Set(['br', 'hr', 'img', 'col']);

function htmlOf(n: XmlNode, inPre = false): string {
  if (typeof n === 'string') {
    // Indentation of the XML file is layout (outside <pre>): one line break is kept.
    const text = inPre ? n : n.replace(/[^\S\n]*\n\s*/g, '\n');
    return escapeHtml(text).replace(/&quot;/g, '"');
  }
  let name = n.name;
  const attrs = { ...n.attrs };
  if (name === 'span' && (attrs['class'] ?? '').split(/\s+/).includes('qti-underline')) {
    name = 'u';
  }
  delete attrs['class'];
  const a = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${escapeHtml(v)}"`)
    .join('');
  if (VOID.has(name)) return `<${name}${a} />`;
  const pre = inPre || name === 'pre';
  return `<${name}${a}>${n.children.map((c) => htmlOf(c, pre)).join('')}</${name}>`;
}

/** What a piece of QTI content says: plain text (words and line breaks only) or HTML. */
export interface ReadText {
  text: string;
  html: boolean;
}

/** Text nodes at either end that are only layout whitespace are not content. */
function trimNodes(nodes: XmlNode[]): XmlNode[] {
  let a = 0;
  let z = nodes.length;
  while (a < z && typeof nodes[a] === 'string' && !(nodes[a] as string).trim()) a++;
  while (z > a && typeof nodes[z - 1] === 'string' && !(nodes[z - 1] as string).trim()) z--;
  return nodes.slice(a, z);
}

export function readContent(raw: XmlNode[]): ReadText {
  let nodes = trimNodes(raw);
  // One wrapping <div> (how we write a prompt) is not part of the text.
  const only = nodes.length === 1 ? nodes[0] : undefined;
  if (only && isElement(only) && only.name === 'div' && !Object.keys(only.attrs).length) {
    nodes = trimNodes(only.children);
  }
  const plain = nodes.every(
    (n) => typeof n === 'string' || (n.name === 'br' && !n.children.length),
  );
  if (plain) {
    // Line breaks and indentation inside the XML are layout; <br/> is a line break.
    const text = nodes
      .map((n) => (typeof n === 'string' ? n.replace(/[^\S\n]*\n\s*/g, ' ') : '\n'))
      .join('')
      .trim();
    return { text, html: false };
  }
  return {
    text: nodes
      .map((n) => htmlOf(n))
      .join('')
      .trim(),
    html: true,
  };
}

/** A read text in an HTML question: plain text escaped, line breaks as <br />. */
export function asHtml(t: ReadText): string {
  return t.html ? t.text : escapeHtml(t.text).replace(/\n/g, '<br />');
}
