/**
 * A QTI 3.0 content package (zip) -> our question definitions, with a report of the GIFT
 * import's shape. The manifest lists the items; the assessment test (when there is one) gives
 * their order and weights. Each item is read on its own: one bad item is reported (SYNTAX,
 * DESCRIPTION, UNSUPPORTED, INVALID) and never sinks the rest.
 *
 * Read back: choice (single -> single choice or true/false, multiple -> multiple response),
 * text entry (string -> short text, float/integer -> numeric), extended text (essay), order
 * and match interactions; response processing by the match_correct and map_response templates
 * (or their usual inline forms), numeric conditions (qti-equal exact/absolute/relative, a range
 * by qti-gte/qti-lte) and our ordering rules (qti-index per place, qti-contains per pair).
 * Anything else (hotspot, graphic, slider, gap match, inline choice, several interactions in
 * one item, custom rules) is UNSUPPORTED, with its name.
 *
 * Scores: an item's credits are read relative to the most it can score; its points are that
 * maximum times its weight in the test (our export: 1 x points).
 */
import { strFromU8 } from 'fflate';
import { posix } from 'node:path';
import type {
  ExamText,
  QtiDroppedPart,
  QtiDroppedParts,
  QtiImportReport,
  QtiSkipCode,
  QtiSkippedItem,
  QuestionDefinition,
  NumericAccepted,
  TextFormat,
} from '@exam/contracts';
import { oneAnswerCredits } from '../one-answer-credits';
import { parseQuestion } from '../question-schema';
import { plainText } from '../rich-text';
import { itemTitle, ITEM_TYPE, TEST_TYPE } from './qti-export';
import { asHtml, readContent, type ReadText } from './qti-text';
import { QtiPackageError, readZip, ZIP_LIMITS, type ZipLimits } from './qti-zip';
import {
  child,
  children,
  descendants,
  parseXml,
  textOf,
  XmlReadError,
  type XmlElement,
  type XmlNode,
} from './xml';

export type QtiEntry =
  | {
      outcome: 'imported';
      index: number;
      title?: string;
      question: QuestionDefinition;
      dropped: QtiDroppedPart[];
    }
  | {
      /** An informational item (no interaction): a text before the next imported question. */
      outcome: 'text';
      index: number;
      title?: string;
      text: Omit<ExamText, 'beforeQuestion'>;
    }
  | { outcome: 'skipped'; skip: QtiSkippedItem & { code: QtiSkipCode } };

export interface QtiImportResult {
  questions: QuestionDefinition[];
  /** Informational items, placed before the question that follows them in the test. */
  texts: ExamText[];
  report: QtiImportReport;
  /** The test's title, when the package has a test. */
  title?: string;
  entries: QtiEntry[];
}

export type QtiItemResult =
  | { ok: true; question: QuestionDefinition; dropped: QtiDroppedPart[] }
  | { ok: false; code: QtiSkipCode; reason: string; line?: number; column?: number };

const fail = (code: QtiSkipCode, reason: string): QtiItemResult => ({ ok: false, code, reason });

/** Percentages keep 6 decimals (a mapping of 1/3 reads as 33.333333). */
const percent = (v: number, max: number) => Number(((v / max) * 100).toFixed(6));
const round2 = (n: number) => Math.round(n * 100) / 100;
const numberOf = (s: string | undefined): number | undefined => {
  if (s === undefined || s.trim() === '') return undefined;
  const n = Number(s.trim());
  return Number.isFinite(n) ? n : undefined;
};

/* ---------- reading content ---------- */

const BLANK = '\uE001';
const INLINE_INTERACTIONS = new Set([
  'qti-text-entry-interaction',
  'qti-inline-choice-interaction',
  'qti-end-attempt-interaction',
]);
const isInteraction = (e: XmlElement) =>
  e.name.endsWith('-interaction') || e.name === 'qti-portable-custom-interaction';

const contains = (e: XmlElement, target: XmlElement): boolean =>
  children(e).some((c) => c === target || contains(c, target));

const holdsQti = (e: XmlElement): boolean =>
  children(e).some((c) => c.name.startsWith('qti-') || holdsQti(c));

const whitespace = (nodes: XmlNode[]) => nodes.every((n) => typeof n === 'string' && !n.trim());

/**
 * Content without the QTI elements inside it (feedback, rubric blocks, printed variables...),
 * which are not text for a student; the interaction `it` becomes a blank when it sits inside
 * a sentence, its block goes when it stood alone.
 */
function contentNodes(nodes: XmlNode[], it?: XmlElement): XmlNode[] {
  const out: XmlNode[] = [];
  for (const n of nodes) {
    if (typeof n === 'string') {
      out.push(n);
      continue;
    }
    if (it && n === it) {
      if (INLINE_INTERACTIONS.has(n.name)) out.push(BLANK);
      else out.push(...contentNodes(child(n, 'qti-prompt')?.children ?? []));
      continue;
    }
    if (n.name.startsWith('qti-')) continue;
    const inner = contentNodes(n.children, it);
    const rest = inner.filter((c) => c !== BLANK);
    // A block that only held the interaction or other QTI elements is layout, not text.
    if (whitespace(rest) && ((it && contains(n, it)) || holdsQti(n))) continue;
    out.push({ ...n, children: inner.map((c) => (c === BLANK ? '_____' : c)) });
  }
  return out;
}

const readNodes = (nodes: XmlNode[], it?: XmlElement): ReadText => {
  const r = readContent(contentNodes(nodes, it).filter((n) => n !== BLANK));
  return r;
};
const readElement = (e: XmlElement): ReadText => readNodes(e.children);

/* ---------- response processing ---------- */

type Processing =
  | { kind: 'none' }
  | { kind: 'match_correct'; score: number }
  | { kind: 'map_response' }
  | { kind: 'conditions'; rules: XmlElement[] }
  | { kind: 'unknown'; what: string };

