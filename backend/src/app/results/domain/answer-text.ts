/**
 * An answer, or a question's correct answer, as one line of text a teacher reads (exports,
 * grouped answers). Option and item ids become their texts; anything of the wrong shape is
 * shown as it was stored rather than dropped.
 */
import type { QuestionDefinition } from '@exam/contracts';
import { plainText } from '../../exams/domain/rich-text';

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Option, item and matching texts of a question, without formatting, by id. */
function textsOf(q: QuestionDefinition) {
  return (list: ReadonlyArray<{ id: string; text: string }>, id: unknown): string => {
    const text = list.find((o) => o.id === id)?.text;
    return text === undefined ? String(id) : plainText(text, q.format);
  };
}

export function answerText(q: QuestionDefinition, value: unknown): string {
  const textOf = textsOf(q);
  const plain = (t: string) => plainText(t, q.format);
  if (value === null || value === undefined) return '';
  if (!isObj(value)) return JSON.stringify(value);
  switch (q.type) {
    case 'single_choice':
      return textOf(q.options, value.optionId);
    case 'true_false':
      return typeof value.value === 'boolean' ? (value.value ? 'True' : 'False') : '';
    case 'multiple_response':
      return Array.isArray(value.optionIds)
        ? value.optionIds.map((id) => textOf(q.options, id)).join('; ')
        : '';
    case 'short_text':
    case 'essay':
      return typeof value.text === 'string' ? value.text : '';
    case 'numeric':
      return typeof value.value === 'number' ? String(value.value) : '';
    case 'ordering':
      return Array.isArray(value.order)
        ? value.order.map((id) => textOf(q.items, id)).join(' > ')
        : '';
    case 'matching':
      return isObj(value.pairs)
        ? q.left
            .filter((l) => isObj(value.pairs) && l.id in value.pairs)
            .map(
              (l) =>
                `${plain(l.text)} = ${textOf(q.right, (value.pairs as Record<string, unknown>)[l.id])}`,
            )
            .join('; ')
        : '';
  }
}

/** What a fully correct answer is, in words (accepted alternatives joined with " or "). */
export function correctAnswerText(q: QuestionDefinition): string {
  const textOf = textsOf(q);
  const plain = (t: string) => plainText(t, q.format);
  switch (q.type) {
    case 'single_choice':
      return textOf(q.options, q.correctOptionId);
    case 'true_false':
      return q.correct ? 'True' : 'False';
    case 'multiple_response':
      return q.options
        .filter((o) => o.weight > 0)
        .map((o) => plain(o.text))
        .join('; ');
    case 'short_text':
      return q.acceptedAnswers
        .map((a) => (a.creditPercent === 100 ? a.text : `${a.text} (${a.creditPercent} % credit)`))
        .join(' or ');
    case 'numeric':
      return q.acceptedAnswers
        .map((a) => {
          const v =
            a.value !== undefined
              ? `${a.value}${a.tolerance ? ` ± ${a.tolerance}${a.toleranceMode === 'relative' ? ' (relative)' : ''}` : ''}`
              : `${a.min} to ${a.max}`;
          return a.creditPercent === 100 ? v : `${v} (${a.creditPercent} % credit)`;
        })
        .join(' or ');
    case 'essay':
      return '';
    case 'ordering':
      return q.correctOrder.map((id) => textOf(q.items, id)).join(' > ');
    case 'matching':
      return q.left
        .map((l) => `${plain(l.text)} = ${textOf(q.right, q.correctPairs[l.id])}`)
        .join('; ');
  }
}
