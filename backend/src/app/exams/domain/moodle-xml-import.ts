/**
 * Moodle XML (Moodle's question bank export) -> our question definitions, read the way
 * Moodle's own importer reads it (question/format/xml/format.php, and qtype_ordering's
 * import_from_xml). Every `<question>` ends up imported, with what it lost on the way
 * (moodle-xml-dropped.ts), or skipped with a stable code and a reason; one bad question never
 * sinks the rest. The question's name, its category and tags, its general feedback and the
 * feedback of its answers are kept as the question model's own fields. Embedded images are
 * kept through question-media.ts and the texts pointed at them (feedback texts included); the
 * caller stores `images` before it stores the questions.
 */
import type {
  ExamText,
  MoodleXmlDroppedPart,
  MoodleXmlDroppedParts,
  MoodleXmlImportReport,
  MoodleXmlSkipCode,
  MoodleXmlSkippedQuestion,
  NumericAccepted,
  OrderingScoring,
  QuestionDefinition,
  TextFormat,
} from '@exam/contracts';
import { categoryTag } from './gift-import';
import { droppedParts, type QuestionFacts } from './moodle-xml-dropped';
import { readMoodleXml, type XmlEl } from './moodle-xml-read';
import {
  embeddedKey,
  ImageCollector,
  MEDIA_LIMITS,
  MEDIA_URL_PREFIX,
  rewriteFileRefs,
  type EmbeddedFile,
  type KeptImage,
  type MediaLimits,
} from './question-media';
import { oneAnswerCredits } from './one-answer-credits';
import { textField } from './question-parts';
import { parseQuestion } from './question-schema';
import { escapeHtmlText, plainText, sanitizeQuestionHtml } from './rich-text';

/** What became of one `<question>` of the file (categories excepted). */
export type MoodleXmlEntry =
  | {
      outcome: 'imported';
      index: number;
      line: number;
      title?: string;
      moodleType: string;
      question: QuestionDefinition;
      dropped: MoodleXmlDroppedPart[];
    }
  | {
      /** A description: a text shown before the next imported question. */
      outcome: 'text';
      index: number;
      line: number;
      title?: string;
      text: Omit<ExamText, 'beforeQuestion'>;
    }
  | { outcome: 'skipped'; skip: MoodleXmlSkippedQuestion };

export type MoodleXmlImportResult =
  | {
      ok: true;
      questions: QuestionDefinition[];
      /** Descriptions, placed before the question that follows them in the file. */
      texts: ExamText[];
      report: MoodleXmlImportReport;
      entries: MoodleXmlEntry[];
      /** Images the questions point at; store them before the questions. */
      images: KeptImage[];
    }
  /** The file as a whole cannot be read (not XML, a DOCTYPE, not Moodle XML). */
  | { ok: false; reason: string; line?: number; column?: number };

type MapResult =
  | { ok: true; question: QuestionDefinition; facts: QuestionFacts }
  | { ok: false; code: MoodleXmlSkipCode; reason: string };

const letters = (i: number) => (i < 26 ? String.fromCharCode(97 + i) : `o${i + 1}`);
const skip = (code: MoodleXmlSkipCode, reason: string): MapResult => ({ ok: false, code, reason });

/** `*` not preceded by a backslash: Moodle's short-answer wildcard. */
const WILDCARD = /(?<!\\)\*/;
/** A number as Moodle's numerical answers hold one (PHP is_numeric, without hex). */
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Types Moodle has and our question types cannot hold (yet), by their XML name. */
const UNSUPPORTED: Record<string, string> = {
  cloze: 'embedded answers (Cloze)',
  multianswer: 'embedded answers (Cloze)',
  calculated: 'calculated',
  calculatedsimple: 'simple calculated',
  calculatedmulti: 'calculated multichoice',
  ddwtos: 'drag and drop into text',
  gapselect: 'select missing words',
  ddimageortext: 'drag and drop onto image',
  ddmarker: 'drag and drop markers',
  randomsamatch: 'random short-answer matching',
  random: 'random question',
};