const templateName = (uri: string) =>
  /\/([a-z_]+?)(?:\.xml)?$/i.exec(uri.trim())?.[1]?.toLowerCase() ?? uri;

function setScore(e: XmlElement | undefined): XmlElement | undefined {
  return e?.name === 'qti-set-outcome-value' && e.attrs['identifier'] === 'SCORE'
    ? children(e)[0]
    : undefined;
}

const isResponse = (e: XmlElement | undefined, id: string) =>
  e?.name === 'qti-variable' && e.attrs['identifier'] === id;

/** SCORE = a number (or MAXSCORE, read as the item's maximum). */
function scoreValue(expr: XmlElement | undefined): number | 'max' | undefined {
  if (!expr) return undefined;
  if (expr.name === 'qti-base-value') return numberOf(textOf(expr));
  if (isResponse(expr, 'MAXSCORE')) return 'max';
  return undefined;
}

/** match(RESPONSE, correct(RESPONSE)), either way round. */
function matchesCorrect(cond: XmlElement, responseId: string): boolean {
  const [a, b] = children(cond);
  const correct = (e: XmlElement | undefined) =>
    e?.name === 'qti-correct' && e.attrs['identifier'] === responseId;
  return (
    cond.name === 'qti-match' &&
    ((isResponse(a, responseId) && correct(b)) || (isResponse(b, responseId) && correct(a)))
  );
}

const isScoreZero = (e: XmlElement | undefined) => scoreValue(setScore(e)) === 0;

/**
 * Response rules as far as SCORE goes: settings of other outcomes (FEEDBACK,
 * completionStatus...) only choose feedback or report progress and are left out, conditions
 * left empty by that go, and "no response: SCORE 0, otherwise ..." is the otherwise part
 * (SCORE starts at 0 anyway).
 */
export function scoreRules(rules: XmlElement[], responseId: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const r of rules) {
    if (r.name === 'qti-set-outcome-value' && r.attrs['identifier'] !== 'SCORE') continue;
    if (r.name !== 'qti-response-condition') {
      out.push(r);
      continue;
    }
    const branches = children(r).map((b) => {
      const parts = children(b);
      const head = b.name === 'qti-response-else' ? [] : parts.slice(0, 1);
      const body = scoreRules(b.name === 'qti-response-else' ? parts : parts.slice(1), responseId);
      return { ...b, children: [...head, ...body] };
    });
    const bodyOf = (b: XmlElement) => children(b).slice(b.name === 'qti-response-else' ? 0 : 1);
    const [first, second] = branches;
    const firstCond = first ? children(first)[0] : undefined;
    if (
      branches.length === 2 &&
      firstCond?.name === 'qti-is-null' &&
      isResponse(children(firstCond)[0], responseId) &&
      bodyOf(first).every(isScoreZero) &&
      second.name === 'qti-response-else'
    ) {
      out.push(...bodyOf(second));
      continue;
    }
    if (branches.every((b) => bodyOf(b).length === 0)) continue;
    out.push({ ...r, children: branches });
  }
  return out;
}

function classifyProcessing(item: XmlElement, responseId: string): Processing {
  const rp = child(item, 'qti-response-processing');
  if (!rp) return { kind: 'none' };
  const tpl = rp.attrs['template'] ?? rp.attrs['template-location'];
  const rules = scoreRules(children(rp), responseId);
  if (!rules.length && tpl) {
    const name = templateName(tpl);
    if (name === 'match_correct') return { kind: 'match_correct', score: 1 };
    if (name === 'map_response') return { kind: 'map_response' };
    return { kind: 'unknown', what: `the response processing template "${name}"` };
  }
  // SCORE = mapResponse(RESPONSE), alone or behind "if there is no response, 0".
  const direct = rules.length === 1 ? setScore(rules[0]) : undefined;
  if (direct?.name === 'qti-map-response') return { kind: 'map_response' };
  if (rules.length === 1 && rules[0].name === 'qti-response-condition') {
    const branches = children(rules[0]);
    const [first] = branches;
    const firstCond = first ? children(first)[0] : undefined;
    // if match(RESPONSE, correct(RESPONSE)) SCORE = n [else SCORE = 0]
    if (
      firstCond &&
      matchesCorrect(firstCond, responseId) &&
      branches.length <= 2 &&
      children(first).length === 2 &&
      (!branches[1] || children(branches[1]).length === 1)
    ) {
      const score = scoreValue(setScore(children(first)[1]));
      const elseScore = branches[1] ? scoreValue(setScore(children(branches[1])[0])) : 0;
      if (score !== undefined && elseScore === 0) {
        return { kind: 'match_correct', score: score === 'max' ? -1 : score };
      }
    }
  }
  if (rules.every((r) => r.name === 'qti-response-condition')) return { kind: 'conditions', rules };
  return { kind: 'unknown', what: 'its response processing' };
}

/** if/else-if branches of a list of response conditions, in order: [condition, then-expr]. */
function branchesOf(rules: XmlElement[]): Array<[XmlElement, XmlElement]> | undefined {
  const out: Array<[XmlElement, XmlElement]> = [];
  for (const r of rules) {
    for (const b of children(r)) {
      const parts = children(b);
      if (b.name === 'qti-response-else') {
        // "otherwise 0" adds nothing.
        if (parts.length === 1 && scoreValue(setScore(parts[0])) === 0) continue;
        return undefined;
      }
      if (parts.length !== 2) return undefined;
      const then = setScore(parts[1]);
      if (!then) return undefined;
      out.push([parts[0], then]);
    }
  }
  return out;
}

/* ---------- scoring data of a response declaration ---------- */

