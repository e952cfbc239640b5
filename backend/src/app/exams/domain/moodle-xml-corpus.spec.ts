/**
 * Imports every file of the Moodle XML corpus (testdata/moodle-xml: Moodle's own fixtures,
 * the ordering plugin's and ours; sources and licences in its README) and checks each
 * question against testdata/moodle-xml/expected.json: where it is, what Moodle's type is, and
 * what we make of it (our type, its format, its tags, where it keeps feedback, a single
 * choice's own credits and negative mark, the parts the report says were not kept, the images
 * kept) or why we skip it. A whole file that cannot be read says where.
 *
 * After a deliberate change, `UPDATE_MOODLE_EXPECTED=1 npx jest -c backend/jest.config.ts
 * moodle-xml-corpus` rewrites expected.json; read its diff before committing it.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  MoodleXmlDroppedPartName,
  MoodleXmlSkipCode,
  QuestionType,
  TextFormat,
} from '@exam/contracts';
import { importMoodleXml, type MoodleXmlImportResult } from './moodle-xml-import';

const DIR = join(__dirname, 'testdata/moodle-xml');
const EXPECTED_FILE = join(DIR, 'expected.json');

interface ExpectedQuestion {
  line: number;
  /** The `type` attribute Moodle reads. */
  moodle: string;
  title?: string;
  /** Our question type, or `text`: a description taken as a text between questions. */
  imported?: QuestionType | 'text';
  skipped?: MoodleXmlSkipCode;
  format?: TextFormat;
  /** The question's name when it is not its title (every other imported question has it). */
  name?: string;
  tags?: string[];
  /**
   * Where the question keeps feedback: generalFeedback, feedbackTrue, feedbackFalse,
   * options.<id>, acceptedAnswers.<index>.
   */
  feedback?: string[];
  /** Single choice: the options with their own credit (id -> percent). */
  credits?: Record<string, number>;
  negativeMarkPercent?: number;
  dropped?: MoodleXmlDroppedPartName[];
  /** Images of this question kept and pointed at /api/v1/media/<id>. */
  images?: number;
}

interface ExpectedFile {
  /** The whole file refused (IMPORT_FAILED), with where. */
  fails?: { line?: number; column?: number };
  questions?: ExpectedQuestion[];
}

const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.xml'))
  .sort();

let n = 0;
const run = (file: string) =>
  importMoodleXml(readFileSync(join(DIR, file), 'utf8'), { newId: () => `img-${++n}` });

function describeResult(r: MoodleXmlImportResult): ExpectedFile {
  if (!r.ok) return { fails: { line: r.line, column: r.column } };
  return {
    questions: r.entries.map((e): ExpectedQuestion => {
      if (e.outcome === 'skipped') {
        const s = e.skip;
        return {
          line: s.line ?? 0,
          moodle: s.moodleType ?? '',
          ...(s.title ? { title: s.title } : {}),
          skipped: s.code,
        };
      }
      if (e.outcome === 'text') {
        const t = e.text;
        const images = t.text.match(/\/api\/v1\/media\/img-\d+/g)?.length ?? 0;
        return {
          line: e.line,
          moodle: 'description',
          ...(e.title ? { title: e.title } : {}),
          imported: 'text',
          ...(t.format ? { format: t.format } : {}),
          ...(t.name !== e.title ? { name: t.name } : {}),
          ...(images ? { images } : {}),
        };
      }
      const q = e.question;
      const images = JSON.stringify(q).match(/\/api\/v1\/media\/img-\d+/g)?.length ?? 0;
      const feedback = [
        ...(q.generalFeedback ? ['generalFeedback'] : []),
        ...(q.type === 'true_false' && q.feedbackTrue ? ['feedbackTrue'] : []),
        ...(q.type === 'true_false' && q.feedbackFalse ? ['feedbackFalse'] : []),
        ...(q.type === 'single_choice' || q.type === 'multiple_response'
          ? q.options.flatMap((o) => (o.feedback ? [`options.${o.id}`] : []))
          : []),
        ...(q.type === 'short_text' || q.type === 'numeric'
          ? q.acceptedAnswers.flatMap((a, i) => (a.feedback ? [`acceptedAnswers.${i}`] : []))
          : []),
      ];
      const credits =
        q.type === 'single_choice'
          ? Object.fromEntries(
              q.options.flatMap((o) =>
                o.creditPercent === undefined ? [] : [[o.id, o.creditPercent]],
              ),
            )
          : {};
      return {
        line: e.line,
        moodle: e.moodleType,
        ...(e.title ? { title: e.title } : {}),
        imported: q.type,
        ...(q.format ? { format: q.format } : {}),
        ...(q.name !== e.title ? { name: q.name } : {}),
        ...(q.tags ? { tags: q.tags } : {}),
        ...(feedback.length ? { feedback } : {}),
        ...(Object.keys(credits).length ? { credits } : {}),
        ...(q.type === 'single_choice' && q.negativeMarkPercent !== undefined
          ? { negativeMarkPercent: q.negativeMarkPercent }
          : {}),
        ...(e.dropped.length ? { dropped: e.dropped.map((d) => d.part) } : {}),
        ...(images ? { images } : {}),
      };
    }),
  };
}

