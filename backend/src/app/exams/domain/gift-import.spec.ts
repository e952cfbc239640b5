import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gradeAnswer } from './grading';
import { importGift, mapGiftQuestion } from './gift-import';

const SAMPLE = readFileSync(join(__dirname, 'testdata/sample.gift'), 'utf8');

describe('GIFT import of the sample file', () => {
  const r = importGift(SAMPLE);
  if (!r.ok) throw new Error(r.error.message);
  const byPrompt = (start: string) => {
    const q = r.questions.find((x) => x.prompt.startsWith(start));
    if (!q) throw new Error(`no question starting "${start}"`);
    return q;
  };

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

  it('reports every question not taken with its line and reason', () => {
    expect(r.report.skipped).toEqual([
      expect.objectContaining({
        index: 13,
        line: 33,
        giftType: 'Description',
        reason: expect.stringMatching(/description/),
      }),
      expect.objectContaining({
        index: 14,
        line: 35,
        title: 'NoCorrect',
        reason: expect.stringMatching(/invalid after mapping: .*no correct option/),
      }),
      expect.objectContaining({
        index: 15,
        line: 37,
        reason: expect.stringMatching(/^parse error at line 37, column 54/),
      }),
    ]);
  });

  it('single choice keeps the key and maps a uniform negative weight to a negative mark', () => {
    const form = byPrompt('What is the correct form?');
    expect(form).toMatchObject({
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
    expect(byPrompt('Choose the past participle')).toMatchObject({
      correctOptionId: 'a',
      negativeMarkPercent: 50,
    });
  });

  it('weights become a multiple response question', () => {
    const q = byPrompt('Which verbs');
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
    expect(byPrompt('"Children"')).toMatchObject({ correct: true });
    expect(byPrompt('"Mouses"')).toMatchObject({ correct: false });
    expect(byPrompt('The past tense')).toMatchObject({
      acceptedAnswers: [
        { text: 'wrote', creditPercent: 100 },
        { text: 'writed', creditPercent: 25 },
      ],
    });
    expect(byPrompt('How many letters')).toMatchObject({
      acceptedAnswers: [{ value: 26, creditPercent: 100 }],
    });
    const pi = byPrompt('Pi');
    expect(pi).toMatchObject({ acceptedAnswers: [{ value: 3.14, tolerance: 0.005 }] });
    expect(gradeAnswer(pi, { value: 3.144 }).score).toBe(1);
    expect(gradeAnswer(pi, { value: 3.146 }).score).toBe(0);
    expect(byPrompt('A number between')).toMatchObject({ acceptedAnswers: [{ min: 1, max: 2 }] });
    const year = byPrompt('When was');
    expect(gradeAnswer(year, { value: 1066 }).score).toBe(1);
    expect(gradeAnswer(year, { value: 1063 }).score).toBe(0.5);
  });

  it('essays and matching', () => {
    expect(byPrompt('Describe')).toEqual({
      type: 'essay',
      prompt: 'Describe your last holiday in a few sentences.',
      points: 1,
    });
    const m = byPrompt('Match the opposites');
    expect(m).toMatchObject({
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

describe('GIFT import edge cases', () => {
  it('fails as a whole, with the parser location, when nothing can be parsed', () => {
    const r = importGift('::A:: first {=x ~y\n\n::B:: second {T');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.line).toBeGreaterThanOrEqual(1);
      expect(r.error.message).toMatch(/Expected/);
    }
  });
  it('an empty file imports nothing (no failure)', () => {
    expect(importGift('')).toEqual({
      ok: true,
      questions: [],
      report: { found: 0, imported: 0, skipped: [] },
    });
  });
  it('skips different penalties on wrong options of a single-answer question', () => {
    const r = importGift('Q? {=a ~%-50%b ~%-25%c}');
    expect(r.ok && r.report.skipped[0].reason).toMatch(/different negative marks/);
  });
  it('skips several = answers without weights', () => {
    const r = importGift('Q? {=a =b ~c}');
    expect(r.ok && r.report.skipped[0]?.reason).toMatch(/several answers marked =/);
  });
  it('CRLF line endings and a question with blank-line-free multi-line answers work', () => {
    const r = importGift('::T:: Sky blue?\r\n{T}\r\n\r\n::U:: Grass red? {F}\r\n');
    expect(r.ok && r.questions.map((q) => q.type)).toEqual(['true_false', 'true_false']);
    expect(r.ok && r.report.skipped).toEqual([]);
  });
  it('mapGiftQuestion refuses categories', () => {
    expect(() => mapGiftQuestion({ type: 'Category', title: 'x' })).toThrow(/category/);
  });
});
