import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { QuestionDefinition } from '@exam/contracts';
import { gradeAnswer } from './grading';
import { importGift, mapGiftQuestion, type GiftImportResult } from './gift-import';

const read = (name: string) => readFileSync(join(__dirname, 'testdata', name), 'utf8');
const SAMPLE = read('sample.gift');
const corpus = (name: string) => importGift(read(`gift-corpus/${name}`));

/** The one question imported from `gift`, failing loudly when it was skipped. */
function one(gift: string): QuestionDefinition {
  const r = importGift(gift);
  if (r.questions.length !== 1) throw new Error(JSON.stringify(r.report));
  return r.questions[0];
}
const skipOf = (gift: string) => {
  const e = importGift(gift).entries[0];
  if (e?.outcome !== 'skipped') throw new Error(`not skipped: ${JSON.stringify(e)}`);
  return e.skip;
};
const byPrompt = (r: GiftImportResult, start: string) => {
  const q = r.questions.find((x) => x.prompt.startsWith(start));
  if (!q) throw new Error(`no question starting "${start}"`);
  return q;
};

describe('GIFT import of the sample file', () => {
  const r = importGift(SAMPLE);

  it('counts questions (not categories) and imports the supported ones', () => {
    expect(r.report.found).toBe(15);
    expect(r.report.imported).toBe(12);
    expect(r.questions.map((q) => q.type)).toEqual([
      'single_choice',
      'single_choice',
      'multiple_response',
      'true_false',
      'true_false',
      'short_text',
      'numeric',
      'numeric',
      'numeric',
      'numeric',
      'essay',
      'matching',
    ]);
  });

  it('reports every question not taken with its line, a stable code and a reason', () => {
    expect(r.report.skipped).toEqual([
      expect.objectContaining({
        index: 14,
        line: 35,
        code: 'INVALID',
        title: 'NoCorrect',
        reason: expect.stringMatching(/invalid after mapping: .*no correct option/),
      }),
      expect.objectContaining({
        index: 15,
        line: 37,
        column: 48,
        code: 'SYNTAX',
        title: 'Broken',
        reason: expect.stringMatching(/^parse error at line 37, column 48: .*"\{" is never closed/),
      }),
    ]);
  });

  it('takes a description as a text shown before the question after it (here: after the last)', () => {
    expect(r.report.texts).toBe(1);
    expect(r.texts).toEqual([{ beforeQuestion: 12, text: 'This line is only a description.' }]);
    expect(r.entries[12]).toMatchObject({ outcome: 'text', index: 13, line: 33 });
  });

  it('single choice keeps the key and maps a uniform negative weight to a negative mark', () => {
    expect(byPrompt(r, 'What is the correct form?')).toMatchObject({
      type: 'single_choice',
      options: [
        { id: 'a', text: 'go' },
        { id: 'b', text: 'goes' },
        { id: 'c', text: 'going' },
        { id: 'd', text: 'gone' },
      ],
      correctOptionId: 'b',
      points: 1,
    });
    expect(byPrompt(r, 'Choose the past participle')).toMatchObject({
      correctOptionId: 'a',
      negativeMarkPercent: 50,
    });
  });

  it('weights without any = become a multiple response question', () => {
    const q = byPrompt(r, 'Which verbs');
    expect(q).toMatchObject({
      type: 'multiple_response',
      options: [
        { text: 'go', weight: 50 },
        { text: 'see', weight: 50 },
        { text: 'walk', weight: -100 },
        { text: 'play', weight: 0 },
      ],
    });
    expect(gradeAnswer(q, { optionIds: ['a', 'b'] }).score).toBe(1);
  });

  it('true/false, short answer credits, numeric tolerance, ranges and partial credit', () => {
    expect(byPrompt(r, '"Children"')).toMatchObject({ correct: true });
    expect(byPrompt(r, '"Mouses"')).toMatchObject({ correct: false });
    expect(byPrompt(r, 'The past tense')).toMatchObject({
      acceptedAnswers: [
        { text: 'wrote', creditPercent: 100 },
        { text: 'writed', creditPercent: 25 },
      ],
    });
    expect(byPrompt(r, 'How many letters')).toMatchObject({
      acceptedAnswers: [{ value: 26, creditPercent: 100 }],
    });
    const pi = byPrompt(r, 'Pi');
    expect(pi).toMatchObject({ acceptedAnswers: [{ value: 3.14, tolerance: 0.005 }] });
    expect(gradeAnswer(pi, { value: 3.144 }).score).toBe(1);
    expect(gradeAnswer(pi, { value: 3.146 }).score).toBe(0);
    expect(byPrompt(r, 'A number between')).toMatchObject({
      acceptedAnswers: [{ min: 1, max: 2 }],
    });
    const year = byPrompt(r, 'When was');
    expect(gradeAnswer(year, { value: 1066 }).score).toBe(1);
    expect(gradeAnswer(year, { value: 1063 }).score).toBe(0.5);
  });

  it('essays and matching', () => {
    expect(byPrompt(r, 'Describe')).toEqual({
      type: 'essay',
      prompt: 'Describe your last holiday in a few sentences.',
      points: 1,
      name: 'Holiday',
      tags: ['english/grammar'],
    });
    expect(byPrompt(r, 'Match the opposites')).toMatchObject({
      type: 'matching',
      left: [
        { id: 'l1', text: 'hot' },
        { id: 'l2', text: 'big' },
        { id: 'l3', text: 'fast' },
      ],
      right: [
        { id: 'r1', text: 'cold' },
        { id: 'r2', text: 'small' },
        { id: 'r3', text: 'slow' },
      ],
      correctPairs: { l1: 'r1', l2: 'r2', l3: 'r3' },
    });
  });
});

