import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import type { ExamText, QuestionDefinition } from '@exam/contracts';
import { ORDERINGS_RAW, qtiCarries, tricky, valid } from '../exchange-fixtures.spec-helper';
import { ALL } from '../fixtures.spec-helper';
import {
  exportQtiFiles,
  exportQtiPackage,
  exportQtiTextItem,
  ITEM_TYPE,
  TEST_TYPE,
} from './qti-export';
import { importQtiPackage, mapQtiItem } from './qti-import';
import { QtiPackageError } from './qti-zip';
import { children, descendants, parseXml, textOf, type XmlElement } from './xml';

const TESTDATA = join(__dirname, '..', 'testdata', 'qti');
const CASES: QuestionDefinition[] = [...ALL.map(valid), ...tricky(), ...ORDERINGS_RAW.map(valid)];

const problemOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof QtiPackageError) return e.problem;
    throw e;
  }
  throw new Error('not refused');
};

/** A package of one item written by hand (foreign forms, broken items). */
function packageOf(itemXml: string, extra: Record<string, string> = {}): Uint8Array {
  const manifest = `<?xml version="1.0"?>
<manifest xmlns="http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1" identifier="m">
  <resources>
    <resource identifier="i1" type="imsqti_item_xmlv3p0" href="item.xml"><file href="item.xml"/></resource>
  </resources>
</manifest>`;
  return zipSync({
    'imsmanifest.xml': strToU8(manifest),
    'item.xml': strToU8(itemXml),
    ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, strToU8(v)])),
  });
}

const item = (body: string, head = '', rp = '') =>
  `<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="x" title="Foreign" adaptive="false" time-dependent="false">${head}<qti-item-body>${body}</qti-item-body>${rp}</qti-assessment-item>`;

