/**
 * The server's 400 VALIDATION_FAILED details, put where the teacher sees them: every field path
 * (`title`, `questions[2].correctOptionId`, `questions[4].acceptedAnswers[0].min`,
 * `questions[7].correctPairs.b`) becomes the control it is about and that control's label on
 * screen, and the server's wording ("String must contain at least 1 character(s)",
 * "durationMinutes must not be less than 1") becomes a phrase in those words. Issues are tied to
 * the question's local key, so they follow the question when it moves.
 */
import { withLabel } from '../../../shared/forms/server-words';
import type { EditorIssue } from './editor-issues';
import type { EditorQuestion, QuestionDraft } from './question-drafts';
import {
  EXAM_FIELDS,
  QUESTION_FIELDS as F,
  fieldName,
  type ExamFieldName,
  type FieldRef,
} from './question-fields';

type Segment = string | number;

/** "questions[2].acceptedAnswers[0].text" -> ["questions", 2, "acceptedAnswers", 0, "text"]. */
export function splitPath(path: string): Segment[] {
  const out: Segment[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  }
  return out;
}

/** Where a server field path points: a question (by key) or the settings, and which field. */
export interface FieldPlace {
  readonly questionKey: string | null;
  /** null: no one control (the exam as a whole, the list of questions). */
  readonly ref: FieldRef | null;
  readonly label: string;
}

const THE_EXAM: FieldPlace = { questionKey: null, ref: null, label: 'The exam' };
const THE_QUESTIONS: FieldPlace = { questionKey: null, ref: null, label: 'Questions' };

export function locateField(path: string, questions: readonly EditorQuestion[]): FieldPlace {
  const [head, index, ...rest] = splitPath(path);
  if (head === 'questions') {
    const q = typeof index === 'number' ? questions[index] : undefined;
    if (!q) return THE_QUESTIONS;
    const ref = questionField(q.def, rest);
    return { questionKey: q.key, ref, label: fieldName(ref) };
  }
  if (typeof head === 'string' && Object.hasOwn(EXAM_FIELDS, head)) {
    const ref = EXAM_FIELDS[head as ExamFieldName];
    return { questionKey: null, ref, label: ref.label };
  }
  return THE_EXAM;
}

/** The field of question `q` that `path` (after `questions[n]`) names. */
export function questionField(q: QuestionDraft, path: readonly Segment[]): FieldRef {
  const [head, i, tail] = path;
  const at = <T>(list: readonly T[]): T | undefined =>
    typeof i === 'number' ? list[i] : undefined;
  switch (head) {
    case 'prompt':
      return F.prompt;
    case 'points':
      return F.points;
    case 'format':
      return F.format;
    case 'name':
      return F.name;
    case 'tags':
      return F.tags;
    case 'generalFeedback':
      return F.generalFeedback;
    case 'negativeMarkPercent':
      return F.negativeMark;
    case 'correctOptionId':
    case 'correct':
      return F.correct;
    case 'options': {
      if (q.type !== 'single_choice' && q.type !== 'multiple_response') return F.whole;
      const o = at(q.options);
      if (!o || typeof i !== 'number') return q.type === 'single_choice' ? F.answers : F.weights;
      if (tail === 'creditPercent') return F.credit(o.id, i);
      return tail === 'weight' ? F.weight(o.id, i) : F.answer(o.id, i);
    }
    case 'allOrNothing':
      return F.allOrNothing;
    case 'acceptedAnswers':
      return acceptedField(q, i, tail);
    case 'caseSensitive':
      return F.caseSensitive;
    case 'foldAccents':
      return F.foldAccents;
    case 'wildcards':
      return F.wildcards;
    case 'maxLength':
      return F.maxLength;
    case 'unit':
      return F.unit;
    case 'maxWords':
      return F.maxWords;
    case 'gradingNotes':
      return F.gradingNotes;
    case 'scoring':
      return F.scoring;
    case 'items':
    case 'correctOrder': {
      if (q.type !== 'ordering') return F.whole;
      const o = head === 'items' ? at(q.items) : undefined;
      return o && typeof i === 'number' ? F.item(o.id, i) : F.items;
    }
    case 'left':
    case 'right': {
      if (q.type !== 'matching') return F.whole;
      const list = head === 'left' ? q.left : q.right;
      const o = at(list);
      if (!o || typeof i !== 'number') return head === 'left' ? F.prompts : F.matchAnswers;
      return head === 'left' ? F.matchPrompt(o.id, i) : F.matchAnswer(o.id, i);
    }
    case 'correctPairs': {
      if (q.type !== 'matching') return F.whole;
      const n = q.left.findIndex((l) => l.id === i);
      return typeof i === 'string' && n >= 0 ? F.match(i, n) : F.prompts;
    }
    default:
      return F.whole;
  }
}