describe('GIFT read as Moodle reads it', () => {
  it('takes bare colons in answers, stems and names', () => {
    expect(one('::Clock:: When does a day start? {=00:00 ~12:00}')).toMatchObject({
      type: 'single_choice',
      options: [
        { id: 'a', text: '00:00' },
        { id: 'b', text: '12:00' },
      ],
      correctOptionId: 'a',
    });
    expect(one('Note: this stem has a colon. {T}')).toMatchObject({
      prompt: 'Note: this stem has a colon.',
    });
    const r = importGift('::Ratio: part 1:: The ratio 1:2 as a fraction? {=1/2}');
    expect(r.entries[0]).toMatchObject({ title: 'Ratio: part 1' });
    expect(r.questions[0]).toMatchObject({ prompt: 'The ratio 1:2 as a fraction?' });
    expect(one('Meals {=breakfast -> 07:30 =lunch -> 12\\:30 =tea -> 5 # 6}')).toMatchObject({
      right: [{ text: '07:30' }, { text: '12:30' }, { text: '5 # 6' }],
    });
  });

  it('takes = and # in the question text, e.g. in an HTML attribute', () => {
    const r = importGift('::C::[html]<p style="color:red">Which colour?</p>{=red ~blue}');
    expect(r.questions[0]).toMatchObject({
      type: 'single_choice',
      prompt: '<p style="color:red">Which colour?</p>',
    });
    expect(one('::Q1:: 1+1=2 {T}')).toMatchObject({ prompt: '1+1=2', correct: true });
    expect(one('Question #3: sides of a triangle? {#3}')).toMatchObject({
      prompt: 'Question #3: sides of a triangle?',
    });
  });

  it('reads numbers as PHP does: scientific notation, leading dot, spaces', () => {
    const km = one('Metres in 1.5 km? {#1.5e3}');
    expect(km).toMatchObject({ acceptedAnswers: [{ value: 1500, creditPercent: 100 }] });
    const about = one('About? {#1.5e3:10}');
    expect(about).toMatchObject({ acceptedAnswers: [{ value: 1500, tolerance: 10 }] });
    expect(gradeAnswer(about, { value: 1509 }).score).toBe(1);
    expect(gradeAnswer(about, { value: 1511 }).score).toBe(0);
    expect(one('mg in kg? {#1E-6}')).toMatchObject({ acceptedAnswers: [{ value: 1e-6 }] });
    expect(one('Half? {#.5}')).toMatchObject({ acceptedAnswers: [{ value: 0.5 }] });
    expect(one('Pi? {# 3.14 : 0.01 }')).toMatchObject({
      acceptedAnswers: [{ value: 3.14, tolerance: 0.01 }],
    });
    expect(one('Range? {#=%100%9.5..1.05e1 =%50%9..11}')).toMatchObject({
      acceptedAnswers: [
        { min: 9.5, max: 10.5, creditPercent: 100 },
        { min: 9, max: 11, creditPercent: 50 },
      ],
    });
  });

  it('takes feedback on a single numeric answer, and keeps it', () => {
    const r = importGift('::Pi:: Pi? {#3.14:0.01#Good}');
    expect(r.questions[0]).toMatchObject({
      name: 'Pi',
      acceptedAnswers: [{ value: 3.14, tolerance: 0.01, feedback: 'Good' }],
    });
    expect(r.report.dropped).toEqual([]);
    // Moodle's own form: "~#" is feedback for any other answer, not an answer.
    expect(one('A number from 1 to 5? {#3:2~#Completely wrong}')).toMatchObject({
      acceptedAnswers: [{ value: 3, tolerance: 2, creditPercent: 100 }],
    });
  });

  it('ignores a UTF-8 byte order mark, also before a name or a category', () => {
    for (const gift of [
      '\uFEFF::T:: Sky blue? {T}',
      '\uFEFF$CATEGORY: a/b\n\n::T:: Sky blue? {T}',
    ]) {
      const r = importGift(gift);
      expect(r.questions).toEqual([
        expect.objectContaining({
          type: 'true_false',
          prompt: 'Sky blue?',
          correct: true,
          name: 'T',
        }),
      ]);
      expect(r.report.skipped).toEqual([]);
    }
    const bom = importGift('\uFEFFQ? {=a ~b\n\nR? {T}');
    expect(bom.report.skipped[0]).toMatchObject({ line: 1, column: 4 });
  });

  it('reads {Tomato} and {France} as short answers, only T/TRUE/F/FALSE as true/false', () => {
    expect(one('Red and round? {Tomato}')).toMatchObject({
      type: 'short_text',
      acceptedAnswers: [{ text: 'Tomato', creditPercent: 100 }],
    });
    expect(one('Capital Paris? {France}')).toMatchObject({ type: 'short_text' });
    expect(one('Opposite of false? {true}')).toMatchObject({ type: 'short_text' });
    expect(one('Grass red? {F#No.#Right.}')).toMatchObject({ type: 'true_false', correct: false });
  });

  it('drops comment lines anywhere, also inside the answers', () => {
    expect(one('Which? {\n// a comment\n=right\n  // another\n~wrong\n}')).toMatchObject({
      options: [{ text: 'right' }, { text: 'wrong' }],
      correctOptionId: 'a',
    });
  });

  it('in a multiple choice an = answer is the key at 100 %, whatever %n% follows it', () => {
    expect(one('Q? {=%50%right ~wrong}')).toMatchObject({
      type: 'single_choice',
      options: [{ text: 'right' }, { text: 'wrong' }],
      correctOptionId: 'a',
    });
  });

  it('reads -> in a multiple choice answer as text', () => {
    expect(one('Coffee? {=powder -> water ~shop -> cup}')).toMatchObject({
      type: 'single_choice',
      options: [{ text: 'powder -> water' }, { text: 'shop -> cup' }],
    });
  });

  it('keeps CRLF files and blank-line-free multi-line answers', () => {
    const r = importGift('::T:: Sky blue?\r\n{T}\r\n\r\n::U:: Grass red? {F}\r\n');
    expect(r.questions.map((q) => q.type)).toEqual(['true_false', 'true_false']);
    expect(r.report.skipped).toEqual([]);
    expect(r.entries.map((e) => (e.outcome === 'imported' ? e.line : 0))).toEqual([1, 4]);
  });
});

