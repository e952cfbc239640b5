/**
 * Our questions -> a QTI 3.0 content package (1EdTech): `imsmanifest.xml`, one
 * `qti-assessment-item` per question and a `qti-assessment-test` listing them with their
 * points. Every item scores 0..1 (SCORE, MAXSCORE 1); the test weights each item by its
 * points (`qti-weight identifier="POINTS"`) and sums the weighted scores, so a QTI player
 * computes the exam's total in points as we do.
 *
 * | ours              | QTI                                                                      |
 * | ----------------- | ------------------------------------------------------------------------ |
 * | single_choice     | choice interaction, cardinality single; match_correct, or a mapping     |
 * |                   | (negative mark as its default value, per-option credit) + map_response   |
 * | true_false        | the same with two choices, identifiers `true` and `false`                |
 * | multiple_response | choice, cardinality multiple; mapping of the weights (lower bound 0) +   |
 * |                   | map_response; all-or-nothing: match_correct                              |
 * | short_text        | text entry (string); mapping with case-sensitive entries + map_response  |
 * | numeric           | text entry (float); one response condition per answer: qti-equal with    |
 * |                   | tolerance-mode exact/absolute/relative, or qti-gte/qti-lte for a range   |
 * | essay             | extended text; no response processing (graded by a person); grading     |
 * |                   | notes in a rubric block for the scorer                                   |
 * | ordering          | order interaction, cardinality ordered; exact: match_correct; position:  |
 * |                   | qti-index per place; neighbours: qti-contains per adjacent pair          |
 * | matching          | match interaction (two match sets, directedPair); a mapping per pair     |
 *
 * What QTI cannot say is written as an XML comment in the item: short-answer wildcards and
 * accent folding, the numeric unit, the essay word limit, feedback.
 *
 * A text between questions is an informational item: a body with no interaction, no
 * outcomes and no weight in the test, placed in the test where the exam shows it.
 */
import { strToU8, zipSync } from 'fflate';
import type {
  ExamText,
  QuestionDefinition,
  QuestionDefinitionOf,
  TextFormat,
} from '@exam/contracts';
import { interleave } from '../exam-texts';
import { plainText } from '../rich-text';
import { plainToQti, renderMarkdown, textToQti } from './qti-text';
import { el, serializeXml, xmlComment, type XmlElement, type XmlNode } from './xml';

export const QTI_NS = 'http://www.imsglobal.org/xsd/imsqtiasi_v3p0';
export const QTI_XSD =
  'https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0_v1p0.xsd';
export const CP_NS = 'http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1';
export const CP_XSD =
  'https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqtiv3p0_imscpv1p2_v1p0.xsd';
export const LOM_NS = 'http://ltsc.ieee.org/xsd/LOM';
export const LOM_XSD = 'https://purl.imsglobal.org/spec/md/v1p3/schema/xsd/imsmd_loose_v1p3p2.xsd';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
export const RP_TEMPLATES = 'https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/';
export const ITEM_TYPE = 'imsqti_item_xmlv3p0';
export const TEST_TYPE = 'imsqti_test_xmlv3p0';
/** The weight of each item in the test: its points. */
export const POINTS_WEIGHT = 'POINTS';

export interface QtiExam {
  title: string;
  questions: QuestionDefinition[];
  /** Texts between the questions: informational items where the exam shows them. */
  texts?: readonly ExamText[];
  /** Whether choices are shown in a shuffled order (ordering and matching always are). */
  shuffleOptions?: boolean;
}

export interface QtiItemFile {
  identifier: string;
  href: string;
  title: string;
  /** 0 for a text between questions (no weight in the test). */
  points: number;
  xml: string;
  tags: string[];
  /** An informational item (a text between questions), not a question. */
  text?: true;
}

export interface QtiPackageFiles {
  manifest: string;
  test: { href: string; xml: string };
  items: QtiItemFile[];
}

/** A number as XML Schema writes a double (`1e-7` is fine). */
const num = (n: number) => String(Number(n.toPrecision(15)));

/** QTI identifiers are NCNames; ours may be any text. Keeps ours where they fit. */
export function qtiIdentifiers(ids: string[], prefix: string): Map<string, string> {
  const used = new Set<string>();
  const out = new Map<string, string>();
  for (const id of ids) {
    if (/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(id) && !used.has(id) && id.length <= 64) {
      out.set(id, id);
      used.add(id);
    }
  }
  let n = 0;
  for (const id of ids) {
    if (out.has(id)) continue;
    let candidate: string;
    do candidate = `${prefix}${++n}`;
    while (used.has(candidate));
    out.set(id, candidate);
    used.add(candidate);
  }
  return out;
}