interface Declaration {
  cardinality: string;
  baseType: string;
  correct: string[];
  mapping?: {
    entries: Array<{ key: string; value: number; caseSensitive: boolean }>;
    defaultValue: number;
    lower?: number;
    upper?: number;
  };
}

function readDeclaration(decl: XmlElement): Declaration {
  const correct = children(child(decl, 'qti-correct-response') ?? decl, 'qti-value').map((v) =>
    textOf(v).trim(),
  );
  const m = child(decl, 'qti-mapping');
  return {
    cardinality: decl.attrs['cardinality'] ?? 'single',
    baseType: decl.attrs['base-type'] ?? '',
    correct: child(decl, 'qti-correct-response') ? correct : [],
    ...(m
      ? {
          mapping: {
            entries: children(m, 'qti-map-entry').map((e) => ({
              key: (e.attrs['map-key'] ?? '').trim(),
              value: numberOf(e.attrs['mapped-value']) ?? 0,
              caseSensitive: e.attrs['case-sensitive'] !== 'false',
            })),
            defaultValue: numberOf(m.attrs['default-value']) ?? 0,
            lower: numberOf(m.attrs['lower-bound']),
            upper: numberOf(m.attrs['upper-bound']),
          },
        }
      : {}),
  };
}

/* ---------- one item ---------- */

interface ItemContext {
  /** The item's weight in the test (1 without one). */
  weight: number;
  tags: string[];
}

interface Built {
  question: Record<string, unknown> & { type: QuestionDefinition['type'] };
  /** The most the item scores, in its own units. */
  max: number;
  texts: ReadText[];
  dropped: QtiDroppedPart[];
}

type BuildResult = Built | { ok: false; code: QtiSkipCode; reason: string };
const isFailure = (b: BuildResult): b is { ok: false; code: QtiSkipCode; reason: string } =>
  'ok' in b;

function choiceQuestion(it: XmlElement, d: Declaration, p: Processing): BuildResult {
  const choices = children(it, 'qti-simple-choice').map((c) => ({
    id: c.attrs['identifier'] ?? '',
    text: readElement(c),
  }));
  const texts = choices.map((c) => c.text);
  const ids = choices.map((c) => c.id);
  if (p.kind !== 'match_correct' && p.kind !== 'map_response') {
    return unsupportedProcessing(p);
  }
  if (d.cardinality === 'multiple') {
    // All or nothing keeps the weights of its mapping when there is one (our export's).
    if (p.kind === 'match_correct' && !d.mapping) {
      const right = ids.filter((id) => d.correct.includes(id));
      if (!right.length)
        return { ok: false, code: 'INVALID', reason: 'no choice is marked correct' };
      const w = Number((100 / right.length).toFixed(5));
      return {
        question: {
          type: 'multiple_response',
          allOrNothing: true,
          options: choices.map((c) => ({ id: c.id, weight: right.includes(c.id) ? w : 0 })),
        },
        max: p.score,
        texts,
        dropped: [],
      };
    }
    const m = d.mapping;
    if (!m) return { ok: false, code: 'INVALID', reason: 'map_response without a mapping' };
    const value = (id: string) => m.entries.find((e) => e.key === id)?.value ?? m.defaultValue;
    const values = ids.map(value);
    const sum = values.filter((v) => v > 0).reduce((s, v) => s + v, 0);
    if (sum <= 0) return { ok: false, code: 'INVALID', reason: 'no choice is worth anything' };
    if (m.upper !== undefined && m.upper < sum - 1e-9) {
      return {
        ok: false,
        code: 'UNSUPPORTED',
        reason: `its score is capped at ${m.upper} while the right choices add up to ${sum}; our multiple-response questions cannot cap a score`,
      };
    }
    const dropped: QtiDroppedPart[] =
      m.lower === undefined && values.some((v) => v < 0)
        ? [{ part: 'scoring', detail: 'a negative total is floored at 0 here' }]
        : [];
    return {
      question: {
        type: 'multiple_response',
        options: choices.map((c, i) => ({ id: c.id, weight: percent(values[i], sum) })),
        ...(p.kind === 'match_correct' ? { allOrNothing: true } : {}),
      },
      max: p.kind === 'match_correct' ? p.score : sum,
      texts,
      dropped,
    };
  }
  if (d.cardinality !== 'single') {
    return {
      ok: false,
      code: 'UNSUPPORTED',
      reason: `a choice with ${d.cardinality} cardinality`,
    };
  }
  let values: number[];
  let max: number;
  if (p.kind === 'match_correct') {
    values = ids.map((id) => (id === d.correct[0] ? p.score : 0));
    max = p.score;
  } else {
    const m = d.mapping;
    if (!m) return { ok: false, code: 'INVALID', reason: 'map_response without a mapping' };
    const clamp = (v: number) => Math.min(m.upper ?? Infinity, Math.max(m.lower ?? -Infinity, v));
    values = ids.map((id) => clamp(m.entries.find((e) => e.key === id)?.value ?? m.defaultValue));
    max = Math.max(...values);
  }
  if (!(max > 0)) return { ok: false, code: 'INVALID', reason: 'no choice is marked correct' };
  let keyIndex = ids.indexOf(d.correct[0] ?? '');
  if (keyIndex < 0 || values[keyIndex] < max) keyIndex = values.indexOf(max);
  // Each choice's share of the most it can score, as the GIFT and Moodle XML imports read
  // a one-answer question's credits.
  const { options, negativeMarkPercent } = oneAnswerCredits(
    choices.map((c) => ({ id: c.id })),
    values.map((v) => percent(v, max)),
    keyIndex,
  );
  const neg = negativeMarkPercent ? { negativeMarkPercent } : {};
  const ownCredits = options.some((o) => 'creditPercent' in o);
  if (
    choices.length === 2 &&
    [...ids]
      .map((x) => x.toLowerCase())
      .sort()
      .join() === 'false,true' &&
    !ownCredits
  ) {
    return {
      question: { type: 'true_false', correct: ids[keyIndex].toLowerCase() === 'true', ...neg },
      max,
      texts: [],
      dropped: [],
    };
  }
  return {
    question: { type: 'single_choice', options, correctOptionId: ids[keyIndex], ...neg },
    max,
    texts,
    dropped: [],
  };
}

