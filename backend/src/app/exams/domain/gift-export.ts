/**
 * Our question definitions -> GIFT (Moodle's text format), written so that Moodle's importer
 * (question/format/gift/format.php) and ours (gift-import.ts, through gift-pegjs) read back
 * the same question. What GIFT has no syntax for is said in a `//` comment line above the
 * question (Moodle ignores comments), so nothing is lost without a word:
 *
 * - points (GIFT has none; Moodle gives every imported question its default mark);
 * - short text: case sensitivity, accent folding and the length limit;
 * - numeric: the unit; a relative tolerance is written as the absolute one it means;
 * - true/false: negative marking; multiple response: all-or-nothing;
 * - essay: the word limit and the grading notes.
 *
 * Ordering questions have no GIFT type: each is written as a comment block (its text and its
 * items in the right order) and no question, and so is a question whose text GIFT cannot hold
 * (see `unwritable`). Every text is escaped as Moodle reads it: `\` `~` `=` `#` `{` `}` `:`
 * get a backslash, a line break is `\n` (a GIFT question is one line, so blank lines and
 * indentation in a text cannot split or change it).
 */
import type {
  ExamText,
  QuestionDefinition,
  QuestionDefinitionOf,
  NumericAccepted,
  TextFormat,
} from '@exam/contracts';
import { interleave } from './exam-texts';
import { plainText } from './rich-text';

/**
 * Parts of a question that the question model is gaining (names, tags, feedback, per-option
 * credit). Read when present, so the export writes them as soon as a question has them.
 */
interface QuestionExtras {
  name?: string;
  tags?: string[];
  generalFeedback?: string;
  feedbackTrue?: string;
  feedbackFalse?: string;
}
interface AnswerExtras {
  feedback?: string;
  creditPercent?: number;
}

/** What one question became in the GIFT text. */
export type GiftExportEntry =
  | { outcome: 'written'; index: number; text: string }
  | { outcome: 'skipped'; index: number; text: string; reason: string };