describe('QTI 3 export', () => {
  const files = exportQtiFiles({ title: 'Every type', questions: CASES });
  const manifest = parseXml(files.manifest);

  it('lists one item resource per question and one test resource depending on them all', () => {
    const resources = descendants(manifest, 'resource');
    const items = resources.filter((r) => r.attrs['type'] === ITEM_TYPE);
    const tests = resources.filter((r) => r.attrs['type'] === TEST_TYPE);
    expect(items).toHaveLength(CASES.length);
    expect(tests).toHaveLength(1);
    expect(children(tests[0], 'dependency').map((d) => d.attrs['identifierref'])).toEqual(
      items.map((i) => i.attrs['identifier']),
    );
    for (const r of items) {
      expect(children(r, 'file').map((f) => f.attrs['href'])).toEqual([r.attrs['href']]);
    }
  });

  it('lists the items in the test with their points as weights, summed by the test', () => {
    const test = parseXml(files.test.xml);
    const refs = descendants(test, 'qti-assessment-item-ref');
    expect(refs.map((r) => Number(children(r, 'qti-weight')[0].attrs['value']))).toEqual(
      CASES.map((q) => q.points),
    );
    expect(descendants(test, 'qti-test-variables')[0].attrs).toMatchObject({
      'variable-identifier': 'SCORE',
      'weight-identifier': 'POINTS',
    });
  });

  it('maps each type to its interaction, cardinality and response processing', () => {
    const shape = (xml: string) => {
      const root = parseXml(xml);
      const body = children(root, 'qti-item-body')[0];
      const interaction = [...collectInteractions(body)].map((e) => e.name).join();
      const decl = children(root, 'qti-response-declaration')[0];
      const rp = children(root, 'qti-response-processing')[0];
      return [
        interaction,
        decl?.attrs['cardinality'],
        decl?.attrs['base-type'],
        rp?.attrs['template']?.replace(/.*\//, '') ?? (rp ? 'conditions' : 'none'),
      ].join(' ');
    };
    expect(files.items.slice(0, 8).map((i) => shape(i.xml))).toEqual([
      'qti-choice-interaction single identifier match_correct.xml',
      'qti-choice-interaction single identifier match_correct.xml',
      'qti-choice-interaction multiple identifier map_response.xml',
      'qti-text-entry-interaction single string map_response.xml',
      'qti-text-entry-interaction single float conditions',
      'qti-extended-text-interaction single string none',
      'qti-order-interaction ordered identifier match_correct.xml',
      'qti-match-interaction multiple directedPair map_response.xml',
    ]);
  });

  it('writes negative marking as the default of a mapping, tolerances as qti-equal, case sensitivity per entry', () => {
    const byPrompt = (start: string) =>
      files.items[CASES.findIndex((q) => q.prompt.startsWith(start))].xml;
    expect(byPrompt('Escapes')).toContain('<qti-mapping default-value="-0.3333333">');
    expect(byPrompt('Numbers')).toContain('<qti-equal tolerance-mode="relative" tolerance="5">');
    expect(byPrompt('Numbers')).toContain(
      '<qti-equal tolerance-mode="absolute" tolerance="0.001">',
    );
    expect(byPrompt('Numbers')).toMatch(/<qti-gte>.*-2\.5.*<\/qti-gte>/s);
    expect(byPrompt('Stars')).toContain('case-sensitive="true"');
    expect(byPrompt('Stars')).toContain('<!-- In Exam Room accents are ignored');
    expect(byPrompt('By place')).toContain('<qti-index n="1">');
    expect(byPrompt('<p>By')).toContain('<qti-contains>');
  });

  it('writes plain text escaped with <br/> for line breaks, and HTML as well-formed XHTML', () => {
    const plain = files.items[CASES.findIndex((q) => q.prompt.startsWith('Escapes'))].xml;
    expect(plain).toContain('&quot;quotes&quot;'.replace(/&quot;/g, '"'));
    expect(plain).toContain('not a comment<br/>  indented line');
    const html = files.items[CASES.findIndex((q) => q.format === 'html')].xml;
    expect(html).toContain('<p>Which is <strong>largest</strong>? &amp; &lt;x&gt; 1 = 1 {a}</p>');
    expect(html).not.toContain('style=');
    // Every file reads back as XML.
    for (const f of [files.manifest, files.test.xml, ...files.items.map((i) => i.xml)]) {
      expect(() => parseXml(f)).not.toThrow();
    }
  });

  describe('validated against the QTI 3.0 schemas (xmllint)', () => {
    const xmllint = spawnSync('xmllint', ['--version']).status === 0;
    const xsd = (name: string) => join(TESTDATA, 'xsd', name);
    const textItem = exportQtiTextItem(
      {
        beforeQuestion: 0,
        text: '<p>A <strong>text</strong> between questions</p>',
        format: 'html',
      },
      'item-001',
    );
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'qti-xsd-'));
      const write = (path: string, text: string) => {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      };
      write('imsmanifest.xml', files.manifest);
      write(files.test.href, files.test.xml);
      for (const it of files.items) write(it.href, it.xml);
      write('texts/item-001.xml', textItem);
      write('broken.xml', files.items[0].xml.replace('max-choices="1"', 'max-choices="one"'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const validate = (schema: string, paths: string[]) =>
      spawnSync(
        'xmllint',
        ['--noout', '--schema', xsd(schema), ...paths.map((p) => join(dir, p))],
        {
          encoding: 'utf8',
        },
      );

    (xmllint ? it : it.skip)('every item and the test against the ASI schema', () => {
      const r = validate('imsqti_asiv3p0_sbacv1p0_v1p0.xsd', [
        files.test.href,
        ...files.items.map((i) => i.href),
        'texts/item-001.xml',
      ]);
      expect(r.stderr.split('\n').filter((l) => l && !l.endsWith(' validates'))).toEqual([]);
      expect(r.status).toBe(0);
    });

    (xmllint ? it : it.skip)('the manifest against the content package schema', () => {
      const r = validate('imsqtiv3p0_imscpv1p2_v1p0.xsd', ['imsmanifest.xml']);
      expect(r.stderr.trim()).toMatch(/imsmanifest\.xml validates$/);
      expect(r.status).toBe(0);
    });

    (xmllint ? it : it.skip)('and the validation does fail on a broken item', () => {
      const r = validate('imsqti_asiv3p0_sbacv1p0_v1p0.xsd', ['broken.xml']);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/max-choices/);
    });

    if (!xmllint) {
      it('xmllint is absent: schema validation skipped (apt-get install libxml2-utils)', () => {
        console.warn('QTI schema validation skipped: xmllint not found (install libxml2-utils).');
      });
    }
  });
});

function* collectInteractions(e: XmlElement): Generator<XmlElement> {
  for (const c of children(e)) {
    if (c.name.endsWith('-interaction')) yield c;
    else yield* collectInteractions(c);
  }
}