function unsupportedProcessing(p: Processing): BuildResult {
  return {
    ok: false,
    code: 'UNSUPPORTED',
    reason:
      p.kind === 'none'
        ? 'it has no response processing, so its right answer cannot be scored'
        : p.kind === 'unknown'
          ? `${p.what} is not one we can read (only match_correct, map_response and the conditions our export writes)`
          : 'its response processing does not fit this interaction',
  };
}

/** A numeric condition: RESPONSE equal to / within a value, or between two values. */
function numericCondition(
  e: XmlElement,
  responseId: string,
): Omit<NumericAccepted, 'creditPercent'> | undefined {
  const [a, b] = children(e);
  const other = isResponse(a, responseId) ? b : isResponse(b, responseId) ? a : undefined;
  const v = other?.name === 'qti-base-value' ? numberOf(textOf(other)) : undefined;
  if (e.name === 'qti-match' && v !== undefined) return { value: v };
  if (e.name === 'qti-equal' && v !== undefined) {
    const mode = e.attrs['tolerance-mode'] ?? 'exact';
    const ts = (e.attrs['tolerance'] ?? '').trim().split(/\s+/).filter(Boolean).map(Number);
    if (ts.some((t) => !Number.isFinite(t) || t < 0)) return undefined;
    if (ts.length === 2 && ts[0] !== ts[1]) return undefined;
    if (e.attrs['include-lower-bound'] === 'false' || e.attrs['include-upper-bound'] === 'false') {
      return undefined;
    }
    const t = ts[0] ?? 0;
    if (mode === 'exact') return { value: v };
    if (mode === 'absolute') return { value: v, tolerance: t };
    if (mode === 'relative') {
      return { value: v, tolerance: Number((t / 100).toPrecision(12)), toleranceMode: 'relative' };
    }
    return undefined;
  }
  if (e.name === 'qti-and') {
    const parts = children(e);
    let min: number | undefined;
    let max: number | undefined;
    for (const part of parts) {
      const [x, y] = children(part);
      const n = y?.name === 'qti-base-value' ? numberOf(textOf(y)) : undefined;
      if (!isResponse(x, responseId) || n === undefined) return undefined;
      if (part.name === 'qti-gte') min = n;
      else if (part.name === 'qti-lte') max = n;
      else return undefined;
    }
    if (parts.length === 2 && min !== undefined && max !== undefined) return { min, max };
  }
  return undefined;
}

/** Our guard "SCORE < credit" (best credit wins) around a condition. */
function unguard(cond: XmlElement): XmlElement {
  if (cond.name !== 'qti-and') return cond;
  const parts = children(cond);
  const last = parts[parts.length - 1];
  if (parts.length === 2 && last.name === 'qti-lt' && isResponse(children(last)[0], 'SCORE')) {
    return parts[0];
  }
  return cond;
}

function textEntryQuestion(
  it: XmlElement,
  d: Declaration,
  p: Processing,
  responseId: string,
): BuildResult {
  const numeric = d.baseType === 'float' || d.baseType === 'integer';
  if (!numeric && d.baseType !== 'string') {
    return {
      ok: false,
      code: 'UNSUPPORTED',
      reason: `a text entry of base type ${d.baseType || '(none)'}`,
    };
  }
  if (d.cardinality !== 'single') {
    return {
      ok: false,
      code: 'UNSUPPORTED',
      reason: `a text entry with ${d.cardinality} cardinality`,
    };
  }
  if (numeric) {
    let answers: Array<Omit<NumericAccepted, 'creditPercent'> & { score: number }> = [];
    if (p.kind === 'match_correct') {
      const v = numberOf(d.correct[0]);
      if (v === undefined)
        return { ok: false, code: 'INVALID', reason: 'no numeric correct response' };
      answers = [{ value: v, score: 1 }];
    } else if (p.kind === 'map_response') {
      const m = d.mapping;
      if (!m) return { ok: false, code: 'INVALID', reason: 'map_response without a mapping' };
      for (const e of m.entries) {
        const v = numberOf(e.key);
        if (v !== undefined && e.value > 0) answers.push({ value: v, score: e.value });
      }
    } else if (p.kind === 'conditions') {
      const branches = branchesOf(p.rules.filter((r) => !isNullGuard(r)));
      if (!branches)
        return unsupportedProcessing({ kind: 'unknown', what: 'its response processing' });
      for (const [cond, then] of branches) {
        const a = numericCondition(unguard(cond), responseId);
        const score = scoreValue(then);
        if (!a || score === undefined) {
          return unsupportedProcessing({ kind: 'unknown', what: `the condition <${cond.name}>` });
        }
        answers.push({ ...a, score: score === 'max' ? Infinity : score });
      }
    } else return unsupportedProcessing(p);
    const finite = answers.map((a) => a.score).filter((s) => Number.isFinite(s));
    const max = Math.max(...finite, answers.some((a) => !Number.isFinite(a.score)) ? 1 : 0);
    const accepted = answers
      .filter((a) => a.score > 0)
      .map(({ score, ...a }) => ({
        ...a,
        creditPercent: Number.isFinite(score) ? percent(score, max) : 100,
      }));
    if (!accepted.length || !(max > 0)) {
      return { ok: false, code: 'INVALID', reason: 'no answer scores above 0' };
    }
    return {
      question: { type: 'numeric', acceptedAnswers: accepted },
      max,
      texts: [],
      dropped: [],
    };
  }
  let accepted: Array<{ text: string; score: number; caseSensitive: boolean }>;
  if (p.kind === 'match_correct') {
    accepted = d.correct.map((text) => ({ text, score: 1, caseSensitive: true }));
  } else if (p.kind === 'map_response') {
    const m = d.mapping;
    if (!m) return { ok: false, code: 'INVALID', reason: 'map_response without a mapping' };
    accepted = m.entries
      .filter((e) => e.value > 0 && e.key !== '')
      .map((e) => ({
        text: e.key,
        score: Math.min(e.value, m.upper ?? Infinity),
        caseSensitive: e.caseSensitive,
      }));
  } else return unsupportedProcessing(p);
  const max = Math.max(0, ...accepted.map((a) => a.score));
  if (!accepted.length || !(max > 0)) {
    return { ok: false, code: 'INVALID', reason: 'no accepted answer scores above 0' };
  }
  const sensitive = accepted.filter((a) => a.caseSensitive).length;
  const dropped: QtiDroppedPart[] =
    sensitive && sensitive < accepted.length
      ? [
          {
            part: 'scoring',
            detail: 'some answers were case-sensitive and some not: all are case-insensitive here',
          },
        ]
      : [];
  const mask = /^\^?(?:\[\\s\\S\]|\.)\{0,(\d+)\}\$?$/.exec(it.attrs['pattern-mask'] ?? '');
  return {
    question: {
      type: 'short_text',
      acceptedAnswers: accepted.map((a) => ({
        text: a.text,
        creditPercent: percent(a.score, max),
      })),
      ...(sensitive === accepted.length ? { caseSensitive: true } : {}),
      ...(mask ? { maxLength: Number(mask[1]) } : {}),
    },
    max,
    texts: [],
    dropped,
  };
}