/** Characters GIFT gives a meaning to; a backslash makes each one text again. */
const SPECIAL = /[\\~=#{}:]/g;

/** A text escaped for GIFT: special characters get a backslash, line breaks become `\n`. */
export function escapeGift(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(SPECIAL, (c) => `\\${c}`)
    .replace(/\n/g, '\\n');
}

const MARKER: Record<TextFormat, string> = {
  plain: '[plain]',
  html: '[html]',
  markdown: '[markdown]',
};

/**
 * An answer's text. GIFT reads `%n%` at the start of an answer as its weight and `[html]`
 * (or another format in brackets) as its format; the question's own format marker in front
 * keeps such a text as it is, in Moodle and in gift-pegjs alike.
 */
function answerText(s: string, format: TextFormat, literalStars = false): string {
  const escaped = escapeGift(s);
  // Moodle reads `\*` in a short answer as a star that is not a wildcard.
  const e = literalStars ? escaped.replace(/\*/g, '\\*') : escaped;
  return /^[[%]/.test(s) ? `${MARKER[format]}${e}` : e;
}

/** A `//` comment line: one line, and never read as Moodle's `[tag:...]` or `[id:...]`. */
export function giftComment(s: string): string {
  const line = s
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/\[(tag|id):/gi, '[ $1:')
    .trim();
  return `// ${line}`;
}

/** A number as GIFT writes it (Moodle reads PHP numbers: `1e-7` is fine). */
const num = (n: number) => String(Number(n.toPrecision(15)));
/** A weight or credit: Moodle keeps 7 significant digits of a fraction. */
const weight = (n: number) => `%${String(Number(n.toFixed(5)))}%`;
const feedback = (f: string | undefined, format: TextFormat) =>
  f !== undefined && f.trim() !== '' ? `#${answerText(f, format)}` : '';

/** The tolerance an answer means, as an absolute deviation from its value. */
export function absoluteTolerance(a: NumericAccepted): number | undefined {
  if (a.tolerance === undefined) return undefined;
  return a.toleranceMode === 'relative'
    ? Number((a.tolerance * Math.abs(a.value ?? 0)).toPrecision(15))
    : a.tolerance;
}

function numericAnswer(a: NumericAccepted): string {
  if (a.min !== undefined && a.max !== undefined) return `${num(a.min)}..${num(a.max)}`;
  const tolerance = absoluteTolerance(a);
  return `${num(a.value ?? 0)}${tolerance !== undefined ? `:${num(tolerance)}` : ''}`;
}

/**
 * Why a question cannot be written in GIFT, or undefined. Moodle splits a matching pair at
 * its first `->` and reads a short answer holding `->` as a matching question; GIFT has no
 * escape for `->`.
 */
function unwritable(q: QuestionDefinition): string | undefined {
  switch (q.type) {
    case 'ordering':
      return 'GIFT has no ordering question type';
    case 'short_text': {
      const bad = q.acceptedAnswers.find((a) => a.text.includes('->'));
      return bad
        ? `its accepted answer "${bad.text}" holds "->", which Moodle reads as a matching pair (GIFT has no escape for it)`
        : undefined;
    }
    case 'matching': {
      const bad = q.left.find((l) => l.text.includes('->'));
      return bad
        ? `its item "${bad.text}" holds "->", which Moodle reads as the end of the item (GIFT has no escape for it)`
        : undefined;
    }
    default:
      return undefined;
  }
}

/** Comment lines for what the question has and GIFT cannot say. */
function notes(q: QuestionDefinition): string[] {
  const out = [`points: ${num(q.points)} (GIFT has no points)`];
  switch (q.type) {
    case 'true_false':
      if (q.negativeMarkPercent)
        out.push(`a wrong answer loses ${num(q.negativeMarkPercent)} % (GIFT cannot say so)`);
      break;
    case 'multiple_response':
      if (q.allOrNothing) out.push('all or nothing: exactly the right options or 0 (no GIFT form)');
      break;
    case 'short_text':
      if (q.caseSensitive) out.push('case-sensitive (no GIFT form: Moodle ignores case)');
      if (q.foldAccents) out.push('accents ignored: café = cafe (no GIFT form)');
      if (q.maxLength !== undefined) out.push(`answers up to ${q.maxLength} characters`);
      break;
    case 'numeric':
      if (q.unit) out.push(`unit: ${q.unit} (GIFT has no units)`);
      q.acceptedAnswers.forEach((a, i) => {
        if (a.toleranceMode === 'relative' && a.tolerance !== undefined) {
          out.push(
            `answer ${i + 1}: relative tolerance ${num(a.tolerance * 100)} % written as ±${num(absoluteTolerance(a) ?? 0)} (GIFT tolerances are absolute)`,
          );
        }
      });
      break;
    case 'essay':
      if (q.maxWords !== undefined) out.push(`at most ${q.maxWords} words`);
      if (q.gradingNotes) out.push(`grading notes: ${q.gradingNotes}`);
      break;
    case 'single_choice':
    case 'ordering':
    case 'matching':
      break;
  }
  return out;
}

function singleChoice(q: QuestionDefinitionOf<'single_choice'>, format: TextFormat): string {
  const parts = q.options.map((o) => {
    const x = o as typeof o & AnswerExtras;
    const text = answerText(o.text, format) + feedback(x.feedback, format);
    if (o.id === q.correctOptionId) return `=${text}`;
    const credit = x.creditPercent ?? (q.negativeMarkPercent ? -q.negativeMarkPercent : undefined);
    return `~${credit !== undefined ? weight(credit) : ''}${text}`;
  });
  return parts.join(' ');
}

/** The answers of a question, inside the braces. */
function answers(q: QuestionDefinition, format: TextFormat): string {
  const x = q as QuestionDefinition & QuestionExtras;
  switch (q.type) {
    case 'single_choice':
      return singleChoice(q, format);
    case 'true_false': {
      // Moodle (split_truefalse_comment): the first feedback is for a wrong answer, the
      // second for the right one.
      const right = q.correct ? x.feedbackTrue : x.feedbackFalse;
      const wrong = q.correct ? x.feedbackFalse : x.feedbackTrue;
      const hasRight = right !== undefined && right.trim() !== '';
      const fb = hasRight
        ? `${feedback(wrong, format) || '#'}${feedback(right, format)}`
        : feedback(wrong, format);
      return `${q.correct ? 'T' : 'F'}${fb}`;
    }
    case 'multiple_response':
      return q.options
        .map((o) => {
          const fb = feedback((o as typeof o & AnswerExtras).feedback, format);
          return `~${o.weight ? weight(o.weight) : ''}${answerText(o.text, format)}${fb}`;
        })
        .join(' ');
    case 'short_text':
      return q.acceptedAnswers
        .map((a) => {
          const w = a.creditPercent >= 100 ? '' : weight(a.creditPercent);
          // Without wildcards a star is a star.
          const t = answerText(a.text, format, !q.wildcards);
          return `=${w}${t}${feedback((a as typeof a & AnswerExtras).feedback, format)}`;
        })
        .join(' ');
    case 'numeric': {
      const list = q.acceptedAnswers;
      const fbs = list.map((a) => feedback((a as typeof a & AnswerExtras).feedback, format));
      if (list.length === 1 && list[0].creditPercent >= 100 && !fbs[0]) {
        return `#${numericAnswer(list[0])}`;
      }
      // Moodle's numeric weight is 1-2 digits (`%50%`); a full-credit answer has none.
      return `#${list
        .map(
          (a, i) =>
            `=${a.creditPercent >= 100 ? '' : weight(a.creditPercent)}${numericAnswer(a)}${fbs[i]}`,
        )
        .join(' ')}`;
    }
    case 'essay':
      return '';
    case 'matching': {
      // The right-hand side is plain text in GIFT, whatever the question's format.
      const right = (id: string) => {
        const r = q.right.find((o) => o.id === id);
        return escapeGift(
          plainText(r?.text ?? '', format)
            .replace(/\s+/g, ' ')
            .trim(),
        );
      };
      const used = new Set(Object.values(q.correctPairs));
      const pairs = q.left.map(
        (l) => `=${answerText(l.text, format)} -> ${right(q.correctPairs[l.id])}`,
      );
      const distractors = q.right.filter((r) => !used.has(r.id)).map((r) => `= -> ${right(r.id)}`);
      return [...pairs, ...distractors].join(' ');
    }
    case 'ordering':
      return '';
  }
}

function writeQuestion(q: QuestionDefinition): string {
  const x = q as QuestionDefinition & QuestionExtras;
  const format: TextFormat = q.format ?? 'plain';
  const lines = notes(q).map(giftComment);
  const tags = (x.tags ?? []).filter((t) => t.trim() !== '');
  if (tags.length) {
    // Moodle reads `[tag:...]` in a question's comments; a `]` inside is written `\]`.
    lines.push(
      `// ${tags.map((t) => `[tag:${t.replace(/\s+/g, ' ').replace(/]/g, '\\]')}]`).join(' ')}`,
    );
  }
  const name = x.name?.trim() ? `::${escapeGift(x.name.trim())}::` : '';
  const general = x.generalFeedback?.trim() ? ` ####${answerText(x.generalFeedback, format)}` : '';
  const inside = answers(q, format);
  lines.push(`${name}${MARKER[format]}${escapeGift(q.prompt)} {${inside}${general}}`);
  return lines.join('\n');
}

function skippedBlock(q: QuestionDefinition, index: number, reason: string): string {
  const lines = [
    `Question ${index} (${q.type}) is not exported: ${reason}.`,
    `Its text: ${plainText(q.prompt, q.format)}`,
  ];
  if (q.type === 'ordering') {
    lines.push('Its items in the right order:');
    q.correctOrder.forEach((id, i) => {
      const item = q.items.find((it) => it.id === id);
      lines.push(`${i + 1}. ${plainText(item?.text ?? id, q.format)}`);
    });
  }
  return lines.map(giftComment).join('\n');
}

/** Each question as GIFT, or as a comment saying why it is not there. */
export function exportGiftEntries(questions: QuestionDefinition[]): GiftExportEntry[] {
  return questions.map((q, i) => {
    const index = i + 1;
    const reason = unwritable(q);
    return reason
      ? { outcome: 'skipped', index, reason, text: skippedBlock(q, index, reason) }
      : { outcome: 'written', index, text: writeQuestion(q) };
  });
}

/** A text between questions as Moodle's description: its name and text, no answer braces. */
export function writeDescription(t: ExamText): string {
  const name = t.name?.trim() ? `::${escapeGift(t.name.trim())}::` : '';
  return `${name}${MARKER[t.format ?? 'plain']}${escapeGift(t.text)}`;
}

/**
 * The questions as one GIFT file (questions separated by a blank line, as GIFT requires),
 * with the texts between them as descriptions where the exam shows them.
 */
export function exportGift(
  questions: QuestionDefinition[],
  texts: readonly ExamText[] = [],
): string {
  const entries = exportGiftEntries(questions);
  return `${interleave(entries, texts)
    .map((e) => ('text' in e ? writeDescription(e.text) : e.question.text))
    .join('\n\n')}\n`;
}
