/**
 * GIFT (Moodle's text format) -> our question definitions. The file is read as Moodle reads
 * it (gift-preprocess.ts: blank lines separate questions, comments, escapes, numbers) and each
 * question is parsed by the maintained `gift-pegjs` parser. Every question found ends up
 * either imported, with what it lost on the way (names, feedback...), or skipped with a stable
 * code and a reason; one bad question never sinks the rest.
 */
import { parse, type GIFTQuestion, type NumericalFormat, type TextFormat } from 'gift-pegjs';
import type {
  ExamText,
  GiftDroppedPart,
  GiftDroppedParts,
  GiftImportReport,
  GiftSkipCode,
  GiftSkippedQuestion,
  NumericAccepted,
  QuestionDefinition,
} from '@exam/contracts';
import {
  ARROW_PLACEHOLDER,
  LineIndex,
  readGiftBlocks,
  stripBom,
  type MoodleQType,
} from './gift-preprocess';
import { oneAnswerCredits } from './one-answer-credits';
import { textField } from './question-parts';
import { parseQuestion } from './question-schema';
import { escapeHtmlText } from './rich-text';

/** What became of one question of the file. */
export type GiftEntry =
  | {
      outcome: 'imported';
      index: number;
      line: number;
      title?: string;
      giftType: string;
      question: QuestionDefinition;
      dropped: GiftDroppedPart[];
    }
  | {
      /** A description: a text shown before the next imported question. */
      outcome: 'text';
      index: number;
      line: number;
      title?: string;
      text: Omit<ExamText, 'beforeQuestion'>;
    }
  | { outcome: 'skipped'; skip: GiftSkippedQuestion & { code: GiftSkipCode } };

export interface GiftImportResult {
  questions: QuestionDefinition[];
  /** Descriptions, placed before the question that follows them in the file. */
  texts: ExamText[];
  report: GiftImportReport;
  /** Every question found, in file order (the report in one list, for callers and specs). */
  entries: GiftEntry[];
}

export type GiftMapResult =
  | { ok: true; question: QuestionDefinition; dropped: GiftDroppedPart[] }
  | { ok: false; code: GiftSkipCode; reason: string };

interface PegError {
  message: string;
  location?: { start: { offset: number } };
}

const letters = (i: number) => (i < 26 ? String.fromCharCode(97 + i) : `o${i + 1}`);

/** Moodle's type names as gift-pegjs names them, for skips that happen before parsing. */
const GIFT_TYPE: Record<MoodleQType, string> = {
  description: 'Description',
  essay: 'Essay',
  numerical: 'Numerical',
  multichoice: 'MC',
  match: 'Matching',
  truefalse: 'TF',
  shortanswer: 'Short',
};

const unhide = (s: string) => s.split(ARROW_PLACEHOLDER).join('-');
const text = (t: TextFormat) => unhide(t.text).trim();
/**
 * gift-pegjs leaves its escape placeholders in the right-hand side of matching pairs
 * (`12\:00` comes out as `12&&058;00`); decode them as it does everywhere else.
 */
const PLACEHOLDER_CHAR: Record<string, string> = {
  '&&092;': '\\',
  '&&058;': ':',
  '&&035;': '#',
  '&&061;': '=',
  '&&123;': '{',
  '&&125;': '}',
  '&&126;': '~',
  '&&010': '\n',
};
const decodePlaceholders = (s: string) =>
  s.replace(/&&(?:092|058|035|061|123|125|126);|&&010/g, (m) => PLACEHOLDER_CHAR[m]);

const skip = (code: GiftSkipCode, reason: string): GiftMapResult => ({ ok: false, code, reason });

function numeric(f: NumericalFormat, creditPercent: number): NumericAccepted {
  switch (f.type) {
    case 'simple':
      return { value: f.number ?? Number.NaN, creditPercent };
    case 'range':
      return { value: f.number ?? Number.NaN, tolerance: f.range ?? 0, creditPercent };
    case 'high-low':
      return { min: f.numberLow ?? Number.NaN, max: f.numberHigh ?? Number.NaN, creditPercent };
  }
}

