/**
 * The rules that make a question gradable, on an already well-typed definition. Returns every
 * problem found (empty = valid), each with the path of the field it is about.
 */
import type { ChoiceOption, QuestionDefinition } from '@exam/contracts';

export interface QuestionProblem {
  path: Array<string | number>;
  message: string;
}

/** Weights and credits are percentages; this absorbs 33.33 + 33.33 + 33.34 style rounding. */
export const PERCENT_EPSILON = 0.01;

function duplicates(ids: string[]): string[] {
  return [...new Set(ids.filter((x, i) => ids.indexOf(x) !== i))];
}

function checkOptions(
  list: ChoiceOption[],
  field: string,
  min: number,
  what: string,
  out: QuestionProblem[],
): void {
  if (list.length < min) out.push({ path: [field], message: `needs at least ${min} ${what}` });
  const dup = duplicates(list.map((o) => o.id));
  if (dup.length) out.push({ path: [field], message: `ids are repeated: ${dup.join(', ')}` });
}

export function validateQuestion(q: QuestionDefinition): QuestionProblem[] {
  const out: QuestionProblem[] = [];
  if (Math.abs(q.points * 100 - Math.round(q.points * 100)) > 1e-6) {
    out.push({ path: ['points'], message: 'use at most 2 decimals' });
  }
  switch (q.type) {
    case 'single_choice':
      checkOptions(q.options, 'options', 2, 'options', out);
      if (!q.options.some((o) => o.id === q.correctOptionId)) {
        out.push({
          path: ['correctOptionId'],
          message: `no correct option: "${q.correctOptionId}" is not one of the option ids`,
        });
      }
      q.options.forEach((o, i) => {
        if (
          o.id === q.correctOptionId &&
          o.creditPercent !== undefined &&
          o.creditPercent !== 100
        ) {
          out.push({
            path: ['options', i, 'creditPercent'],
            message: 'the correct option is worth 100 %; remove its credit or choose another key',
          });
        }
      });
      break;
    case 'true_false':
      break;
    case 'multiple_response': {
      checkOptions(q.options, 'options', 2, 'options', out);
      const positive = q.options.filter((o) => o.weight > 0);
      if (!positive.length) {
        out.push({
          path: ['options'],
          message: 'no correct option: give at least one option a weight above 0',
        });
      } else {
        const sum = positive.reduce((s, o) => s + o.weight, 0);
        if (Math.abs(sum - 100) > PERCENT_EPSILON) {
          out.push({
            path: ['options'],
            message: `the weights of the correct options must add up to 100 (they add up to ${Math.round(sum * 100) / 100})`,
          });
        }
      }
      break;
    }
    case 'short_text': {
      if (!q.acceptedAnswers.length) {
        out.push({ path: ['acceptedAnswers'], message: 'needs at least one accepted answer' });
        break;
      }
      q.acceptedAnswers.forEach((a, i) => {
        if (!a.text.trim())
          out.push({ path: ['acceptedAnswers', i, 'text'], message: 'must not be empty' });
        if (q.wildcards && /^\**$/.test(a.text.replace(/\s/g, ''))) {
          out.push({
            path: ['acceptedAnswers', i, 'text'],
            message: 'a wildcard alone would accept any answer; add some text',
          });
        }
      });
      if (!q.acceptedAnswers.some((a) => a.creditPercent >= 100 - PERCENT_EPSILON)) {
        out.push({
          path: ['acceptedAnswers'],
          message: 'at least one accepted answer must give 100 % credit',
        });
      }
      break;
    }
    case 'numeric': {
      if (!q.acceptedAnswers.length) {
        out.push({ path: ['acceptedAnswers'], message: 'needs at least one accepted answer' });
        break;
      }
      q.acceptedAnswers.forEach((a, i) => {
        const hasValue = a.value !== undefined;
        const hasRange = a.min !== undefined || a.max !== undefined;
        if (hasValue === hasRange) {
          out.push({
            path: ['acceptedAnswers', i],
            message: 'give either value (with an optional tolerance) or min and max',
          });
        }
        if (hasRange && (a.min === undefined || a.max === undefined)) {
          out.push({ path: ['acceptedAnswers', i], message: 'a range needs both min and max' });
        }
        if (a.min !== undefined && a.max !== undefined && a.min > a.max) {
          out.push({
            path: ['acceptedAnswers', i, 'min'],
            message: `min (${a.min}) is greater than max (${a.max})`,
          });
        }
        if (!hasValue && (a.tolerance !== undefined || a.toleranceMode !== undefined)) {
          out.push({
            path: ['acceptedAnswers', i, 'tolerance'],
            message: 'tolerance applies to value, not to a range',
          });
        }
      });
      if (!q.acceptedAnswers.some((a) => a.creditPercent >= 100 - PERCENT_EPSILON)) {
        out.push({
          path: ['acceptedAnswers'],
          message: 'at least one accepted answer must give 100 % credit',
        });
      }
      break;
    }
    case 'essay':
      break;
    case 'ordering': {
      checkOptions(q.items, 'items', 2, 'items', out);
      const ids = new Set(q.items.map((i) => i.id));
      const unknown = q.correctOrder.filter((x) => !ids.has(x));
      const dup = duplicates(q.correctOrder);
      const missing = [...ids].filter((x) => !q.correctOrder.includes(x));
      if (unknown.length)
        out.push({ path: ['correctOrder'], message: `unknown item ids: ${unknown.join(', ')}` });
      if (dup.length)
        out.push({
          path: ['correctOrder'],
          message: `items appear more than once: ${dup.join(', ')}`,
        });
      if (missing.length)
        out.push({
          path: ['correctOrder'],
          message: `items missing from the order: ${missing.join(', ')}`,
        });
      break;
    }
    case 'matching': {
      checkOptions(q.left, 'left', 2, 'items to match', out);
      checkOptions(q.right, 'right', 2, 'answers', out);
      const left = new Set(q.left.map((l) => l.id));
      const right = new Set(q.right.map((r) => r.id));
      const unmatched = [...left].filter((l) => q.correctPairs[l] === undefined);
      if (unmatched.length) {
        out.push({
          path: ['correctPairs'],
          message: `items without a correct answer: ${unmatched.join(', ')}`,
        });
      }
      for (const [l, r] of Object.entries(q.correctPairs)) {
        if (!left.has(l))
          out.push({ path: ['correctPairs', l], message: `"${l}" is not a left item id` });
        if (!right.has(r))
          out.push({ path: ['correctPairs', l], message: `"${r}" is not a right answer id` });
      }
      break;
    }
  }
  return out;
}