describe('GIFT errors', () => {
  it('reports every question of a file where all fail, each with its line and column', () => {
    const r = corpus('own-all-broken.gift');
    expect(r.questions).toEqual([]);
    expect(r.report.skipped.map((s) => [s.index, s.line, s.column, s.code, s.title])).toEqual([
      [1, 1, 52, 'SYNTAX', 'Open'],
      [2, 3, 53, 'SYNTAX', 'Close'],
      [3, 5, 42, 'SYNTAX', 'Match'],
      [4, 7, 26, 'SYNTAX', 'Number'],
    ]);
    expect(r.report.skipped.map((s) => s.reason)).toEqual([
      expect.stringMatching(/^parse error at line 1, column 52: .*never closed/),
      expect.stringMatching(/^parse error at line 3, column 53: .*has no "\{" before it/),
      expect.stringMatching(/^parse error at line 5, column 42: .*"dog" has no "->"/),
      expect.stringMatching(/^parse error at line 7, column 26: .*"x" is not a number/),
    ]);
  });

  it("gives the parser's errors at the user's line and column, not the rewritten text's", () => {
    // Escapes are added before the colon of "Note:" and around the weight; the column still
    // points at "abc" in what the user wrote.
    const text = 'First: ok {T}\n\nNote: a b: c {~%abc%x ~b}';
    const s = importGift(text).report.skipped[0];
    expect(s).toMatchObject({ line: 3, column: text.split('\n')[2].indexOf('abc') + 1 });
    expect(s.reason).toMatch(
      /^parse error at line 3, column 17: .*"abc" found\. Fix this question/,
    );
  });

  it('refuses a numeric answer that is not a number (Moodle would accept any answer)', () => {
    expect(skipOf('Legs of a spider? {#eight}')).toMatchObject({
      code: 'SYNTAX',
      column: 21,
      reason: expect.stringMatching(/"eight" is not a number/),
    });
    expect(skipOf('Huge? {#1e999}').reason).toMatch(/too large/);
    expect(skipOf('None? {#}').reason).toMatch(/No answers found for numerical question/);
  });

  it('reports a question glued to a $CATEGORY line instead of losing it', () => {
    const r = importGift('$CATEGORY: a\n::Lost:: Sky blue? {T}\n\n::Kept:: Grass red? {F}');
    expect(r.report.skipped).toEqual([
      expect.objectContaining({
        index: 1,
        line: 2,
        column: 1,
        code: 'SYNTAX',
        reason: expect.stringMatching(/Add a blank line after the \$CATEGORY line/),
      }),
    ]);
    expect(r.questions).toHaveLength(1);
  });

  it('an empty file imports nothing', () => {
    expect(importGift('')).toEqual({
      questions: [],
      entries: [],
      texts: [],
      report: { found: 0, imported: 0, texts: 0, skipped: [], dropped: [] },
    });
  });

  it('one-answer questions as Moodle grades them: own penalties, several right answers, partial credit', () => {
    const penalties = one('Q? {=a ~%-50%b ~%-25%c ~d}');
    expect(penalties).toMatchObject({
      type: 'single_choice',
      correctOptionId: 'a',
      options: [
        { id: 'a', text: 'a' },
        { id: 'b', creditPercent: -50 },
        { id: 'c', creditPercent: -25 },
        { id: 'd' },
      ],
    });
    expect(penalties).not.toHaveProperty('negativeMarkPercent');
    expect(gradeAnswer(penalties, { optionId: 'c' }).score).toBe(-0.25);
    expect(gradeAnswer(penalties, { optionId: 'd' }).score).toBe(0);
    const twoRight = one('Q? {=a =b ~c}');
    expect(twoRight).toMatchObject({
      correctOptionId: 'a',
      options: [{ id: 'a' }, { id: 'b', creditPercent: 100 }, { id: 'c' }],
    });
    expect(gradeAnswer(twoRight, { optionId: 'b' }).score).toBe(1);
    expect(gradeAnswer(twoRight, { optionId: 'c' }).score).toBe(0);
    const partial = one('Q? {~wrong ~%50%half =full}');
    expect(partial).toMatchObject({
      correctOptionId: 'c',
      options: [{ id: 'a' }, { id: 'b', creditPercent: 50 }, { id: 'c' }],
    });
    expect(gradeAnswer(partial, { optionId: 'b' }).score).toBe(0.5);
    // The same penalty on every wrong option stays the question's negative mark.
    expect(one('Q? {=a ~%-50%b ~%-50%c}')).toMatchObject({ negativeMarkPercent: 50 });
  });

  it('mapGiftQuestion refuses categories', () => {
    expect(mapGiftQuestion({ type: 'Category', title: 'x' })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/category/),
    });
  });
});