/** The parts of `q` our question types do not keep; said precisely so the author can decide. */
function droppedParts(zeroCredit: string[]): GiftDroppedPart[] {
  return zeroCredit.length
    ? [
        {
          part: 'zero_credit_answers',
          detail: `answers worth 0 % or less (Moodle keeps them to match a wrong answer and show its feedback): ${zeroCredit.map((a) => `"${a}"`).join(', ')}`,
        },
      ]
    : [];
}

/** `{[key]: feedback}` when the text says something. */
function feedbackField<K extends string>(key: K, t: TextFormat | null | undefined) {
  return textField(key, t ? text(t) : undefined);
}

/** Plain text inside a question of `format`: escaped where it would be read as markup. */
function asText(s: string, format: 'html' | 'markdown' | null): string {
  return format === 'html' ? escapeHtmlText(s) : s;
}

/** `*` not preceded by a backslash: Moodle's wildcard (qtype_shortanswer compare_string_with_wildcard). */
const WILDCARD = /(?<!\\)\*/;

/** Maps one parsed GIFT question onto our question types (Moodle's meaning of each mark). */
export function mapGiftQuestion(q: GIFTQuestion): GiftMapResult {
  if (q.type === 'Category') return skip('SYNTAX', 'category line, not a question');
  if (q.type === 'Description') {
    return skip('DESCRIPTION', 'a description is a text between questions, not a question');
  }
  const prompt = text(q.stem);
  const points = 1;
  // [html] and [markdown] (Moodle's formats of a question's texts) are kept: the question's
  // texts are in that format (html is cleaned when the question is parsed); Moodle's own
  // "moodle" auto-format and [plain] are plain text with their line breaks.
  const format = q.stem.format === 'html' || q.stem.format === 'markdown' ? q.stem.format : null;
  // General feedback (after ####; an essay's {####...}) is kept for the released review.
  const general = feedbackField('generalFeedback', q.globalFeedback);
  const ok = (question: QuestionDefinition, zeroCredit: string[] = []): GiftMapResult => ({
    ok: true,
    question: { ...question, ...(format ? { format } : {}), ...general },
    dropped: droppedParts(zeroCredit),
  });
  switch (q.type) {
    case 'TF': {
      // Moodle (format.php split_truefalse_comment): {T#A#B} shows A for the wrong answer and
      // B for the right one; gift-pegjs names A trueFeedback and B falseFeedback.
      const [wrong, right] = [q.trueFeedback, q.falseFeedback];
      return ok({
        type: 'true_false',
        prompt,
        points,
        correct: q.isTrue,
        ...feedbackField('feedbackTrue', q.isTrue ? right : wrong),
        ...feedbackField('feedbackFalse', q.isTrue ? wrong : right),
      });
    }
    case 'Essay':
      return ok({ type: 'essay', prompt, points });
    case 'MC': {
      // Moodle (format.php): any `=` makes a one-answer question; `=` is worth 100 % (a
      // weight after it is ignored), `~%n%` is worth n %, a bare `~` 0.
      const credit = q.choices.map((c) => (c.isCorrect ? 100 : (c.weight ?? 0)));
      const options = q.choices.map((c, i) => ({
        id: letters(i),
        text: text(c.text),
        ...feedbackField('feedback', c.feedback),
      }));
      if (!q.choices.some((c) => c.isCorrect)) {
        return ok({
          type: 'multiple_response',
          prompt,
          points,
          options: options.map((o, i) => ({ ...o, weight: credit[i] })),
        });
      }
      // The first option worth 100 % is the key (see oneAnswerCredits).
      const key = credit.findIndex((c) => c >= 100);
      return ok({
        type: 'single_choice',
        prompt,
        points,
        ...oneAnswerCredits(options, credit, key),
        correctOptionId: letters(key),
      });
    }
    case 'Short': {
      const zero = q.choices.filter((c) => (c.weight ?? 100) <= 0).map((c) => text(c.text));
      let accepted = q.choices
        .filter((c) => (c.weight ?? 100) > 0)
        .map((c) => ({
          text: text(c.text),
          creditPercent: Math.min(100, c.weight ?? 100),
          ...feedbackField('feedback', c.feedback),
        }));
      const wildcards = accepted.some((a) => WILDCARD.test(a.text));
      const literal = accepted.some((a) => a.text.includes('\\*'));
      if (wildcards && literal) {
        return skip(
          'UNSUPPORTED',
          'the answers mix a literal \\* with the wildcard *; our short answers treat every * alike. Use only one of them in this question.',
        );
      }
      // Moodle reads `\*` as a literal star; without wildcards ours compares it as written.
      if (literal) accepted = accepted.map((a) => ({ ...a, text: a.text.split('\\*').join('*') }));
      return ok(
        {
          type: 'short_text',
          prompt,
          points,
          acceptedAnswers: accepted,
          ...(wildcards ? { wildcards: true } : {}),
        },
        zero,
      );
    }
    case 'Numerical': {
      const choices = Array.isArray(q.choices)
        ? q.choices
        : [{ isCorrect: true, weight: null, text: q.choices, feedback: null }];
      const answers = choices.filter((c) => c.isCorrect);
      const zero = answers.filter((c) => (c.weight ?? 100) <= 0);
      const list = answers
        .filter((c) => (c.weight ?? 100) > 0)
        .map((c) => ({
          ...numeric(c.text, Math.min(100, c.weight ?? 100)),
          ...feedbackField('feedback', c.feedback),
        }));
      const show = (f: NumericalFormat) =>
        f.type === 'high-low'
          ? `${f.numberLow}..${f.numberHigh}`
          : f.type === 'range'
            ? `${f.number}:${f.range}`
            : `${f.number}`;
      return ok(
        { type: 'numeric', prompt, points, acceptedAnswers: list },
        zero.map((c) => show(c.text)),
      );
    }
    case 'Matching': {
      // The right-hand sides are plain text in GIFT, whatever the question's format.
      const subanswer = (s: string) => asText(decodePlaceholders(s).trim(), format);
      const rights = [...new Set(q.matchPairs.map((p) => subanswer(p.subanswer)))];
      const rightId = (t: string) => `r${rights.indexOf(subanswer(t)) + 1}`;
      // `= -> Chat` (no left side) only adds a distractor on the right, as in Moodle.
      const pairs = q.matchPairs.filter((p) => text(p.subquestion) !== '');
      return ok({
        type: 'matching',
        prompt,
        points,
        left: pairs.map((p, i) => ({ id: `l${i + 1}`, text: text(p.subquestion) })),
        right: rights.map((t, i) => ({ id: `r${i + 1}`, text: t })),
        correctPairs: Object.fromEntries(pairs.map((p, i) => [`l${i + 1}`, rightId(p.subanswer)])),
      });
    }
  }
}

