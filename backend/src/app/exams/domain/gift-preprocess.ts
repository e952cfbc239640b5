/**
 * Reads GIFT text the way Moodle's importer does (question/format.php `readquestions`, and
 * question/format/gift/format.php `readquestion`), then hands each question to `gift-pegjs` as
 * text that parser accepts. gift-pegjs is stricter than Moodle, and its refusals are the
 * reason for each rewrite here:
 *
 * - Moodle gives `: = ~ #` a meaning only in some places (`::name::`, numeric answers, answer
 *   separators, feedback). gift-pegjs refuses them bare anywhere in text: `{=00:00 ~12:00}`,
 *   `Note: ... {T}`, `1+1=2 {T}` and `[html]<p style="color:red">` all fail there. We escape
 *   them with a backslash where Moodle reads them as text (escape sequences already in the
 *   file are kept as they are).
 * - Moodle splits questions on blank lines and drops every line that starts with `//`, even
 *   inside the answers; gift-pegjs only allows comments before a question.
 * - gift-pegjs reads `{Tomato}` / `{France}` as `{T}` / `{F}` followed by junk, and
 *   `{=a -> b ~c}` as a broken matching question; Moodle reads a short answer and a multiple
 *   choice. We add the leading `=` / `~` Moodle implies, and hide `->` outside matching
 *   questions behind a private-use character (restored after parsing).
 * - Numeric answers: gift-pegjs refuses scientific notation (`1.5e3`), `.5`, spaces around
 *   `:` and `..`, feedback on a single answer (`{#3.14:0.01#Good}`) and Moodle's own
 *   `{#3:2~#Completely wrong}`. We read them as Moodle does (PHP `is_numeric` numbers) and
 *   write each answer back as `=%w%value:tolerance#feedback` with plain decimals.
 * - A UTF-8 byte order mark is removed (Moodle's `readdata` does the same).
 *
 * Structural errors Moodle itself refuses (braces, numeric answers that are not numbers, a
 * matching answer without `->`) are reported here with Moodle's message and the position.
 */

/** Characters a backslash escapes in GIFT (`\n` is a newline). */
const ESCAPABLE = '\\:#={}~n';
/** Stands in for the `-` of `->` where gift-pegjs would otherwise try a matching question. */
export const ARROW_PLACEHOLDER = '\uE000';

export type MoodleQType =
  'description' | 'essay' | 'numerical' | 'multichoice' | 'match' | 'truefalse' | 'shortanswer';

export interface Position {
  line: number;
  column: number;
}

export interface CommentInfo {
  idnumber?: string;
  tags: string[];
}

export type GiftBlock =
  | { kind: 'category'; line: number; name: string }
  | {
      kind: 'question';
      line: number;
      moodleType: MoodleQType;
      title?: string;
      comments: CommentInfo;
      /** The question rewritten for gift-pegjs. */
      text: string;
      /** Where each character of `text` came from (offset in the BOM-less input). */
      src: number[];
    }
  | {
      /** A question Moodle itself would refuse; line and column point at the problem. */
      kind: 'error';
      line: number;
      column: number;
      moodleType?: MoodleQType;
      title?: string;
      comments: CommentInfo;
      message: string;
    };

/** Line and column (1-based) of offsets in a text. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) this.starts.push(i + 1);
    }
  }

  at(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** PHP's trim() set: Moodle trims lines with it, so a line of only non-breaking spaces is not blank. */
const PHP_SPACE = ' \t\n\r\0\x0B';
const isPhpSpace = (c: string | undefined) => c !== undefined && PHP_SPACE.includes(c);