const value = (v: string) => el('qti-value', {}, [v]);
const baseValue = (type: string, v: string) => el('qti-base-value', { 'base-type': type }, [v]);
const variable = (id: string) => el('qti-variable', { identifier: id });
const RESPONSE = variable('RESPONSE');
const setScore = (expr: XmlElement) => el('qti-set-outcome-value', { identifier: 'SCORE' }, [expr]);
const template = (name: string) =>
  el('qti-response-processing', { template: `${RP_TEMPLATES}${name}.xml` });
const responseIf = (cond: XmlElement, then: XmlElement) =>
  el('qti-response-condition', {}, [el('qti-response-if', {}, [cond, then])]);
/** SCORE = SCORE + step */
const addToScore = (step: number) =>
  setScore(el('qti-sum', {}, [variable('SCORE'), baseValue('float', num(step))]));

function responseDeclaration(
  cardinality: string,
  baseType: string,
  correct: string[],
  mapping?: XmlElement,
): XmlElement {
  return el(
    'qti-response-declaration',
    { identifier: 'RESPONSE', cardinality, 'base-type': baseType },
    [
      ...(correct.length ? [el('qti-correct-response', {}, correct.map(value))] : []),
      ...(mapping ? [mapping] : []),
    ],
  );
}

function mapping(
  entries: Array<{ key: string; value: number; caseSensitive?: boolean }>,
  defaultValue = 0,
  bounds: { lower?: number; upper?: number } = {},
): XmlElement {
  return el(
    'qti-mapping',
    {
      'default-value': num(defaultValue),
      'lower-bound': bounds.lower === undefined ? undefined : num(bounds.lower),
      'upper-bound': bounds.upper === undefined ? undefined : num(bounds.upper),
    },
    entries.map((e) =>
      el('qti-map-entry', {
        'map-key': e.key,
        'mapped-value': num(e.value),
        'case-sensitive': e.caseSensitive === undefined ? undefined : String(e.caseSensitive),
      }),
    ),
  );
}

const outcome = (identifier: string, v: number) =>
  el('qti-outcome-declaration', { identifier, cardinality: 'single', 'base-type': 'float' }, [
    el('qti-default-value', {}, [value(num(v))]),
  ]);

/** A text of the question as content (a prompt is wrapped in a <div>: block content). */
const content = (q: QuestionDefinition, text: string, inline = true): XmlNode[] =>
  textToQti(text, q.format, inline);
const promptDiv = (q: QuestionDefinition) => el('div', {}, content(q, q.prompt, false), true);

interface ItemParts {
  declaration?: XmlElement;
  body: XmlNode[];
  processing?: XmlElement;
  notes: string[];
}

function choiceItem(q: QuestionDefinitionOf<'single_choice'>, shuffle: boolean): ItemParts {
  const ids = qtiIdentifiers(
    q.options.map((o) => o.id),
    'C',
  );
  const key = ids.get(q.correctOptionId) ?? q.correctOptionId;
  const credits = q.options.map((o) => (o as typeof o & { creditPercent?: number }).creditPercent);
  const plain = !q.negativeMarkPercent && credits.every((c) => c === undefined);
  const map = plain
    ? undefined
    : mapping(
        q.options.flatMap((o, i) => {
          const id = ids.get(o.id) ?? o.id;
          if (o.id === q.correctOptionId) return [{ key: id, value: 1 }];
          return credits[i] === undefined ? [] : [{ key: id, value: (credits[i] ?? 0) / 100 }];
        }),
        -(q.negativeMarkPercent ?? 0) / 100,
      );
  return {
    declaration: responseDeclaration('single', 'identifier', [key], map),
    body: [
      promptDiv(q),
      el(
        'qti-choice-interaction',
        { 'response-identifier': 'RESPONSE', shuffle, 'max-choices': 1 },
        [
          ...q.options.map((o) =>
            el('qti-simple-choice', { identifier: ids.get(o.id) }, content(q, o.text), true),
          ),
        ],
      ),
    ],
    processing: template(plain ? 'match_correct' : 'map_response'),
    notes: [],
  };
}