describe('GIFT wildcards', () => {
  it('reads * in a short answer as Moodle does: *ville accepts Abbeville', () => {
    const q = one('::Town:: A French town ending in "ville". {=%100%*ville}');
    expect(q).toMatchObject({
      type: 'short_text',
      wildcards: true,
      acceptedAnswers: [{ text: '*ville', creditPercent: 100 }],
    });
    expect(gradeAnswer(q, { text: 'Abbeville' }).score).toBe(1);
    expect(gradeAnswer(q, { text: 'abbeville' }).score).toBe(1);
    expect(gradeAnswer(q, { text: 'Abbevill' }).score).toBe(0);
  });

  it('a 0 % catch-all * is dropped and reported, and does not turn wildcards on', () => {
    const r = corpus('own-wildcards.gift');
    const animal = byPrompt(r, 'Which is the best animal?');
    expect(animal).not.toHaveProperty('wildcards');
    expect(gradeAnswer(animal, { text: 'Dog' }).score).toBe(0);
    expect(r.report.dropped?.find((d) => d.title === 'Animal')?.parts).toContainEqual({
      part: 'zero_credit_answers',
      detail: expect.stringMatching(/: "\*"$/),
    });
  });

  it('\\* is a literal star; mixing it with a wildcard is refused', () => {
    const star = one('Multiply symbol? {=\\*}');
    expect(star).toMatchObject({ acceptedAnswers: [{ text: '*' }] });
    expect(star).not.toHaveProperty('wildcards');
    expect(gradeAnswer(star, { text: '*' }).score).toBe(1);
    expect(gradeAnswer(star, { text: 'x' }).score).toBe(0);
    expect(skipOf('Mixed {=a\\*b =c*d}').code).toBe('UNSUPPORTED');
  });
});

