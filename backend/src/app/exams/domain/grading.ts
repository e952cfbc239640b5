/**
 * Auto-grading of one answer per question type (table in product.md), and the exam total.
 * Pure: a definition (with key) and whatever the student sent; never throws on bad input —
 * an answer of the wrong shape scores 0 and says why.
 */
import type {
  AnswerValueByType,
  NumericAccepted,
  QuestionDefinition,
  QuestionDefinitionOf,
  QuestionGrade,
} from '@exam/contracts';
import { textMatches } from './text-match';

/** Scores are kept to 2 decimals; the correct answer always gets exactly the points. */
export function round2(x: number): number {
  const r = Math.round((x + Number.EPSILON * Math.sign(x)) * 100) / 100;
  return Object.is(r, -0) ? 0 : r;
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function grade(score: number, maxScore: number, details: string[], manual = false): QuestionGrade {
  return { score: round2(score), maxScore, needsManualGrading: manual, details };
}

const noAnswer = (max: number, why = 'no answer') => grade(0, max, [why]);

/** Reads a value that fits the type, or null when the answer is missing or of another shape. */
function read<T extends keyof AnswerValueByType>(type: T, a: unknown): AnswerValueByType[T] | null {
  if (!isObj(a)) return null;
  switch (type) {
    case 'single_choice':
      return (typeof a.optionId === 'string' ? { optionId: a.optionId } : null) as
        AnswerValueByType[T] | null;
    case 'true_false':
      return (typeof a.value === 'boolean' ? { value: a.value } : null) as
        AnswerValueByType[T] | null;
    case 'multiple_response':
      return (
        Array.isArray(a.optionIds) && a.optionIds.every((x) => typeof x === 'string')
          ? { optionIds: a.optionIds as string[] }
          : null
      ) as AnswerValueByType[T] | null;
    case 'short_text':
    case 'essay':
      return (typeof a.text === 'string' ? { text: a.text } : null) as AnswerValueByType[T] | null;
    case 'numeric':
      return (
        typeof a.value === 'number' && Number.isFinite(a.value) ? { value: a.value } : null
      ) as AnswerValueByType[T] | null;
    case 'ordering':
      return (
        Array.isArray(a.order) && a.order.every((x) => typeof x === 'string')
          ? { order: a.order as string[] }
          : null
      ) as AnswerValueByType[T] | null;
    case 'matching':
      return (isObj(a.pairs) ? { pairs: a.pairs as Record<string, string> } : null) as
        AnswerValueByType[T] | null;
  }
  return null;
}

function penalty(points: number, pct: number | undefined): number {
  return pct ? -(points * pct) / 100 : 0;
}

function gradeSingle(q: QuestionDefinitionOf<'single_choice'>, raw: unknown): QuestionGrade {
  if (raw === null || raw === undefined) return noAnswer(q.points);
  const a = read('single_choice', raw);
  if (!a) return noAnswer(q.points, 'the answer is not a single choice ({optionId})');
  const chosen = q.options.find((o) => o.id === a.optionId);
  if (!chosen) return noAnswer(q.points, `unknown option "${a.optionId}"`);
  if (a.optionId === q.correctOptionId) return grade(q.points, q.points, ['correct']);
  // An option's own credit: partial credit, another right option, or its own penalty.
  const credit = chosen.creditPercent;
  if (credit !== undefined) {
    const why =
      credit >= 100
        ? 'correct'
        : credit > 0
          ? `partly right: ${credit} % of the points`
          : credit < 0
            ? `wrong: ${-credit} % deducted`
            : 'wrong';
    return grade((q.points * credit) / 100, q.points, [why]);
  }
  const p = penalty(q.points, q.negativeMarkPercent);
  return grade(p, q.points, [p ? `wrong: ${q.negativeMarkPercent} % deducted` : 'wrong']);
}

function gradeTrueFalse(q: QuestionDefinitionOf<'true_false'>, raw: unknown): QuestionGrade {
  if (raw === null || raw === undefined) return noAnswer(q.points);
  const a = read('true_false', raw);
  if (!a) return noAnswer(q.points, 'the answer is not true or false ({value: boolean})');
  if (a.value === q.correct) return grade(q.points, q.points, ['correct']);
  const p = penalty(q.points, q.negativeMarkPercent);
  return grade(p, q.points, [p ? `wrong: ${q.negativeMarkPercent} % deducted` : 'wrong']);
}

function gradeMultiple(q: QuestionDefinitionOf<'multiple_response'>, raw: unknown): QuestionGrade {
  if (raw === null || raw === undefined) return noAnswer(q.points);
  const a = read('multiple_response', raw);
  if (!a) return noAnswer(q.points, 'the answer is not a list of options ({optionIds})');
  const weights = new Map(q.options.map((o) => [o.id, o.weight]));
  const details: string[] = [];
  const chosen = [...new Set(a.optionIds)].filter((id) => {
    if (weights.has(id)) return true;
    details.push(`unknown option "${id}" ignored`);
    return false;
  });
  if (!chosen.length) return grade(0, q.points, [...details, 'no option chosen']);
  const correct = q.options.filter((o) => o.weight > 0).map((o) => o.id);
  const exact = chosen.length === correct.length && correct.every((id) => chosen.includes(id));
  if (exact) return grade(q.points, q.points, [...details, 'all correct options and nothing else']);
  if (q.allOrNothing) {
    return grade(0, q.points, [
      ...details,
      'all or nothing: the choice is not exactly the correct options',
    ]);
  }
  let pct = 0;
  for (const id of chosen) {
    const w = weights.get(id) ?? 0;
    pct += w;
    details.push(`option "${id}": ${w > 0 ? '+' : ''}${w} %`);
  }
  if (pct < 0) details.push('floored at 0');
  const fraction = Math.min(1, Math.max(0, pct / 100));
  return grade(q.points * fraction, q.points, details);
}

function gradeShortText(q: QuestionDefinitionOf<'short_text'>, raw: unknown): QuestionGrade {
  if (raw === null || raw === undefined) return noAnswer(q.points);
  const a = read('short_text', raw);
  if (!a) return noAnswer(q.points, 'the answer is not text ({text})');
  if (!a.text.trim()) return noAnswer(q.points);
  const opts = {
    caseSensitive: q.caseSensitive ?? false,
    foldAccents: q.foldAccents ?? false,
    wildcards: q.wildcards ?? false,
  };
  let best = 0;
  for (const acc of q.acceptedAnswers) {
    if (acc.creditPercent > best && textMatches(a.text, acc.text, opts)) best = acc.creditPercent;
  }
  if (!best) return grade(0, q.points, ['not an accepted answer']);
  return grade((q.points * Math.min(100, best)) / 100, q.points, [
    `accepted with ${best} % credit`,
  ]);
}

/** Is x accepted by this numeric answer? A tiny epsilon absorbs binary floating point (0.1 + 0.2). */
export function numericMatches(x: number, acc: NumericAccepted): boolean {
  if (acc.value !== undefined) {
    const tol =
      acc.toleranceMode === 'relative'
        ? (acc.tolerance ?? 0) * Math.abs(acc.value)
        : (acc.tolerance ?? 0);
    const eps = 1e-9 * Math.max(1, Math.abs(acc.value));
    return Math.abs(x - acc.value) <= tol + eps;
  }
  if (acc.min !== undefined && acc.max !== undefined) {
    const eps = 1e-9 * Math.max(1, Math.abs(acc.min), Math.abs(acc.max));
    return x >= acc.min - eps && x <= acc.max + eps;
  }
  return false;
}

function gradeNumeric(q: QuestionDefinitionOf<'numeric'>, raw: unknown): QuestionGrade {
  if (raw === null || raw === undefined) return noAnswer(q.points);
  const a = read('numeric', raw);
  if (!a) return noAnswer(q.points, 'the answer is not a finite number ({value})');
  let best = 0;
  for (const acc of q.acceptedAnswers) {
    if (acc.creditPercent > best && numericMatches(a.value, acc)) best = acc.creditPercent;
  }
  if (!best) return grade(0, q.points, ['outside every accepted value and range']);
  return grade((q.points * Math.min(100, best)) / 100, q.points, [
    `accepted with ${best} % credit`,
  ]);
}

export function countWords(text: string): number {
  const t = text.trim();
  return t ? t.split(/\s+/u).length : 0;
}

function gradeEssay(q: QuestionDefinitionOf<'essay'>, raw: unknown): QuestionGrade {
  if (raw === null || raw === undefined) return noAnswer(q.points);
  const a = read('essay', raw);
  if (!a) return noAnswer(q.points, 'the answer is not text ({text})');
  const words = countWords(a.text);
  if (!words) return noAnswer(q.points, 'empty essay: nothing to grade');
  const details = [`${words} words`];
  if (q.maxWords !== undefined && words > q.maxWords)
    details.push(`over the ${q.maxWords}-word limit`);
  details.push('needs manual grading');
  return grade(0, q.points, details, true);
}

function gradeOrdering(q: QuestionDefinitionOf<'ordering'>, raw: unknown): QuestionGrade {
  if (raw === null || raw === undefined) return noAnswer(q.points);
  const a = read('ordering', raw);
  if (!a) return noAnswer(q.points, 'the answer is not a list of item ids ({order})');
  const ids = new Set(q.items.map((i) => i.id));
  const order = a.order;
  const valid =
    order.length === q.correctOrder.length &&
    new Set(order).size === order.length &&
    order.every((id) => ids.has(id));
  if (!valid) return noAnswer(q.points, 'the order must list every item exactly once');
  const key = q.correctOrder;
  const n = key.length;
  if (order.every((id, i) => id === key[i])) return grade(q.points, q.points, ['correct order']);
  const scoring = q.scoring ?? 'exact';
  switch (scoring) {
    case 'exact':
      return grade(0, q.points, ['wrong order (exact order required)']);
    case 'position': {
      const right = order.filter((id, i) => id === key[i]).length;
      return grade((q.points * right) / n, q.points, [`${right} of ${n} items in the right place`]);
    }
    case 'neighbours': {
      const next = new Map(order.slice(0, -1).map((id, i) => [id, order[i + 1]]));
      let right = 0;
      for (let i = 0; i < n - 1; i++) if (next.get(key[i]) === key[i + 1]) right++;
      return grade((q.points * right) / (n - 1), q.points, [
        `${right} of ${n - 1} neighbour pairs in the right order`,
      ]);
    }
  }
}

function gradeMatching(q: QuestionDefinitionOf<'matching'>, raw: unknown): QuestionGrade {
  if (raw === null || raw === undefined) return noAnswer(q.points);
  const a = read('matching', raw);
  if (!a) return noAnswer(q.points, 'the answer is not a map of pairs ({pairs})');
  const details: string[] = [];
  const left = q.left.map((l) => l.id);
  for (const k of Object.keys(a.pairs)) {
    if (!left.includes(k)) details.push(`unknown item "${k}" ignored`);
  }
  const right = left.filter(
    (l) => Object.prototype.hasOwnProperty.call(a.pairs, l) && a.pairs[l] === q.correctPairs[l],
  ).length;
  details.push(`${right} of ${left.length} pairs correct`);
  return grade((q.points * right) / left.length, q.points, details);
}

/** Grades one answer. `answer` is untrusted: anything of the wrong shape scores 0. */
export function gradeAnswer(q: QuestionDefinition, answer: unknown): QuestionGrade {
  switch (q.type) {
    case 'single_choice':
      return gradeSingle(q, answer);
    case 'true_false':
      return gradeTrueFalse(q, answer);
    case 'multiple_response':
      return gradeMultiple(q, answer);
    case 'short_text':
      return gradeShortText(q, answer);
    case 'numeric':
      return gradeNumeric(q, answer);
    case 'essay':
      return gradeEssay(q, answer);
    case 'ordering':
      return gradeOrdering(q, answer);
    case 'matching':
      return gradeMatching(q, answer);
  }
}

/** The lowest score a question can give (below 0 only with a negative mark). */
export function minScore(q: QuestionDefinition): number {
  if (q.type === 'single_choice' || q.type === 'true_false') {
    return round2(penalty(q.points, q.negativeMarkPercent));
  }
  return 0;
}

export interface ExamGrade {
  /** Sum of question scores, floored at 0 (negative marks never make an exam negative). */
  score: number;
  maxScore: number;
  /** score / maxScore in percent, 2 decimals. */
  percent: number;
  /** Pass/fail by the exam's passing score; null while answers still need manual grading. */
  passed: boolean | null;
  pendingManual: number;
  questions: QuestionGrade[];
}

/**
 * Totals an exam. `manualScores` holds the human grade of manually graded questions (by
 * index); a question needing manual grading without one counts as pending.
 */
export function gradeExam(
  items: Array<{ question: QuestionDefinition; answer: unknown; manualScore?: number }>,
  passingScore: number,
): ExamGrade {
  const questions = items.map(({ question, answer, manualScore }) => {
    const g = gradeAnswer(question, answer);
    if (g.needsManualGrading && manualScore !== undefined) {
      const s = round2(Math.min(g.maxScore, Math.max(0, manualScore)));
      return {
        ...g,
        score: s,
        needsManualGrading: false,
        details: [...g.details, `graded by hand: ${s}`],
      };
    }
    return g;
  });
  const maxScore = round2(questions.reduce((s, g) => s + g.maxScore, 0));
  const score = round2(
    Math.max(
      0,
      questions.reduce((s, g) => s + g.score, 0),
    ),
  );
  const percent = maxScore > 0 ? round2((score / maxScore) * 100) : 0;
  const pendingManual = questions.filter((g) => g.needsManualGrading).length;
  return {
    score,
    maxScore,
    percent,
    passed: pendingManual ? null : percent >= passingScore,
    pendingManual,
    questions,
  };
}
