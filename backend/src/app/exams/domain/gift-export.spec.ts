import type { ExamText, QuestionDefinition, QuestionDefinitionOf } from '@exam/contracts';
import { giftCarries, tricky as trickyQuestions, valid } from './exchange-fixtures.spec-helper';
import { ALL, matching, ordering } from './fixtures.spec-helper';
import { escapeGift, exportGift, exportGiftEntries } from './gift-export';
import { importGift } from './gift-import';

const tricky = trickyQuestions();

describe('GIFT export', () => {
  it('writes each type in the form Moodle reads', () => {
    const entries = exportGiftEntries(ALL);
    const text = (type: string) => {
      const e = entries.find((_, i) => ALL[i].type === type);
      return e?.text.split('\n').pop();
    };
    expect(text('single_choice')).toBe(
      '[plain]What is the correct form? She ___ to school every day. {~go =goes ~going ~gone}',
    );
    expect(text('true_false')).toBe('[plain]"Children" is the plural of "child". {T}');
    expect(text('multiple_response')).toBe(
      '[plain]Which are irregular verbs? {~%50%go ~%-25%walk ~%50%see ~%-25%play ~jump}',
    );
    expect(text('short_text')).toBe('[plain]Past tense of "write"? {=wrote =%25%writed}');
    expect(text('numeric')).toBe('[plain]How many letters are in the English alphabet? {#26}');
    expect(text('essay')).toBe('[plain]Describe your last holiday. {}');
    expect(text('matching')).toBe(
      '[plain]Match the opposites {=hot -> cold =big -> small =fast -> slow = -> loud}',
    );
  });

  it('writes the negative mark of a single choice on every wrong option', () => {
    const q = { ...ALL[0], negativeMarkPercent: 25 } as QuestionDefinition;
    expect(exportGift([q])).toContain('{~%-25%go =goes ~%-25%going ~%-25%gone}');
  });

  it('escapes every special character and writes line breaks as \\n', () => {
    expect(escapeGift('a~b=c#d{e}f:g\\h\ni\r\nj')).toBe('a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni\\nj');
    // One line per question: a blank line or // inside a text cannot end or hide it.
    const q = valid({ ...ALL[1], prompt: 'one\n\n// two\n\n  three' });
    const lines = exportGift([q]).trim().split('\n');
    expect(lines.pop()).toBe('[plain]one\\n\\n// two\\n\\n  three {T}');
  });

  it('says in a comment what GIFT cannot hold: points and type-specific settings', () => {
    const gift = exportGift(tricky);
    expect(gift).toContain('// points: 2.5 (GIFT has no points)');
    expect(gift).toContain('// a wrong answer loses 100 % (GIFT cannot say so)');
    expect(gift).toContain('// all or nothing: exactly the right options or 0 (no GIFT form)');
    expect(gift).toContain('// case-sensitive (no GIFT form: Moodle ignores case)');
    expect(gift).toContain('// accents ignored: café = cafe (no GIFT form)');
    expect(gift).toContain('// answers up to 40 characters');
    expect(gift).toContain('// unit: km/h (GIFT has no units)');
    expect(gift).toContain(
      '// answer 2: relative tolerance 5 % written as ±15 (GIFT tolerances are absolute)',
    );
    expect(gift).toContain('// at most 300 words');
    // User text in a comment never turns into one of Moodle's tags.
    expect(gift).toContain('// grading notes: Look for: tenses [ tag:secret]');
    expect(gift).toContain('// [tag:grammar] [tag:tag with \\] bracket] [tag:ünïcode]');
    expect(gift).toContain('::Name\\: with \\{braces\\} and \\:\\:colons\\:\\:::[plain]');
  });

  it('writes ordering questions as a comment with the items in order, and no question', () => {
    const gift = exportGift([ordering]);
    expect(gift).toBe(
      [
        '// Question 1 (ordering) is not exported: GIFT has no ordering question type.',
        '// Its text: Order the words',
        '// Its items in the right order:',
        '// 1. I',
        '// 2. have',
        '// 3. never',
        '// 4. been',
        '',
      ].join('\n'),
    );
    expect(importGift(gift).report.found).toBe(0);
  });

  it('writes as a comment a question holding "->" where GIFT cannot escape it', () => {
    const short = valid({
      type: 'short_text',
      prompt: 'Arrow',
      points: 1,
      acceptedAnswers: [{ text: 'a -> b', creditPercent: 100 }],
    });
    const match = valid({
      ...matching,
      left: [{ id: 'l1', text: 'x -> y' }, ...matching.left.slice(1)],
    });
    const entries = exportGiftEntries([short, match]);
    expect(entries.map((e) => e.outcome)).toEqual(['skipped', 'skipped']);
    expect(entries[0].text).toMatch(/^\/\/ Question 1 \(short_text\) is not exported: .*"->"/);
    expect(importGift(exportGift([short, match])).report.found).toBe(0);
  });

  describe('round trip: importGift(exportGift(x)) is x but for what GIFT cannot carry', () => {
    const cases = [...ALL.filter((q) => q.type !== 'ordering').map(valid), ...tricky];
    it.each(cases.map((q, i) => [`${i + 1} ${q.type}`, q] as const))('%s', (_, q) => {
      const back = importGift(exportGift([q]));
      expect(back.report.skipped).toEqual([]);
      expect(back.report.dropped).toEqual([]);
      expect(back.questions).toEqual([giftCarries(q)]);
    });

    it('keeps a whole exam in order, every question once', () => {
      const back = importGift(exportGift(cases));
      expect(back.report).toMatchObject({ found: cases.length, imported: cases.length });
      expect(back.questions).toEqual(cases.map(giftCarries));
    });

    it('keeps texts between questions where they were, with their name and format', () => {
      const texts: ExamText[] = [
        { beforeQuestion: 0, text: 'Part 1: read {this} first = 1 ~ 2 # 3', name: 'Part: 1' },
        { beforeQuestion: 0, text: '<p>Two <em>texts</em> in a row</p>', format: 'html' },
        { beforeQuestion: 3, text: '**Part 2**\nline two', format: 'markdown' },
        { beforeQuestion: cases.length, text: 'The end.\n\n// not a comment' },
      ];
      const back = importGift(exportGift(cases, texts));
      expect(back.texts).toEqual(texts);
      expect(back.questions).toEqual(cases.map(giftCarries));
      expect(back.report).toMatchObject({ imported: cases.length, texts: 4, skipped: [] });
    });

    it('every type is covered', () => {
      const types = new Set(cases.map((q) => q.type));
      expect([...types].sort()).toEqual(
        ALL.map((q) => q.type)
          .filter((t) => t !== 'ordering')
          .sort(),
      );
    });
  });

  it('keeps a relative tolerance as the same accepted interval', () => {
    const q = tricky.find((x) => x.prompt === 'Relative alone') as QuestionDefinitionOf<'numeric'>;
    const back = importGift(exportGift([q])).questions[0] as QuestionDefinitionOf<'numeric'>;
    expect(back.acceptedAnswers).toEqual([{ value: 0.3, tolerance: 0.03, creditPercent: 100 }]);
  });
});