/**
 * The text of a description block (already rewritten for gift-pegjs) with its format, or
 * null when it says nothing. A block the parser cannot read is taken as plain text.
 */
function descriptionText(block: string): Pick<ExamText, 'text' | 'format'> | null {
  let stem: TextFormat | undefined;
  try {
    const q = parse(block).find((p) => p.type !== 'Category');
    if (q?.type === 'Description') stem = q.stem;
  } catch {
    stem = undefined;
  }
  const body = stem
    ? text(stem)
    : decodePlaceholders(unhide(block))
        .replace(/^::.*?::/s, '')
        .trim();
  if (!body) return null;
  const format = stem?.format === 'html' || stem?.format === 'markdown' ? stem.format : undefined;
  return { text: body, ...(format ? { format } : {}) };
}

/** `$course$/Top/Sub` -> `Top/Sub`: the category path without Moodle's context prefix. */
export function categoryTag(category: string): string {
  return category.replace(/^\$[a-z]+\$\/?/, '').trim();
}

export function importGift(input: string): GiftImportResult {
  const source = stripBom(input);
  const lines = new LineIndex(source);
  const entries: GiftEntry[] = [];
  let category: string | undefined;
  let index = 0;
  const skipped = (s: Omit<GiftSkippedQuestion, 'index'> & { code: GiftSkipCode }) =>
    entries.push({ outcome: 'skipped', skip: { index, ...s } });

  for (const block of readGiftBlocks(source, lines)) {
    if (block.kind === 'category') {
      category = block.name;
      continue;
    }
    index++;
    const title = block.title ? { title: block.title } : {};
    if (block.kind === 'error') {
      skipped({
        line: block.line,
        column: block.column,
        code: 'SYNTAX',
        ...title,
        ...(block.moodleType ? { giftType: GIFT_TYPE[block.moodleType] } : {}),
        reason: `parse error at line ${block.line}, column ${block.column}: ${block.message}`,
      });
      continue;
    }
    if (block.moodleType === 'description') {
      // Moodle takes any text without braces as a description: a text between questions.
      const found = descriptionText(block.text);
      if (!found) {
        skipped({
          line: block.line,
          code: 'DESCRIPTION',
          ...title,
          giftType: 'Description',
          reason: 'a description with no text: nothing to show, not imported',
        });
      } else {
        const named = block.title ? { name: block.title.slice(0, 255) } : {};
        entries.push({
          outcome: 'text',
          index,
          line: block.line,
          ...title,
          text: { ...found, ...named },
        });
      }
      continue;
    }
    let parsed: GIFTQuestion[];
    try {
      parsed = parse(block.text);
    } catch (e) {
      const pe = e as PegError;
      const offset = pe.location?.start.offset ?? 0;
      // Map the parser's position in the rewritten text back to the user's text.
      const end = offset >= block.src.length;
      const at = end ? block.src[block.src.length - 1] + 1 : block.src[offset];
      const pos = lines.at(at);
      // The parser names what it found in the rewritten text; name the user's character
      // instead where we inserted one (an escape) or the text ended.
      const message =
        end || block.text[offset] !== source[at]
          ? pe.message.replace(
              /but (?:".*"|end of input) found\.$/s,
              end ? 'but the question ends there.' : `but ${JSON.stringify(source[at])} found.`,
            )
          : pe.message;
      skipped({
        line: pos.line,
        column: pos.column,
        code: 'SYNTAX',
        ...title,
        giftType: GIFT_TYPE[block.moodleType],
        reason: `parse error at line ${pos.line}, column ${pos.column}: ${message} Fix this question (a literal ~ = # { } is written \\~ \\= \\# \\{ \\}) and import again.`,
      });
      continue;
    }
    const q = parsed.find((p) => p.type !== 'Category');
    if (!q || parsed.length !== 1) {
      const pos = lines.at(block.src[0] ?? 0);
      skipped({
        ...pos,
        code: 'SYNTAX',
        ...title,
        reason: `parse error at line ${pos.line}, column ${pos.column}: this block does not read as one question. Separate questions with a blank line and import again.`,
      });
      continue;
    }
    const where = { line: block.line, ...title, giftType: q.type };
    const mapped = mapGiftQuestion(q);
    if (!mapped.ok) {
      skipped({ ...where, code: mapped.code, reason: mapped.reason });
      continue;
    }
    // Moodle's question name, category and [tag:] comments: the question's name and tags.
    const tags = [
      ...(category === undefined ? [] : [categoryTag(category)]),
      ...block.comments.tags,
    ].filter((t) => t !== '');
    const checked = parseQuestion({
      ...mapped.question,
      ...(block.title ? { name: block.title.slice(0, 255) } : {}),
      ...(tags.length ? { tags: [...new Set(tags.map((t) => t.slice(0, 100)))] } : {}),
    });
    if (!checked.ok) {
      skipped({
        ...where,
        code: 'INVALID',
        reason: `invalid after mapping: ${checked.issues.map((i) => `${i.field}: ${i.problems.join(', ')}`).join('; ')}`,
      });
      continue;
    }
    entries.push({
      outcome: 'imported',
      index,
      ...where,
      question: checked.question,
      dropped: [
        ...(block.comments.idnumber
          ? [{ part: 'idnumber' as const, detail: `ID number "${block.comments.idnumber}"` }]
          : []),
        ...mapped.dropped,
      ],
    });
  }

  const questions: QuestionDefinition[] = [];
  const texts: ExamText[] = [];
  for (const e of entries) {
    if (e.outcome === 'imported') questions.push(e.question);
    if (e.outcome === 'text') texts.push({ beforeQuestion: questions.length, ...e.text });
  }
  const dropped: GiftDroppedParts[] = entries.flatMap((e) =>
    e.outcome === 'imported' && e.dropped.length
      ? [{ index: e.index, line: e.line, ...(e.title ? { title: e.title } : {}), parts: e.dropped }]
      : [],
  );
  return {
    questions,
    texts,
    entries,
    report: {
      found: index,
      imported: questions.length,
      texts: texts.length,
      skipped: entries.flatMap((e) => (e.outcome === 'skipped' ? [e.skip] : [])),
      dropped,
    },
  };
}