describe('QTI 3 round trip: importQtiPackage(exportQtiPackage(x)) is x but for what QTI cannot carry', () => {
  it.each(CASES.map((q, i) => [`${i + 1} ${q.type}`, q] as const))('%s', (_, q) => {
    const back = importQtiPackage(exportQtiPackage({ title: 'One', questions: [q] }));
    expect(back.report).toEqual({ found: 1, imported: 1, texts: 0, skipped: [], dropped: [] });
    expect(back.questions).toEqual([qtiCarries(q)]);
  });

  it('keeps texts between questions where they were, as informational items', () => {
    const texts: ExamText[] = [
      { beforeQuestion: 0, text: 'Part 1\nread <this> & that', name: 'Intro' },
      { beforeQuestion: 0, text: '<p>Two <em>texts</em> in a row</p>', format: 'html' },
      { beforeQuestion: 4, text: '**Part 2**', format: 'markdown' },
      { beforeQuestion: CASES.length, text: 'The end.' },
    ];
    const files = exportQtiFiles({ title: 'T', questions: CASES, texts });
    const textItems = files.items.filter((i) => i.text);
    expect(textItems.map((i) => files.items.indexOf(i))).toEqual([0, 1, 6, CASES.length + 3]);
    for (const t of textItems) {
      const root = parseXml(t.xml);
      expect([...collectInteractions(children(root, 'qti-item-body')[0])]).toEqual([]);
      expect(children(root, 'qti-outcome-declaration')).toEqual([]);
    }
    // No weight in the test: the exam's total is the questions' points.
    const refs = descendants(parseXml(files.test.xml), 'qti-assessment-item-ref');
    expect(refs.filter((r) => !children(r, 'qti-weight').length)).toHaveLength(4);
    const back = importQtiPackage(exportQtiPackage({ title: 'T', questions: CASES, texts }));
    expect(back.questions).toEqual(CASES.map(qtiCarries));
    expect(back.texts).toEqual([
      // Plain text comes back as plain (line breaks kept), markdown as the HTML it renders to.
      { beforeQuestion: 0, text: 'Part 1\nread <this> & that', name: 'Intro' },
      { beforeQuestion: 0, text: '<p>Two <em>texts</em> in a row</p>', format: 'html' },
      { beforeQuestion: 4, text: '<p><strong>Part 2</strong></p>', format: 'html' },
      { beforeQuestion: CASES.length, text: 'The end.' },
    ]);
    expect(back.report).toMatchObject({ imported: CASES.length, texts: 4, skipped: [] });
  });

  it('keeps a whole exam in order, with its title', () => {
    const back = importQtiPackage(exportQtiPackage({ title: 'Exam «1»', questions: CASES }));
    expect(back.title).toBe('Exam «1»');
    expect(back.questions).toEqual(CASES.map(qtiCarries));
  });

  it('renames ids that are not QTI identifiers and keeps the key', () => {
    const q = valid({
      type: 'single_choice',
      prompt: 'Ids',
      points: 1,
      options: [
        { id: '1 a', text: 'one' },
        { id: 'C1', text: 'two' },
      ],
      correctOptionId: '1 a',
    });
    const back = importQtiPackage(exportQtiPackage({ title: 't', questions: [q] })).questions[0];
    expect(back).toMatchObject({ options: [{ id: 'C2' }, { id: 'C1' }], correctOptionId: 'C2' });
  });
});