/**
 * Moodle's format name -> ours. No attribute means html (Moodle's default); Moodle's
 * auto-format, plain text and wiki-like are plain text with their line breaks; an unknown
 * name is html, as Moodle reads it.
 */
export function formatOf(name: string | undefined): TextFormat {
  switch (name?.trim()) {
    case 'markdown':
      return 'markdown';
    case 'moodle_auto_format':
    case 'plain_text':
    case 'wiki_like':
      return 'plain';
    default:
      return 'html';
  }
}

/** A text written in `from` as the question's format `to` shows it. */
function convert(text: string, from: TextFormat, to: TextFormat): string {
  if (from === to) return text;
  if (to === 'html') return escapeHtmlText(text);
  return from === 'html' ? plainText(text, 'html') : text;
}

/** True when an html/markdown/plain text has something to show (words or an image). */
export function hasContent(text: string | undefined, format: TextFormat = 'html'): boolean {
  if (!text || !text.trim()) return false;
  return format !== 'html' || plainText(text, 'html') !== '' || /<img\b/i.test(text);
}

/** A number attribute or value, or `fallback` when absent or not a number. */
function num(v: string | undefined, fallback: number): number {
  if (v === undefined || v.trim() === '') return fallback;
  const n = Number(v.trim());
  return Number.isFinite(n) ? n : fallback;
}

/** An answer's credit in percent: the `fraction` attribute, or the deprecated <fraction> (0-1). */
function credit(a: XmlEl): number {
  const attr = a.attr('fraction');
  if (attr !== undefined) return num(attr, 0);
  const tag = a.value('fraction');
  return tag === undefined ? 0 : num(tag, 0) * 100;
}

/** The files embedded in one text field (`<file>` children), by path and name. */
function filesOf(field: XmlEl | undefined): Map<string, EmbeddedFile> {
  const out = new Map<string, EmbeddedFile>();
  for (const f of field?.all('file') ?? []) {
    const file: EmbeddedFile = {
      name: f.attr('name') ?? '',
      path: f.attr('path') ?? '/',
      encoding: f.attr('encoding') ?? '',
      content: f.text,
    };
    const key = embeddedKey(file);
    if (!out.has(key)) out.set(key, file);
  }
  return out;
}

/** Reads one question's texts with their files, noting what of the files was not kept. */
class TextReader {
  readonly fileProblems: string[] = [];

  constructor(
    readonly format: TextFormat,
    private readonly images: ImageCollector,
  ) {}

  /**
   * The `<text>` of `field` (trimmed, as Moodle reads it) in the question's format, its
   * `@@PLUGINFILE@@` images pointed at the stored copies. `own` is the field's own format
   * (option texts may have their own); `extra` files and `append`ed text come from Moodle
   * 1.9's image field, which Moodle adds to the question text.
   */
  read(
    field: XmlEl | undefined,
    own: TextFormat = this.format,
    extra?: Map<string, EmbeddedFile>,
    append = '',
  ): string {
    if (!field) return '';
    const raw = `${(field.one('text')?.text ?? '').trim()}${append}`;
    const files = filesOf(field);
    for (const [k, f] of extra ?? []) if (!files.has(k)) files.set(k, f);
    const r = rewriteFileRefs(raw, own, files, this.images);
    this.fileProblems.push(...r.problems);
    for (const key of files.keys()) {
      if (!r.used.has(key)) {
        this.fileProblems.push(
          `file "${key.slice(1)}" is attached but not used in the text; not kept`,
        );
      }
    }
    return convert(r.text.trim(), own, this.format);
  }

  /**
   * A feedback field (`<generalfeedback>`, an answer's `<feedback>`) in the question's format,
   * its images kept like the question text's; undefined when it has nothing to show.
   */
  feedback(field: XmlEl | undefined): string | undefined {
    if (!field) return undefined;
    const text = this.read(field, fieldFormat(field, this.format));
    return hasContent(text, this.format) ? text : undefined;
  }
}

