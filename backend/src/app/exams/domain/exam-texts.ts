/**
 * Texts between questions (Moodle's "description"): content with no answer and no points,
 * placed before a question of the exam as written, or after the last one. Untrusted texts
 * are parsed here (structure, limits, HTML cleaned like a question's), and placed for a
 * student by question id so that a shuffled order keeps each text with its question.
 */
import { z } from 'zod';
import {
  TEXT_FORMATS,
  type ExamText,
  type StudentExamText,
  type ValidationIssue,
} from '@exam/contracts';
import { formatOf } from './question-parts';
import { groupIssues } from './question-schema';
import { sanitizeQuestionHtml } from './rich-text';

/** Most texts one exam may hold. */
export const MAX_EXAM_TEXTS = 200;

const examTextSchema = z
  .object({
    id: z.string().uuid().optional(),
    beforeQuestion: z.number().int().min(0),
    text: z.string().trim().min(1, 'must not be empty').max(10_000),
    format: z.enum(TEXT_FORMATS).optional(),
    name: z.string().trim().max(255).optional(),
  })
  .strict();

/** An untrusted text with its HTML cleaned first, so the limits apply to what is kept. */
function sanitized(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const t = raw as Record<string, unknown>;
  if (t['format'] !== 'html' || typeof t['text'] !== 'string') return raw;
  return { ...t, text: sanitizeQuestionHtml(t['text']) };
}

/** A text as stored: the format only when not plain, the name only when it says something. */
export function normalText(t: ExamText): ExamText {
  return {
    ...(t.id ? { id: t.id } : {}),
    beforeQuestion: t.beforeQuestion,
    text: t.text,
    ...formatOf(t),
    ...(t.name?.trim() ? { name: t.name } : {}),
  };
}

export type ExamTextsResult =
  { ok: true; texts: ExamText[] } | { ok: false; issues: ValidationIssue[] };

/**
 * Parses the texts of an exam with `questionCount` questions (absent: none). Every problem
 * comes back with its field path (`texts[2].beforeQuestion`). Texts are returned in the
 * order they are shown: by place, and in list order at one place.
 */
export function parseExamTexts(
  raw: unknown,
  questionCount: number,
  field = 'texts',
): ExamTextsResult {
  if (raw === undefined) return { ok: true, texts: [] };
  if (!Array.isArray(raw))
    return { ok: false, issues: [{ field, problems: ['must be an array'] }] };
  if (raw.length > MAX_EXAM_TEXTS) {
    return {
      ok: false,
      issues: [{ field, problems: [`at most ${MAX_EXAM_TEXTS} texts between questions`] }],
    };
  }
  const found: Array<{ field: string; problem: string }> = [];
  const texts: ExamText[] = [];
  raw.forEach((one, i) => {
    const parsed = examTextSchema.safeParse(sanitized(one));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        found.push({
          field: [`${field}[${i}]`, ...issue.path].join('.'),
          problem: issue.message,
        });
      }
      return;
    }
    if (parsed.data.beforeQuestion > questionCount) {
      found.push({
        field: `${field}[${i}].beforeQuestion`,
        problem: `must be at most ${questionCount} (the number of questions: after the last one)`,
      });
      return;
    }
    texts.push(normalText(parsed.data));
  });
  const ids = texts.flatMap((t) => (t.id ? [t.id] : []));
  const dup = ids.filter((x, i) => ids.indexOf(x) !== i);
  if (dup.length)
    found.push({ field, problem: `text ids are repeated: ${[...new Set(dup)].join(', ')}` });
  if (found.length) return { ok: false, issues: groupIssues(found) };
  return { ok: true, texts: inShownOrder(texts) };
}

/** By place, keeping list order at one place (a stable sort). */
export function inShownOrder<T extends { beforeQuestion: number }>(texts: readonly T[]): T[] {
  return texts
    .map((t, i) => ({ t, i }))
    .sort((a, b) => a.t.beforeQuestion - b.t.beforeQuestion || a.i - b.i)
    .map(({ t }) => t);
}

/**
 * The texts as students get them: each placed before the question it was written before
 * (by id, so it follows that question in a shuffled order), or after the last question.
 */
export function studentTexts(
  texts: ReadonlyArray<ExamText & { id: string }>,
  questionIds: readonly string[],
): StudentExamText[] {
  return texts.map((t) => ({
    id: t.id,
    beforeQuestionId: questionIds[t.beforeQuestion] ?? null,
    text: t.text,
    ...formatOf(t),
  }));
}

/**
 * Texts and questions in one list, in the order the exam shows them (exports write them so):
 * `{ text }` entries before the question they precede, trailing texts at the end.
 */
export function interleave<Q, T extends { beforeQuestion: number }>(
  questions: readonly Q[],
  texts: readonly T[],
): Array<{ question: Q; index: number } | { text: T }> {
  const out: Array<{ question: Q; index: number } | { text: T }> = [];
  const ordered = inShownOrder(texts);
  let next = 0;
  questions.forEach((question, index) => {
    while (next < ordered.length && ordered[next].beforeQuestion <= index) {
      out.push({ text: ordered[next++] });
    }
    out.push({ question, index });
  });
  while (next < ordered.length) out.push({ text: ordered[next++] });
  return out;
}
