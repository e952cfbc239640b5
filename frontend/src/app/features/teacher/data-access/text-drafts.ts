/**
 * Texts between questions in the exam editor (a reading passage, a part heading: no answer,
 * no points). Each is held by the question it comes before (its local key; null: after the
 * last question), so a text moves with its question when questions are reordered, as it does
 * for a student when questions are shuffled. Pure helpers: the page owns the list.
 */
import type { ExamText, TextFormat } from '@exam/contracts';
import type { EditorIssue } from './editor-issues';
import { newKey } from './question-drafts';

export interface EditorText {
  /** Local and stable: makes control ids. */
  key: string;
  /** The server's id, kept on save. */
  id?: string;
  /** The local key of the question it comes before; null after the last question. */
  beforeKey: string | null;
  text: string;
  format?: TextFormat;
  name?: string;
}

/** The labels of a text's controls; `part` makes the control id `<text key>-<part>`. */
export const TEXT_FIELDS = {
  text: { part: 'text', label: 'Text shown to students' },
  format: { part: 'text-format', label: 'Written as' },
  name: { part: 'text-name', label: 'Name (only you see it, optional)' },
} as const;

/** Where a text is: the 0-based position of its question, the question count at the end. */
export function slotOf(t: EditorText, questionKeys: readonly string[]): number {
  const i = t.beforeKey === null ? -1 : questionKeys.indexOf(t.beforeKey);
  return i < 0 ? questionKeys.length : i;
}

/** The exam's texts as the editor holds them, tied to the questions' local keys. */
export function textsFromExam(
  texts: ReadonlyArray<ExamText & { id: string }>,
  questionKeys: readonly string[],
  old: readonly EditorText[] = [],
): EditorText[] {
  const keep = new Map(old.flatMap((t) => (t.id ? [[t.id, t.key] as const] : [])));
  return texts.map((t) => ({
    key: keep.get(t.id) ?? newKey(),
    id: t.id,
    beforeKey: questionKeys[t.beforeQuestion] ?? null,
    text: t.text,
    ...(t.format && t.format !== 'plain' ? { format: t.format } : {}),
    ...(t.name ? { name: t.name } : {}),
  }));
}

/** The texts in the order the exam shows them (by place, list order at one place). */
export function inShownOrder(
  texts: readonly EditorText[],
  questionKeys: readonly string[],
): EditorText[] {
  return texts
    .map((t, i) => ({ t, i, slot: slotOf(t, questionKeys) }))
    .sort((a, b) => a.slot - b.slot || a.i - b.i)
    .map(({ t }) => t);
}

/** What goes to the server: each text at its question's position, in shown order. */
export function textsPayload(
  texts: readonly EditorText[],
  questionKeys: readonly string[],
): ExamText[] {
  return inShownOrder(texts, questionKeys)
    .map((t) => ({ t, slot: slotOf(t, questionKeys) }))
    .map(({ t, slot }) => ({
      ...(t.id ? { id: t.id } : {}),
      beforeQuestion: slot,
      text: t.text,
      ...(t.format && t.format !== 'plain' ? { format: t.format } : {}),
      ...(t.name?.trim() ? { name: t.name.trim() } : {}),
    }));
}

/** Texts shown at one place (before a question's key, or null: after the last question). */
export function textsAt(
  texts: readonly EditorText[],
  beforeKey: string | null,
  questionKeys: readonly string[],
): EditorText[] {
  const slot = beforeKey === null ? questionKeys.length : questionKeys.indexOf(beforeKey);
  return texts.filter((t) => slotOf(t, questionKeys) === slot);
}

/** A text moved one place up (before the previous question) or down (before the next). */
export function moveText(
  texts: readonly EditorText[],
  key: string,
  delta: -1 | 1,
  questionKeys: readonly string[],
): EditorText[] {
  return texts.map((t) => {
    if (t.key !== key) return t;
    const to = Math.min(questionKeys.length, Math.max(0, slotOf(t, questionKeys) + delta));
    return { ...t, beforeKey: questionKeys[to] ?? null };
  });
}

/** After a question is removed, its texts stay where they were: before the next question. */
export function afterRemoving(
  texts: readonly EditorText[],
  removedKey: string,
  questionKeys: readonly string[],
): EditorText[] {
  const i = questionKeys.indexOf(removedKey);
  const next = i < 0 ? null : (questionKeys[i + 1] ?? null);
  return texts.map((t) => (t.beforeKey === removedKey ? { ...t, beforeKey: next } : t));
}

/** How a text is named on screen: by where it is. */
export function textPlace(t: EditorText, questionKeys: readonly string[]): string {
  const slot = slotOf(t, questionKeys);
  return slot < questionKeys.length
    ? `Text before question ${slot + 1}`
    : 'Text after the last question';
}

/**
 * The server's problems with texts (`texts[2].text`) on the text they are about: the
 * payload sent them in shown order, so index i is the i-th text in that order.
 */
export function textServerIssues(
  fieldErrors: Readonly<Record<string, readonly string[]>>,
  texts: readonly EditorText[],
  questionKeys: readonly string[],
): EditorIssue[] {
  const sent = inShownOrder(texts, questionKeys);
  return Object.entries(fieldErrors).flatMap(([path, problems]) => {
    const m = /^texts\[(\d+)\]/.exec(path);
    const t = m ? sent[Number(m[1])] : undefined;
    if (!t) return [];
    return problems.map((p) => ({
      questionKey: t.key,
      part: TEXT_FIELDS.text.part,
      label: TEXT_FIELDS.text.label,
      message: `${textPlace(t, questionKeys)}: ${p}`,
    }));
  });
}

/** What a text misses before the exam can be saved (its words). */
export function checkTexts(
  texts: readonly EditorText[],
  questionKeys: readonly string[],
): EditorIssue[] {
  return texts.flatMap((t) =>
    t.text.trim()
      ? []
      : [
          {
            questionKey: t.key,
            part: TEXT_FIELDS.text.part,
            label: TEXT_FIELDS.text.label,
            message: `${textPlace(t, questionKeys)}: type the text, or delete it`,
          },
        ],
  );
}