/** `s` cut to `n` UTF-16 units without splitting a surrogate pair, then trimmed. */
function cut(s: string, n: number): string {
  if (s.length <= n) return s;
  const head = s.slice(0, n);
  return (/[\uD800-\uDBFF]$/.test(head) ? head.slice(0, -1) : head).trim();
}

const NAME_MAX = 255;
const TAG_MAX = 100;
const TAGS_MAX = 50;

/**
 * The question's name and tags: `<name>` (at most 255 characters), the current category
 * without Moodle's context prefix (`$course$/`, `$system$/`...), `<tags>` and `<coursetags>`
 * (each at most 100 characters, the same tag once whatever its case, as Moodle's tags are, at
 * most 50), and what was cut.
 */
function labelsOf(
  el: XmlEl,
  category: string | undefined,
): {
  fields: { name?: string; tags?: string[] };
  facts: Pick<QuestionFacts, 'nameCut' | 'tagsCut' | 'tagsOver'>;
} {
  const name = el.fieldText('name') ?? '';
  const raw = [
    category === undefined ? '' : categoryTag(category),
    ...[...el.all('tags'), ...el.all('coursetags')]
      .flatMap((t) => t.all('tag'))
      .map((t) => t.textChild ?? ''),
  ].filter((t) => t !== '');
  const tagsCut = raw.filter((t) => t.length > TAG_MAX);
  const seen = new Set<string>();
  const tags = raw
    .map((t) => cut(t, TAG_MAX))
    .filter((t) => {
      const key = t.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return {
    fields: {
      ...(name ? { name: cut(name, NAME_MAX) } : {}),
      ...(tags.length ? { tags: tags.slice(0, TAGS_MAX) } : {}),
    },
    facts: {
      ...(name.length > NAME_MAX ? { nameCut: name.length } : {}),
      tagsCut,
      tagsOver: tags.slice(TAGS_MAX),
    },
  };
}

/**
 * The facts every question type reports the same way (moodle-xml-dropped.ts words them).
 * `answerFeedback` counts every answer's feedback; the types that keep it set it to 0.
 */
function commonFacts(el: XmlEl): QuestionFacts {
  const has = (name: string) => hasContent(el.fieldText(name));
  return {
    idnumber: el.value('idnumber') || undefined,
    tagsCut: [],
    tagsOver: [],
    combinedFeedback: ['correctfeedback', 'partiallycorrectfeedback', 'incorrectfeedback'].filter(
      has,
    ).length,
    answerFeedback: el.all('answer').filter((a) => hasContent(a.fieldText('feedback'))).length,
    hints: el.all('hint').filter((h) => hasContent(h.textChild)).length,
    zeroCredit: [],
    files: [],
    other: [],
  };
}

/** A field's own format: its attribute, or the question's when it has none (as Moodle reads it). */
function fieldFormat(field: XmlEl | undefined, question: TextFormat): TextFormat {
  const attr = field?.attr('format');
  return attr === undefined ? question : formatOf(attr);
}

/**
 * Maps one `<question>` of a type we hold onto our question types (Moodle's meaning of each
 * field); `category` is the path of the last `<question type="category">` before it.
 */
export function mapMoodleQuestion(el: XmlEl, images: ImageCollector, category?: string): MapResult {
  const type = el.attr('type') ?? '';
  const questiontext = el.one('questiontext');
  const format = formatOf(questiontext?.attr('format'));
  const texts = new TextReader(format, images);
  // Moodle 1.9's <image> + <image_base64>: a file added to the question text, shown after it.
  const oldName = el.value('image');
  const oldData = el.value('image_base64');
  let extra: Map<string, EmbeddedFile> | undefined;
  let oldImage = '';
  if (oldName && oldData) {
    const name = oldName.replace(/\//g, '_');
    extra = new Map([[`/${name}`, { name, path: '/', encoding: 'base64', content: oldData }]]);
    const url = `@@PLUGINFILE@@/${encodeURIComponent(name)}`;
    oldImage =
      format === 'html' ? ` <img src="${url}" />` : format === 'markdown' ? ` ![](${url})` : '';
  }
  const prompt = texts.read(questiontext, format, oldImage ? extra : undefined, oldImage);
  if (oldName && oldData && !oldImage) {
    texts.fileProblems.push(
      `image "${oldName}" (Moodle 1.9 image field) cannot be shown in a plain-text question; not kept`,
    );
  }
  const labels = labelsOf(el, category);
  const facts: QuestionFacts = { ...commonFacts(el), ...labels.facts };
  // Moodle reads <generalfeedback> in its own format, the question's when it has none.
  const generalFeedback = texts.feedback(el.one('generalfeedback'));
  const mark = num(el.value('defaultgrade'), 1);
  const points = Math.round(mark * 100) / 100;
  if (points !== mark)
    facts.other.push({
      part: 'points',
      detail: `mark ${el.value('defaultgrade')} rounded to ${points}`,
    });
  const base = {
    prompt,
    points,
    ...(format === 'plain' ? {} : { format }),
    ...labels.fields,
    ...textField('generalFeedback', generalFeedback),
  };
  const done = (question: QuestionDefinition): MapResult => {
    facts.files = texts.fileProblems;
    return { ok: true, question, facts };
  };
  const answers = el.all('answer');
  const option = (a: XmlEl) => texts.read(a, fieldFormat(a, format));
  /** An answer's `<feedback>`, kept on the option or accepted answer it belongs to. */
  const answerFeedback = (a: XmlEl) => textField('feedback', texts.feedback(a.one('feedback')));

  switch (type) {
    case 'truefalse': {
      if (!answers.length)
        return skip(
          'INVALID',
          'a true/false question without answers; add the true and false answers in Moodle and export again',
        );
      // Moodle matches the answers by their text; old files without it are true first, then
      // false. The feedback of the answer "true" is shown to who answered true (feedbacktrue).
      let correct = true;
      const feedback: { feedbackTrue?: string; feedbackFalse?: string } = {};
      answers.forEach((a, i) => {
        const t = a.textChild;
        const which = t === 'true' || t === 'false' ? t : i === 0 ? 'true' : 'false';
        if (which === 'true') correct = credit(a) === 100;
        else correct = credit(a) !== 100;
        const key = which === 'true' ? 'feedbackTrue' : 'feedbackFalse';
        const text = texts.feedback(a.one('feedback'));
        if (text === undefined) delete feedback[key];
        else feedback[key] = text;
      });
      facts.answerFeedback = 0;
      return done({ type: 'true_false', ...base, correct, ...feedback });
    }
    case 'multichoice': {
      const list = answers
        .map((a) => ({ text: option(a), credit: credit(a), el: a }))
        .filter((a) => a.text !== '');
      // Moodle leaves out answers without text, and their feedback with them.
      facts.answerFeedback = 0;
      const options = list.map((a, i) => ({
        id: letters(i),
        text: a.text,
        ...answerFeedback(a.el),
      }));
      const single = el.value('single');
      const isSingle =
        single === undefined ? true : !(single === 'false' || single === '' || single === '0');
      if (!isSingle) {
        return done({
          type: 'multiple_response',
          ...base,
          options: options.map((o, i) => ({ ...o, weight: list[i].credit })),
        });
      }
      // Moodle grades a one-answer question by the chosen answer's fraction. The first answer
      // worth 100 % is the key (see oneAnswerCredits, as for GIFT).
      const key = list.findIndex((a) => a.credit >= 99.99);
      if (key === -1) {
        return skip(
          'INVALID',
          'no option is worth 100 % in this one-answer question; mark the right option 100 % in Moodle (or allow several answers) and export again',
        );
      }
      return done({
        type: 'single_choice',
        ...base,
        ...oneAnswerCredits(
          options,
          list.map((a) => a.credit),
          key,
        ),
        correctOptionId: letters(key),
      });
    }
    case 'shortanswer': {
      // Short answers are plain text in Moodle, whatever the question's format.
      const list = answers
        .map((a) => ({ text: a.textChild ?? '', credit: credit(a), el: a }))
        .filter((a) => a.text !== '');
      // Answers worth 0 % or less go with their feedback (reported as zero_credit_answers).
      facts.answerFeedback = 0;
      facts.zeroCredit = list.filter((a) => a.credit <= 0).map((a) => a.text);
      let accepted = list
        .filter((a) => a.credit > 0)
        .map((a) => ({
          text: a.text,
          creditPercent: Math.min(100, a.credit),
          ...answerFeedback(a.el),
        }));
      const wildcards = accepted.some((a) => WILDCARD.test(a.text));
      const literal = accepted.some((a) => a.text.includes('\\*'));
      if (wildcards && literal) {
        return skip(
          'UNSUPPORTED',
          'the answers mix a literal \\* with the wildcard *; our short answers treat every * alike. Use only one of them in this question.',
        );
      }
      if (literal) accepted = accepted.map((a) => ({ ...a, text: a.text.split('\\*').join('*') }));
      const usecase = el.value('usecase');
      return done({
        type: 'short_text',
        ...base,
        acceptedAnswers: accepted,
        ...(usecase === '1' || usecase === 'true' ? { caseSensitive: true } : {}),
        ...(wildcards ? { wildcards: true } : {}),
      });
    }
    case 'numerical': {
      const accepted: NumericAccepted[] = [];
      // Answers worth 0 % or less go with their feedback (reported as zero_credit_answers).
      facts.answerFeedback = 0;
      for (const a of answers) {
        const text = a.textChild ?? a.text.trim();
        const c = credit(a);
        if (text === '*' || text === '') {
          if (c > 0)
            return skip(
              'UNSUPPORTED',
              `the answer * (any number) is worth ${c} %; our numeric questions give credit only to numbers. Set it to 0 % in Moodle, or remove it.`,
            );
          facts.zeroCredit.push('*');
          continue;
        }
        if (!NUMBER.test(text))
          return skip(
            'SYNTAX',
            `the answer "${text}" is not a number; write it with a dot for decimals (3.14) in Moodle and export again`,
          );
        const tolerance = Math.abs(num(a.value('tolerance'), 0));
        if (c <= 0) {
          facts.zeroCredit.push(tolerance ? `${text} ± ${tolerance}` : text);
          continue;
        }
        accepted.push({
          value: Number(text),
          ...(tolerance ? { tolerance } : {}),
          creditPercent: Math.min(100, c),
          ...answerFeedback(a),
        });
      }
      const units = (el.one('units')?.all('unit') ?? [])
        .map((u) => ({
          name: u.value('unit_name') ?? '',
          multiplier: num(u.value('multiplier'), 1),
        }))
        .filter((u) => u.name !== '');
      const baseUnit = units.find((u) => u.multiplier === 1);
      const others = units.filter((u) => u !== baseUnit);
      if (others.length) {
        facts.other.push({
          part: 'units',
          detail: `other units not accepted (students type a number${baseUnit ? ` in ${baseUnit.name}` : ''}): ${others.map((u) => `"${u.name}" (×${u.multiplier})`).join(', ')}`,
        });
      }
      if (hasContent(el.fieldText('instructions')))
        facts.other.push({ part: 'units', detail: 'instructions about units (not shown)' });
      return done({
        type: 'numeric',
        ...base,
        acceptedAnswers: accepted,
        ...(baseUnit ? { unit: baseUnit.name } : {}),
      });
    }
    case 'essay': {
      const info = el.one('graderinfo');
      const infoFormat = fieldFormat(info, format);
      const notes = (info?.one('text')?.text ?? '').trim();
      const gradingNotes = infoFormat === 'html' ? plainText(notes, 'html') : notes;
      const maxWords = Math.trunc(num(el.value('maxwordlimit'), 0));
      const attachments = Math.trunc(num(el.value('attachments'), 0));
      if (attachments !== 0 || el.value('responseformat') === 'noinline') {
        facts.other.push({
          part: 'attachments',
          detail: `students could attach ${attachments < 0 ? 'any number of' : attachments} file(s) in Moodle${el.value('responseformat') === 'noinline' ? ' (and no text)' : ''}; here they type their answer`,
        });
      }
      if (hasContent(el.fieldText('responsetemplate')))
        facts.other.push({
          part: 'response_template',
          detail: 'response template (the text the answer box starts with)',
        });
      return done({
        type: 'essay',
        ...base,
        ...(maxWords > 0 ? { maxWords: Math.min(20_000, maxWords) } : {}),
        ...(gradingNotes ? { gradingNotes } : {}),
      });
    }
    case 'matching':
    case 'match': {
      // Left: the subquestion text in the question's format; right: its answer, plain text.
      const subs = el.all('subquestion').map((s) => ({
        left: texts.read(s, fieldFormat(s, format)),
        right: convert(s.fieldText('answer') ?? '', 'plain', format),
      }));
      const rights = [...new Set(subs.map((s) => s.right).filter((r) => r !== ''))];
      const rightId = (t: string) => `r${rights.indexOf(t) + 1}`;
      // An empty subquestion only adds its answer as a distractor on the right, as in Moodle.
      const pairs = subs.filter((s) => s.left !== '' && s.right !== '');
      return done({
        type: 'matching',
        ...base,
        left: pairs.map((p, i) => ({ id: `l${i + 1}`, text: p.left })),
        right: rights.map((t, i) => ({ id: `r${i + 1}`, text: t })),
        correctPairs: Object.fromEntries(pairs.map((p, i) => [`l${i + 1}`, rightId(p.right)])),
      });
    }
    case 'ordering': {
      // qtype_ordering: the answers in file order are the right order (fraction is ignored).
      const items = answers.map((a) => option(a)).filter((t) => t !== '');
      const grading = (el.value('gradingtype') ?? 'RELATIVE_NEXT_EXCLUDE_LAST').toUpperCase();
      const scoring: OrderingScoring = ORDERING_GRADING[grading] ?? 'neighbours';
      if (!ORDERING_GRADING[grading]) {
        facts.other.push({
          part: 'scoring',
          detail: `Moodle's grading "${grading}" is not available; graded by neighbours (each next item in the right place)`,
        });
      }
      const selectType = (el.value('selecttype') ?? el.value('logical') ?? 'RANDOM').toUpperCase();
      const selectCount = Math.trunc(num(el.value('selectcount') ?? el.value('studentsee'), 6));
      if (
        selectType !== 'ALL' &&
        selectType !== 'EXACT' &&
        selectCount > 0 &&
        selectCount < items.length
      ) {
        facts.other.push({
          part: 'item_subset',
          detail: `Moodle shows ${selectCount} of the ${items.length} items (${selectType.toLowerCase()}); all ${items.length} are shown here`,
        });
      }
      const ids = items.map((_t, i) => `i${i + 1}`);
      return done({
        type: 'ordering',
        ...base,
        items: items.map((text, i) => ({ id: ids[i], text })),
        correctOrder: ids,
        scoring,
      });
    }
    default:
      return skip('UNSUPPORTED', `Moodle's "${type}" question type is not supported yet`);
  }
}

/**
 * A `<question type="description">` as a text between questions: its text (images kept as
 * for a question) in its format, and its name; null when it shows nothing.
 */
export function mapMoodleDescription(
  el: XmlEl,
  images: ImageCollector,
): Omit<ExamText, 'beforeQuestion'> | null {
  const questiontext = el.one('questiontext');
  const format = formatOf(questiontext?.attr('format'));
  const text = new TextReader(format, images).read(questiontext);
  // Cleaned here (a question's texts are cleaned when the question is parsed) so that an
  // html text with only markup inside counts as empty.
  const cleaned = format === 'html' ? sanitizeQuestionHtml(text) : text;
  if (!hasContent(cleaned, format)) return null;
  const name = el.fieldText('name')?.trim();
  return {
    text: cleaned,
    ...(format === 'plain' ? {} : { format }),
    ...(name ? { name: name.slice(0, 255) } : {}),
  };
}

/** qtype_ordering's grading names (and their old short forms) that have our equivalent. */
const ORDERING_GRADING: Record<string, OrderingScoring> = {
  ALL_OR_NOTHING: 'exact',
  ABS: 'position',
  ABSOLUTE: 'position',
  ABSOLUTE_POSITION: 'position',
  REL: 'neighbours',
  RELATIVE: 'neighbours',
  RELATIVE_NEXT_EXCLUDE_LAST: 'neighbours',
};

export function importMoodleXml(
  xml: string,
  opts: { newId: () => string; limits?: MediaLimits },
): MoodleXmlImportResult {
  const read = readMoodleXml(xml);
  if (!read.ok) return read;
  const images = new ImageCollector(opts.newId, opts.limits ?? MEDIA_LIMITS);
  const entries: MoodleXmlEntry[] = [];
  let category: string | undefined;
  let index = 0;
  for (const { el, line } of read.questions) {
    const moodleType = el.attr('type') ?? '';
    if (moodleType === 'category') {
      category = el.fieldText('category') ?? el.value('category') ?? '';
      continue;
    }
    index++;
    const name = el.fieldText('name');
    const where = { index, line, ...(name ? { title: name } : {}), moodleType };
    const skipped = (code: MoodleXmlSkipCode, reason: string) =>
      entries.push({ outcome: 'skipped', skip: { ...where, code, reason } });
    if (!moodleType) {
      skipped('SYNTAX', 'this <question> has no type attribute; export it again from Moodle');
      continue;
    }
    if (moodleType === 'description') {
      const text = mapMoodleDescription(el, images);
      if (text) entries.push({ outcome: 'text', ...where, text });
      else skipped('DESCRIPTION', 'a description with no text: nothing to show, not imported');
      continue;
    }
    if (UNSUPPORTED[moodleType] || moodleType.startsWith('random')) {
      skipped(
        'UNSUPPORTED',
        `Moodle's ${UNSUPPORTED[moodleType] ?? moodleType} question type ("${moodleType}") is not supported yet; not imported`,
      );
      continue;
    }
    const mapped = mapMoodleQuestion(el, images, category);
    if (!mapped.ok) {
      skipped(mapped.code, mapped.reason);
      continue;
    }
    const checked = parseQuestion(mapped.question);
    if (!checked.ok) {
      skipped(
        'INVALID',
        `invalid after mapping: ${checked.issues.map((i) => `${i.field}: ${i.problems.join(', ')}`).join('; ')}`,
      );
      continue;
    }
    entries.push({
      outcome: 'imported',
      ...where,
      question: checked.question,
      dropped: droppedParts(mapped.facts),
    });
  }
  const questions: QuestionDefinition[] = [];
  const texts: ExamText[] = [];
  for (const e of entries) {
    if (e.outcome === 'imported') questions.push(e.question);
    if (e.outcome === 'text') texts.push({ beforeQuestion: questions.length, ...e.text });
  }
  const dropped: MoodleXmlDroppedParts[] = entries.flatMap((e) =>
    e.outcome === 'imported' && e.dropped.length
      ? [{ index: e.index, line: e.line, ...(e.title ? { title: e.title } : {}), parts: e.dropped }]
      : [],
  );
  // Only images of imported questions are stored (a skipped question's images are not).
  const stored = JSON.stringify([questions, texts]);
  const kept = images.kept.filter((i) => stored.includes(`${MEDIA_URL_PREFIX}${i.id}`));
  return {
    ok: true,
    questions,
    texts,
    entries,
    images: kept,
    report: {
      found: index,
      imported: questions.length,
      texts: texts.length,
      skipped: entries.flatMap((e) => (e.outcome === 'skipped' ? [e.skip] : [])),
      dropped,
      images: kept.length,
    },
  };
}