function trueFalseItem(q: QuestionDefinitionOf<'true_false'>): ItemParts {
  const key = q.correct ? 'true' : 'false';
  const neg = q.negativeMarkPercent ?? 0;
  return {
    declaration: responseDeclaration(
      'single',
      'identifier',
      [key],
      neg ? mapping([{ key, value: 1 }], -neg / 100) : undefined,
    ),
    body: [
      promptDiv(q),
      el(
        'qti-choice-interaction',
        { 'response-identifier': 'RESPONSE', shuffle: false, 'max-choices': 1 },
        [
          el('qti-simple-choice', { identifier: 'true' }, ['True'], true),
          el('qti-simple-choice', { identifier: 'false' }, ['False'], true),
        ],
      ),
    ],
    processing: template(neg ? 'map_response' : 'match_correct'),
    notes: [],
  };
}

function multipleItem(q: QuestionDefinitionOf<'multiple_response'>, shuffle: boolean): ItemParts {
  const ids = qtiIdentifiers(
    q.options.map((o) => o.id),
    'C',
  );
  const id = (x: string) => ids.get(x) ?? x;
  return {
    declaration: responseDeclaration(
      'multiple',
      'identifier',
      q.options.filter((o) => o.weight > 0).map((o) => id(o.id)),
      mapping(
        q.options
          .filter((o) => o.weight !== 0)
          .map((o) => ({ key: id(o.id), value: o.weight / 100 })),
        0,
        { lower: 0 },
      ),
    ),
    body: [
      promptDiv(q),
      el(
        'qti-choice-interaction',
        { 'response-identifier': 'RESPONSE', shuffle, 'max-choices': 0 },
        [
          ...q.options.map((o) =>
            el('qti-simple-choice', { identifier: id(o.id) }, content(q, o.text), true),
          ),
        ],
      ),
    ],
    processing: template(q.allOrNothing ? 'match_correct' : 'map_response'),
    notes: [],
  };
}

function shortTextItem(q: QuestionDefinitionOf<'short_text'>): ItemParts {
  const best = q.acceptedAnswers.find((a) => a.creditPercent >= 100) ?? q.acceptedAnswers[0];
  const notes: string[] = [];
  if (q.wildcards) {
    notes.push(
      'In Exam Room "*" in an accepted answer matches any characters; QTI has no wildcard, so the answers here match as written.',
    );
  }
  if (q.foldAccents)
    notes.push('In Exam Room accents are ignored (café = cafe); QTI cannot say so.');
  return {
    declaration: responseDeclaration(
      'single',
      'string',
      [best.text],
      mapping(
        q.acceptedAnswers.map((a) => ({
          key: a.text,
          value: a.creditPercent / 100,
          caseSensitive: q.caseSensitive ?? false,
        })),
      ),
    ),
    body: [
      promptDiv(q),
      el('p', {}, [
        el('qti-text-entry-interaction', {
          'response-identifier': 'RESPONSE',
          // A hard limit, not a hint (expected-length is only a hint).
          'pattern-mask': q.maxLength !== undefined ? `[\\s\\S]{0,${q.maxLength}}` : undefined,
          'data-patternmask-message':
            q.maxLength !== undefined ? `At most ${q.maxLength} characters.` : undefined,
        }),
      ]),
    ],
    processing: template('map_response'),
    notes,
  };
}