function isNullGuard(r: XmlElement): boolean {
  const branches = children(r);
  const cond = branches[0] ? children(branches[0])[0] : undefined;
  return (
    branches.length === 1 &&
    cond?.name === 'qti-is-null' &&
    scoreValue(setScore(children(branches[0])[1])) === 0
  );
}

function orderQuestion(
  it: XmlElement,
  d: Declaration,
  p: Processing,
  responseId: string,
): BuildResult {
  const items = children(it, 'qti-simple-choice').map((c) => ({
    id: c.attrs['identifier'] ?? '',
    text: readElement(c),
  }));
  const texts = items.map((c) => c.text);
  const base = {
    type: 'ordering' as const,
    items: items.map((c) => ({ id: c.id })),
    correctOrder: d.correct,
  };
  if (d.cardinality !== 'ordered' || !d.correct.length) {
    return {
      ok: false,
      code: 'INVALID',
      reason: 'an order interaction needs an ordered correct response',
    };
  }
  if (p.kind === 'match_correct') return { question: base, max: p.score, texts, dropped: [] };
  if (p.kind !== 'conditions') return unsupportedProcessing(p);
  // "The right order scores n, otherwise per place / pair" is the same rule when the places
  // or pairs add up to n.
  let rules = p.rules;
  let exact: number | undefined;
  const [first, second] = rules.length === 1 ? children(rules[0]) : [];
  const firstCond = first ? children(first)[0] : undefined;
  if (firstCond && matchesCorrect(firstCond, responseId) && second?.name === 'qti-response-else') {
    const score = scoreValue(setScore(children(first)[1]));
    exact = typeof score === 'number' ? score : undefined;
    rules = children(second).filter((x) => !isScoreZero(x));
  }
  const branches = branchesOf(rules);
  if (!branches?.length)
    return unsupportedProcessing({ kind: 'unknown', what: 'its response processing' });
  const steps: number[] = [];
  const position = branches.every(([cond, then], i) => {
    const [index, v] = children(cond);
    const step = increment(then);
    if (step !== undefined) steps.push(step);
    return (
      cond.name === 'qti-match' &&
      index?.name === 'qti-index' &&
      isResponse(children(index)[0], responseId) &&
      index.attrs['n'] === String(i + 1) &&
      textOf(v ?? '').trim() === d.correct[i] &&
      step !== undefined
    );
  });
  const agrees = () => exact === undefined || Math.abs(exact - sum(steps)) < 1e-6;
  if (position && branches.length === d.correct.length && agrees()) {
    return { question: { ...base, scoring: 'position' }, max: sum(steps), texts, dropped: [] };
  }
  steps.length = 0;
  const neighbours = branches.every(([cond, then], i) => {
    const [r, ordered] = children(cond);
    const pair = ordered ? children(ordered).map((x) => textOf(x).trim()) : [];
    const step = increment(then);
    if (step !== undefined) steps.push(step);
    return (
      cond.name === 'qti-contains' &&
      isResponse(r, responseId) &&
      ordered?.name === 'qti-ordered' &&
      pair.join(' ') === `${d.correct[i]} ${d.correct[i + 1]}` &&
      step !== undefined
    );
  });
  if (neighbours && branches.length === d.correct.length - 1 && agrees()) {
    return { question: { ...base, scoring: 'neighbours' }, max: sum(steps), texts, dropped: [] };
  }
  return unsupportedProcessing({ kind: 'unknown', what: 'its response processing' });
}

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

/** SCORE + step, as our ordering rules write it. */
function increment(expr: XmlElement): number | undefined {
  if (expr.name !== 'qti-sum') return undefined;
  const [a, b] = children(expr);
  return isResponse(a, 'SCORE') && b?.name === 'qti-base-value' ? numberOf(textOf(b)) : undefined;
}

