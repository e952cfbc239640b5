/**
 * Parses an untrusted question definition (request body, GIFT mapping, seed file) into a typed
 * QuestionDefinition: structure, types and unknown fields first (zod), then the grading
 * rules' own checks (validateQuestion). Every problem comes back with its field path.
 */
import { z } from 'zod';
import { TEXT_FORMATS, type QuestionDefinition, type ValidationIssue } from '@exam/contracts';
import { sanitizeRawQuestion } from './rich-text';
import { validateQuestion } from './validate-question';

const id = z.string().trim().min(1).max(64);
const text = z.string().trim().min(1, 'must not be empty').max(2000);
const option = z.object({ id, text }).strict();
const percent = z.number().finite().min(0).max(100);
/** Feedback a student reads in a released review (empty = none). */
const feedback = z.string().trim().max(10_000).optional();
const tag = z.string().trim().min(1, 'must not be empty').max(100);
const base = {
  id: z.string().uuid().optional(),
  prompt: z.string().trim().min(1, 'must not be empty').max(10_000),
  format: z.enum(TEXT_FORMATS).optional(),
  points: z.number().finite().gt(0, 'must be more than 0').max(1000),
  name: z.string().trim().max(255).optional(),
  tags: z.array(tag).max(50).optional(),
  generalFeedback: feedback,
};

export const questionSchema = z.discriminatedUnion(
  'type',
  [
    z
      .object({
        ...base,
        type: z.literal('single_choice'),
        options: z
          .array(
            z
              .object({
                id,
                text,
                feedback,
                creditPercent: z.number().finite().min(-100).max(100).optional(),
              })
              .strict(),
          )
          .max(50),
        correctOptionId: id,
        negativeMarkPercent: percent.optional(),
      })
      .strict(),
    z
      .object({
        ...base,
        type: z.literal('true_false'),
        correct: z.boolean(),
        negativeMarkPercent: percent.optional(),
        feedbackTrue: feedback,
        feedbackFalse: feedback,
      })
      .strict(),
    z
      .object({
        ...base,
        type: z.literal('multiple_response'),
        options: z
          .array(
            z
              .object({ id, text, weight: z.number().finite().min(-100).max(100), feedback })
              .strict(),
          )
          .max(50),
        allOrNothing: z.boolean().optional(),
      })
      .strict(),
    z
      .object({
        ...base,
        type: z.literal('short_text'),
        acceptedAnswers: z
          .array(
            z
              .object({
                text: z.string().max(500),
                creditPercent: z.number().finite().gt(0).max(100),
                feedback,
              })
              .strict(),
          )
          .max(100),
        caseSensitive: z.boolean().optional(),
        foldAccents: z.boolean().optional(),
        wildcards: z.boolean().optional(),
        maxLength: z.number().int().min(1).max(10_000).optional(),
      })
      .strict(),
    z
      .object({
        ...base,
        type: z.literal('numeric'),
        acceptedAnswers: z
          .array(
            z
              .object({
                value: z.number().finite().optional(),
                tolerance: z.number().finite().min(0).optional(),
                toleranceMode: z.enum(['absolute', 'relative']).optional(),
                min: z.number().finite().optional(),
                max: z.number().finite().optional(),
                creditPercent: z.number().finite().gt(0).max(100),
                feedback,
              })
              .strict(),
          )
          .max(50),
        unit: z.string().trim().max(50).optional(),
      })
      .strict(),
    z
      .object({
        ...base,
        type: z.literal('essay'),
        maxWords: z.number().int().min(1).max(20_000).optional(),
        gradingNotes: z.string().max(10_000).optional(),
      })
      .strict(),
    z
      .object({
        ...base,
        type: z.literal('ordering'),
        items: z.array(option).max(50),
        correctOrder: z.array(id).max(50),
        scoring: z.enum(['exact', 'position', 'neighbours']).optional(),
      })
      .strict(),
    z
      .object({
        ...base,
        type: z.literal('matching'),
        left: z.array(option).max(50),
        right: z.array(option).max(50),
        correctPairs: z.record(id, id),
      })
      .strict(),
  ],
  {
    errorMap: (issue, ctx) =>
      issue.code === 'invalid_union_discriminator'
        ? {
            message:
              'type must be one of single_choice, true_false, multiple_response, short_text, numeric, essay, ordering, matching',
          }
        : { message: ctx.defaultError },
  },
);

// Compile-time check: whatever the schema accepts is a QuestionDefinition.
type Parsed = z.infer<typeof questionSchema>;
const _compatible: Parsed extends QuestionDefinition ? true : false = true;
void _compatible;

function pathOf(prefix: string, path: Array<string | number>): string {
  let out = prefix;
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out;
}

/** Groups problems by field, keeping the order they were found in. */
export function groupIssues(list: Array<{ field: string; problem: string }>): ValidationIssue[] {
  const map = new Map<string, string[]>();
  for (const { field, problem } of list) {
    const arr = map.get(field) ?? [];
    if (!arr.includes(problem)) arr.push(problem);
    map.set(field, arr);
  }
  return [...map.entries()].map(([field, problems]) => ({ field, problems }));
}

export type ParseResult =
  { ok: true; question: QuestionDefinition } | { ok: false; issues: ValidationIssue[] };

/** Parses one question; `field` prefixes every problem (e.g. "questions[3]"). */
export function parseQuestion(raw: unknown, field = ''): ParseResult {
  // HTML is cleaned first, so the limits (not empty, length) apply to what is kept.
  const parsed = questionSchema.safeParse(sanitizeRawQuestion(raw));
  if (!parsed.success) {
    return {
      ok: false,
      issues: groupIssues(
        parsed.error.issues.map((i) => ({
          field: pathOf(field, i.path) || 'question',
          problem: i.message,
        })),
      ),
    };
  }
  const question = parsed.data as QuestionDefinition;
  const problems = validateQuestion(question);
  if (problems.length) {
    return {
      ok: false,
      issues: groupIssues(
        problems.map((p) => ({
          field: pathOf(field, p.path) || 'question',
          problem: p.message,
        })),
      ),
    };
  }
  return { ok: true, question };
}

/** Parses a list of questions; all problems of all questions are returned together. */
export function parseQuestions(
  raw: unknown,
  field = 'questions',
): { ok: true; questions: QuestionDefinition[] } | { ok: false; issues: ValidationIssue[] } {
  if (!Array.isArray(raw))
    return { ok: false, issues: [{ field, problems: ['must be an array'] }] };
  const questions: QuestionDefinition[] = [];
  const issues: ValidationIssue[] = [];
  raw.forEach((q, i) => {
    const r = parseQuestion(q, `${field}[${i}]`);
    if (r.ok) questions.push(r.question);
    else issues.push(...r.issues);
  });
  const ids = questions.map((q) => q.id).filter((x): x is string => x !== undefined);
  const dup = ids.filter((x, i) => ids.indexOf(x) !== i);
  if (dup.length)
    issues.push({
      field,
      problems: [`question ids are repeated: ${[...new Set(dup)].join(', ')}`],
    });
  return issues.length ? { ok: false, issues } : { ok: true, questions };
}
