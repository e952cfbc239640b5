/**
 * The Moodle XML mapper question by question: what Moodle's importer means by each field and
 * what we make of it (names, categories and tags, feedback, per-answer credit included), the
 * reader's refusals, and the images (kept, refused, rewritten, in feedback too).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { QuestionDefinition, QuestionDefinitionOf, QuestionType } from '@exam/contracts';
import { gradeAnswer } from './grading';
import { formatOf, importMoodleXml, type MoodleXmlEntry } from './moodle-xml-import';
import { declarationOffset, readMoodleXml } from './moodle-xml-read';
import { ImageCollector, rewriteFileRefs, sniffImage, type EmbeddedFile } from './question-media';
import { parseQuestion } from './question-schema';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415478da63f8cfc0000003010100c9fe92ef0000000049454e44ae426082',
  'hex',
);
const GIF = Buffer.from(
  '47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b',
  'hex',
);

const quiz = (...questions: string[]) => `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
${questions.join('\n')}
</quiz>`;

function q(type: string, body: string, text = 'Question?', format = 'html'): string {
  return `<question type="${type}"><name><text>${type} q</text></name><questiontext format="${format}"><text><![CDATA[${text}]]></text></questiontext>${body}</question>`;
}

let ids = 0;
function run(xml: string, limits?: Parameters<typeof importMoodleXml>[1]['limits']) {
  const r = importMoodleXml(xml, { newId: () => `m${++ids}`, limits });
  if (!r.ok) throw new Error(`file refused: ${r.reason}`);
  return r;
}
function one(xml: string): MoodleXmlEntry {
  const r = run(xml);
  expect(r.entries).toHaveLength(1);
  return r.entries[0];
}
function imported(xml: string): QuestionDefinition {
  const e = one(xml);
  if (e.outcome === 'text') throw new Error('taken as a text');
  if (e.outcome !== 'imported') throw new Error(`skipped: ${e.skip.code} ${e.skip.reason}`);
  return e.question;
}
function skipped(xml: string) {
  const e = one(xml);
  if (e.outcome !== 'skipped') throw new Error('imported');
  return e.skip;
}
const answer = (fraction: number | string, text: string, extra = '') =>
  `<answer fraction="${fraction}" format="html"><text><![CDATA[${text}]]></text>${extra}</answer>`;
const feedback = (text: string, format = 'html', files = '') =>
  `<feedback format="${format}"><text><![CDATA[${text}]]></text>${files}</feedback>`;
const corpus = (name: string) => readFileSync(join(__dirname, 'testdata/moodle-xml', name), 'utf8');
/** The imported questions of a corpus file, by type, in file order. */
function fixture(name: string) {
  const r = run(corpus(name));
  const of = <T extends QuestionType>(type: T, i = 0) =>
    r.questions.filter((x): x is QuestionDefinitionOf<T> => x.type === type)[i];
  return { r, of };
}

describe('reading the file', () => {
  it('refuses a DOCTYPE (entity declarations, external entities) before parsing, with where', () => {
    const r = readMoodleXml('<?xml version="1.0"?>\n<!DOCTYPE quiz [<!ENTITY a "x">]>\n<quiz/>');
    expect(r).toMatchObject({ ok: false, line: 2, column: 1 });
    expect(declarationOffset('<quiz><!ENTITY x "y"></quiz>')).toBe(6);
  });

  it('reads "<!DOCTYPE" inside CDATA or a comment as text', () => {
    const xml = quiz(
      '<!-- <!DOCTYPE x> -->',
      q('essay', '', '<p>Write <code>&lt;!DOCTYPE html&gt;</code> or <!DOCTYPE html>?</p>'),
    );
    expect(imported(xml)).toMatchObject({
      type: 'essay',
      prompt: '<p>Write <code>&lt;!DOCTYPE html&gt;</code> or ?</p>',
    });
  });

  it('refuses a file that says it is not UTF-8, XML that is not well-formed, and other roots', () => {
    expect(readMoodleXml('<?xml version="1.0" encoding="ISO-8859-1"?><quiz/>')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/ISO-8859-1.*Save it as UTF-8/),
    });
    expect(readMoodleXml('<quiz>\n<question type="essay">\n</quiz>')).toMatchObject({
      ok: false,
      line: 3,
    });
    expect(readMoodleXml('<rss/>')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/<rss>/),
    });
    expect(readMoodleXml('  ')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/empty/),
    });
    // Names that would reach Object.prototype are refused by the parser, not obeyed.
    expect(readMoodleXml('<quiz><__proto__>x</__proto__></quiz>')).toMatchObject({ ok: false });
  });

  it('gives each question the line of its tag, decodes entities and a BOM, reads a lone <question>', () => {
    const r = readMoodleXml(
      `\ufeff<quiz>\n\n  <question type="essay"/>\n<question type="x"/></quiz>`,
    );
    expect(r.ok && r.questions.map((x) => x.line)).toEqual([3, 4]);
    const e = imported(
      `<question type="essay"><questiontext format="plain_text"><text>a &lt; b &#233; &amp;amp;</text></questiontext></question>`,
    );
    expect(e.prompt).toBe('a < b é &amp;');
  });
});