function numericItem(q: QuestionDefinitionOf<'numeric'>): ItemParts {
  const notes: string[] = [];
  if (q.unit) notes.push(`Unit: ${q.unit} (QTI has no units).`);
  const conditions = q.acceptedAnswers.map((a, i) => {
    let cond: XmlElement;
    if (a.min !== undefined && a.max !== undefined) {
      cond = el('qti-and', {}, [
        el('qti-gte', {}, [RESPONSE, baseValue('float', num(a.min))]),
        el('qti-lte', {}, [RESPONSE, baseValue('float', num(a.max))]),
      ]);
    } else {
      const v = a.value ?? 0;
      const t = a.tolerance ?? 0;
      // QTI's relative tolerance is a percentage of a positive value; around 0 or below it
      // is written as the absolute deviation it means.
      const relative = a.toleranceMode === 'relative' && t > 0 && v > 0;
      if (a.toleranceMode === 'relative' && t > 0 && !relative) {
        notes.push(
          `Answer ${i + 1}: relative tolerance ${num(t * 100)} % written as ±${num(t * Math.abs(v))}.`,
        );
      }
      const abs = a.toleranceMode === 'relative' ? t * Math.abs(v) : t;
      cond = el(
        'qti-equal',
        relative
          ? { 'tolerance-mode': 'relative', tolerance: num(t * 100) }
          : a.tolerance !== undefined
            ? { 'tolerance-mode': 'absolute', tolerance: num(abs) }
            : { 'tolerance-mode': 'exact' },
        [RESPONSE, baseValue('float', num(v))],
      );
    }
    const credit = a.creditPercent / 100;
    // Best credit wins, whatever the order of the answers.
    return responseIf(
      el('qti-and', {}, [
        cond,
        el('qti-lt', {}, [variable('SCORE'), baseValue('float', num(credit))]),
      ]),
      setScore(baseValue('float', num(credit))),
    );
  });
  const exact = q.acceptedAnswers.find((a) => a.creditPercent >= 100 && a.value !== undefined);
  return {
    declaration: responseDeclaration('single', 'float', exact ? [num(exact.value ?? 0)] : []),
    body: [
      promptDiv(q),
      el('p', {}, [el('qti-text-entry-interaction', { 'response-identifier': 'RESPONSE' })]),
    ],
    processing: el('qti-response-processing', {}, conditions),
    notes,
  };
}

function essayItem(q: QuestionDefinitionOf<'essay'>): ItemParts {
  const notes: string[] = [];
  if (q.maxWords !== undefined) notes.push(`At most ${q.maxWords} words (QTI has no word limit).`);
  return {
    declaration: responseDeclaration('single', 'string', []),
    body: [
      promptDiv(q),
      ...(q.gradingNotes
        ? [
            el('qti-rubric-block', { use: 'scoring', view: 'scorer' }, [
              el('qti-content-body', {}, [el('div', {}, plainToQti(q.gradingNotes), true)]),
            ]),
          ]
        : []),
      el('qti-extended-text-interaction', { 'response-identifier': 'RESPONSE' }),
    ],
    notes,
  };
}

function orderingItem(q: QuestionDefinitionOf<'ordering'>): ItemParts {
  const ids = qtiIdentifiers(
    q.items.map((o) => o.id),
    'I',
  );
  const id = (x: string) => ids.get(x) ?? x;
  const order = q.correctOrder.map(id);
  const n = order.length;
  let processing: XmlElement;
  switch (q.scoring ?? 'exact') {
    case 'exact':
      processing = template('match_correct');
      break;
    case 'position':
      processing = el(
        'qti-response-processing',
        {},
        order.map((item, i) =>
          responseIf(
            el('qti-match', {}, [
              el('qti-index', { n: i + 1 }, [RESPONSE]),
              baseValue('identifier', item),
            ]),
            addToScore(1 / n),
          ),
        ),
      );
      break;
    case 'neighbours':
      processing = el(
        'qti-response-processing',
        {},
        order
          .slice(0, -1)
          .map((item, i) =>
            responseIf(
              el('qti-contains', {}, [
                RESPONSE,
                el('qti-ordered', {}, [
                  baseValue('identifier', item),
                  baseValue('identifier', order[i + 1]),
                ]),
              ]),
              addToScore(1 / (n - 1)),
            ),
          ),
      );
      break;
  }
  return {
    declaration: responseDeclaration('ordered', 'identifier', order),
    body: [
      promptDiv(q),
      el('qti-order-interaction', { 'response-identifier': 'RESPONSE', shuffle: true }, [
        ...q.items.map((o) =>
          el('qti-simple-choice', { identifier: id(o.id) }, content(q, o.text), true),
        ),
      ]),
    ],
    processing,
    notes: [],
  };
}

