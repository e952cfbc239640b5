/**
 * Builds and describes regrade changes: the fixes that make sense for a question's type, the
 * corrected key as a full question (`update_key`), and each change in a teacher's words for
 * the history and the confirmation.
 */
import type {
  MultipleResponseDefinition,
  NumericAccepted,
  QuestionDefinition,
  QuestionAdjustment,
  RegradeChange,
  SessionQuestion,
  WeightedOption,
} from '@exam/contracts';
import { formatPoints } from '../data-access/result-labels';

/** What the teacher chose to do with the question. `key` = the type's own fix. */
export type FixKind = 'key' | 'full_marks' | 'drop' | 'restore';

export interface FixChoice {
  kind: FixKind;
  label: string;
  hint: string;
}

/** The type's own fix, in words ("Change the correct option"...); null for essays. */
export function keyFixLabel(type: QuestionDefinition['type']): string | null {
  switch (type) {
    case 'short_text':
      return 'Accept another answer';
    case 'single_choice':
      return 'Change the correct option';
    case 'true_false':
      return 'Change the correct answer (true / false)';
    case 'multiple_response':
      return 'Choose which options are correct';
    case 'numeric':
      return 'Change the accepted number';
    case 'ordering':
      return 'Change the correct order';
    case 'matching':
      return 'Change the correct matches';
    case 'essay':
      return null;
  }
}

export function fixChoices(q: SessionQuestion, adjustment: QuestionAdjustment): FixChoice[] {
  const out: FixChoice[] = [];
  const key = keyFixLabel(q.type);
  if (key) {
    out.push({
      kind: 'key',
      label: key,
      hint: 'Every stored answer is scored again with the corrected key.',
    });
  }
  if (adjustment !== 'full_marks') {
    out.push({
      kind: 'full_marks',
      label: 'Give everyone full marks',
      hint: `Every student gets the ${
        q.points === 1 ? '1 point' : `${formatPoints(q.points)} points`
      }, whatever they answered.`,
    });
  }
  if (adjustment !== 'dropped') {
    out.push({
      kind: 'drop',
      label: "Don't count this question",
      hint: 'Its points leave the total, for everyone.',
    });
  }
  if (adjustment !== 'none') {
    out.push({
      kind: 'restore',
      label: 'Count it normally again',
      hint: 'Undo the full marks or not counting: scores follow the key again.',
    });
  }
  return out;
}

/** The definition to send in update_key: the question without its id. */
export function withoutId(q: SessionQuestion): QuestionDefinition {
  const { id: _id, ...rest } = q;
  void _id;
  return rest as QuestionDefinition;
}

/** Correct options share 100 % evenly (2 decimals, the last one takes the rest); wrong ones 0. */
export function evenWeights(
  options: readonly WeightedOption[],
  correctIds: readonly string[],
): WeightedOption[] {
  const k = correctIds.length;
  const share = k ? Math.floor((100 / k) * 100) / 100 : 0;
  let left = 100;
  let seen = 0;
  return options.map((o) => {
    if (!correctIds.includes(o.id)) return { ...o, weight: 0 };
    seen++;
    const weight = seen === k ? Math.round(left * 100) / 100 : share;
    left -= share;
    return { ...o, weight };
  });
}

export function multipleResponseKey(
  q: MultipleResponseDefinition & { id: string },
  correctIds: readonly string[],
): QuestionDefinition {
  return { ...withoutId(q), options: evenWeights(q.options, correctIds) } as QuestionDefinition;
}

function quote(s: string): string {
  return `“${s}”`;
}

export function numericText(a: NumericAccepted): string {
  if (a.min !== undefined || a.max !== undefined) {
    return `${a.min ?? '…'} to ${a.max ?? '…'}`;
  }
  const tol = a.tolerance ?? 0;
  if (!tol) return `${a.value}`;
  return a.toleranceMode === 'relative'
    ? `${a.value} ± ${Math.round(tol * 10000) / 100} %`
    : `${a.value} ± ${tol}`;
}

/** The corrected key of an update_key, in words. */
export function keyText(q: QuestionDefinition): string {
  switch (q.type) {
    case 'single_choice':
      return `correct option is now ${quote(q.options.find((o) => o.id === q.correctOptionId)?.text ?? q.correctOptionId)}`;
    case 'true_false':
      return `correct answer is now ${q.correct ? 'True' : 'False'}`;
    case 'multiple_response': {
      const ok = q.options.filter((o) => o.weight > 0).map((o) => quote(o.text));
      return `correct ${ok.length === 1 ? 'option is' : 'options are'} now ${ok.join(', ')}`;
    }
    case 'short_text':
      return `accepted answers are now ${q.acceptedAnswers.map((a) => quote(a.text)).join(', ')}`;
    case 'numeric':
      return `accepted ${q.acceptedAnswers.length === 1 ? 'answer is' : 'answers are'} now ${q.acceptedAnswers
        .map(numericText)
        .join(', ')}${q.unit ? ` ${q.unit}` : ''}`;
    case 'ordering': {
      const text = (id: string) => q.items.find((i) => i.id === id)?.text ?? id;
      return `correct order is now ${q.correctOrder.map(text).join(' > ')}`;
    }
    case 'matching': {
      const l = (id: string) => q.left.find((i) => i.id === id)?.text ?? id;
      const r = (id: string) => q.right.find((i) => i.id === id)?.text ?? id;
      return `matches are now ${Object.entries(q.correctPairs)
        .map(([a, b]) => `${l(a)} = ${r(b)}`)
        .join('; ')}`;
    }
    case 'essay':
      return 'question updated';
  }
}

/** "Q12: also accept “wrote”" */
export function describeChange(c: RegradeChange, positions: ReadonlyMap<string, number>): string {
  const p = positions.get(c.questionId);
  const q = p ? `Q${p}` : 'A question';
  switch (c.action) {
    case 'accept_answer':
      return `${q}: also accept ${quote(c.text)}${
        c.creditPercent !== undefined && c.creditPercent < 100 ? ` for ${c.creditPercent} %` : ''
      }`;
    case 'full_marks':
      return `${q}: full marks for everyone`;
    case 'drop':
      return `${q}: not counted any more`;
    case 'restore':
      return `${q}: counted normally again`;
    case 'update_key':
      return `${q}: ${keyText(c.question)}`;
  }
}

const FIELD_WORDS: Record<string, string> = {
  text: 'Answer',
  creditPercent: 'Credit',
  options: 'Options',
  correctOptionId: 'Correct option',
  acceptedAnswers: 'Accepted answers',
  correctOrder: 'Correct order',
  correctPairs: 'Matches',
  value: 'value',
  tolerance: 'tolerance',
  min: 'lowest',
  max: 'highest',
  weight: 'weight',
  question: 'Question',
  questionId: 'Question',
  action: 'Fix',
  note: 'Why',
  changes: 'Changes',
};

/** "changes[0].question.acceptedAnswers[1].tolerance" → "Accepted answers 2, tolerance". */
export function fieldWords(path: string): string {
  const parts = path
    .replace(/^changes\[\d+\]\.?/, '')
    .replace(/^question\./, '')
    .split('.')
    .filter(Boolean);
  if (!parts.length) return 'Change';
  return parts
    .map((part) => {
      const m = /^(\w+)\[(\d+)\]$/.exec(part);
      if (m) return `${FIELD_WORDS[m[1]] ?? m[1]} ${Number(m[2]) + 1}`;
      return FIELD_WORDS[part] ?? part;
    })
    .join(', ');
}