describe('QTI 3 import', () => {
  it('reads a real package (Kennisnet) and reports every item it cannot take', () => {
    const r = importQtiPackage(
      new Uint8Array(readFileSync(join(TESTDATA, 'kennisnet-no-max-score-all-items.zip'))),
    );
    expect(r.title).toBe('Oefentoets Biologie: Ecologie - voedselwebben | HAVO 1/HAVO 2/HAVO 3');
    expect(r.report.found).toBe(10);
    expect(r.questions.map((q) => [q.type, q.points])).toEqual([
      ['single_choice', 2],
      ['essay', 1],
      ['matching', 7],
      ['single_choice', 2],
    ]);
    expect(r.report.skipped.map((s) => [s.index, s.code])).toEqual([
      [2, 'UNSUPPORTED'],
      [4, 'UNSUPPORTED'],
      [6, 'UNSUPPORTED'],
      [7, 'UNSUPPORTED'],
      [8, 'UNSUPPORTED'],
    ]);
    // Its item 9 is an informational item ("info item"): a text before the next question.
    expect(r.texts).toEqual([
      {
        beforeQuestion: 3,
        format: 'html',
        name: 'Spijsvertering',
        text: expect.stringMatching(
          /^<p><strong>Dit is een info item over zoogdieren<\/strong><\/p>/,
        ),
      },
    ]);
    expect(r.report.texts).toBe(1);
    expect(r.report.skipped[0].reason).toMatch(/qti-inline-choice-interaction/);
    expect(r.report.skipped[1].reason).toMatch(/2 interactions/);
    const first = r.questions[0];
    expect(first).toMatchObject({
      format: 'html',
      correctOptionId: 'choice2',
      name: 'Uitscheiding',
    });
    expect(first.prompt).toMatch(/^<p><strong>Stoffen in voorurine\.<\/strong><br \/>/);
    expect(r.questions[1]).toMatchObject({
      gradingNotes: expect.stringMatching(/lucht in de vaten/),
    });
  });

  it('reads the usual inline forms: feedback outcomes and "no response: 0" around match_correct', () => {
    const decl =
      '<qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="identifier"><qti-correct-response><qti-value>B</qti-value></qti-correct-response></qti-response-declaration><qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float"/>';
    const rp = `<qti-response-processing><qti-response-condition><qti-response-if><qti-is-null><qti-variable identifier="RESPONSE"/></qti-is-null><qti-set-outcome-value identifier="SCORE"><qti-base-value base-type="float">0</qti-base-value></qti-set-outcome-value></qti-response-if><qti-response-else><qti-response-condition><qti-response-if><qti-match><qti-variable identifier="RESPONSE"/><qti-correct identifier="RESPONSE"/></qti-match><qti-set-outcome-value identifier="SCORE"><qti-base-value base-type="float">2</qti-base-value></qti-set-outcome-value><qti-set-outcome-value identifier="FEEDBACK"><qti-base-value base-type="identifier">OK</qti-base-value></qti-set-outcome-value></qti-response-if><qti-response-else><qti-set-outcome-value identifier="SCORE"><qti-base-value base-type="float">0</qti-base-value></qti-set-outcome-value></qti-response-else></qti-response-condition></qti-response-else></qti-response-condition></qti-response-processing>`;
    const body = `<p>Pick  one</p><qti-choice-interaction response-identifier="RESPONSE" max-choices="1">
        <qti-simple-choice identifier="A">
           Alpha
        </qti-simple-choice><qti-simple-choice identifier="B">Beta<qti-feedback-inline outcome-identifier="FEEDBACK" identifier="B" show-hide="show">Yes</qti-feedback-inline></qti-simple-choice></qti-choice-interaction>`;
    const r = importQtiPackage(packageOf(item(body, decl, rp)));
    expect(r.report.skipped).toEqual([]);
    expect(r.questions[0]).toEqual({
      type: 'single_choice',
      format: 'html',
      prompt: '<p>Pick  one</p>',
      points: 2,
      options: [
        { id: 'A', text: 'Alpha' },
        { id: 'B', text: 'Beta' },
      ],
      correctOptionId: 'B',
      name: 'Foreign',
    });
    expect(r.report.dropped).toEqual([
      { index: 1, title: 'Foreign', parts: [{ part: 'feedback', detail: 'feedback (1)' }] },
    ]);
  });

  it('reports what it cannot read as UNSUPPORTED, SYNTAX, DESCRIPTION or INVALID with a reason', () => {
    const reason = (xml: string) => {
      const r = importQtiPackage(packageOf(xml));
      return [r.report.skipped[0]?.code, r.report.skipped[0]?.reason];
    };
    expect(
      reason(
        item(
          '<qti-hotspot-interaction response-identifier="RESPONSE" max-choices="1"/>',
          '<qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="identifier"/>',
        ),
      ),
    ).toEqual([
      'UNSUPPORTED',
      expect.stringMatching(/<qti-hotspot-interaction> has no equivalent/),
    ]);
    expect(
      reason(
        item(
          '<qti-choice-interaction response-identifier="RESPONSE"><qti-simple-choice identifier="A">a</qti-simple-choice><qti-simple-choice identifier="B">b</qti-simple-choice></qti-choice-interaction>',
          '<qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="identifier"><qti-correct-response><qti-value>A</qti-value></qti-correct-response></qti-response-declaration>',
          '<qti-response-processing><qti-set-outcome-value identifier="SCORE"><qti-random-integer min="0" max="1"/></qti-set-outcome-value></qti-response-processing>',
        ),
      ),
    ).toEqual(['UNSUPPORTED', expect.stringMatching(/response processing is not one we can read/)]);
    expect(reason(item('<div>  </div>'))).toEqual([
      'DESCRIPTION',
      expect.stringMatching(/no interaction and nothing to show/),
    ]);
    expect(reason('<qti-assessment-item><unclosed></qti-assessment-item>')).toEqual([
      'SYNTAX',
      expect.stringMatching(/not well-formed XML.*\(line 1, column/),
    ]);
    expect(
      reason('<!DOCTYPE x [<!ENTITY a "aaaaaaaa">]><qti-assessment-item>&a;</qti-assessment-item>'),
    ).toEqual(['SYNTAX', expect.stringMatching(/DOCTYPE/)]);
    expect(reason('<assessmentItem identifier="x"/>')).toEqual([
      'SYNTAX',
      expect.stringMatching(/QTI 2\.x item/),
    ]);
    expect(
      reason(
        item(
          '<qti-choice-interaction response-identifier="RESPONSE"><qti-simple-choice identifier="A">a</qti-simple-choice></qti-choice-interaction>',
          '<qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="identifier"><qti-correct-response><qti-value>A</qti-value></qti-correct-response></qti-response-declaration>',
          '<qti-response-processing template="https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml"/>',
        ),
      ),
    ).toEqual([
      'INVALID',
      expect.stringMatching(/invalid after mapping: prompt: must not be empty/),
    ]);
  });

  it('reads an item with no interaction as a text between questions', () => {
    const r = importQtiPackage(packageOf(item('<div><p>Read <em>this</em> first.</p></div>')));
    expect(r.questions).toEqual([]);
    expect(r.texts).toEqual([
      {
        beforeQuestion: 0,
        text: '<p>Read <em>this</em> first.</p>',
        format: 'html',
        name: 'Foreign',
      },
    ]);
    expect(r.report).toMatchObject({ found: 1, imported: 0, texts: 1, skipped: [] });
  });

  it('refuses a package it must not open, with a stable problem code', () => {
    const ok = exportQtiPackage({ title: 't', questions: [ALL[0]] });
    expect(problemOf(() => importQtiPackage(strToU8('just text, not a zip at all...')))).toBe(
      'NOT_A_ZIP',
    );
    expect(problemOf(() => importQtiPackage(zipSync({ '../escape.xml': strToU8('<a/>') })))).toBe(
      'UNSAFE_PATH',
    );
    expect(problemOf(() => importQtiPackage(zipSync({ '/etc/x.xml': strToU8('<a/>') })))).toBe(
      'UNSAFE_PATH',
    );
    const many: Record<string, Uint8Array> = { ...unzipSync(ok) };
    for (let i = 0; i < 30; i++) many[`extra/${i}.txt`] = strToU8('x');
    expect(
      problemOf(() => importQtiPackage(zipSync(many), { maxEntries: 20, maxTotalBytes: 1e6 })),
    ).toBe('TOO_MANY_ENTRIES');
    // 64 MB of one character compresses to ~64 KB: refused once 1 MB has been inflated.
    const bomb = zipSync({ 'imsmanifest.xml': new Uint8Array(64 * 1024 * 1024).fill(32) });
    expect(bomb.length).toBeLessThan(200_000);
    expect(problemOf(() => importQtiPackage(bomb, { maxEntries: 10, maxTotalBytes: 1e6 }))).toBe(
      'TOO_LARGE',
    );
    expect(problemOf(() => importQtiPackage(zipSync({ 'item.xml': strToU8('<a/>') })))).toBe(
      'NO_MANIFEST',
    );
    expect(
      problemOf(() => importQtiPackage(zipSync({ 'imsmanifest.xml': strToU8('<manifest>') }))),
    ).toBe('BAD_MANIFEST');
    expect(() => importQtiPackage(ok)).not.toThrow();
  });

  it('reads a single item as written by the export (points from the weight)', () => {
    const files = exportQtiFiles({ title: 't', questions: [ALL[2]] });
    const r = mapQtiItem(parseXml(files.items[0].xml), { weight: 4, tags: [] });
    expect(r).toEqual({ ok: true, question: { ...ALL[2], points: 4 }, dropped: [] });
    expect(textOf(parseXml(files.items[0].xml))).toContain('Which are irregular verbs?');
  });
});