describe('formats', () => {
  it("reads Moodle's format names as Moodle does (none or unknown: html)", () => {
    expect(
      ['html', undefined, 'weird', 'markdown', 'moodle_auto_format', 'plain_text', 'wiki_like'].map(
        formatOf,
      ),
    ).toEqual(['html', 'html', 'html', 'markdown', 'plain', 'plain', 'plain']);
  });

  it('keeps html and markdown, and an option in another format is converted to the question format', () => {
    const mc = imported(
      quiz(
        q(
          'multichoice',
          `<single>true</single>${answer(100, '<b>a</b>')}<answer fraction="0" format="plain_text"><text><![CDATA[x < y]]></text></answer>`,
        ),
      ),
    );
    expect(mc).toMatchObject({
      format: 'html',
      options: [{ text: '<b>a</b>' }, { text: 'x &lt; y' }],
    });
    const md = imported(quiz(q('essay', '', 'Some **bold**', 'markdown')));
    expect(md).toMatchObject({ format: 'markdown', prompt: 'Some **bold**' });
    const plain = imported(quiz(q('essay', '', 'Line 1\nLine <2>', 'moodle_auto_format')));
    expect(plain).toEqual({
      type: 'essay',
      prompt: 'Line 1\nLine <2>',
      points: 1,
      name: 'essay q',
    });
  });
});

