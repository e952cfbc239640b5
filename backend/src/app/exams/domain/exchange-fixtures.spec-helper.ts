/**
 * Questions for the export/import specs (unit and HTTP): tricky text in every field of every
 * type, and what each format cannot carry, so a round trip can be compared exactly.
 */
import type { NumericAccepted, QuestionDefinition } from '@exam/contracts';
import { renderMarkdown } from './qti/qti-text';
import { parseQuestion } from './question-schema';
import { plainText } from './rich-text';

/** A valid question as the server stores it (html cleaned, texts trimmed). */
export function valid(q: unknown): QuestionDefinition {
  const r = parseQuestion(q);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.question;
}

const letters = (i: number) => String.fromCharCode(97 + i);
const collapse = (s: string) =>
  s
    .split('\n')
    .map((l) => l.replace(/\s\s+/g, ' '))
    .join('\n')
    .trim();
const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * `q` as it must come back from GIFT: only what GIFT cannot carry is changed, each named here.
 * - points: GIFT has none (imported questions get 1);
 * - ids: options are named a, b, c...; matching sides l1.. and r1.. (right: in the order the
 *   pairs use them, then the distractors);
 * - `format: plain` is the default and not written back;
 * - plain text: runs of spaces become one (gift-pegjs; Moodle keeps them);
 * - single choice: a negative mark of 0 is no negative mark;
 * - true/false: negative marking; multiple response: all-or-nothing;
 * - short text: case sensitivity, accent folding, length limit; `wildcards` only where an
 *   answer has a `*`;
 * - numeric: unit; a relative tolerance becomes the absolute one it means;
 * - essay: word limit, grading notes;
 * - matching in html: the right-hand sides are plain text (their words, escaped).
 */
export function giftCarries(q: QuestionDefinition): QuestionDefinition {
  const format = q.format === 'plain' ? undefined : q.format;
  const t = (s: string) => (format ? s : collapse(s));
  const fb = (f: string | undefined) => (f === undefined ? {} : { feedback: t(f) });
  const x = q as QuestionDefinition & {
    generalFeedback?: string;
    feedbackTrue?: string;
    feedbackFalse?: string;
  };
  const base = {
    prompt: t(q.prompt),
    points: 1,
    ...(format ? { format } : {}),
    ...(q.name ? { name: q.name } : {}),
    ...(q.tags?.length ? { tags: q.tags } : {}),
    ...(x.generalFeedback ? { generalFeedback: t(x.generalFeedback) } : {}),
  };
  switch (q.type) {
    case 'single_choice': {
      const { negativeMarkPercent: neg } = q;
      return {
        ...base,
        type: q.type,
        options: q.options.map((o, i) => ({
          id: letters(i),
          text: t(o.text),
          ...fb(o.feedback),
          ...(o.creditPercent !== undefined ? { creditPercent: o.creditPercent } : {}),
        })),
        correctOptionId: letters(q.options.findIndex((o) => o.id === q.correctOptionId)),
        ...(neg ? { negativeMarkPercent: neg } : {}),
      };
    }
    case 'true_false':
      return {
        ...base,
        type: q.type,
        correct: q.correct,
        ...(x.feedbackTrue ? { feedbackTrue: t(x.feedbackTrue) } : {}),
        ...(x.feedbackFalse ? { feedbackFalse: t(x.feedbackFalse) } : {}),
      };
    case 'multiple_response':
      return {
        ...base,
        type: q.type,
        options: q.options.map((o, i) => ({
          id: letters(i),
          text: t(o.text),
          weight: o.weight,
          ...fb(o.feedback),
        })),
      };
    case 'short_text':
      return {
        ...base,
        type: q.type,
        acceptedAnswers: q.acceptedAnswers.map((a) => ({
          text: t(a.text),
          creditPercent: a.creditPercent,
          ...fb(a.feedback),
        })),
        ...(q.wildcards && q.acceptedAnswers.some((a) => a.text.includes('*'))
          ? { wildcards: true }
          : {}),
      };
    case 'numeric':
      return {
        ...base,
        type: q.type,
        acceptedAnswers: q.acceptedAnswers.map(({ toleranceMode, ...a }) => ({
          ...a,
          ...(toleranceMode === 'relative' && a.tolerance !== undefined
            ? { tolerance: Number((a.tolerance * Math.abs(a.value ?? 0)).toPrecision(15)) }
            : {}),
          ...fb(a.feedback),
        })),
      };
    case 'essay':
      return { ...base, type: q.type };
    case 'ordering':
      throw new Error('ordering has no GIFT form');
    case 'matching': {
      const right = (id: string) => {
        const text = q.right.find((r) => r.id === id)?.text ?? '';
        return format === 'html' ? escapeHtml(plainText(text, 'html')) : t(text);
      };
      const texts: string[] = [];
      for (const id of [...q.left.map((l) => q.correctPairs[l.id]), ...q.right.map((r) => r.id)]) {
        if (!texts.includes(right(id))) texts.push(right(id));
      }
      const rid = (id: string) => `r${texts.indexOf(right(id)) + 1}`;
      return {
        ...base,
        type: q.type,
        left: q.left.map((l, i) => ({ id: `l${i + 1}`, text: t(l.text) })),
        right: texts.map((text, i) => ({ id: `r${i + 1}`, text })),
        correctPairs: Object.fromEntries(
          q.left.map((l, i) => [`l${i + 1}`, rid(q.correctPairs[l.id])]),
        ),
      };
    }
  }
}

