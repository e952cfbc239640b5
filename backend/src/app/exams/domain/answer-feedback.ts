/**
 * What the author wrote for the student to read after the exam (Moodle's feedback), for one
 * answer: the feedback of what they chose or typed (the chosen option, true or false, the
 * best accepted answer their text or number matched; each chosen option of a multiple
 * response) and the question's general feedback, which everyone reads. Pure.
 */
import type { QuestionDefinition } from '@exam/contracts';
import { numericMatches } from './grading';
import { textMatches } from './text-match';

export interface AnswerFeedback {
  /** For what this student answered (several for a multiple response). */
  answer: string[];
  /** For everyone, whatever they answered. */
  general: string | null;
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const said = (t: string | undefined): t is string => !!t && t.trim() !== '';

/** The best-credit entry among those that match (the one the grade came from). */
function bestOf<T extends { creditPercent: number; feedback?: string }>(
  list: readonly T[],
  matches: (t: T) => boolean,
): T | undefined {
  let best: T | undefined;
  for (const x of list) if (matches(x) && (!best || x.creditPercent > best.creditPercent)) best = x;
  return best;
}

function forAnswer(q: QuestionDefinition, value: unknown): Array<string | undefined> {
  if (!isObj(value)) return [];
  switch (q.type) {
    case 'single_choice':
      return [q.options.find((o) => o.id === value['optionId'])?.feedback];
    case 'true_false':
      return value['value'] === true
        ? [q.feedbackTrue]
        : value['value'] === false
          ? [q.feedbackFalse]
          : [];
    case 'multiple_response': {
      const ids = Array.isArray(value['optionIds']) ? value['optionIds'] : [];
      return q.options.filter((o) => ids.includes(o.id)).map((o) => o.feedback);
    }
    case 'short_text': {
      const text = value['text'];
      if (typeof text !== 'string' || !text.trim()) return [];
      const opts = {
        caseSensitive: q.caseSensitive ?? false,
        foldAccents: q.foldAccents ?? false,
        wildcards: q.wildcards ?? false,
      };
      return [bestOf(q.acceptedAnswers, (a) => textMatches(text, a.text, opts))?.feedback];
    }
    case 'numeric': {
      const x = value['value'];
      if (typeof x !== 'number' || !Number.isFinite(x)) return [];
      return [bestOf(q.acceptedAnswers, (a) => numericMatches(x, a))?.feedback];
    }
    default:
      return [];
  }
}

export function answerFeedback(q: QuestionDefinition, value: unknown): AnswerFeedback {
  return {
    answer: forAnswer(q, value).filter(said),
    general: said(q.generalFeedback) ? q.generalFeedback : null,
  };
}
