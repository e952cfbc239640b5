/**
 * Formatted question text. A question's texts (prompt, options, items, matching sides) are
 * written in one format: plain (the default: shown as typed, line breaks kept), markdown
 * (stored as written; the pages render it with raw HTML escaped) or html (how Moodle exports
 * anything written in its editor). HTML is cleaned here, on the way in, with the maintained
 * `sanitize-html` and an allow-list: text formatting, lists, tables, images and links by
 * http(s) URL, MathML. Scripts, event handlers, `javascript:` URLs, SVG, frames, forms and
 * styles other than a few text properties are removed; the pages show the result through
 * Angular's sanitised binding as a second line of defence.
 */
import sanitizeHtml from 'sanitize-html';
import type { TextFormat } from '@exam/contracts';

const MATHML = [
  'math',
  'mi',
  'mn',
  'mo',
  'ms',
  'mtext',
  'mspace',
  'mrow',
  'mfrac',
  'msqrt',
  'mroot',
  'msub',
  'msup',
  'msubsup',
  'munder',
  'mover',
  'munderover',
  'mtable',
  'mtr',
  'mtd',
  'mstyle',
  'mpadded',
  'mphantom',
  'menclose',
  'semantics',
  'annotation',
];

/** The HTML elements of formatted text, MathML aside (the QTI export maps these too). */
export const TEXT_TAGS = [
  'p',
  'br',
  'hr',
  'div',
  'span',
  'b',
  'strong',
  'i',
  'em',
  'u',
  's',
  'strike',
  'del',
  'ins',
  'mark',
  'small',
  'sub',
  'sup',
  'code',
  'pre',
  'kbd',
  'blockquote',
  'q',
  'cite',
  'abbr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'caption',
  'colgroup',
  'col',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'a',
  'img',
  'figure',
  'figcaption',
];

/** Colours as Moodle's editor writes them (#rgb, #rrggbb, rgb(), a name). */
const COLOUR = [/^#[0-9a-f]{3,8}$/i, /^rgba?\([\d\s.,%]+\)$/i, /^[a-z]{3,20}$/i];

/** Where an image may come from: the web, or /api/v1/media/<id> (question-media.ts). */
const IMAGE_SRC = /^(?:https?:\/\/\S+|\/api\/v1\/media\/[0-9a-z-]{1,64})$/i;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...TEXT_TAGS, ...MATHML],
  allowedAttributes: {
    '*': ['title', 'lang', 'dir', 'style'],
    a: ['href', 'title'],
    img: ['src', 'alt', 'width', 'height'],
    td: ['colspan', 'rowspan', 'align'],
    th: ['colspan', 'rowspan', 'align', 'scope'],
    col: ['span'],
    ol: ['start', 'type'],
    math: ['display', 'xmlns'],
    mo: ['stretchy', 'fence', 'separator', 'form'],
    mfrac: ['linethickness'],
    mtd: ['columnspan', 'rowspan'],
    annotation: ['encoding'],
  },
  allowedStyles: {
    '*': {
      color: COLOUR,
      'background-color': COLOUR,
      'text-align': [/^(left|right|center|justify)$/],
      'font-weight': [/^(normal|bold|bolder|lighter|\d{3})$/],
      'font-style': [/^(normal|italic)$/],
      'text-decoration': [/^[a-z\s-]+$/],
      'vertical-align': [/^(baseline|sub|super|top|middle|bottom)$/],
    },
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  // Links leave the exam page in a new tab, never with access to it.
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer' }),
  },
  // An image comes from an http(s) URL or from this server's media store (images imported
  // with a question); any other source (a relative path, a missing src) drops the image.
  exclusiveFilter: (frame) => frame.tag === 'img' && !IMAGE_SRC.test(frame.attribs['src'] ?? ''),
  // Whatever is not allowed goes, its text stays (a <font> keeps its words); the contents
  // of these go too (a script's code is not text for the student).
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'svg'],
};
// target/rel are written by the transform; allow them on <a> only for that.
(OPTIONS.allowedAttributes as Record<string, string[]>)['a'].push('target', 'rel');

/** Plain text written into HTML as text: `&`, `<` and `>` escaped. */
export function escapeHtmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** HTML as the allow-list keeps it (every format's texts pass here when the format is html). */
export function sanitizeQuestionHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}

/** The formatted text fields of a question definition (where HTML may appear). */
const TEXT_FIELDS = ['prompt', 'generalFeedback', 'feedbackTrue', 'feedbackFalse'] as const;
const OPTION_LISTS = ['options', 'items', 'left', 'right'] as const;

/** An object (untrusted) with the named string fields cleaned; anything else as it was. */
function cleanFields(o: unknown, fields: readonly string[]): unknown {
  if (!o || typeof o !== 'object' || Array.isArray(o)) return o;
  const src = o as Record<string, unknown>;
  const out: Record<string, unknown> = { ...src };
  for (const f of fields) {
    const v = src[f];
    if (typeof v === 'string') out[f] = sanitizeQuestionHtml(v);
  }
  return out;
}

/**
 * A raw question definition (untrusted, before validation) with every text of an html-format
 * question cleaned. Anything that is not the expected shape is left for validation to report.
 */
export function sanitizeRawQuestion(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const q = raw as Record<string, unknown>;
  if (q['format'] !== 'html') return raw;
  const out: Record<string, unknown> = { ...q };
  for (const field of TEXT_FIELDS) {
    if (typeof q[field] === 'string') out[field] = sanitizeQuestionHtml(q[field]);
  }
  for (const list of OPTION_LISTS) {
    const items = q[list];
    if (!Array.isArray(items)) continue;
    out[list] = items.map((o: unknown) => cleanFields(o, ['text', 'feedback']));
  }
  // Accepted answers are matched as typed: only their feedback is formatted text.
  if (Array.isArray(q['acceptedAnswers'])) {
    out['acceptedAnswers'] = q['acceptedAnswers'].map((a: unknown) => cleanFields(a, ['feedback']));
  }
  return out;
}

const BLOCK_END = /<\/(p|div|li|td|th|tr|h[1-6]|blockquote|pre)>|<br\s*\/?>/gi;

/**
 * The words of a text without its formatting, for places that show text only (exports, an
 * answer written out, a list of questions): tags go, entities are decoded, blocks are
 * separated by a space. Markdown and plain text are readable as written.
 */
export function plainText(text: string, format: TextFormat | undefined): string {
  if (format !== 'html') return text;
  const stripped = sanitizeHtml(text.replace(BLOCK_END, ' '), {
    allowedTags: [],
    allowedAttributes: {},
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'math'],
  });
  return stripped
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