/** Every special character of GIFT, unicode, line breaks, indentation, things Moodle reads. */
export const TRICKY =
  'Escapes: ~ = # { } : \\ and \\n, \\{ literal; ::not a name::; 50% -> "quotes" \'single\'\n' +
  '// not a comment\n  indented line ####not general feedback\n$CATEGORY: not one\n' +
  'Unicode: café, Ærøskøbing, 東京, עברית, 😀; [tag:not-a-tag] [id:not-an-id]';

/** Raw definitions (html not yet cleaned): pass them through `valid` or the API. */
export const TRICKY_RAW: unknown[] = [
  {
    type: 'single_choice',
    name: 'Name: with {braces} and ::colons::',
    tags: ['grammar', 'tag with ] bracket', 'ünïcode'],
    prompt: TRICKY,
    points: 2.5,
    options: [
      { id: 'x1', text: '%50% off: not a weight', feedback: 'Feedback: #1 ~ = {}' },
      { id: 'x2', text: '[html] is text here' },
      { id: 'x3', text: 'a -> b (an arrow)' },
      { id: 'x4', text: 'Back\\slash \\n \\= and a\nline break' },
    ],
    correctOptionId: 'x3',
    negativeMarkPercent: 33.33333,
  },
  {
    type: 'single_choice',
    prompt: 'Per-option credit',
    points: 1,
    options: [
      { id: 'a', text: 'right' },
      { id: 'b', text: 'close', creditPercent: 50, feedback: 'Almost' },
      { id: 'c', text: 'also right', creditPercent: 100 },
      { id: 'd', text: 'very wrong', creditPercent: -100 },
    ],
    correctOptionId: 'a',
  },
  {
    type: 'true_false',
    prompt: '// starts like a comment',
    points: 1,
    correct: false,
    negativeMarkPercent: 100,
    feedbackTrue: 'No: it is false',
    feedbackFalse: 'Yes # right',
    generalFeedback: 'General: {feedback}',
  },
  {
    type: 'true_false',
    prompt: '[html]<b>not html</b>',
    points: 1,
    correct: true,
    feedbackTrue: 'Only for the right answer',
  },
  {
    type: 'multiple_response',
    format: 'markdown',
    prompt:
      '# Heading\n\n- item **bold**\n  - nested ~~strike~~\n\n`code {x}` and [link](https://example.org)',
    points: 3,
    allOrNothing: true,
    options: [
      { id: 'p', text: '*emphasis*', weight: 33.33333 },
      { id: 'q', text: '[markdown link](https://example.org)', weight: 33.33333 },
      { id: 'r', text: '%', weight: 33.33334, feedback: '**well done**' },
      { id: 's', text: 'wrong', weight: -100 },
      { id: 't', text: 'neutral', weight: 0 },
    ],
  },
  {
    type: 'short_text',
    prompt: 'Stars and credits',
    points: 2,
    caseSensitive: true,
    foldAccents: true,
    maxLength: 40,
    acceptedAnswers: [
      { text: 'a*b literal star', creditPercent: 100 },
      { text: 'back\\*slash star', creditPercent: 50, feedback: 'half' },
      { text: '%25% not a weight', creditPercent: 12.5 },
      { text: 'Zürich  two  spaces', creditPercent: 100 },
    ],
  },
  {
    type: 'short_text',
    prompt: 'Wildcards',
    points: 1,
    wildcards: true,
    acceptedAnswers: [
      { text: '*ville', creditPercent: 100 },
      { text: 'T', creditPercent: 50 },
    ],
  },
  {
    type: 'numeric',
    prompt: 'Numbers: 3:4, 1..2, #5',
    points: 1,
    unit: 'km/h',
    acceptedAnswers: [
      { value: 3.14159, tolerance: 0.001, creditPercent: 100, feedback: 'π: close' },
      { value: 300, tolerance: 0.05, toleranceMode: 'relative', creditPercent: 50 },
      { min: -2.5, max: -1, creditPercent: 25 },
      { value: 1e-7, tolerance: 0, creditPercent: 100 },
      { value: -1.5e21, creditPercent: 10 },
    ],
  },
  {
    type: 'numeric',
    prompt: 'Relative alone',
    points: 1,
    acceptedAnswers: [
      { value: 0.3, tolerance: 0.1, toleranceMode: 'relative', creditPercent: 100 },
    ],
  },
  {
    type: 'essay',
    prompt: 'Essay with notes',
    points: 10,
    maxWords: 300,
    gradingNotes: 'Look for: tenses\n[tag:secret]',
    generalFeedback: 'A model answer: ...',
  },
  {
    type: 'matching',
    prompt: 'Match {these}',
    points: 4,
    left: [
      { id: 'L-a', text: 'k = 1: one' },
      { id: 'L-b', text: '[plain] two' },
      { id: 'L-c', text: 'three ~ {3}' },
    ],
    right: [
      { id: 'R-x', text: 'distractor # first' },
      { id: 'R-3', text: '3 -> three: {3}' },
      { id: 'R-1', text: 'un' },
      { id: 'R-2', text: 'deux\\n' },
    ],
    correctPairs: { 'L-a': 'R-1', 'L-b': 'R-2', 'L-c': 'R-3' },
  },
  {
    type: 'single_choice',
    format: 'html',
    prompt:
      '<p style="color:red;text-align:center">Which is <strong>largest</strong>? &amp; &lt;x&gt; 1 = 1 {a}</p>\n<ul><li>one</li></ul><a href="https://example.org/a?b=1#c">link</a>',
    points: 1,
    options: [
      { id: 'a', text: '<em>Jupiter</em> #1' },
      { id: 'b', text: '<span style="color:#f00">Mars</span>', feedback: '<b>No</b>' },
    ],
    correctOptionId: 'a',
  },
  {
    type: 'matching',
    format: 'html',
    prompt: '<p>Match</p>',
    points: 1,
    left: [
      { id: 'l1', text: '<b>H</b>' },
      { id: 'l2', text: 'O &amp; C' },
    ],
    right: [
      { id: 'r1', text: '<i>Hydrogen</i> &lt;1&gt;' },
      { id: 'r2', text: 'Oxygen &amp; carbon' },
    ],
    correctPairs: { l1: 'r1', l2: 'r2' },
  },
];