/** PHP is_numeric (after trimming), which Moodle uses to accept a numeric answer. */
const PHP_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A number in the form gift-pegjs reads (`-?\d+(\.\d+)?`), equal to the PHP number `s`. */
export function plainDecimal(s: string): string {
  let token = s;
  const exp = /[eE]([+-]?\d+)$/.exec(token);
  // Beyond ±400 a double is 0 or infinite anyway; do not write thousands of zeros.
  if (exp && Math.abs(Number(exp[1])) > 400) token = String(Number(token));
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(token);
  if (!m) return token;
  const [, sign, int = '', frac = '', e = '0'] = m;
  const digits = int + frac;
  const point = int.length + Number(e);
  let whole: string;
  let fraction: string;
  if (point <= 0) {
    whole = '0';
    fraction = '0'.repeat(-point) + digits;
  } else if (point >= digits.length) {
    whole = digits + '0'.repeat(point - digits.length);
    fraction = '';
  } else {
    whole = digits.slice(0, point);
    fraction = digits.slice(point);
  }
  whole = whole.replace(/^0+(?=\d)/, '') || '0';
  fraction = fraction.replace(/0+$/, '');
  return `${sign === '-' ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** Removes GIFT escapes from a piece of text (for names we report before gift-pegjs reads them). */
export function unescapeGift(s: string): string {
  return s.replace(/\\([\\:#={}~n])/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

/** Moodle's extract_idnumber_and_tags_from_comment. */
export function commentInfo(comments: string): CommentInfo {
  // eslint-disable-next-line no-control-regex
  const id = /\[id:((?:\\\]|[^\]\x00-\x1F\x7F])+)\]/.exec(comments);
  // eslint-disable-next-line no-control-regex
  const tags = [...comments.matchAll(/\[tag:((?:\\\]|[^\]<>\x00-\x1F\x7F])+)\]/g)].map((m) =>
    m[1].trim().replace(/\\\]/g, ']'),
  );
  return { ...(id ? { idnumber: id[1].trim().replace(/\\\]/g, ']') } : {}), tags };
}

interface RawBlock {
  /** Trimmed, non-comment lines joined with "\n". */
  text: string;
  /** Offset in the input of each character of `text`. */
  src: number[];
  comments: string;
}

/**
 * Moodle's readquestions: questions are runs of non-blank lines; each line is trimmed; lines
 * starting with `//` are comments (wherever they are). Moodle reads a line holding only "0" as
 * blank (PHP `empty("0")`); that accident is not copied.
 */
function rawBlocks(text: string): RawBlock[] {
  const out: RawBlock[] = [];
  let cur: RawBlock = { text: '', src: [], comments: '' };
  let lines = 0;
  const flush = () => {
    if (cur.text || cur.comments) out.push(cur);
    cur = { text: '', src: [], comments: '' };
    lines = 0;
  };
  const re = /\r\n|\n|\r/g;
  let start = 0;
  for (;;) {
    const m = re.exec(text);
    const end = m ? m.index : text.length;
    let a = start;
    let z = end;
    while (a < z && isPhpSpace(text[a])) a++;
    while (z > a && isPhpSpace(text[z - 1])) z--;
    if (a === z) flush();
    else if (text.startsWith('//', a)) cur.comments += `${text.slice(a, z)}\n`;
    else {
      if (lines++ > 0) {
        cur.text += '\n';
        cur.src.push(cur.src[cur.src.length - 1] + 1);
      }
      cur.text += text.slice(a, z);
      for (let i = a; i < z; i++) cur.src.push(i);
    }
    if (!m) break;
    start = m.index + m[0].length;
  }
  flush();
  return out;
}

/** Builds gift-pegjs input, remembering where each character came from. */
class Writer {
  readonly chars: string[] = [];
  readonly src: number[] = [];

  push(s: string, at: number): void {
    for (const c of s) {
      this.chars.push(c);
      this.src.push(at);
    }
  }
}

class QuestionText {
  /** 0: plain, 1: a backslash that starts an escape, 2: the escaped character. */
  private readonly kind: Uint8Array;

  constructor(
    readonly t: string,
    readonly src: number[],
  ) {
    this.kind = new Uint8Array(t.length);
    for (let i = 0; i < t.length; i++) {
      if (t[i] === '\\' && i + 1 < t.length && ESCAPABLE.includes(t[i + 1])) {
        this.kind[i] = 1;
        this.kind[i + 1] = 2;
        i++;
      }
    }
  }

  plain(i: number, c: string): boolean {
    return this.t[i] === c && this.kind[i] === 0;
  }

  find(c: string, from: number, to: number): number {
    for (let i = from; i < to; i++) if (this.plain(i, c)) return i;
    return -1;
  }

  /** Last unescaped `####` in [from, to) (Moodle: strrpos after escapes are replaced). */
  findLastFour(from: number, to: number): number {
    for (let i = to - 4; i >= from; i--) {
      if ([0, 1, 2, 3].every((k) => this.plain(i + k, '#'))) return i;
    }
    return -1;
  }

  /** [a, z) without PHP whitespace at either end. */
  trim(a: number, z: number): [number, number] {
    while (a < z && isPhpSpace(this.t[a])) a++;
    while (z > a && isPhpSpace(this.t[z - 1])) z--;
    return [a, z];
  }

  /** Splits [from, to) at unescaped separators; each part starts after its separator. */
  split(from: number, to: number, seps: string): Array<{ sep: number; a: number; z: number }> {
    const parts: Array<{ sep: number; a: number; z: number }> = [];
    let sep = -1;
    let a = from;
    for (let i = from; i < to; i++) {
      if (this.kind[i] === 0 && seps.includes(this.t[i])) {
        parts.push({ sep, a, z: i });
        sep = i;
        a = i + 1;
      }
    }
    parts.push({ sep, a, z: to });
    return parts;
  }

  /** Copies [a, z) to `w`, escaping the characters in `esc` that are not escaped yet. */
  copy(w: Writer, a: number, z: number, esc: string, hideArrows = false): void {
    for (let i = a; i < z; i++) {
      const c = this.t[i];
      if (this.kind[i] !== 0) w.push(c, this.src[i]);
      else if (hideArrows && c === '-' && this.t[i + 1] === '>')
        w.push(ARROW_PLACEHOLDER, this.src[i]);
      else if (esc.includes(c)) w.push(`\\${c}`, this.src[i]);
      else w.push(c, this.src[i]);
    }
  }

  at(i: number): number {
    return this.src[Math.min(i, this.src.length - 1)] ?? 0;
  }
}

class MoodleError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Text outside the braces: Moodle reads `: = ~ #` there as text. */
const STEM_ESC = ':=~#';
/** Text after the closing brace (Moodle's missing-word tail) may also hold braces. */
const TAIL_ESC = ':=~#{}';

function classify(q: QuestionText, a: number, z: number): MoodleQType {
  const [s, e] = q.trim(a, z);
  if (s === e) return 'essay';
  if (q.plain(s, '#')) return 'numerical';
  if (q.find('~', s, e) >= 0) return 'multichoice';
  if (q.find('=', s, e) >= 0 && q.t.slice(s, e).includes('->')) return 'match';
  const hash = q.find('#', s, e);
  const [ts, te] = q.trim(s, hash >= 0 ? hash : e);
  return ['T', 'TRUE', 'F', 'FALSE'].includes(q.t.slice(ts, te)) ? 'truefalse' : 'shortanswer';
}

/** Multiple choice and short answer: `=`/`~` separate answers, the first `#` starts feedback. */
function writeChoices(q: QuestionText, w: Writer, a: number, z: number, type: MoodleQType): void {
  const [s] = q.trim(a, z);
  // Moodle takes text before the first separator as an answer too ("{Tomato}", "{a ~b}").
  if (s < z && !q.plain(s, '=') && !q.plain(s, '~')) {
    w.push(type === 'multichoice' ? '~' : '=', q.at(s));
  }
  for (const p of q.split(a, z, '=~')) {
    if (p.sep >= 0) w.push(q.t[p.sep], q.at(p.sep));
    const hash = q.find('#', p.a, p.z);
    q.copy(w, p.a, hash >= 0 ? hash : p.z, ':{', true);
    if (hash >= 0) {
      w.push('#', q.at(hash));
      q.copy(w, hash + 1, p.z, ':#{', true);
    }
  }
}

function writeTrueFalse(q: QuestionText, w: Writer, a: number, z: number): void {
  const h1 = q.find('#', a, z);
  const h2 = h1 >= 0 ? q.find('#', h1 + 1, z) : -1;
  q.copy(w, a, h1 >= 0 ? h1 : z, '');
  if (h1 >= 0) {
    w.push('#', q.at(h1));
    q.copy(w, h1 + 1, h2 >= 0 ? h2 : z, ':{');
  }
  if (h2 >= 0) {
    w.push('#', q.at(h2));
    q.copy(w, h2 + 1, z, ':#{');
  }
}

function writeMatching(q: QuestionText, w: Writer, a: number, z: number): void {
  const [s] = q.trim(a, z);
  if (s < z && !q.plain(s, '=')) w.push('=', q.at(s));
  for (const p of q.split(a, z, '=')) {
    const [ps, pe] = q.trim(p.a, p.z);
    if (p.sep < 0 && ps === pe) continue;
    if (!q.t.slice(p.a, p.z).includes('->')) {
      throw new MoodleError(
        `Matching question answers are improperly formatted: "${q.t.slice(ps, pe)}" has no "->". Write each pair as =question -> answer.`,
        q.at(ps),
      );
    }
    if (p.sep >= 0) w.push('=', q.at(p.sep));
    // In a matching answer only `=` and `->` mean something to Moodle; `#` is text.
    q.copy(w, p.a, p.z, ':#{');
  }
}

/** Moodle's numerical branch, written back in the one form gift-pegjs reads. */
function writeNumeric(q: QuestionText, w: Writer, a: number, z: number): void {
  const [s, e] = q.trim(a, z);
  w.push('#', q.at(s));
  const tilde = q.find('~', s + 1, e);
  const answersEnd = tilde >= 0 ? tilde : e;
  const parts = q.split(s + 1, answersEnd, '=').filter((p, i) => {
    const [ps, pe] = q.trim(p.a, p.z);
    return !(i === 0 && ps === pe);
  });
  if (!parts.length) {
    throw new MoodleError(
      'No answers found for numerical question. Give one, e.g. {#3.14:0.01}.',
      q.at(s),
    );
  }
  const number = (x: number, y: number): string => {
    const [ns, ne] = q.trim(x, y);
    const token = q.t.slice(ns, ne);
    if (!PHP_NUMBER.test(token)) {
      throw new MoodleError(
        `Error - answers must be numeric: "${token}" is not a number. Write numbers like 3.14, -2, 1.5e3.`,
        q.at(ns),
      );
    }
    if (!Number.isFinite(Number(token))) {
      throw new MoodleError(`"${token}" is too large for a number.`, q.at(ns));
    }
    return plainDecimal(token);
  };
  for (const p of parts) {
    const [start, pe] = q.trim(p.a, p.z);
    let ps = start;
    w.push(' =', q.at(ps));
    const weight = /^%-*[0-9]{1,2}\.?[0-9]*%/.exec(q.t.slice(ps, pe));
    if (weight) {
      w.push(weight[0], q.at(ps));
      ps += weight[0].length;
    }
    const hash = q.find('#', ps, pe);
    const ansEnd = hash >= 0 ? hash : pe;
    const answer = q.t.slice(ps, ansEnd);
    const range = answer.indexOf('..');
    const colon = answer.indexOf(':');
    if (range > 0) {
      w.push(number(ps, ps + range), q.at(ps));
      w.push('..', q.at(ps + range));
      w.push(number(ps + range + 2, ansEnd), q.at(ps + range + 2));
    } else if (colon > 0) {
      w.push(number(ps, ps + colon), q.at(ps));
      w.push(':', q.at(ps + colon));
      w.push(number(ps + colon + 1, ansEnd), q.at(ps + colon + 1));
    } else {
      w.push(number(ps, ansEnd), q.at(ps));
    }
    if (hash >= 0) {
      w.push('#', q.at(hash));
      q.copy(w, hash + 1, pe, ':#{');
    }
  }
  if (tilde >= 0) {
    // Moodle keeps only the feedback of the `~` part: text after its first `#`.
    w.push(' ~', q.at(tilde));
    const hash = q.find('#', tilde + 1, e);
    if (hash >= 0) {
      w.push('#', q.at(hash));
      q.copy(w, hash + 1, e, ':#={~');
    }
  }
}

function readQuestion(raw: RawBlock, lines: LineIndex): GiftBlock {
  const q = new QuestionText(raw.text, raw.src);
  const line = lines.at(raw.src[0]).line;
  const comments = commentInfo(raw.comments);
  const w = new Writer();
  let title: string | undefined;
  let moodleType: MoodleQType | undefined;
  try {
    let body = 0;
    if (raw.text.startsWith('::')) {
      // Moodle: the name ends at the next `::`; without one, the `::` is dropped.
      let end = -1;
      for (let i = 2; i < raw.text.length - 1; i++) {
        if (q.plain(i, ':') && q.plain(i + 1, ':')) {
          end = i;
          break;
        }
      }
      if (end >= 0) {
        title = unescapeGift(raw.text.slice(2, end)).trim();
        w.push('::', q.at(0));
        q.copy(w, 2, end, ':=~#{}');
        w.push('::', q.at(end));
        body = end + 2;
      } else {
        body = 2;
      }
    }
    const open = q.find('{', body, raw.text.length);
    const close = q.find('}', body, raw.text.length);
    if (open < 0 && close < 0) {
      moodleType = 'description';
      q.copy(w, body, raw.text.length, STEM_ESC);
    } else if (open < 0 || close < 0 || close < open) {
      // Moodle: braceerror. Point at the brace that has no partner.
      const stray = open < 0 || (close >= 0 && close < open);
      throw new MoodleError(
        stray
          ? 'Could not find {...} around answers: this "}" has no "{" before it. Open the answers with "{", or write a literal brace as \\}.'
          : 'Could not find {...} around answers: this "{" is never closed. Close the answers with "}", or write a literal brace as \\{.',
        q.at(stray ? close : open),
      );
    } else {
      q.copy(w, body, open, STEM_ESC);
      w.push('{', q.at(open));
      const four = q.findLastFour(open + 1, close);
      const answersEnd = four >= 0 ? four : close;
      moodleType = classify(q, open + 1, answersEnd);
      switch (moodleType) {
        case 'multichoice':
        case 'shortanswer':
          writeChoices(q, w, open + 1, answersEnd, moodleType);
          break;
        case 'truefalse':
          writeTrueFalse(q, w, open + 1, answersEnd);
          break;
        case 'match':
          writeMatching(q, w, open + 1, answersEnd);
          break;
        case 'numerical':
          writeNumeric(q, w, open + 1, answersEnd);
          break;
        case 'essay':
        case 'description':
          break;
      }
      if (four >= 0) {
        w.push(' ####', q.at(four));
        q.copy(w, four + 4, close, ':=~#{');
      }
      w.push('}', q.at(close));
      q.copy(w, close + 1, raw.text.length, TAIL_ESC);
    }
  } catch (e) {
    if (!(e instanceof MoodleError)) throw e;
    const pos = lines.at(e.offset);
    return {
      kind: 'error',
      line: pos.line,
      column: pos.column,
      ...(moodleType ? { moodleType } : {}),
      ...(title ? { title } : {}),
      comments,
      message: e.message,
    };
  }
  return {
    kind: 'question',
    line,
    moodleType: moodleType ?? 'description',
    ...(title ? { title } : {}),
    comments,
    text: w.chars.join(''),
    src: w.src,
  };
}

/**
 * The questions and categories of a GIFT file, in order, each with its first line. `text`
 * must already be free of a BOM (see stripBom) so that offsets match what the user sees.
 */
export function readGiftBlocks(text: string, lines = new LineIndex(text)): GiftBlock[] {
  const out: GiftBlock[] = [];
  for (const raw of rawBlocks(text)) {
    if (!raw.text) continue; // only comments
    if (raw.text.startsWith('$CATEGORY:')) {
      const nl = raw.text.indexOf('\n');
      if (nl >= 0) {
        // Moodle would read the following lines as part of the category's name and lose them.
        const pos = lines.at(raw.src[nl + 1]);
        out.push({
          kind: 'error',
          line: pos.line,
          column: pos.column,
          comments: commentInfo(raw.comments),
          message:
            'This question follows a $CATEGORY line without a blank line between them, so Moodle would read it as part of the category name. Add a blank line after the $CATEGORY line.',
        });
        continue;
      }
      out.push({
        kind: 'category',
        line: lines.at(raw.src[0]).line,
        name: raw.text.slice(10).trim(),
      });
      continue;
    }
    out.push(readQuestion(raw, lines));
  }
  return out;
}