describe('question types', () => {
  it('multichoice, one answer: one 100 % option is the key; equal negative marks become negativeMarkPercent', () => {
    const x = imported(
      quiz(
        q(
          'multichoice',
          `<single>true</single><defaultgrade>2.5000000</defaultgrade>${answer(-33.33333, 'a')}${answer(100, 'b')}${answer(-33.33333, 'c')}`,
        ),
      ),
    );
    expect(x).toMatchObject({
      type: 'single_choice',
      points: 2.5,
      correctOptionId: 'b',
      negativeMarkPercent: 33.33333,
    });
    // <single> left out means one answer, as in Moodle.
    expect(imported(quiz(q('multichoice', `${answer(0, 'a')}${answer(100, 'b')}`))).type).toBe(
      'single_choice',
    );
  });

  it('multichoice, one answer: partial credit, several 100 % and own penalties are kept as Moodle grades them', () => {
    // 100 / 50 / -25 / 0: the first 100 % is the key, the others keep their own fraction.
    const partial = imported(
      quiz(
        q(
          'multichoice',
          `${answer(100, 'a')}${answer(50, 'b')}${answer(-25, 'c')}${answer(0, 'd')}`,
        ),
      ),
    );
    expect(partial).toEqual(
      expect.objectContaining({
        type: 'single_choice',
        correctOptionId: 'a',
        options: [
          { id: 'a', text: 'a' },
          { id: 'b', text: 'b', creditPercent: 50 },
          { id: 'c', text: 'c', creditPercent: -25 },
          { id: 'd', text: 'd' },
        ],
      }),
    );
    expect(partial).not.toHaveProperty('negativeMarkPercent');
    expect(['a', 'b', 'c', 'd'].map((o) => gradeAnswer(partial, { optionId: o }).score)).toEqual([
      1, 0.5, -0.25, 0,
    ]);
    // Two answers at 100 %: the second keeps 100 % of its own; the key stays the first.
    const two = imported(
      quiz(q('multichoice', `${answer(0, 'x')}${answer(100, 'a')}${answer(100, 'b')}`)),
    );
    expect(two).toMatchObject({
      correctOptionId: 'b',
      options: [{ id: 'a' }, { id: 'b' }, { id: 'c', creditPercent: 100 }],
    });
    expect(gradeAnswer(two, { optionId: 'c' }).score).toBe(1);
    // Different penalties: each option its own; a penalty past -100 % is held at -100.
    const penalties = imported(
      quiz(q('multichoice', `${answer(100, 'a')}${answer(-50, 'b')}${answer(-150, 'c')}`)),
    );
    expect(penalties).toMatchObject({
      options: [{ id: 'a' }, { id: 'b', creditPercent: -50 }, { id: 'c', creditPercent: -100 }],
    });
    expect(penalties).not.toHaveProperty('negativeMarkPercent');
    // No answer worth 100 % is still not a one-answer question Moodle saves.
    expect(skipped(quiz(q('multichoice', `${answer(50, 'a')}${answer(0, 'b')}`)))).toMatchObject({
      code: 'INVALID',
      moodleType: 'multichoice',
      title: 'multichoice q',
    });
  });

  it("multichoice, one answer: the corpus's partial-credit questions, graded through gradeAnswer", () => {
    const every = fixture('own-every-type.xml');
    // "Close enough": best 100 %, good 50 %.
    const close = every.of('single_choice', 1);
    expect(close).toMatchObject({
      name: 'Close enough',
      correctOptionId: 'a',
      options: [
        { id: 'a', text: 'best' },
        { id: 'b', text: 'good', creditPercent: 50 },
      ],
    });
    expect(gradeAnswer(close, { optionId: 'b' })).toMatchObject({
      score: 0.5,
      maxScore: 1,
      details: [expect.stringMatching(/partly right: 50 %/)],
    });
    const own = fixture('own-feedback.xml');
    const australia = own.of('single_choice');
    expect(['a', 'b', 'c', 'd'].map((o) => gradeAnswer(australia, { optionId: o }).score)).toEqual([
      2, 1, -0.5, 0,
    ]);
    const flag = own.of('single_choice', 1);
    expect(['a', 'b', 'c', 'd'].map((o) => gradeAnswer(flag, { optionId: o }).score)).toEqual([
      1, 1, -0.5, -1,
    ]);
  });

  it('multichoice, several answers: fractions are the weights; weights that do not add up are INVALID', () => {
    const x = imported(
      quiz(
        q(
          'multichoice',
          `<single>false</single>${answer(33.33333, 'a')}${answer(33.33333, 'b')}${answer(33.33334, 'c')}${answer(-100, 'd')}`,
        ),
      ),
    );
    expect(x).toMatchObject({
      type: 'multiple_response',
      options: [
        { weight: 33.33333 },
        { weight: 33.33333 },
        { weight: 33.33334 },
        { id: 'd', weight: -100 },
      ],
    });
    expect(
      skipped(quiz(q('multichoice', `<single>0</single>${answer(50, 'a')}${answer(0, 'b')}`))).code,
    ).toBe('INVALID');
  });

  it('true/false: the answer named "true" says whether true is right; old files are true, then false', () => {
    const tf = (a: string, b: string) =>
      imported(
        quiz(
          q(
            'truefalse',
            `<answer fraction="${a}"><text>true</text></answer><answer fraction="${b}"><text>false</text></answer>`,
          ),
        ),
      );
    expect(tf('100', '0')).toMatchObject({ correct: true });
    expect(tf('0', '100')).toMatchObject({ correct: false });
    const reversed = imported(
      quiz(
        q(
          'truefalse',
          '<answer fraction="100"><text>false</text></answer><answer fraction="0"><text>true</text></answer>',
        ),
      ),
    );
    expect(reversed).toMatchObject({ correct: false });
    const old = imported(
      quiz(
        q(
          'truefalse',
          '<answer fraction="0"><text>Vrai</text></answer><answer fraction="100"><text>Faux</text></answer>',
        ),
      ),
    );
    expect(old).toMatchObject({ correct: false });
  });

  it('short answer: usecase, * wildcards, \\* literal stars, credits, 0 % answers reported', () => {
    const x = one(
      quiz(
        q(
          'shortanswer',
          `<usecase>1</usecase>${answer(100, 'Paris')}${answer(50, 'Par*')}${answer(0, 'London')}`,
        ),
      ),
    );
    expect(x).toMatchObject({
      outcome: 'imported',
      question: {
        type: 'short_text',
        caseSensitive: true,
        wildcards: true,
        acceptedAnswers: [
          { text: 'Paris', creditPercent: 100 },
          { text: 'Par*', creditPercent: 50 },
        ],
      },
      dropped: expect.arrayContaining([
        { part: 'zero_credit_answers', detail: expect.stringMatching(/"London"/) },
      ]),
    });
    expect(imported(quiz(q('shortanswer', `<usecase>0</usecase>${answer(100, '2\\*3')}`)))).toEqual(
      expect.objectContaining({ acceptedAnswers: [{ text: '2*3', creditPercent: 100 }] }),
    );
    expect(
      imported(quiz(q('shortanswer', `<usecase>0</usecase>${answer(100, '2\\*3')}`))),
    ).not.toHaveProperty('caseSensitive');
  });

  it('numerical: answers with tolerance and credit, the unit of multiplier 1, * and non-numbers', () => {
    const x = one(
      quiz(
        q(
          'numerical',
          `<answer fraction="100"><text>3.14</text><tolerance>0.01</tolerance></answer><answer fraction="50"><text>3</text><tolerance>0</tolerance></answer><units><unit><multiplier>100</multiplier><unit_name>cm</unit_name></unit><unit><multiplier>1</multiplier><unit_name>m</unit_name></unit></units>`,
        ),
      ),
    );
    expect(x).toMatchObject({
      question: {
        type: 'numeric',
        unit: 'm',
        acceptedAnswers: [
          { value: 3.14, tolerance: 0.01, creditPercent: 100 },
          { value: 3, creditPercent: 50 },
        ],
      },
      dropped: expect.arrayContaining([
        {
          part: 'units',
          detail: 'other units not accepted (students type a number in m): "cm" (×100)',
        },
      ]),
    });
    expect(
      skipped(quiz(q('numerical', '<answer fraction="100"><text>3,14</text></answer>'))),
    ).toMatchObject({ code: 'SYNTAX', reason: expect.stringMatching(/"3,14" is not a number/) });
    expect(
      skipped(
        quiz(
          q(
            'numerical',
            '<answer fraction="100"><text>4</text></answer><answer fraction="20"><text>*</text></answer>',
          ),
        ),
      ).code,
    ).toBe('UNSUPPORTED');
    // Deprecated forms Moodle still reads: the fraction as a tag (0-1), the number outside <text>.
    expect(
      imported(quiz(q('numerical', '<answer><fraction>1</fraction>42</answer>'))),
    ).toMatchObject({ acceptedAnswers: [{ value: 42, creditPercent: 100 }] });
  });

  it('essay: grader info as grading notes, maxwordlimit, attachments and templates reported', () => {
    const x = one(
      quiz(
        q(
          'essay',
          '<graderinfo format="html"><text><![CDATA[<p>Check <b>tenses</b></p>]]></text></graderinfo><maxwordlimit>200</maxwordlimit><responsefieldlines>10</responsefieldlines><attachments>-1</attachments><responsetemplate format="html"><text>Dear</text></responsetemplate>',
        ),
      ),
    );
    expect(x).toMatchObject({
      question: { type: 'essay', gradingNotes: 'Check tenses', maxWords: 200 },
      dropped: expect.arrayContaining([
        {
          part: 'attachments',
          detail:
            'students could attach any number of file(s) in Moodle; here they type their answer',
        },
        { part: 'response_template', detail: expect.any(String) },
      ]),
    });
  });

  it('matching: an empty subquestion adds a distractor; answers are plain text (escaped in html)', () => {
    const sub = (l: string, r: string) =>
      `<subquestion format="html"><text><![CDATA[${l}]]></text><answer><text><![CDATA[${r}]]></text></answer></subquestion>`;
    const x = imported(
      quiz(
        q('matching', sub('<i>a</i>', '1 < 2') + sub('b', '2') + sub('c', '1 < 2') + sub('', 'x')),
      ),
    );
    expect(x).toEqual(
      expect.objectContaining({
        left: [
          { id: 'l1', text: '<i>a</i>' },
          { id: 'l2', text: 'b' },
          { id: 'l3', text: 'c' },
        ],
        right: [
          { id: 'r1', text: '1 &lt; 2' },
          { id: 'r2', text: '2' },
          { id: 'r3', text: 'x' },
        ],
        correctPairs: { l1: 'r1', l2: 'r2', l3: 'r1' },
      }),
    );
  });

  it("ordering: the answers' order is the key; Moodle's grading names map to ours, others said", () => {
    const items = `${answer(3, 'A')}${answer(1, 'B')}${answer(2, 'C')}`;
    const scoring = (g: string) =>
      imported(
        quiz(q('ordering', `<gradingtype>${g}</gradingtype><selecttype>ALL</selecttype>${items}`)),
      );
    expect(scoring('ALL_OR_NOTHING')).toMatchObject({
      scoring: 'exact',
      items: [{ id: 'i1', text: 'A' }, { text: 'B' }, { text: 'C' }],
      correctOrder: ['i1', 'i2', 'i3'],
    });
    expect(scoring('ABSOLUTE_POSITION')).toMatchObject({ scoring: 'position' });
    expect(scoring('RELATIVE_NEXT_EXCLUDE_LAST')).toMatchObject({ scoring: 'neighbours' });
    const other = one(
      quiz(
        q(
          'ordering',
          `<gradingtype>RELATIVE_TO_CORRECT</gradingtype><selecttype>RANDOM</selecttype><selectcount>2</selectcount>${items}`,
        ),
      ),
    );
    expect(other.outcome === 'imported' && other.dropped.map((d) => d.part)).toEqual([
      'scoring',
      'item_subset',
    ]);
  });

  it('descriptions become texts before the next imported question, images and name kept', () => {
    const r = run(
      quiz(
        q(
          'description',
          '',
          '<p>Read the <b>map</b> <img src="@@PLUGINFILE@@/m.gif"></p><script>x()</script>',
        ).replace(
          '</questiontext>',
          `<file name="m.gif" path="/" encoding="base64">${GIF.toString('base64')}</file></questiontext>`,
        ),
        q(
          'truefalse',
          '<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>',
        ),
        q('description', '', '**Part 2**', 'markdown'),
        q('calculated', ''),
        q('description', '', 'Plain\nlines', 'plain_text'),
        q('description', '', '<p> </p>'),
      ),
    );
    expect(r.questions).toHaveLength(1);
    expect(r.texts).toEqual([
      {
        beforeQuestion: 0,
        text: expect.stringMatching(
          /^<p>Read the <b>map<\/b> <img src="\/api\/v1\/media\/m\d+" \/><\/p>$/,
        ),
        format: 'html',
        name: 'description q',
      },
      // The refused question between does not count: both come after the last question.
      { beforeQuestion: 1, text: '**Part 2**', format: 'markdown', name: 'description q' },
      { beforeQuestion: 1, text: 'Plain\nlines', name: 'description q' },
    ]);
    expect(r.images).toHaveLength(1);
    expect(r.report).toMatchObject({ found: 6, imported: 1, texts: 3, images: 1 });
    expect(r.report.skipped.map((s) => [s.index, s.code])).toEqual([
      [4, 'UNSUPPORTED'],
      [6, 'DESCRIPTION'],
    ]);
  });

  it('empty descriptions, unknown and unsupported types are skipped with their Moodle type named', () => {
    const r = run(
      quiz(
        q('description', '', ''),
        q('calculatedmulti', ''),
        q('randomsamatch', ''),
        q('coderunner', ''),
        '<question><name><text>x</text></name></question>',
      ),
    );
    expect(r.report.skipped.map((s) => [s.index, s.code, s.moodleType])).toEqual([
      [1, 'DESCRIPTION', 'description'],
      [2, 'UNSUPPORTED', 'calculatedmulti'],
      [3, 'UNSUPPORTED', 'randomsamatch'],
      [4, 'UNSUPPORTED', 'coderunner'],
      [5, 'SYNTAX', ''],
    ]);
    expect(r.report.skipped[3].reason).toMatch(/"coderunner" question type is not supported yet/);
  });

  it('keeps the name, the category and tags; reports ID numbers, combined feedback and hints, in one place', () => {
    const r = run(
      quiz(
        '<question type="category"><category><text>$course$/top/Unit 1</text></category></question>',
        q(
          'truefalse',
          '<idnumber>T1</idnumber><generalfeedback><text>Because.</text></generalfeedback><answer fraction="100"><text>true</text><feedback><text>Yes</text></feedback></answer><answer fraction="0"><text>false</text><feedback><text><![CDATA[<p></p>]]></text></feedback></answer><hint><text>Think</text></hint><tags><tag><text>easy</text></tag></tags>',
        ),
        q(
          'matching',
          '<correctfeedback><text>Well done</text></correctfeedback><incorrectfeedback><text>No</text></incorrectfeedback><subquestion><text>a</text><answer><text>1</text></answer></subquestion><subquestion><text>b</text><answer><text>2</text></answer></subquestion>',
        ),
      ),
    );
    expect(r.questions[0]).toEqual({
      type: 'true_false',
      prompt: 'Question?',
      format: 'html',
      points: 1,
      name: 'truefalse q',
      tags: ['top/Unit 1', 'easy'],
      generalFeedback: 'Because.',
      correct: true,
      feedbackTrue: 'Yes',
    });
    expect(r.questions[1]).toMatchObject({ name: 'matching q', tags: ['top/Unit 1'] });
    expect(r.report.dropped).toEqual([
      {
        index: 1,
        line: 4,
        title: 'truefalse q',
        parts: [
          { part: 'idnumber', detail: 'ID number "T1"' },
          { part: 'hints', detail: "1 hint (shown between tries in Moodle's interactive mode)" },
        ],
      },
      {
        index: 2,
        line: 5,
        title: 'matching q',
        parts: [
          {
            part: 'feedback',
            detail:
              'feedback for correct, partially correct and incorrect responses (2 of 3 written)',
          },
        ],
      },
    ]);
  });

  it("names: trimmed, cut to 255 characters and said so; none when Moodle's name is empty", () => {
    const long = `  ${'n'.repeat(300)}  `;
    const e = one(
      quiz(
        `<question type="essay"><name><text>${long}</text></name><questiontext><text>Q</text></questiontext></question>`,
      ),
    );
    expect(e).toMatchObject({
      outcome: 'imported',
      question: { name: 'n'.repeat(255) },
      dropped: [
        { part: 'title', detail: 'question name of 300 characters cut to the 255 a name keeps' },
      ],
    });
    // An emoji on the cut is not split in half.
    const emoji = imported(
      quiz(
        `<question type="essay"><name><text>${'n'.repeat(254)}😀x</text></name><questiontext><text>Q</text></questiontext></question>`,
      ),
    );
    expect(emoji.name).toBe('n'.repeat(254));
    const none = imported(
      quiz(
        '<question type="essay"><name><text>  </text></name><questiontext><text>Q</text></questiontext></question>',
      ),
    );
    expect(none).not.toHaveProperty('name');
  });

  it("tags: the category without Moodle's context prefix, <tags> and <coursetags>, once each, cut and capped", () => {
    const tags = (category: string, list: string[], course: string[] = []) => {
      const tag = (t: string) => `<tag><text>${t}</text></tag>`;
      return one(
        quiz(
          `<question type="category"><category><text>${category}</text></category></question>`,
          q(
            'essay',
            `<tags>${list.map(tag).join('')}</tags><coursetags>${course.map(tag).join('')}</coursetags>`,
          ),
        ),
      );
    };
    expect(tags('$system$/top/Shared', ['a', 'A', ' b '], ['a', 'c'])).toMatchObject({
      question: { tags: ['top/Shared', 'a', 'b', 'c'] },
    });
    expect(tags('$module$/Quiz bank', [])).toMatchObject({ question: { tags: ['Quiz bank'] } });
    expect(tags('$course$/', [])).toMatchObject({
      question: expect.not.objectContaining({ tags: expect.anything() }),
    });
    const long = 't'.repeat(120);
    const many = Array.from({ length: 55 }, (_, i) => `tag${i + 1}`);
    const e = tags('$course$/Top', [long, ...many]);
    if (e.outcome !== 'imported') throw new Error('skipped');
    expect(e.question.tags).toHaveLength(50);
    expect(e.question.tags?.slice(0, 3)).toEqual(['Top', 't'.repeat(100), 'tag1']);
    expect(e.dropped).toEqual([
      { part: 'tags', detail: `1 tag cut to the 100 characters a tag keeps: "${long}"` },
      {
        part: 'tags',
        detail:
          '7 tags past the 50 a question keeps: "tag49", "tag50", "tag51", "tag52", "tag53", "tag54", "tag55"',
      },
    ]);
    // No category before the question: its tags only.
    expect(imported(quiz(q('essay', '<tags><tag><text>x</text></tag></tags>')))).toMatchObject({
      tags: ['x'],
    });
  });

  it('general feedback in the format of the question, for every type', () => {
    const general = (format: string, text: string, own?: string) =>
      imported(
        quiz(
          q(
            'essay',
            `<generalfeedback${own ? ` format="${own}"` : ''}><text><![CDATA[${text}]]></text></generalfeedback>`,
            'Q',
            format,
          ),
        ),
      ).generalFeedback;
    expect(general('html', '<p>Because <b>so</b>.</p>')).toBe('<p>Because <b>so</b>.</p>');
    expect(general('html', 'a < b', 'plain_text')).toBe('a &lt; b');
    expect(general('markdown', '**so**')).toBe('**so**');
    expect(general('moodle_auto_format', '<p>Because <b>so</b>.</p>', 'html')).toBe('Because so.');
    expect(general('html', '<p> </p>')).toBeUndefined();
    // HTML feedback is cleaned like the prompt.
    expect(general('html', '<p onclick="x()">Hi<script>alert(1)</script></p>')).toBe('<p>Hi</p>');
    // Over the 10,000 characters a feedback holds: the question is INVALID, naming the field.
    expect(
      skipped(
        quiz(q('essay', `<generalfeedback><text>${'x'.repeat(10_001)}</text></generalfeedback>`)),
      ),
    ).toMatchObject({
      code: 'INVALID',
      reason: expect.stringMatching(/^invalid after mapping: generalFeedback:/),
    });
  });

  it("answers' feedback: on choice options, accepted short and numeric answers; ordering items' is reported", () => {
    const fb = (t: string) => feedback(t);
    const mc = imported(
      quiz(
        q(
          'multichoice',
          `<single>false</single>${answer(100, 'a', fb('<p>Yes <i>a</i></p>'))}${answer(0, 'b', fb('<p></p>'))}${answer(0, '', fb('for nothing'))}`,
        ),
      ),
    );
    expect(mc).toMatchObject({
      options: [
        { id: 'a', feedback: '<p>Yes <i>a</i></p>' },
        expect.not.objectContaining({ feedback: expect.anything() }),
      ],
    });
    expect(mc.type === 'multiple_response' && mc.options).toHaveLength(2);
    const short = one(
      quiz(
        q(
          'shortanswer',
          `${answer(100, 'Paris', fb('Right'))}${answer(0, 'Lyon', fb('Not the capital'))}`,
          'Capital?',
          'moodle_auto_format',
        ),
      ),
    );
    expect(short).toMatchObject({
      question: { acceptedAnswers: [{ text: 'Paris', creditPercent: 100, feedback: 'Right' }] },
      dropped: [{ part: 'zero_credit_answers', detail: expect.stringMatching(/"Lyon"/) }],
    });
    const numeric = imported(
      quiz(
        q(
          'numerical',
          `<answer fraction="100"><text>4</text>${feedback('Four', 'plain_text')}</answer><answer fraction="0"><text>*</text>${feedback('No')}</answer>`,
        ),
      ),
    );
    expect(numeric).toMatchObject({
      acceptedAnswers: [{ value: 4, creditPercent: 100, feedback: 'Four' }],
    });
    const ordering = one(
      quiz(q('ordering', `${answer(1, 'A', fb('first'))}${answer(2, 'B', fb('second'))}`)),
    );
    expect(ordering.outcome === 'imported' && ordering.dropped).toEqual([
      { part: 'feedback', detail: 'feedback on 2 answers' },
    ]);
  });

  it('true/false feedback: the answer "true" gives feedbackTrue, "false" feedbackFalse, in any order or old files', () => {
    const tf = (answers: string) => imported(quiz(q('truefalse', answers)));
    const a = (fraction: number, text: string, fb: string) =>
      `<answer fraction="${fraction}"><text>${text}</text>${fb ? feedback(fb) : ''}</answer>`;
    expect(tf(a(0, 'false', 'F said') + a(100, 'true', 'T said'))).toMatchObject({
      correct: true,
      feedbackTrue: 'T said',
      feedbackFalse: 'F said',
    });
    expect(tf(a(0, 'true', '') + a(100, 'false', 'F said'))).toEqual(
      expect.not.objectContaining({ feedbackTrue: expect.anything() }),
    );
    // Two answers "true": the last one is what Moodle keeps, feedback included.
    expect(tf(a(100, 'true', 'first') + a(100, 'true', '') + a(0, 'false', ''))).toEqual(
      expect.not.objectContaining({ feedbackTrue: expect.anything() }),
    );
    expect(tf(a(0, 'Vrai', 'V') + a(100, 'Faux', 'F'))).toMatchObject({
      correct: false,
      feedbackTrue: 'V',
      feedbackFalse: 'F',
    });
  });

  it("the corpus's Moodle fixtures keep their names, category, feedback as Moodle shows them", () => {
    expect(fixture('moodle-type-truefalse.moodle.xml').of('true_false')).toEqual({
      type: 'true_false',
      prompt: 'The answer is true.',
      format: 'html',
      points: 1,
      name: 'true-false-001',
      tags: ['Test questions'],
      generalFeedback: 'You should have selected true.',
      correct: true,
      feedbackTrue: 'This is the right answer.',
      feedbackFalse: 'This is the wrong answer.',
    });
    const short = fixture('moodle-type-shortanswer.moodle.xml');
    expect(short.of('short_text')).toMatchObject({
      name: 'shortanswer-001',
      generalFeedback: 'Generalfeedback: frog or toad would have been OK.',
      acceptedAnswers: [
        { text: 'frog', creditPercent: 100, feedback: 'Frog is a very good answer.' },
        { text: 'toad', creditPercent: 80, feedback: 'Toad is an OK good answer.' },
      ],
    });
    // "*" at 0 % (and its feedback "That is a bad answer.") is still reported, not kept.
    expect(short.r.report.dropped[0].parts).toEqual([
      {
        part: 'zero_credit_answers',
        detail: expect.stringMatching(/show its feedback\): "\*"$/),
      },
    ]);
    const every = fixture('own-every-type.xml');
    expect(every.of('single_choice')).toMatchObject({
      name: 'Flag colours',
      tags: ['top/Own/Every type', 'flags', 'colours'],
      generalFeedback: '<p>Red, as the picture shows.</p>',
      negativeMarkPercent: 25,
      options: [{ id: 'a', feedback: 'Yes.' }, { id: 'b' }, { id: 'c' }],
    });
    expect(every.of('true_false')).toMatchObject({ feedbackTrue: 'No.' });
    expect(every.of('true_false')).not.toHaveProperty('feedbackFalse');
  });

  it('rounds a mark to 2 decimals and says so; a 0 mark is INVALID', () => {
    const x = one(quiz(q('essay', '<defaultgrade>0.3333333</defaultgrade>')));
    expect(x).toMatchObject({
      question: { points: 0.33 },
      dropped: expect.arrayContaining([
        { part: 'points', detail: 'mark 0.3333333 rounded to 0.33' },
      ]),
    });
    expect(skipped(quiz(q('essay', '<defaultgrade>0</defaultgrade>'))).code).toBe('INVALID');
  });
});

