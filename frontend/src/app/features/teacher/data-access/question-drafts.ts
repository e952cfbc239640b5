/**
 * Pure helpers of the exam editor: a blank question of each type, ids for new options, moving
 * items, the student's view of a question (what the preview renders: never the key), and
 * sorting the server's 400 details into exam fields and questions.
 */
import type {
  ChoiceOption,
  QuestionDefinition,
  QuestionType,
  StudentQuestionView,
} from '@exam/contracts';

export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  single_choice: 'Single choice',
  true_false: 'True / false',
  multiple_response: 'Multiple response',
  short_text: 'Short text',
  numeric: 'Numeric',
  essay: 'Essay',
  ordering: 'Ordering',
  matching: 'Matching',
};

/** A question in the editor: `key` is local and stable across reorders, `def` goes to the server. */
export interface EditorQuestion {
  key: string;
  def: QuestionDefinition;
}

let keySeq = 0;
export function newKey(): string {
  keySeq += 1;
  return `q${Date.now().toString(36)}-${keySeq}`;
}

/** The first id of the form a, b, ... z, a1 ... not used yet. */
export function nextId(used: readonly string[]): string {
  const taken = new Set(used);
  for (let round = 0; ; round++) {
    for (let c = 0; c < 26; c++) {
      const id = String.fromCharCode(97 + c) + (round ? String(round) : '');
      if (!taken.has(id)) return id;
    }
  }
}

export function blankQuestion(type: QuestionType): QuestionDefinition {
  const base = { prompt: '', points: 1 };
  switch (type) {
    case 'single_choice':
      return {
        ...base,
        type,
        options: [
          { id: 'a', text: '' },
          { id: 'b', text: '' },
        ],
        correctOptionId: 'a',
      };
    case 'true_false':
      return { ...base, type, correct: true };
    case 'multiple_response':
      return {
        ...base,
        type,
        options: [
          { id: 'a', text: '', weight: 50 },
          { id: 'b', text: '', weight: 50 },
          { id: 'c', text: '', weight: -50 },
        ],
      };
    case 'short_text':
      return { ...base, type, acceptedAnswers: [{ text: '', creditPercent: 100 }] };
    case 'numeric':
      return { ...base, type, acceptedAnswers: [{ value: 0, tolerance: 0, creditPercent: 100 }] };
    case 'essay':
      return { ...base, type, points: 5, maxWords: 300 };
    case 'ordering':
      return {
        ...base,
        type,
        items: [
          { id: 'a', text: '' },
          { id: 'b', text: '' },
          { id: 'c', text: '' },
        ],
        correctOrder: ['a', 'b', 'c'],
      };
    case 'matching':
      return {
        ...base,
        type,
        left: [
          { id: 'a', text: '' },
          { id: 'b', text: '' },
        ],
        right: [
          { id: 'a', text: '' },
          { id: 'b', text: '' },
        ],
        correctPairs: { a: 'a', b: 'b' },
      };
  }
}

/** A copy of `list` with the item at `index` moved by `delta` places (unchanged at the ends). */
export function moveItem<T>(list: readonly T[], index: number, delta: -1 | 1): T[] {
  const to = index + delta;
  const copy = [...list];
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return copy;
  [copy[index], copy[to]] = [copy[to], copy[index]];
  return copy;
}

/** Same order every time for the same question, so a preview does not jump while editing. */
function stableShuffle(items: readonly ChoiceOption[], salt: string): ChoiceOption[] {
  const score = (o: ChoiceOption): number => {
    let h = 2166136261;
    for (const ch of salt + o.id) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
    return h >>> 0;
  };
  const out = [...items].sort((x, y) => score(x) - score(y));
  // A shuffle that happens to give the answer away is no shuffle: rotate by one.
  if (out.length > 1 && out.every((o, i) => o.id === items[i].id)) out.push(out.shift()!);
  return out;
}

const option = (o: ChoiceOption): ChoiceOption => ({ id: o.id, text: o.text });

/**
 * What a student gets for this question, built field by field so no key can slip through:
 * no correct option, weights, accepted answers, tolerance, grading notes or correct order;
 * ordering items and matching answers are shuffled, as the server does for students.
 */
export function toStudentView(
  def: QuestionDefinition,
  position: number,
  id = `preview-${position}`,
): StudentQuestionView {
  const base = { id, position, prompt: def.prompt, points: def.points };
  switch (def.type) {
    case 'single_choice':
      return { ...base, type: def.type, options: def.options.map(option) };
    case 'true_false':
      return { ...base, type: def.type };
    case 'multiple_response':
      return { ...base, type: def.type, options: def.options.map(option) };
    case 'short_text':
      return { ...base, type: def.type, maxLength: def.maxLength };
    case 'numeric':
      return { ...base, type: def.type, unit: def.unit };
    case 'essay':
      return { ...base, type: def.type, maxWords: def.maxWords };
    case 'ordering':
      return { ...base, type: def.type, items: stableShuffle(def.items.map(option), id) };
    case 'matching':
      return {
        ...base,
        type: def.type,
        left: def.left.map(option),
        right: stableShuffle(def.right.map(option), id),
      };
  }
}

export interface SortedIssues {
  /** Exam-level fields (title, durationMinutes, ...) and anything not about one question. */
  exam: Record<string, string[]>;
  /** By question index: "options: needs at least 2 options" style lines. */
  questions: Map<number, string[]>;
}

const QUESTION_FIELD = /^questions\[(\d+)\](?:\.(.+))?$/;

/** Sorts VALIDATION_FAILED details (`questions[2].acceptedAnswers[0].text`) per question. */
export function sortIssues(fieldErrors: Readonly<Record<string, readonly string[]>>): SortedIssues {
  const out: SortedIssues = { exam: {}, questions: new Map() };
  for (const [field, problems] of Object.entries(fieldErrors)) {
    const m = QUESTION_FIELD.exec(field);
    if (!m) {
      out.exam[field] = [...problems];
      continue;
    }
    const index = Number(m[1]);
    const where = m[2] ? `${humanField(m[2])}: ` : '';
    const lines = out.questions.get(index) ?? [];
    lines.push(...problems.map((p) => `${where}${p}`));
    out.questions.set(index, lines);
  }
  return out;
}

/** `acceptedAnswers[0].text` -> `accepted answer 1 text`. */
export function humanField(path: string): string {
  return path
    .replace(/\[(\d+)\]/g, (_, n: string) => ` ${Number(n) + 1}`)
    .replace(/\./g, ' ')
    .replace(/([a-z])([A-Z])/g, (_, a: string, b: string) => `${a} ${b.toLowerCase()}`)
    .replace(/answers (\d+)/, 'answer $1')
    .replace(/options (\d+)/, 'option $1');
}