export const tricky = (): QuestionDefinition[] => TRICKY_RAW.map(valid);

/** More ordering scorings (exact is in ALL): QTI writes each as its own rule. */
export const ORDERINGS_RAW: unknown[] = [
  {
    type: 'ordering',
    prompt: 'By place',
    points: 3,
    scoring: 'position',
    items: [
      { id: 'a', text: 'first' },
      { id: 'b', text: 'second' },
      { id: 'c', text: 'third' },
    ],
    correctOrder: ['c', 'a', 'b'],
  },
  {
    type: 'ordering',
    format: 'html',
    prompt: '<p>By <b>neighbours</b></p>',
    points: 2,
    scoring: 'neighbours',
    items: [
      { id: 'w1', text: '<i>I</i>' },
      { id: 'w2', text: 'have' },
      { id: 'w3', text: 'been' },
    ],
    correctOrder: ['w1', 'w2', 'w3'],
  },
];

const FEEDBACK_KEYS = ['feedback', 'generalFeedback', 'feedbackTrue', 'feedbackFalse'];

/** HTML as QTI carries it: attributes and elements QTI's HTML lacks are gone. */
function qtiHtml(html: string): string {
  return html
    .replace(/\s(?:style|title|align|start|type)="[^"]*"/g, '')
    .replace(/<(\/?)(?:s|strike|del|mark)>/g, '<$1span>')
    .replace(/<(\/?)ins>/g, '<$1u>');
}

