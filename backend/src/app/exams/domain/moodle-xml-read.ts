/**
 * Reads Moodle XML (the question bank export) into a small typed tree, with the line of each
 * `<question>`. The text is untrusted: a DOCTYPE (and with it every entity declaration, the
 * way to an entity-expansion bomb or an external entity) is refused before any parsing, the
 * document is checked by fast-xml-parser's validator for a line and column to show, and the
 * parser refuses names such as `__proto__`. Only the five XML entities and character
 * references are decoded; CDATA is kept as text, in document order.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

type RawNode = { [key: string]: RawNode[] | string | Record<string, string> | undefined };

const TEXT = '#text';
const ATTRS = '@';

/** One element: its attributes, its own text and its child elements by name. */
export class XmlEl {
  constructor(
    private readonly raw: RawNode,
    readonly name: string,
  ) {}

  attr(name: string): string | undefined {
    const a = this.raw[ATTRS] as Record<string, string> | undefined;
    return a && Object.prototype.hasOwnProperty.call(a, name) ? a[name] : undefined;
  }

  /** The element's own text (CDATA included), untrimmed. */
  get text(): string {
    const t = this.raw[TEXT];
    return typeof t === 'string' ? t : '';
  }

  all(name: string): XmlEl[] {
    if (!Object.prototype.hasOwnProperty.call(this.raw, name) || name === TEXT || name === ATTRS)
      return [];
    const list = this.raw[name];
    return Array.isArray(list) ? list.map((n) => new XmlEl(n, name)) : [];
  }

  one(name: string): XmlEl | undefined {
    return this.all(name)[0];
  }

  has(name: string): boolean {
    return this.all(name).length > 0;
  }

  /** `<name><text>…</text></name>` trimmed, as Moodle reads a field (undefined when absent). */
  fieldText(name: string): string | undefined {
    const t = this.one(name)?.one('text');
    return t ? t.text.trim() : undefined;
  }

  /** This element's own `<text>` child, trimmed (undefined when absent). */
  get textChild(): string | undefined {
    return this.one('text')?.text.trim();
  }

  /** `<name>value</name>` trimmed (undefined when absent). */
  value(name: string): string | undefined {
    const el = this.one(name);
    return el ? el.text.trim() : undefined;
  }

  /** Offset of the element's start tag in the source, when the parser recorded it. */
  get offset(): number | undefined {
    const meta = (this.raw as unknown as Record<symbol, { startIndex?: number } | undefined>)[
      XMLParser.getMetaDataSymbol() as symbol
    ];
    return meta?.startIndex;
  }
}

export interface MoodleXmlQuestionEl {
  el: XmlEl;
  /** 1-based line of the `<question` start tag. */
  line: number;
}

export type MoodleXmlReadResult =
  | { ok: true; questions: MoodleXmlQuestionEl[] }
  | { ok: false; reason: string; line?: number; column?: number };

/** 1-based line and column of an offset. */
export function positionOf(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = source.indexOf('\n'); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/**
 * Where a DOCTYPE or entity declaration starts, outside comments and CDATA (where such text
 * is only text), or -1. Moodle never writes one; refusing them is what keeps entity bombs
 * and external entities out, whatever the parser would do with them.
 */
export function declarationOffset(source: string): number {
  const re = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!(DOCTYPE|ENTITY)\b/gi;
  for (let m = re.exec(source); m; m = re.exec(source)) if (m[1]) return m.index;
  return -1;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  attributesGroupName: ATTRS,
  textNodeName: TEXT,
  // Values stay strings: "007" is a text, "1.0000000" a mark we read ourselves.
  parseTagValue: false,
  parseAttributeValue: false,
  // Markdown and plain texts keep their inner whitespace; ends are trimmed as Moodle does.
  trimValues: false,
  // Every element is a list, so one `<answer>` and five read the same way.
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
  alwaysCreateTextNode: true,
  processEntities: true,
  // Character references (&#233;) are decoded; with no DOCTYPE there is nothing else to expand.
  htmlEntities: true,
  captureMetaData: true,
});

export function readMoodleXml(input: string): MoodleXmlReadResult {
  const source = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (!source.trim()) {
    return {
      ok: false,
      reason:
        'The file is empty. Export questions from Moodle as "Moodle XML format" and import that file.',
    };
  }
  const decl = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(source);
  if (decl && !/^utf-?8$/i.test(decl[1])) {
    return {
      ok: false,
      reason: `The file says it is encoded as ${decl[1]}; only UTF-8 is read (Moodle exports UTF-8). Save it as UTF-8 and import again.`,
      line: 1,
      column: 1,
    };
  }
  const at = declarationOffset(source);
  if (at !== -1) {
    return {
      ok: false,
      reason:
        'The file contains a DOCTYPE or entity declaration, which is refused (Moodle never writes one, and entities can be used to attack the server). Remove it and import again.',
      ...positionOf(source, at),
    };
  }
  const valid = XMLValidator.validate(source);
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    return {
      ok: false,
      reason: `The file is not well-formed XML (line ${line}, column ${col}): ${msg} Fix it, or export it again from Moodle, and import again.`,
      line,
      column: col,
    };
  }
  let doc: RawNode;
  try {
    doc = parser.parse(source) as RawNode;
  } catch (e) {
    return {
      ok: false,
      reason: `The XML could not be read: ${(e as Error).message}. Export it again from Moodle and import again.`,
    };
  }
  const root = new XmlEl(doc, '');
  const quiz = root.one('quiz');
  // A lone <question> (as Moodle's own question type tests keep them) is read as a quiz of one.
  const questions = quiz ? quiz.all('question') : root.all('question');
  if (!quiz && !questions.length) {
    const name = Object.keys(doc).find((k) => !k.startsWith('?') && k !== TEXT);
    return {
      ok: false,
      reason: `This is not a Moodle XML question file: its root element is <${name ?? '?'}>, where Moodle's export has <quiz>. Export the questions from Moodle's question bank as "Moodle XML format".`,
      line: 1,
    };
  }
  return {
    ok: true,
    questions: questions.map((el) => ({
      el,
      line: el.offset === undefined ? 1 : positionOf(source, el.offset).line,
    })),
  };
}
