/**
 * Pure helpers of the exam editor: a blank question of each type (with nothing marked
 * correct), ids for new options, moving items, what goes to the server, and the student's
 * view of a question (what the preview renders: never the key).
 */
import type {
  ChoiceOption,
  QuestionDefinition,
  QuestionType,
  StudentQuestionView,
  TrueFalseDefinition,
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

/** A true/false question being written: neither answer is correct until the teacher says. */
export type TrueFalseDraft = Omit<TrueFalseDefinition, 'correct'> & { correct: boolean | null };

/**
 * A question being written: its definition, except that what the teacher has not decided yet
 * may be unset (no correct option `''`, no true/false answer `null`, no match `''`, an empty
 * number `NaN`). The checks before saving name each of these.
 */
export type QuestionDraft = Exclude<QuestionDefinition, TrueFalseDefinition> | TrueFalseDraft;

/** A question in the editor: `key` is local and stable across reorders, `def` goes to the server. */
export interface EditorQuestion {
  key: string;
  def: QuestionDraft;
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

/**
 * A new question of `type`. Nothing is correct by default: no option chosen, no true/false
 * answer, all weights 0, no value and no matches, so a question saved as it came says what is
 * missing instead of silently marking answer A correct.
 */
export function blankQuestion(type: QuestionType): QuestionDraft {
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
        correctOptionId: '',
      };
    case 'true_false':
      return { ...base, type, correct: null };
    case 'multiple_response':
      return {
        ...base,
        type,
        options: [
          { id: 'a', text: '', weight: 0 },
          { id: 'b', text: '', weight: 0 },
          { id: 'c', text: '', weight: 0 },
        ],
      };
    case 'short_text':
      return { ...base, type, acceptedAnswers: [{ text: '', creditPercent: 100 }] };
    case 'numeric':
      return { ...base, type, acceptedAnswers: [{ value: Number.NaN, creditPercent: 100 }] };
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
        correctPairs: {},
      };
  }
}

/**
 * What goes to the server. A draft that still misses its true/false answer is sent without
 * one (the checks before saving stop that first; if it is sent, the server names the field).
 */
export function toDefinition(draft: QuestionDraft): QuestionDefinition {
  if (draft.type === 'true_false' && draft.correct === null) {
    const { correct: _unset, ...rest } = draft;
    return rest as unknown as QuestionDefinition;
  }
  return draft as QuestionDefinition;
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
  def: QuestionDraft,
  position: number,
  id = `preview-${position}`,
): StudentQuestionView {
  const base = {
    id,
    position,
    prompt: def.prompt,
    ...(def.format && def.format !== 'plain' ? { format: def.format } : {}),
    points: def.points,
  };
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