/**
 * `q` as it must come back from QTI: only what QTI cannot carry is changed, each named here.
 * - feedback (all kinds) is not exported;
 * - markdown comes back as the HTML it renders to (marked, raw HTML as text);
 * - html: `style`, `title`, `align` and a list's `start`/`type` go; `<s>`, `<strike>`,
 *   `<del>`, `<mark>` become `<span>`, `<ins>` becomes `<u>`;
 * - a negative mark of 0 is no negative mark; `caseSensitive: false` is the default;
 * - short text: wildcards and accent folding; numeric: the unit; essay: the word limit;
 * - a relative tolerance around a value of 0 or below becomes the absolute one it means.
 */
export function qtiCarries(q: QuestionDefinition): QuestionDefinition {
  const strip = (o: unknown): unknown => {
    if (Array.isArray(o)) return o.map(strip);
    if (!o || typeof o !== 'object') return o;
    return Object.fromEntries(
      Object.entries(o as Record<string, unknown>)
        .filter(([k]) => !FEEDBACK_KEYS.includes(k))
        .map(([k, v]) => [k, strip(v)]),
    );
  };
  const x = strip(q) as Record<string, unknown>;
  const texts = (f: (s: string, inline: boolean) => string) => {
    x['prompt'] = f(String(x['prompt']), false);
    for (const k of ['options', 'items', 'left', 'right']) {
      if (Array.isArray(x[k])) {
        x[k] = (x[k] as Array<Record<string, unknown>>).map((o) => ({
          ...o,
          text: f(String(o['text']), true),
        }));
      }
    }
  };
  if (x['format'] === 'markdown') {
    texts((s, inline) => renderMarkdown(s, inline));
    x['format'] = 'html';
  }
  if (x['format'] === 'html') texts((s) => qtiHtml(s));
  if (x['format'] === 'plain') delete x['format'];
  if (x['negativeMarkPercent'] === 0) delete x['negativeMarkPercent'];
  for (const k of ['wildcards', 'foldAccents', 'unit', 'maxWords']) delete x[k];
  if (x['caseSensitive'] === false) delete x['caseSensitive'];
  if (x['type'] === 'numeric') {
    x['acceptedAnswers'] = (x['acceptedAnswers'] as NumericAccepted[]).map((a) =>
      a.toleranceMode === 'relative' && a.tolerance !== undefined && !((a.value ?? 0) > 0)
        ? (({ toleranceMode: _m, ...rest }) => ({
            ...rest,
            tolerance: Number((a.tolerance! * Math.abs(a.value ?? 0)).toPrecision(15)),
          }))(a)
        : a,
    );
  }
  return valid(x);
}