function acceptedField(q: QuestionDraft, i: Segment | undefined, tail: Segment | undefined) {
  if (typeof i !== 'number' || (q.type !== 'short_text' && q.type !== 'numeric')) {
    return F.accepted;
  }
  if (i >= q.acceptedAnswers.length) return F.accepted;
  if (q.type === 'short_text')
    return tail === 'creditPercent' ? F.acceptedCredit(i) : F.acceptedText(i);
  switch (tail) {
    case 'value':
      return F.numericValue(i);
    case 'tolerance':
      return F.numericTolerance(i);
    case 'toleranceMode':
      return F.numericToleranceMode(i);
    case 'min':
      return F.numericMin(i);
    case 'max':
      return F.numericMax(i);
    case 'creditPercent':
      return F.numericCredit(i);
    default:
      return F.numericKind(i);
  }
}

const EMPTY = /^(must not be empty|String must contain at least 1 character\(s\)|Required)$/;
const NOT_A_NUMBER = /^Expected number, received (null|nan)$/i;

/**
 * The server's sentence about a field, in the words on screen. `names` are the path's names
 * ("questions", "correctPairs", "b"); class-validator starts its sentences with the last one
 * ("title must be ..."), which becomes the label.
 */
export function sayProblem(problem: string, place: FieldPlace, names: readonly string[]): string {
  const ref = place.ref;
  if (ref === null || ref === F.whole) return problem;
  const name = place.label;
  const empty = EMPTY.test(problem);
  if (
    ref.part === F.correct.part &&
    (empty || /^(no correct option|Expected boolean)/.test(problem))
  ) {
    return 'choose the correct answer';
  }
  if (
    names.includes('correctPairs') &&
    ref.prefix &&
    (empty || /not a right answer id/.test(problem))
  ) {
    return `choose the answer that matches ${ref.prefix}`;
  }
  if (empty) return `${name} is empty`;
  if (NOT_A_NUMBER.test(problem)) return `type a number in ${name}`;
  if (problem === 'use at most 2 decimals') return `use at most 2 decimals in ${name}`;
  if (/^(must be more than 0|Number must be greater than 0)$/.test(problem)) {
    return `${name} must be more than 0`;
  }
  const bound = /^Number must be (less|greater) than or equal to (-?[\d.]+)$/.exec(problem);
  if (bound) return `${name} must be ${bound[1] === 'less' ? 'at most' : 'at least'} ${bound[2]}`;
  const said = withLabel(problem, names.join('.'), name);
  return said !== problem ? said : `${name}: ${problem}`;
}

/** Every server problem as an editor issue, in the order the server gave them. */
export function serverIssues(
  fieldErrors: Readonly<Record<string, readonly string[]>>,
  questions: readonly EditorQuestion[],
): EditorIssue[] {
  const out: EditorIssue[] = [];
  for (const [path, problems] of Object.entries(fieldErrors)) {
    const place = locateField(path, questions);
    const names = splitPath(path).filter((s): s is string => typeof s === 'string');
    const part = place.ref?.part ?? null;
    for (const problem of problems) {
      out.push({
        questionKey: place.questionKey,
        part,
        label: place.label,
        message: sayProblem(problem, place, names),
      });
    }
  }
  return out;
}