if (process.env['UPDATE_MOODLE_EXPECTED']) {
  const out = Object.fromEntries(files.map((f) => [f, describeResult(run(f))]));
  writeFileSync(EXPECTED_FILE, `${JSON.stringify({ $comment: COMMENT(), files: out }, null, 2)}\n`);
}

function COMMENT(): string[] {
  return [
    'Per file of this corpus: either "fails" (the file as a whole is refused, with where), or per',
    "<question> that is not a category, in order: its line, Moodle's type attribute, its name, and",
    'what we do: "imported" as our question type or as "text" between questions (with "format" when not plain, "name" when the',
    'question\'s name is not its title, "tags", "feedback": the fields holding feedback, "credits":',
    'a single choice\'s options with their own credit, "negativeMarkPercent", "dropped": the parts',
    'the report says were not kept, "images": images kept) or "skipped" with the report\'s code.',
    'Written by UPDATE_MOODLE_EXPECTED=1 (moodle-xml-corpus.spec.ts) and read before committing.',
  ];
}

const EXPECTED = (
  JSON.parse(readFileSync(EXPECTED_FILE, 'utf8')) as { files: Record<string, ExpectedFile> }
).files;

describe('the Moodle XML corpus', () => {
  it('has expectations for exactly its files', () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
    expect(Object.keys(EXPECTED).sort()).toEqual(files);
  });

  it('covers every question type, descriptions, the skip codes and a refused file', () => {
    const all = Object.values(EXPECTED).flatMap((f) => f.questions ?? []);
    const seen = new Set(all.map((q) => q.imported ?? q.skipped));
    for (const t of [
      'single_choice',
      'multiple_response',
      'true_false',
      'short_text',
      'numeric',
      'essay',
      'matching',
      'ordering',
      'text',
      'UNSUPPORTED',
      'INVALID',
    ]) {
      expect(seen).toContain(t);
    }
    expect(all.some((q) => (q.images ?? 0) > 0)).toBe(true);
    // What the question model holds is kept: tags, every kind of feedback, own credits.
    expect(all.some((q) => q.tags?.length)).toBe(true);
    const feedback = new Set(all.flatMap((q) => q.feedback ?? []).map((f) => f.split('.')[0]));
    expect([...feedback].sort()).toEqual([
      'acceptedAnswers',
      'feedbackFalse',
      'feedbackTrue',
      'generalFeedback',
      'options',
    ]);
    expect(all.some((q) => q.credits && Object.values(q.credits).some((c) => c > 0))).toBe(true);
    expect(all.some((q) => q.credits && Object.values(q.credits).some((c) => c < 0))).toBe(true);
    expect(Object.values(EXPECTED).filter((f) => f.fails).length).toBeGreaterThanOrEqual(2);
  });
});

describe.each(files)('%s', (file) => {
  it('imports as expected.json says, question by question', () => {
    expect(describeResult(run(file))).toEqual(EXPECTED[file]);
  });
});