describe('GIFT escapes, ranges and several numeric answers on the corpus', () => {
  it('escaped control characters come out as text', () => {
    expect(byPrompt(corpus('giftpegjs-escapeAll.gift'), 'Which of the following')).toMatchObject({
      options: ['~', '=', '#', '{', '}', ':', '\\'].map((text) => ({ text })),
      correctOptionId: 'g',
    });
    const examples = corpus('moodle-examples.gift');
    expect(byPrompt(examples, 'Which answer equals 5?')).toMatchObject({
      options: [{ text: '= 2 + 2' }, { text: '= 2 + 3' }, { text: '= 2 + 4' }],
      correctOptionId: 'b',
    });
    // `\\` is one backslash.
    expect(byPrompt(examples, 'Which of the following is NOT')).toMatchObject({
      options: [
        { text: '~' },
        { text: '=' },
        { text: '#' },
        { text: '{' },
        { text: '}' },
        { text: '\\' },
      ],
      correctOptionId: 'f',
    });
    expect(
      byPrompt(corpus('giftpegjs-symbolsAll.gift'), "Here's a question that has symbols").prompt,
    ).toBe("Here's a question that has symbols inside, such as `-=[];',./~!@#$%^&*()_+{}|:\"<>?");
  });

  it('ranges, negative ranges and several numeric answers with credits', () => {
    const r = corpus('giftpegjs-numerical1.gift');
    expect(r.questions.map((q) => (q.type === 'numeric' ? q.acceptedAnswers : null))).toEqual([
      [{ value: 1822, creditPercent: 100 }],
      [{ value: -1, creditPercent: 100 }],
      [{ value: 3.1415, tolerance: 0.0005, creditPercent: 100 }],
      [{ value: -3.142, tolerance: 0.001, creditPercent: 100 }],
      [{ min: 3.141, max: 3.142, creditPercent: 100 }],
      [{ min: -3.142, max: -3.141, creditPercent: 100 }],
      [{ min: 1, max: 5, creditPercent: 100 }],
      [{ min: -5, max: 5, creditPercent: 100 }],
      [
        { value: 1822, tolerance: 0, creditPercent: 100 },
        { value: 1822, tolerance: 2, creditPercent: 50 },
      ],
      [
        {
          value: 9,
          tolerance: 0,
          creditPercent: 100,
          feedback: '<p>Correct. Il y a neuf (9) principes GRASP.</p>',
        },
      ],
    ]);
    expect(gradeAnswer(r.questions[8], { value: 1821 }).score).toBe(0.5);
    expect(gradeAnswer(r.questions[5], { value: -3.1415 }).score).toBe(1);
  });
});

