/**
 * Imports every file of the public GIFT corpus (testdata/gift-corpus, sources in its README)
 * and checks each question against testdata/gift-corpus/expected.json: what Moodle makes of it
 * and what we do. A question Moodle imports must come out as the matching type of ours, or be
 * skipped with a note that says why we differ.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GiftDroppedPartName, GiftSkipCode, QuestionType } from '@exam/contracts';
import { importGift } from './gift-import';

const DIR = join(__dirname, 'testdata/gift-corpus');

type MoodleOutcome =
  | 'multichoice:single'
  | 'multichoice:multi'
  | 'truefalse'
  | 'shortanswer'
  | 'numerical'
  | 'match'
  | 'essay'
  | 'description'
  | 'category'
  | 'error';

interface Expected {
  line: number;
  moodle: MoodleOutcome;
  /** A question of ours, or `text`: a description taken as a text between questions. */
  imported?: QuestionType | 'text';
  skipped?: GiftSkipCode;
  /** [html] or [markdown] in the file: the question's texts keep that format. */
  format?: 'html' | 'markdown';
  dropped?: GiftDroppedPartName[];
  note?: string;
}

const EXPECTED = (
  JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as {
    files: Record<string, Expected[]>;
  }
).files;

/** Our type for each Moodle question type, and gift-pegjs's name for it. */
const OURS: Partial<Record<MoodleOutcome, { type: QuestionType; gift: string }>> = {
  'multichoice:single': { type: 'single_choice', gift: 'MC' },
  'multichoice:multi': { type: 'multiple_response', gift: 'MC' },
  truefalse: { type: 'true_false', gift: 'TF' },
  shortanswer: { type: 'short_text', gift: 'Short' },
  numerical: { type: 'numeric', gift: 'Numerical' },
  match: { type: 'matching', gift: 'Matching' },
  essay: { type: 'essay', gift: 'Essay' },
};

const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.gift'))
  .sort();

describe('the GIFT corpus', () => {
  it('holds 15 to 40 files, each with its expectations', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
    expect(files.length).toBeLessThanOrEqual(40);
    expect(Object.keys(EXPECTED).sort()).toEqual(files);
  });

  it('covers every question type, descriptions, skips and errors', () => {
    const all = Object.values(EXPECTED).flat();
    const seen = new Set(all.map((e) => e.imported ?? e.skipped));
    for (const t of ['single_choice', 'multiple_response', 'true_false', 'short_text']) {
      expect(seen).toContain(t);
    }
    for (const t of ['numeric', 'essay', 'matching', 'SYNTAX', 'text']) {
      expect(seen).toContain(t);
    }
    for (const t of ['UNSUPPORTED', 'INVALID']) expect(seen).toContain(t);
  });
});

describe.each(files)('%s', (file) => {
  const result = importGift(readFileSync(join(DIR, file), 'utf8'));
  const expected = EXPECTED[file] ?? [];

  it('finds the questions Moodle finds, at the same lines', () => {
    expect(result.entries.map((e) => (e.outcome === 'skipped' ? e.skip.line : e.line))).toEqual(
      expected.map((e) => e.line),
    );
    expect(result.report.found).toBe(expected.length);
  });

  // A file of only a $CATEGORY line has no question to check one by one.
  if (!expected.length) return;
  it.each(expected.map((e, i) => [e.line, e, i] as const))(
    'question at line %i',
    (_line, want, i) => {
      const got = result.entries[i];
      const ours = OURS[want.moodle];
      if (want.imported === 'text') {
        // Moodle's description: a text shown before the next question, in its format.
        expect(want.moodle).toBe('description');
        expect(got).toMatchObject({ outcome: 'text' });
        if (got.outcome !== 'text') return;
        expect(got.text.text).toMatch(/\w/);
        expect(got.text.format).toBe(want.format);
        return;
      }
      if (want.imported) {
        expect(got).toMatchObject({ outcome: 'imported', question: { type: want.imported } });
        if (got.outcome !== 'imported') return;
        expect(got.dropped.map((d) => d.part)).toEqual(want.dropped ?? []);
        expect(got.question.format).toBe(want.format);
        // What Moodle imports comes out as the same kind of question, and gift-pegjs (after
        // our pre-processing) reads it as the type Moodle reads.
        expect(ours?.type).toBe(want.imported);
        expect(got.giftType).toBe(ours?.gift);
        return;
      }
      expect(got).toMatchObject({ outcome: 'skipped', skip: { code: want.skipped } });
      if (got.outcome !== 'skipped') return;
      expect(got.skip.reason).toMatch(/\w/);
      if (want.moodle === 'description') expect(want.skipped).toBe('DESCRIPTION');
      else if (want.moodle === 'error') expect(['SYNTAX', 'INVALID']).toContain(want.skipped);
      else expect(want.note).toBeDefined(); // Moodle takes it: we must say why we do not
      if (got.skip.code === 'SYNTAX') expect(got.skip.column).toBeGreaterThan(0);
      if (ours && got.skip.giftType) expect(got.skip.giftType).toBe(ours.gift);
    },
  );
});
