/**
 * When a question counts as answered - one rule for the student's navigator, the teacher's
 * grid, progress and the stored answered count: the answer must be complete for its type
 * (a matching question only when every prompt has a choice, a text only when it is not
 * blank). Pure, no dependencies.
 */
import type { AnswerValue, QuestionType } from './exams';

/** What the rule needs of a question: its type, and a matching question's prompts. */
export interface AnswerableQuestion {
  type: QuestionType;
  left?: ReadonlyArray<{ id: string }>;
}

export function isCompleteAnswer(q: AnswerableQuestion, v: AnswerValue | undefined): boolean {
  if (!v || typeof v !== 'object') return false;
  switch (q.type) {
    case 'single_choice':
      return 'optionId' in v && typeof v.optionId === 'string' && v.optionId !== '';
    case 'true_false':
      return 'value' in v && typeof v.value === 'boolean';
    case 'numeric':
      return 'value' in v && typeof v.value === 'number' && Number.isFinite(v.value);
    case 'multiple_response':
      return 'optionIds' in v && Array.isArray(v.optionIds) && v.optionIds.length > 0;
    case 'short_text':
    case 'essay':
      return 'text' in v && typeof v.text === 'string' && v.text.trim() !== '';
    case 'ordering':
      return 'order' in v && Array.isArray(v.order) && v.order.length > 0;
    case 'matching': {
      if (!('pairs' in v) || !v.pairs || typeof v.pairs !== 'object') return false;
      const pairs = v.pairs;
      const left = q.left ?? [];
      return left.length > 0 && left.every((l) => typeof pairs[l.id] === 'string' && !!pairs[l.id]);
    }
  }
}
