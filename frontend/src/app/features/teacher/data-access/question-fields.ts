/**
 * The exam editor's fields as the teacher sees them: the words on screen and the id of each
 * control, in one place. The editors render these labels, and the checks and the server's
 * field paths (`questions[2].correctOptionId`) are turned into these same fields, so an error
 * is always named as it reads on screen ("Correct answer", never "correctOptionId") and lands
 * on the control that caused it.
 */

import type { TextFormat } from '@exam/contracts';

/** A field: `part` makes its control's id (`<question key>-<part>` inside a question). */
export interface FieldRef {
  readonly part: string;
  readonly label: string;
  /** Read before the label by screen readers, for a field in a row ("Answer A" "Weight %"). */
  readonly prefix?: string;
}

/** "A", "B", ... for answers; numbers past Z. */
export function letter(i: number): string {
  return i < 26 ? String.fromCharCode(65 + i) : String(i + 1);
}

/** The field's full name, as an error names it: "Answer A weight %". */
export function fieldName(ref: FieldRef): string {
  return ref.prefix
    ? `${ref.prefix} ${ref.label.charAt(0).toLowerCase()}${ref.label.slice(1)}`
    : ref.label;
}

/** The formats a text may be written in, as the editors offer them. */
export const FORMAT_CHOICES: ReadonlyArray<{ value: TextFormat; label: string }> = [
  { value: 'plain', label: 'Plain text' },
  { value: 'markdown', label: 'Markdown (## heading, **bold**, *italic*, lists)' },
  { value: 'html', label: 'HTML (formatted text)' },
];

/** The exam's own settings. Their parts are the controls' ids. */
export const EXAM_FIELDS = {
  title: { part: 'exam-title', label: 'Title' },
  description: { part: 'exam-description', label: 'Description (for teachers, optional)' },
  instructions: { part: 'exam-instructions', label: 'Instructions shown to students (optional)' },
  durationMinutes: { part: 'exam-duration', label: 'Duration (minutes)' },
  passingScore: { part: 'exam-passing', label: 'Passing score (%)' },
  isActive: { part: 'exam-active', label: 'Active (sessions can be planned)' },
  shuffleQuestions: { part: 'exam-shuffle-questions', label: 'Shuffle questions per student' },
  shuffleOptions: { part: 'exam-shuffle-options', label: 'Shuffle options per student' },
} as const satisfies Record<string, FieldRef>;

export type ExamFieldName = keyof typeof EXAM_FIELDS;

/** A question's fields. Ids of options, items and prompts are the question's own. */
export const QUESTION_FIELDS = {
  /** Problems about the question as a whole (its type, say): shown above its fields. */
  whole: { part: 'issues', label: 'This question' },
  prompt: { part: 'prompt', label: 'Question text' },
  format: { part: 'format', label: 'Text written as' },
  name: { part: 'name', label: 'Name (for you, not shown to students)' },
  tags: { part: 'tags', label: 'Tags (separate with commas)' },
  generalFeedback: {
    part: 'gfb',
    label: 'Feedback for everyone (shown in the full review after results are released)',
  },
  points: { part: 'points', label: 'Points' },
  negativeMark: { part: 'neg', label: 'Wrong answer deducts (% of the points)' },
  correct: { part: 'correct', label: 'Correct answer' },

  answers: { part: 'options', label: 'Answers' },
  answer: (id: string, i: number): FieldRef => ({
    part: `opt-${id}`,
    label: `Answer ${letter(i)}`,
  }),
  weights: { part: 'options', label: 'Answers and weights' },
  weight: (id: string, i: number): FieldRef => ({
    part: `w-${id}`,
    label: 'Weight %',
    prefix: `Answer ${letter(i)}`,
  }),
  allOrNothing: { part: 'aon', label: 'All or nothing' },
  credit: (id: string, i: number): FieldRef => ({
    part: `cr-${id}`,
    label: 'Credit % if chosen',
    prefix: `Answer ${letter(i)}`,
  }),

  accepted: { part: 'accepted', label: 'Accepted answers' },
  acceptedText: (i: number): FieldRef => ({ part: `acc-${i}`, label: `Accepted answer ${i + 1}` }),
  acceptedCredit: (i: number): FieldRef => ({
    part: `accc-${i}`,
    label: 'Credit %',
    prefix: `Accepted answer ${i + 1}`,
  }),
  caseSensitive: { part: 'case', label: 'Case sensitive' },
  foldAccents: { part: 'accents', label: 'Ignore accents (café = cafe)' },
  wildcards: { part: 'wild', label: '* matches any characters' },
  maxLength: { part: 'maxlen', label: 'Longest answer (characters, optional)' },

  numericKind: (i: number): FieldRef => ({ part: `nm-${i}`, label: `Accepted answer ${i + 1}` }),
  numericValue: (i: number): FieldRef => ({
    part: `nv-${i}`,
    label: 'Value',
    prefix: `Accepted answer ${i + 1}`,
  }),
  numericTolerance: (i: number): FieldRef => ({
    part: `nt-${i}`,
    label: 'Tolerance ±',
    prefix: `Accepted answer ${i + 1}`,
  }),
  numericToleranceMode: (i: number): FieldRef => ({
    part: `ntm-${i}`,
    label: 'Tolerance is',
    prefix: `Accepted answer ${i + 1}`,
  }),
  numericMin: (i: number): FieldRef => ({
    part: `nmin-${i}`,
    label: 'From',
    prefix: `Accepted answer ${i + 1}`,
  }),
  numericMax: (i: number): FieldRef => ({
    part: `nmax-${i}`,
    label: 'To',
    prefix: `Accepted answer ${i + 1}`,
  }),
  numericCredit: (i: number): FieldRef => ({
    part: `nc-${i}`,
    label: 'Credit %',
    prefix: `Accepted answer ${i + 1}`,
  }),
  unit: { part: 'unit', label: 'Unit shown to students (optional)' },

  maxWords: { part: 'maxw', label: 'Word limit (optional)' },
  gradingNotes: { part: 'notes', label: 'Notes for the grader (never shown to students)' },

  items: { part: 'items', label: 'Items in the correct order' },
  item: (id: string, i: number): FieldRef => ({ part: `it-${id}`, label: `Item ${i + 1}` }),
  scoring: { part: 'scoring', label: 'Scoring' },

  prompts: { part: 'left', label: 'Prompts and their matches' },
  matchPrompt: (id: string, i: number): FieldRef => ({ part: `l-${id}`, label: `Prompt ${i + 1}` }),
  matchAnswers: { part: 'right', label: 'Answers (extra ones are distractors)' },
  matchAnswer: (id: string, i: number): FieldRef => ({
    part: `r-${id}`,
    label: `Answer ${letter(i)}`,
  }),
  match: (leftId: string, i: number): FieldRef => ({
    part: `p-${leftId}`,
    label: 'Matches',
    prefix: `Prompt ${i + 1}`,
  }),
} as const;