function matchQuestion(it: XmlElement, d: Declaration, p: Processing): BuildResult {
  const sets = children(it, 'qti-simple-match-set');
  if (sets.length !== 2)
    return { ok: false, code: 'INVALID', reason: 'a match interaction needs two match sets' };
  const side = (s: XmlElement) =>
    children(s, 'qti-simple-associable-choice').map((c) => ({
      id: c.attrs['identifier'] ?? '',
      text: readElement(c),
    }));
  const left = side(sets[0]);
  const right = side(sets[1]);
  const dropped: QtiDroppedPart[] = [];
  let pairs: Array<{ key: string; value: number }>;
  if (p.kind === 'match_correct') {
    pairs = d.correct.map((key) => ({ key, value: 1 }));
    dropped.push({
      part: 'scoring',
      detail: 'all or nothing in QTI; here each right pair scores its share',
    });
  } else if (p.kind === 'map_response') {
    if (!d.mapping) return { ok: false, code: 'INVALID', reason: 'map_response without a mapping' };
    pairs = d.mapping.entries.filter((e) => e.value > 0);
    if (new Set(pairs.map((x) => x.value)).size > 1) {
      dropped.push({
        part: 'scoring',
        detail: 'pairs worth different amounts: each right pair now scores the same share',
      });
    }
  } else return unsupportedProcessing(p);
  const correctPairs: Record<string, string> = {};
  for (const pair of pairs) {
    const [l, r] = pair.key.split(/\s+/);
    if (correctPairs[l] !== undefined && correctPairs[l] !== r) {
      return {
        ok: false,
        code: 'UNSUPPORTED',
        reason: `"${l}" has more than one right match; our matching questions have one per item`,
      };
    }
    correctPairs[l] = r;
  }
  return {
    question: {
      type: 'matching',
      left: left.map((c) => ({ id: c.id })),
      right: right.map((c) => ({ id: c.id })),
      correctPairs,
    },
    max: sum(pairs.map((x) => x.value)),
    texts: [...left.map((c) => c.text), ...right.map((c) => c.text)],
    dropped,
  };
}

/** The texts of options/items/sides, put back in the built question in reading order. */
function withTexts(q: Built['question'], texts: string[]): Built['question'] {
  let i = 0;
  const fill = (list: unknown) =>
    Array.isArray(list)
      ? list.map((o: Record<string, unknown>) => ({ ...o, text: texts[i++] }))
      : list;
  const out = { ...q };
  for (const k of ['options', 'items', 'left', 'right']) if (k in out) out[k] = fill(out[k]);
  return out;
}