describe('images', () => {
  const file = (name: string, bytes: Buffer, path = '/') =>
    `<file name="${name}" path="${path}" encoding="base64">${bytes.toString('base64')}</file>`;
  const withFiles = (text: string, files: string, format = 'html') =>
    `<question type="essay"><questiontext format="${format}"><text><![CDATA[${text}]]></text>${files}</questiontext></question>`;

  it('keeps an image once however often it is used, under any name, and points the text at it', () => {
    const r = run(
      quiz(
        withFiles(
          '<img src="@@PLUGINFILE@@/a%20b.png"><img src="@@PLUGINFILE@@/sub/c.png">',
          file('a b.png', PNG) + file('c.png', PNG, '/sub/'),
        ),
        withFiles('<p><img src="@@PLUGINFILE@@/g.gif" alt="g"></p>', file('g.gif', GIF)),
      ),
    );
    expect(r.images.map((i) => [i.mime, i.bytes.length])).toEqual([
      ['image/png', PNG.length],
      ['image/gif', GIF.length],
    ]);
    const [png, gif] = r.images.map((i) => i.id);
    expect(r.questions.map((x) => x.prompt)).toEqual([
      `<img src="/api/v1/media/${png}" /><img src="/api/v1/media/${png}" />`,
      `<p><img src="/api/v1/media/${gif}" alt="g" /></p>`,
    ]);
    expect(r.report.images).toBe(2);
  });

  it('rewrites markdown images too; a missing one goes and is reported', () => {
    const r = run(
      quiz(
        withFiles(
          'See ![map](@@PLUGINFILE@@/m.png) and ![x](@@PLUGINFILE@@/gone.png)',
          file('m.png', PNG),
          'markdown',
        ),
      ),
    );
    expect(r.questions[0].prompt).toBe(`See ![map](/api/v1/media/${r.images[0].id}) and`);
    expect(r.report.dropped[0].parts).toContainEqual({
      part: 'files',
      detail: 'image "gone.png" is missing from the file; the image was removed',
    });
  });

  it('does not store the images of a question that is skipped', () => {
    const r = run(
      quiz(
        `<question type="multichoice"><questiontext format="html"><text><![CDATA[<img src="@@PLUGINFILE@@/p.png">]]></text>${file('p.png', PNG)}</questiontext>${answer(50, 'a')}</question>`,
        q('essay', ''),
      ),
    );
    expect(r.report).toMatchObject({ found: 2, imported: 1, images: 0 });
    expect(r.images).toEqual([]);
  });

  it('holds each import to its caps: size per file, bytes per import, number of images', () => {
    const three = quiz(
      withFiles(
        '<img src="@@PLUGINFILE@@/1.png"><img src="@@PLUGINFILE@@/2.gif">',
        file('1.png', PNG) + file('2.gif', GIF),
      ),
    );
    const r = run(three, { maxFileBytes: 1000, maxImportBytes: PNG.length + 10, maxFiles: 10 });
    expect(r.images).toHaveLength(1);
    expect(r.report.dropped[0].parts).toContainEqual({
      part: 'files',
      detail: expect.stringMatching(/^"2.gif" would take the import past the 1 KB of images/),
    });
    expect(
      run(three, { maxFileBytes: 50, maxImportBytes: 1e6, maxFiles: 10 }).images.map((i) => i.mime),
    ).toEqual(['image/gif']);
    expect(run(three, { maxFileBytes: 1e6, maxImportBytes: 1e6, maxFiles: 1 }).images).toHaveLength(
      1,
    );
  });

  it("images in feedback are kept and pointed at like the question text's, once per content", () => {
    const r = run(
      quiz(
        `<question type="multichoice"><name><text>fb</text></name><questiontext format="html"><text>Q</text></questiontext><generalfeedback format="html"><text><![CDATA[<p><img src="@@PLUGINFILE@@/g.png" alt="g"></p>]]></text>${file('g.png', PNG)}</generalfeedback>${answer(100, 'a', feedback('<img src="@@PLUGINFILE@@/same.png">', 'html', file('same.png', PNG)))}${answer(0, 'b', feedback('Look <img src="@@PLUGINFILE@@/gone.png">', 'html', file('unused.gif', GIF)))}</question>`,
        `<question type="truefalse"><questiontext format="markdown"><text>T?</text></questiontext><answer fraction="100"><text>true</text>${feedback('![t](@@PLUGINFILE@@/t.gif)', 'markdown', file('t.gif', GIF))}</answer><answer fraction="0"><text>false</text></answer></question>`,
      ),
    );
    const [png, gif] = r.images.map((i) => i.id);
    expect(r.images.map((i) => i.mime)).toEqual(['image/png', 'image/gif']);
    expect(r.questions[0]).toMatchObject({
      generalFeedback: `<p><img src="/api/v1/media/${png}" alt="g" /></p>`,
      options: [
        { feedback: `<img src="/api/v1/media/${png}" />` },
        // A missing image goes, its <img> with it.
        { feedback: 'Look' },
      ],
    });
    expect(r.questions[1]).toMatchObject({ feedbackTrue: `![t](/api/v1/media/${gif})` });
    expect(r.report.images).toBe(2);
    expect(r.report.dropped[0].parts).toEqual([
      { part: 'files', detail: 'image "gone.png" is missing from the file; the image was removed' },
      { part: 'files', detail: 'file "unused.gif" is attached but not used in the text; not kept' },
    ]);
  });

  it('does not store the image of a feedback that is not kept (a 0 % short answer)', () => {
    const r = run(
      quiz(
        q(
          'shortanswer',
          `${answer(100, 'yes')}${answer(0, 'no', feedback('<img src="@@PLUGINFILE@@/n.png">', 'html', file('n.png', PNG)))}`,
        ),
      ),
    );
    expect(r.images).toEqual([]);
    expect(r.report.images).toBe(0);
  });

  it('Moodle 1.9 <image> and <image_base64> add the image after the question text', () => {
    const x = imported(
      `<question type="essay"><questiontext format="html"><text>Look</text></questiontext><image>old/pic.png</image><image_base64>${PNG.toString('base64')}</image_base64></question>`,
    );
    expect(x.prompt).toMatch(/^Look <img src="\/api\/v1\/media\/m\d+" \/>$/);
  });
});