describe('GIFT report: what an imported question lost', () => {
  it('names, categories and answer feedback are kept; the [html] format too', () => {
    const r = corpus('moodle-fixture-questions-in-category.gift');
    expect(r.questions[1]).toMatchObject({
      name: 'Greeting',
      tags: ['Default for New Features'],
      format: 'html',
      options: [
        { text: 'English', feedback: 'Sorry, listen again.' },
        { text: 'French', feedback: 'Yes, well done!' },
        {},
        {},
      ],
    });
    expect(r.report.dropped).toEqual([]);
  });

  it('[html] and [markdown] questions keep their format; HTML is cleaned, plain parts escaped', () => {
    const r = importGift(
      [
        '[html]<p>Pick the <b>capital</b><script>alert(1)</script></p>{=<i>Paris</i> ~Lyon}',
        '',
        '[markdown]Is **this** true?{T}',
        '',
        '[html]Match <em>these</em>{=<b>H</b> -> a < b =O -> O&M}',
        '',
        '[moodle]Moodle auto-format\nis plain{F}',
      ].join('\n'),
    );
    expect(r.report.skipped).toEqual([]);
    const [html, md, match, auto] = r.questions;
    expect(html).toMatchObject({
      format: 'html',
      prompt: '<p>Pick the <b>capital</b></p>',
      options: [
        { id: 'a', text: '<i>Paris</i>' },
        { id: 'b', text: 'Lyon' },
      ],
    });
    expect(md).toMatchObject({ format: 'markdown', prompt: 'Is **this** true?' });
    expect(match).toMatchObject({
      format: 'html',
      left: [
        { id: 'l1', text: '<b>H</b>' },
        { id: 'l2', text: 'O' },
      ],
      right: [
        { id: 'r1', text: 'a &lt; b' },
        { id: 'r2', text: 'O&amp;M' },
      ],
    });
    expect(auto).not.toHaveProperty('format');
    expect(r.report.dropped ?? []).toEqual([]);
  });

  it('tags from the comments (Moodle reads [tag:]); an ID number is reported as not kept', () => {
    const r = corpus('own-comments-and-tags.gift');
    expect(byPrompt(r, 'What is the capital of France?')).toMatchObject({
      name: 'Tagged',
      tags: ['geography', 'capitals'],
    });
    expect(r.report.dropped?.find((d) => d.title === 'Tagged')?.parts).toEqual([
      { part: 'idnumber', detail: 'ID number "Q-42"' },
    ]);
  });

  it('general feedback, and true/false feedback as Moodle reads {F#wrong#right}', () => {
    const r = corpus('moodle-fixture-questions.gift');
    const q = byPrompt(r, '42 is the Absolute Answer');
    expect(q).toMatchObject({
      name: 'Q1',
      correct: false,
      // Answering true (wrong) reads the first text; false (right) the second.
      feedbackTrue: '42 is the Ultimate Answer.',
      feedbackFalse: 'You gave the right answer.',
      generalFeedback: expect.stringMatching(/\w/),
    });
    expect(r.report.dropped?.find((d) => d.line === 41)).toBeUndefined();
  });
});

describe('GIFT descriptions', () => {
  it('become texts placed before the next imported question, with name and format', () => {
    const r = importGift(
      [
        '::Intro::[html]<p>Read the <b>passage</b>: a = b, 12:00 ~ noon.</p>',
        '',
        'Q1 {T}',
        '',
        '[markdown]**Part 2**',
        '',
        'Broken {=a',
        '',
        'Q2 {F}',
        '',
        'The end: thank you\\{\\}.',
      ].join('\n'),
    );
    expect(r.questions.map((q) => q.prompt)).toEqual(['Q1', 'Q2']);
    expect(r.texts).toEqual([
      {
        beforeQuestion: 0,
        text: '<p>Read the <b>passage</b>: a = b, 12:00 ~ noon.</p>',
        format: 'html',
        name: 'Intro',
      },
      // The refused question between them does not count: Part 2 comes before Q2.
      { beforeQuestion: 1, text: '**Part 2**', format: 'markdown' },
      { beforeQuestion: 2, text: 'The end: thank you{}.' },
    ]);
    expect(r.report).toMatchObject({ found: 6, imported: 2, texts: 3 });
  });

  it('a description with nothing to show is reported, not imported', () => {
    const r = importGift('::Empty::\n\nQ {T}');
    expect(r.texts).toEqual([]);
    expect(r.report.skipped).toEqual([
      expect.objectContaining({ code: 'DESCRIPTION', title: 'Empty', line: 1 }),
    ]);
  });
});