function droppedOf(item: XmlElement, body: XmlElement): QtiDroppedPart[] {
  const out: QtiDroppedPart[] = [];
  const feedback =
    children(item, 'qti-modal-feedback').length +
    descendants(body, 'qti-feedback-inline').length +
    descendants(body, 'qti-feedback-block').length;
  if (feedback) out.push({ part: 'feedback', detail: `feedback (${feedback})` });
  const media = [
    ...descendants(body, 'img').filter((i) => !/^https?:\/\//i.test(i.attrs['src'] ?? '')),
    ...['object', 'audio', 'video', 'picture'].flatMap((n) => descendants(body, n)),
  ].length;
  if (media) out.push({ part: 'media', detail: `images or media from the package (${media})` });
  const layout = children(item, 'qti-stylesheet').length;
  if (layout) out.push({ part: 'layout', detail: `stylesheets (${layout})` });
  return out;
}

/**
 * An informational item (a QTI 3 item whose body has no interaction) as a text between
 * questions: its content, html when it has markup, and its title as the name when the title
 * is not just the start of the text. Undefined: the item is not one (it has an interaction,
 * or no body); null: it shows nothing.
 */
export function qtiItemText(item: XmlElement): Omit<ExamText, 'beforeQuestion'> | null | undefined {
  if (item.name !== 'qti-assessment-item') return undefined;
  const body = child(item, 'qti-item-body');
  if (!body || collect(body).length) return undefined;
  const read = readElement(body);
  if (!read.text.trim() && !/<img\b/i.test(read.text)) return null;
  const format = read.html ? ('html' as const) : undefined;
  const title = (item.attrs['title'] ?? '').trim();
  const named = title && title !== itemTitle({ prompt: read.text, format });
  return {
    text: read.text,
    ...(format ? { format } : {}),
    ...(named ? { name: title.slice(0, 255) } : {}),
  };
}

/** One qti-assessment-item as our question, or why not. */
export function mapQtiItem(
  item: XmlElement,
  ctx: ItemContext = { weight: 1, tags: [] },
): QtiItemResult {
  if (item.name !== 'qti-assessment-item') {
    return fail(
      'SYNTAX',
      item.name === 'assessmentItem'
        ? 'this is a QTI 2.x item; only QTI 3.0 is read. Convert the package to QTI 3.0 and import it again.'
        : `the file holds <${item.name}>, not a qti-assessment-item`,
    );
  }
  if (children(item, 'qti-template-declaration').length || child(item, 'qti-template-processing')) {
    return fail(
      'UNSUPPORTED',
      'template variables (items cloned with random values) are not supported',
    );
  }
  if (item.attrs['adaptive'] === 'true') {
    return fail('UNSUPPORTED', 'adaptive items (several attempts with hints) are not supported');
  }
  const body = child(item, 'qti-item-body');
  if (!body) return fail('DESCRIPTION', 'the item has no body');
  const interactions = collect(body);
  if (!interactions.length) {
    return fail('DESCRIPTION', 'the item has no interaction (text only); not a question');
  }
  if (interactions.length > 1) {
    return fail(
      'UNSUPPORTED',
      `it has ${interactions.length} interactions (${interactions.map((i) => i.name).join(', ')}); our questions have one`,
    );
  }
  const it = interactions[0];
  const responseId = it.attrs['response-identifier'] ?? 'RESPONSE';
  const declEl = children(item, 'qti-response-declaration').find(
    (x) => x.attrs['identifier'] === responseId,
  );
  if (!declEl && it.name !== 'qti-extended-text-interaction') {
    return fail('INVALID', `no response declaration for "${responseId}"`);
  }
  const d = declEl
    ? readDeclaration(declEl)
    : { cardinality: 'single', baseType: 'string', correct: [] };
  const declaredMax = outcomeDefault(item, 'MAXSCORE');
  const classified = classifyProcessing(item, responseId);
  // "SCORE = MAXSCORE when right" scores the declared maximum.
  const processing: Processing =
    classified.kind === 'match_correct' && !(classified.score > 0)
      ? { kind: 'match_correct', score: declaredMax ?? 1 }
      : classified;
  let built: BuildResult;
  switch (it.name) {
    case 'qti-choice-interaction':
      built = choiceQuestion(it, d, processing);
      break;
    case 'qti-text-entry-interaction':
      built = textEntryQuestion(it, d, processing, responseId);
      break;
    case 'qti-extended-text-interaction': {
      const notes = descendants(body, 'qti-rubric-block')
        .filter((r) => (r.attrs['view'] ?? '').split(/\s+/).includes('scorer'))
        .map((r) => readElement(child(r, 'qti-content-body') ?? r))
        .map((t) => (t.html ? plainText(t.text, 'html') : t.text))
        .filter((t) => t !== '');
      built = {
        question: { type: 'essay', ...(notes.length ? { gradingNotes: notes.join('\n\n') } : {}) },
        max: declaredMax ?? 1,
        texts: [],
        dropped: [],
      };
      break;
    }
    case 'qti-order-interaction':
      built = orderQuestion(it, d, processing, responseId);
      break;
    case 'qti-match-interaction':
      built = matchQuestion(it, d, processing);
      break;
    default:
      return fail(
        'UNSUPPORTED',
        `<${it.name}> has no equivalent among our question types (choice, text entry, extended text, order and match interactions are read)`,
      );
  }
  if (isFailure(built)) return fail(built.code, built.reason);
  const prompt = readNodes(body.children, it);
  const all = [prompt, ...built.texts];
  const html = all.some((t) => t.html);
  const format: TextFormat | undefined = html ? 'html' : undefined;
  const text = (t: ReadText) => (html ? asHtml(t) : t.text);
  const points = round2(built.max * ctx.weight);
  const raw: Record<string, unknown> = {
    ...withTexts(built.question, built.texts.map(text)),
    prompt: text(prompt),
    points: points > 0 ? points : 1,
    ...(format ? { format } : {}),
    ...(ctx.tags.length ? { tags: ctx.tags } : {}),
  };
  const parsed = parseQuestion(raw);
  if (!parsed.ok) {
    return fail(
      'INVALID',
      `invalid after mapping: ${parsed.issues.map((i) => `${i.field}: ${i.problems.join(', ')}`).join('; ')}`,
    );
  }
  // The item's title is its name, unless it is only the start of its text (what we write
  // when a question has no name).
  const title = (item.attrs['title'] ?? '').trim();
  const question =
    title && title !== itemTitle(parsed.question)
      ? ({ ...parsed.question, name: title.slice(0, 255) } as QuestionDefinition)
      : parsed.question;
  return { ok: true, question, dropped: [...droppedOf(item, body), ...built.dropped] };
}

/** The default value of an outcome (MAXSCORE...), when it is a number above 0. */
function outcomeDefault(item: XmlElement, id: string): number | undefined {
  const decl = children(item, 'qti-outcome-declaration').find((o) => o.attrs['identifier'] === id);
  const v = decl ? child(child(decl, 'qti-default-value') ?? decl, 'qti-value') : undefined;
  const n = v ? numberOf(textOf(v)) : undefined;
  return n !== undefined && n > 0 ? n : undefined;
}

/** The interactions of a body (not those inside another interaction). */
function collect(e: XmlElement): XmlElement[] {
  return children(e).flatMap((c) => (isInteraction(c) ? [c] : collect(c)));
}

/* ---------- the package ---------- */

interface Resource {
  identifier: string;
  type: string;
  href?: string;
  tags: string[];
}

function resolvePath(base: string, href: string): string {
  let h = href;
  try {
    h = decodeURIComponent(href);
  } catch {
    /* keep it as written */
  }
  return posix.normalize(posix.join(posix.dirname(base), h)).replace(/^(\.\/)+/, '');
}

function keywords(res: XmlElement): string[] {
  const lom = descendants(res, 'lom')[0];
  if (!lom) return [];
  return descendants(lom, 'keyword')
    .flatMap((k) => children(k, 'string').map((s) => textOf(s).trim()))
    .filter((t) => t !== '')
    .map((t) => t.slice(0, 100))
    .slice(0, 50);
}

function readManifest(files: Map<string, Uint8Array>): Resource[] {
  const key = [...files.keys()].find((k) => k.toLowerCase() === 'imsmanifest.xml');
  if (!key) {
    throw new QtiPackageError(
      'NO_MANIFEST',
      'The zip has no imsmanifest.xml at its top, so it is not a QTI content package. Export the package again from your tool (as "QTI 3.0 package") and import that zip.',
    );
  }
  let root: XmlElement;
  try {
    root = parseXml(strFromU8(files.get(key) ?? new Uint8Array()));
  } catch (e) {
    const where =
      e instanceof XmlReadError && e.line ? ` (line ${e.line}, column ${e.column})` : '';
    throw new QtiPackageError(
      'BAD_MANIFEST',
      `imsmanifest.xml cannot be read: ${(e as Error).message}${where}. Export the package again and import that zip.`,
      e instanceof XmlReadError ? { line: e.line, column: e.column } : {},
    );
  }
  if (root.name !== 'manifest') {
    throw new QtiPackageError(
      'BAD_MANIFEST',
      `imsmanifest.xml holds <${root.name}>, not a content package <manifest>. Export the package again and import that zip.`,
    );
  }
  return descendants(root, 'resource').map((r) => ({
    identifier: r.attrs['identifier'] ?? '',
    type: r.attrs['type'] ?? '',
    href: r.attrs['href'],
    tags: keywords(r),
  }));
}

interface TestOrder {
  title?: string;
  refs: Array<{ path: string; identifier: string; weight?: number }>;
}

function readTest(files: Map<string, Uint8Array>, resources: Resource[]): TestOrder | undefined {
  const test = resources.find((r) => r.type === TEST_TYPE && r.href);
  if (!test?.href) return undefined;
  const path = resolvePath('imsmanifest.xml', test.href);
  const data = files.get(path);
  if (!data) return undefined;
  let root: XmlElement;
  try {
    root = parseXml(strFromU8(data));
  } catch {
    // Without a readable test the items keep the manifest's order.
    return undefined;
  }
  const weightIds = new Set(
    descendants(root, 'qti-test-variables')
      .map((v) => v.attrs['weight-identifier'])
      .filter((x): x is string => !!x),
  );
  return {
    title: root.attrs['title']?.trim() || undefined,
    refs: descendants(root, 'qti-assessment-item-ref').map((ref) => {
      const w = children(ref, 'qti-weight').find((x) => weightIds.has(x.attrs['identifier'] ?? ''));
      return {
        path: resolvePath(path, ref.attrs['href'] ?? ''),
        identifier: ref.attrs['identifier'] ?? '',
        weight: numberOf(w?.attrs['value']),
      };
    }),
  };
}

const ITEM_TYPES = /^imsqti_item_xmlv\d/;

export function importQtiPackage(zip: Uint8Array, limits: ZipLimits = ZIP_LIMITS): QtiImportResult {
  const files = readZip(zip, (p) => p.toLowerCase().endsWith('.xml'), limits);
  const resources = readManifest(files);
  const items = resources.filter((r) => ITEM_TYPES.test(r.type));
  const test = readTest(files, resources);
  // The test's order first, then items it does not list, in the manifest's order.
  const byPath = new Map(items.map((r) => [resolvePath('imsmanifest.xml', r.href ?? ''), r]));
  const ordered: Array<{ res: Resource; path: string; weight: number }> = [];
  const seen = new Set<Resource>();
  for (const ref of test?.refs ?? []) {
    const res = byPath.get(ref.path) ?? items.find((r) => r.identifier === ref.identifier);
    if (!res || seen.has(res)) continue;
    seen.add(res);
    ordered.push({
      res,
      path: resolvePath('imsmanifest.xml', res.href ?? ''),
      weight: ref.weight ?? 1,
    });
  }
  for (const res of items) {
    if (seen.has(res)) continue;
    ordered.push({ res, path: resolvePath('imsmanifest.xml', res.href ?? ''), weight: 1 });
  }

  const entries: QtiEntry[] = ordered.map(({ res, path, weight }, i) => {
    const index = i + 1;
    const skip = (
      code: QtiSkipCode,
      reason: string,
      extra: Partial<QtiSkippedItem> = {},
    ): QtiEntry => ({
      outcome: 'skipped',
      skip: { index, code, reason, ...extra },
    });
    if (res.type !== ITEM_TYPE) {
      return skip(
        'UNSUPPORTED',
        `${path}: resource type ${res.type}; only QTI 3.0 items (${ITEM_TYPE}) are read. Convert the package to QTI 3.0 and import it again.`,
      );
    }
    const data = files.get(path);
    if (!data) {
      return skip(
        'SYNTAX',
        `${path} is listed in the manifest but missing from the zip. Add it and import again.`,
      );
    }
    let root: XmlElement;
    try {
      root = parseXml(strFromU8(data));
    } catch (e) {
      const r = e as XmlReadError;
      return skip(
        'SYNTAX',
        `${path} cannot be read: ${r.message}${r.line ? ` (line ${r.line}, column ${r.column})` : ''}. Fix the file and import again.`,
        {
          ...(r.line ? { line: r.line, column: r.column } : {}),
        },
      );
    }
    const title = root.attrs['title']?.trim() || undefined;
    const text = qtiItemText(root);
    if (text === null) {
      return skip(
        'DESCRIPTION',
        `${path}: an item with no interaction and nothing to show`,
        title ? { title } : {},
      );
    }
    if (text) return { outcome: 'text', index, ...(title ? { title } : {}), text };
    const mapped = mapQtiItem(root, { weight, tags: res.tags });
    if (!mapped.ok) return skip(mapped.code, `${path}: ${mapped.reason}`, title ? { title } : {});
    return {
      outcome: 'imported',
      index,
      ...(title ? { title } : {}),
      question: mapped.question,
      dropped: mapped.dropped,
    };
  });

  const questions: QuestionDefinition[] = [];
  const texts: ExamText[] = [];
  for (const e of entries) {
    if (e.outcome === 'imported') questions.push(e.question);
    if (e.outcome === 'text') texts.push({ beforeQuestion: questions.length, ...e.text });
  }
  const dropped: QtiDroppedParts[] = entries.flatMap((e) =>
    e.outcome === 'imported' && e.dropped.length
      ? [{ index: e.index, ...(e.title ? { title: e.title } : {}), parts: e.dropped }]
      : [],
  );
  return {
    questions,
    texts,
    entries,
    ...(test?.title ? { title: test.title } : {}),
    report: {
      found: entries.length,
      imported: questions.length,
      texts: texts.length,
      skipped: entries.flatMap((e) => (e.outcome === 'skipped' ? [e.skip] : [])),
      dropped,
    },
  };
}