describe('question media', () => {
  it('recognises PNG, JPEG, GIF and WebP by their bytes, and nothing else', () => {
    expect(sniffImage(PNG)).toBe('image/png');
    expect(sniffImage(GIF)).toBe('image/gif');
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg');
    expect(sniffImage(Buffer.from('RIFF\x00\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe('image/webp');
    for (const other of [
      '<svg xmlns="http://www.w3.org/2000/svg"/>',
      '<?xml version="1.0"?><svg/>',
      'BM\x00\x00',
      '%PDF-1.4',
      'RIFF\x00\x00\x00\x00WAVE',
      'GIF8',
    ]) {
      expect(sniffImage(Buffer.from(other, 'latin1'))).toBeNull();
    }
  });

  it('refuses a file that is not base64 and an oversize file without decoding it', () => {
    const c = new ImageCollector(() => 'id', {
      maxFileBytes: 10,
      maxImportBytes: 100,
      maxFiles: 5,
    });
    const f: EmbeddedFile = { name: 'x.png', path: '/', encoding: 'hex', content: '89' };
    expect(c.add(f)).toEqual({ ok: false, why: '"x.png" is not base64-encoded (encoding "hex")' });
    expect(c.add({ ...f, encoding: 'base64', content: 'A'.repeat(4000) })).toEqual({
      ok: false,
      why: '"x.png" is 3 KB, over the 1 KB an image may have',
    });
  });

  it('a link to a file that is not a kept image loses its href, its words stay', () => {
    const files = new Map([
      [
        '/a.pdf',
        {
          name: 'a.pdf',
          path: '/',
          encoding: 'base64',
          content: Buffer.from('%PDF-1.4').toString('base64'),
        },
      ],
    ]);
    const r = rewriteFileRefs(
      '<a href="@@PLUGINFILE@@/a.pdf">notes</a>',
      'html',
      files,
      new ImageCollector(() => 'id'),
    );
    expect(r.text).toBe('<a>notes</a>');
    expect(r.problems).toEqual([
      '"a.pdf" is not a PNG, JPEG, GIF or WebP image (SVG and other files are refused); the link was removed',
    ]);
  });

  it('the question HTML allow-list keeps an <img> pointing at /api/v1/media/<uuid>', () => {
    const prompt =
      '<p><img src="/api/v1/media/3f2b8c1e-9d4a-4f6b-8e2a-1c5d7e9f0a1b" alt="map" width="40" onerror="x()"></p>';
    const r = parseQuestion({ type: 'essay', format: 'html', prompt, points: 1 });
    expect(r.ok && r.question.prompt).toBe(
      '<p><img src="/api/v1/media/3f2b8c1e-9d4a-4f6b-8e2a-1c5d7e9f0a1b" alt="map" width="40" /></p>',
    );
  });
});