function matchingItem(q: QuestionDefinitionOf<'matching'>): ItemParts {
  // Choices of one interaction need distinct identifiers; our sides may share ids.
  const leftIds = qtiIdentifiers(
    q.left.map((l) => l.id),
    'L',
  );
  const rightIds = qtiIdentifiers(
    q.right.map((r) => r.id),
    'R',
  );
  const rightValues = new Set(rightIds.values());
  const clash = [...leftIds.values()].some((v) => rightValues.has(v));
  const lid = (x: string) => (clash ? `L-${leftIds.get(x)}` : (leftIds.get(x) ?? x));
  const rid = (x: string) => (clash ? `R-${rightIds.get(x)}` : (rightIds.get(x) ?? x));
  const pairs = q.left.map((l) => `${lid(l.id)} ${rid(q.correctPairs[l.id])}`);
  return {
    declaration: responseDeclaration(
      'multiple',
      'directedPair',
      pairs,
      mapping(
        pairs.map((p) => ({ key: p, value: 1 / pairs.length })),
        0,
        { lower: 0 },
      ),
    ),
    body: [
      promptDiv(q),
      el(
        'qti-match-interaction',
        { 'response-identifier': 'RESPONSE', shuffle: true, 'max-associations': q.left.length },
        [
          el(
            'qti-simple-match-set',
            {},
            q.left.map((l) =>
              el(
                'qti-simple-associable-choice',
                { identifier: lid(l.id), 'match-max': 1 },
                content(q, l.text),
                true,
              ),
            ),
          ),
          el(
            'qti-simple-match-set',
            {},
            q.right.map((r) =>
              el(
                'qti-simple-associable-choice',
                { identifier: rid(r.id), 'match-max': 0 },
                content(q, r.text),
                true,
              ),
            ),
          ),
        ],
      ),
    ],
    processing: template('map_response'),
    notes: [],
  };
}

function itemParts(q: QuestionDefinition, shuffle: boolean): ItemParts {
  switch (q.type) {
    case 'single_choice':
      return choiceItem(q, shuffle);
    case 'true_false':
      return trueFalseItem(q);
    case 'multiple_response':
      return multipleItem(q, shuffle);
    case 'short_text':
      return shortTextItem(q);
    case 'numeric':
      return numericItem(q);
    case 'essay':
      return essayItem(q);
    case 'ordering':
      return orderingItem(q);
    case 'matching':
      return matchingItem(q);
  }
}

/** Whether the question has feedback (fields the model is gaining). */
function hasFeedback(q: QuestionDefinition): boolean {
  const x = q as unknown as Record<string, unknown>;
  const said = (v: unknown) => typeof v === 'string' && v.trim() !== '';
  if (['generalFeedback', 'feedbackTrue', 'feedbackFalse'].some((k) => said(x[k]))) return true;
  return ['options', 'acceptedAnswers'].some(
    (k) =>
      Array.isArray(x[k]) &&
      (x[k] as Array<Record<string, unknown>>).some((o) => said(o?.['feedback'])),
  );
}

/** The title QTI requires: the question's (or text's) name, else the start of its text. */
export function itemTitle(q: { name?: string; prompt: string; format?: TextFormat }): string {
  const name = q.name?.trim();
  if (name) return name;
  // The words a reader sees (Markdown rendered), so that the title read back is the same.
  const words = (
    q.format === 'markdown'
      ? plainText(renderMarkdown(q.prompt), 'html')
      : plainText(q.prompt, q.format)
  )
    .replace(/\s+/g, ' ')
    .trim();
  return words.length > 80 ? `${words.slice(0, 79)}…` : words || 'Question';
}

/** One question as a qti-assessment-item document. */
export function exportQtiItem(q: QuestionDefinition, identifier: string, shuffle = false): string {
  const parts = itemParts(q, shuffle);
  const notes = [...parts.notes];
  if (hasFeedback(q)) notes.push('Feedback is not exported to QTI.');
  const root = el(
    'qti-assessment-item',
    {
      xmlns: QTI_NS,
      'xmlns:xsi': XSI,
      'xsi:schemaLocation': `${QTI_NS} ${QTI_XSD}`,
      identifier,
      title: itemTitle(q),
      adaptive: false,
      'time-dependent': false,
    },
    [
      ...notes.map(xmlComment),
      ...(parts.declaration ? [parts.declaration] : []),
      outcome('SCORE', 0),
      outcome('MAXSCORE', 1),
      el('qti-item-body', {}, parts.body),
      ...(parts.processing ? [parts.processing] : []),
    ],
  );
  return serializeXml(root);
}

function lomKeywords(tags: string[]): XmlElement[] {
  if (!tags.length) return [];
  return [
    el('metadata', {}, [
      el('lom', { xmlns: LOM_NS }, [
        el(
          'general',
          {},
          tags.map((t) => el('keyword', {}, [el('string', {}, [t], true)])),
        ),
      ]),
    ]),
  ];
}

