/**
 * A small XML tree for QTI: written by our own serializer (so that no whitespace is ever added
 * inside content, where it would change a text), read with the maintained `fast-xml-parser`.
 * Reading refuses a DOCTYPE (QTI needs none, and internal entities are how "billion laughs"
 * files blow up memory) and reports where a file is not well-formed.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  /** Written without added line breaks or indentation (content: texts, HTML, choices). */
  inline?: boolean;
}
export type XmlNode = XmlElement | string;

export const isElement = (n: XmlNode): n is XmlElement => typeof n !== 'string';

/** An element; attributes whose value is undefined are left out. */
export function el(
  name: string,
  attrs: Record<string, string | number | boolean | undefined> = {},
  children: XmlNode[] = [],
  inline = false,
): XmlElement {
  const a: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) a[k] = String(v);
  return { name, attrs: a, children, ...(inline ? { inline } : {}) };
}

/** Characters XML 1.0 cannot hold at all (C0 controls other than tab, LF, CR; U+FFFE/FFFF). */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export const escapeText = (s: string) =>
  s.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) =>
  escapeText(s)
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');

/** An XML comment (for what a format cannot say); `--` cannot appear inside one. */
export const xmlComment = (text: string): XmlElement =>
  el(COMMENT, {}, [` ${text.replace(/-(?=-)/g, '- ')} `]);
const COMMENT = '#comment';

function write(n: XmlNode, depth: number, inline: boolean, out: string[]): void {
  if (typeof n === 'string') {
    out.push(escapeText(n));
    return;
  }
  if (n.name === COMMENT) {
    out.push(`<!--${String(n.children[0] ?? '').replace(NOT_XML, '')}-->`);
    return;
  }
  const attrs = Object.entries(n.attrs)
    .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
    .join('');
  if (!n.children.length) {
    out.push(`<${n.name}${attrs}/>`);
    return;
  }
  const compact = inline || n.inline || n.children.some((c) => typeof c === 'string');
  out.push(`<${n.name}${attrs}>`);
  const pad = '\n' + '  '.repeat(depth + 1);
  for (const c of n.children) {
    if (!compact) out.push(pad);
    write(c, depth + 1, compact, out);
  }
  if (!compact) out.push('\n' + '  '.repeat(depth));
  out.push(`</${n.name}>`);
}

/** A whole document: declaration, then the root, indented where no text can be touched. */
export function serializeXml(root: XmlElement): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  write(root, 0, false, out);
  out.push('\n');
  return out.join('');
}

/** Nodes written one after another, with no added whitespace (a text's content). */
export function serializeNodes(nodes: XmlNode[]): string {
  const out: string[] = [];
  for (const n of nodes) write(n, 0, true, out);
  return out.join('');
}

export class XmlReadError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  // Local names only: QTI files use the default namespace or a prefix of their choice.
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  // Numeric character references (&#160;) are decoded with this on.
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: '#comment',
  cdataPropName: '#cdata',
});

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> };

function toNodes(list: Ordered[]): XmlNode[] {
  const out: XmlNode[] = [];
  for (const item of list) {
    const name = Object.keys(item).find((k) => k !== ':@');
    if (name === undefined) continue;
    const value = item[name];
    if (name === '#text') out.push(String(value));
    else if (name === '#comment') continue;
    else if (name === '#cdata') {
      const inner = toNodes(value as Ordered[]);
      out.push(inner.filter((x): x is string => typeof x === 'string').join(''));
    } else {
      const attrs: Record<string, string> = {};
      for (const [k, v] of Object.entries(item[':@'] ?? {})) {
        // Namespace declarations are not content (removeNSPrefix keeps a bare `xmlns`).
        if (k === 'xmlns' || k.startsWith('xmlns:')) continue;
        attrs[k] = String(v);
      }
      out.push({ name, attrs, children: toNodes(value as Ordered[]) });
    }
  }
  // Adjacent texts (text, then CDATA) are one text.
  return out.reduce<XmlNode[]>((acc, n) => {
    const last = acc[acc.length - 1];
    if (typeof n === 'string' && typeof last === 'string') acc[acc.length - 1] = last + n;
    else acc.push(n);
    return acc;
  }, []);
}

/** The root element of an XML document, or XmlReadError saying where it is broken. */
export function parseXml(text: string): XmlElement {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (/<!DOCTYPE/i.test(src) || /<!ENTITY/i.test(src)) {
    throw new XmlReadError('it declares a DOCTYPE or entities, which QTI files never need');
  }
  const valid = XMLValidator.validate(src);
  if (valid !== true) {
    throw new XmlReadError(
      `it is not well-formed XML: ${valid.err.msg}`,
      valid.err.line,
      valid.err.col,
    );
  }
  const roots = toNodes(parser.parse(src) as Ordered[]).filter(isElement);
  if (roots.length !== 1) throw new XmlReadError('it has no single root element');
  return roots[0];
}

/** Child elements of `e` named `name`. */
export const children = (e: XmlElement, name?: string): XmlElement[] =>
  e.children.filter(
    (c): c is XmlElement => isElement(c) && (name === undefined || c.name === name),
  );

export const child = (e: XmlElement, name: string): XmlElement | undefined => children(e, name)[0];

/** Every descendant element named `name`, in document order. */
export function descendants(e: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of children(e)) {
    if (c.name === name) out.push(c);
    out.push(...descendants(c, name));
  }
  return out;
}

/** The text of an element (all its descendant texts). */
export function textOf(e: XmlNode): string {
  return typeof e === 'string' ? e : e.children.map(textOf).join('');
}
