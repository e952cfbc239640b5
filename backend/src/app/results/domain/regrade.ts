/**
 * Regrade: fixes to a finished session's questions, applied to the session's own copy of
 * them. Pure: the request is parsed and checked here (every problem reported by field), the
 * new question set comes back, and the before/after of each attempt is compared here; the
 * service re-scores the stored answers and writes. Stored answers never change.
 *
 * A fix may change the key only: prompt, points, options, items and matching sides stay
 * what the students saw (a different question would need a different sitting).
 */
import { z } from 'zod';
import type {
  QuestionAdjustment,
  QuestionDefinition,
  RegradeChange,
  RegradeStudentDiff,
  ScoreTotals,
  ValidationIssue,
} from '@exam/contracts';
import { parseQuestion } from '../../exams/domain/question-schema';
import { splitQuestion } from '../../exams/domain/question-parts';
import { normalizeText } from '../../exams/domain/text-match';

export interface RegradableQuestion {
  id: string;
  definition: QuestionDefinition & { id: string };
  adjustment: QuestionAdjustment;
}

const questionId = z.string().min(1).max(36);
const changeSchema = z.discriminatedUnion('action', [
  z.object({ questionId, action: z.literal('update_key'), question: z.unknown() }).strict(),
  z
    .object({
      questionId,
      action: z.literal('accept_answer'),
      text: z.string().trim().min(1, 'must not be empty').max(500),
      creditPercent: z.number().min(1).max(100).optional(),
    })
    .strict(),
  z.object({ questionId, action: z.literal('full_marks') }).strict(),
  z.object({ questionId, action: z.literal('drop') }).strict(),
  z.object({ questionId, action: z.literal('restore') }).strict(),
]);
const requestSchema = z
  .object({
    changes: z.array(z.unknown()).min(1, 'list at least one change').max(100),
    note: z.string().trim().max(1000).optional(),
  })
  .strict();

export type ParsedRegrade =
  | { ok: true; changes: RegradeChange[]; note: string | null }
  | { ok: false; issues: ValidationIssue[] };

/** Parses an untrusted regrade request (the shapes; the rules come with applyChanges). */
export function parseRegrade(raw: unknown): ParsedRegrade {
  const top = requestSchema.safeParse(raw);
  if (!top.success) {
    return {
      ok: false,
      issues: top.error.issues.map((i) => ({
        field: i.path.join('.') || 'body',
        problems: [i.message],
      })),
    };
  }
  const issues: ValidationIssue[] = [];
  const changes: RegradeChange[] = [];
  top.data.changes.forEach((c, i) => {
    const r = changeSchema.safeParse(c);
    if (!r.success) {
      for (const e of r.error.issues) {
        issues.push({ field: [`changes[${i}]`, ...e.path].join('.'), problems: [e.message] });
      }
      return;
    }
    if (r.data.action === 'update_key') {
      const q = parseQuestion(r.data.question, `changes[${i}].question`);
      if (!q.ok) issues.push(...q.issues);
      else
        changes.push({ questionId: r.data.questionId, action: 'update_key', question: q.question });
      return;
    }
    changes.push(r.data);
  });
  if (issues.length) return { ok: false, issues };
  return { ok: true, changes, note: top.data.note || null };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The key of a fix may change; what the students saw may not. */
function sameQuestionForStudents(a: QuestionDefinition, b: QuestionDefinition): string | null {
  if (a.type !== b.type) return `keep the type ${a.type}`;
  const pa = splitQuestion(a);
  const pb = splitQuestion(b);
  if (pa.prompt !== pb.prompt) return 'the prompt cannot change in a regrade';
  if (pa.points !== pb.points) return 'the points cannot change in a regrade';
  if (!same(pa.body, pb.body)) {
    return 'options, items and matching sides cannot change in a regrade (only the key)';
  }
  return null;
}

export type AppliedRegrade =
  | { ok: true; questions: RegradableQuestion[]; changedIds: string[] }
  | { ok: false; issues: ValidationIssue[] };

/** Applies the changes, in order, to a copy of the session's questions. */
export function applyChanges(
  questions: readonly RegradableQuestion[],
  changes: readonly RegradeChange[],
): AppliedRegrade {
  const out = questions.map((q) => ({ ...q, definition: structuredClone(q.definition) }));
  const byId = new Map(out.map((q) => [q.id, q]));
  const issues: ValidationIssue[] = [];
  const changed = new Set<string>();
  changes.forEach((c, i) => {
    const field = `changes[${i}]`;
    const q = byId.get(c.questionId);
    if (!q) {
      issues.push({
        field: `${field}.questionId`,
        problems: ['is not a question of this session'],
      });
      return;
    }
    switch (c.action) {
      case 'update_key': {
        const next = { ...c.question, id: q.id } as QuestionDefinition & { id: string };
        const why = sameQuestionForStudents(q.definition, next);
        if (why) {
          issues.push({ field: `${field}.question`, problems: [why] });
          return;
        }
        q.definition = next;
        break;
      }
      case 'accept_answer': {
        if (q.definition.type !== 'short_text') {
          issues.push({
            field: `${field}.action`,
            problems: ['accept_answer is for short-text questions; use update_key for the others'],
          });
          return;
        }
        const d = q.definition;
        const credit = c.creditPercent ?? 100;
        const opts = {
          caseSensitive: d.caseSensitive ?? false,
          foldAccents: d.foldAccents ?? false,
        };
        const key = normalizeText(c.text, opts);
        const existing = d.acceptedAnswers.find((a) => normalizeText(a.text, opts) === key);
        if (existing) existing.creditPercent = Math.max(existing.creditPercent, credit);
        else d.acceptedAnswers.push({ text: c.text.trim(), creditPercent: credit });
        break;
      }
      case 'full_marks':
        q.adjustment = 'full_marks';
        break;
      case 'drop':
        q.adjustment = 'dropped';
        break;
      case 'restore':
        q.adjustment = 'none';
        break;
    }
    changed.add(q.id);
  });
  if (issues.length) return { ok: false, issues };
  return { ok: true, questions: out, changedIds: [...changed] };
}

export interface AttemptScores {
  studentSessionId: string;
  studentId: string;
  studentName: string;
  totals: ScoreTotals;
  /** questionId -> points (null = pending or dropped). */
  points: ReadonlyMap<string, number | null>;
}

/** The attempt's before/after, or null when nothing about it changes. */
export function compareAttempt(
  before: AttemptScores,
  after: AttemptScores,
): RegradeStudentDiff | null {
  const questions: RegradeStudentDiff['questions'] = [];
  for (const [id, b] of before.points) {
    const a = after.points.get(id) ?? null;
    if (a !== b) questions.push({ questionId: id, before: b, after: a });
  }
  const t = (x: ScoreTotals) => `${x.score}|${x.maxScore}|${x.percent}|${x.result}`;
  if (questions.length === 0 && t(before.totals) === t(after.totals)) return null;
  return {
    studentSessionId: before.studentSessionId,
    studentId: before.studentId,
    studentName: before.studentName,
    before: before.totals,
    after: after.totals,
    questions,
  };
}