/** A text between questions as an informational qti-assessment-item (no interaction). */
export function exportQtiTextItem(t: ExamText, identifier: string): string {
  const title = itemTitle({ name: t.name, prompt: t.text, format: t.format });
  const root = el(
    'qti-assessment-item',
    {
      xmlns: QTI_NS,
      'xmlns:xsi': XSI,
      'xsi:schemaLocation': `${QTI_NS} ${QTI_XSD}`,
      identifier,
      title,
      adaptive: false,
      'time-dependent': false,
    },
    [el('qti-item-body', {}, [el('div', {}, textToQti(t.text, t.format), true)])],
  );
  return serializeXml(root);
}

/** The package's files as text. */
export function exportQtiFiles(exam: QtiExam, packageId = 'exam-export'): QtiPackageFiles {
  const items: QtiItemFile[] = interleave(exam.questions, exam.texts ?? []).map((e, i) => {
    const identifier = `item-${String(i + 1).padStart(3, '0')}`;
    const href = `items/${identifier}.xml`;
    if ('text' in e) {
      const title = itemTitle({ name: e.text.name, prompt: e.text.text, format: e.text.format });
      const xml = exportQtiTextItem(e.text, identifier);
      return { identifier, href, title, points: 0, tags: [], xml, text: true };
    }
    const q = e.question;
    return {
      identifier,
      href,
      title: itemTitle(q),
      points: q.points,
      tags: (q.tags ?? []).filter((t) => t.trim()),
      xml: exportQtiItem(q, identifier, exam.shuffleOptions ?? false),
    };
  });
  const total = items.reduce((s, it) => s + it.points, 0);
  const test = el(
    'qti-assessment-test',
    {
      xmlns: QTI_NS,
      'xmlns:xsi': XSI,
      'xsi:schemaLocation': `${QTI_NS} ${QTI_XSD}`,
      identifier: 'test',
      title: exam.title,
    },
    [
      outcome('SCORE', 0),
      outcome('MAXSCORE', Number(total.toFixed(2))),
      el(
        'qti-test-part',
        { identifier: 'part-1', 'navigation-mode': 'nonlinear', 'submission-mode': 'simultaneous' },
        [
          el(
            'qti-assessment-section',
            { identifier: 'section-1', title: exam.title, visible: true },
            items.map((it) =>
              el(
                'qti-assessment-item-ref',
                { identifier: it.identifier, href: it.href },
                it.text
                  ? []
                  : [el('qti-weight', { identifier: POINTS_WEIGHT, value: num(it.points) })],
              ),
            ),
          ),
        ],
      ),
      el('qti-outcome-processing', {}, [
        el('qti-set-outcome-value', { identifier: 'SCORE' }, [
          el('qti-sum', {}, [
            el('qti-test-variables', {
              'variable-identifier': 'SCORE',
              'weight-identifier': POINTS_WEIGHT,
            }),
          ]),
        ]),
      ]),
    ],
  );
  const testHref = 'assessment-test.xml';
  const manifest = el(
    'manifest',
    {
      xmlns: CP_NS,
      'xmlns:xsi': XSI,
      'xsi:schemaLocation': `${CP_NS} ${CP_XSD} ${LOM_NS} ${LOM_XSD}`,
      identifier: packageId,
    },
    [
      el('metadata', {}, [el('schema', {}, ['QTI Package']), el('schemaversion', {}, ['3.0.0'])]),
      el('organizations'),
      el('resources', {}, [
        el('resource', { identifier: 'test', type: TEST_TYPE, href: testHref }, [
          el('file', { href: testHref }),
          ...items.map((it) => el('dependency', { identifierref: it.identifier })),
        ]),
        ...items.map((it) =>
          el('resource', { identifier: it.identifier, type: ITEM_TYPE, href: it.href }, [
            ...lomKeywords(it.tags),
            el('file', { href: it.href }),
          ]),
        ),
      ]),
    ],
  );
  return {
    manifest: serializeXml(manifest),
    test: { href: testHref, xml: serializeXml(test) },
    items,
  };
}

/** The package as a zip (imsmanifest.xml at its top). */
export function exportQtiPackage(exam: QtiExam, packageId?: string): Uint8Array {
  const files = exportQtiFiles(exam, packageId);
  const zip: Record<string, Uint8Array> = {
    'imsmanifest.xml': strToU8(files.manifest),
    [files.test.href]: strToU8(files.test.xml),
  };
  for (const it of files.items) zip[it.href] = strToU8(it.xml);
  return zipSync(zip, { level: 6 });
}
