/**
 * What a student sees: questions without keys, in this student's order. The order comes from
 * a seeded RNG (seed = e.g. the student session id), so it is reproducible, and it is stored
 * (OptionOrder) so review and grading see exactly what the student saw.
 *
 * Shuffling rules: questions when the exam's shuffleQuestions is on; choice options when
 * shuffleOptions is on; ordering items and matching answers ALWAYS (their authored order
 * could give the answer away).
 */
import type { ChoiceOption, QuestionType, StudentQuestionView } from '@exam/contracts';
import { formatOf, type QuestionBody, type QuestionBodyByType } from './question-parts';

/** The student-visible parts of a stored question. */
export interface PublicQuestion {
  id: string;
  type: QuestionType;
  prompt: string;
  points: number;
  body: QuestionBody;
}

/** Key of the question order inside an OptionOrder. */
export const QUESTION_ORDER_KEY = '__questions__';

/** question id -> ids of its options/items/right answers in the order shown; plus the question order. */
export type OptionOrder = Record<string, string[]>;

/** xmur3 string hash -> 32-bit seed. */
function hashSeed(s: string): number {
  let h = 1779033703 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    h = Math.imul(h ^ s.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  h = Math.imul(h ^ (h >>> 16), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return (h ^= h >>> 16) >>> 0;
}

/** mulberry32: a small, fast, well-distributed PRNG; returns floats in [0, 1). */
export function seededRandom(seed: string): () => number {
  let a = hashSeed(seed);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates with the given RNG; returns a new array. */
export function shuffle<T>(list: readonly T[], rnd: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The ids a question's shuffle applies to (options, items or right answers), if any. */
function shuffledList(q: PublicQuestion, shuffleOptions: boolean): ChoiceOption[] | null {
  switch (q.type) {
    case 'single_choice':
    case 'multiple_response':
      return shuffleOptions ? (q.body as QuestionBodyByType['single_choice']).options : null;
    case 'ordering':
      return (q.body as QuestionBodyByType['ordering']).items;
    case 'matching':
      return (q.body as QuestionBodyByType['matching']).right;
    case 'true_false':
    case 'short_text':
    case 'numeric':
    case 'essay':
      return null;
  }
}

/**
 * Plans one student's order. Each question gets its own RNG stream (seed + question id), so
 * one question's shuffle does not depend on the others.
 */
export function planOrder(
  questions: readonly PublicQuestion[],
  settings: { shuffleQuestions: boolean; shuffleOptions: boolean },
  seed: string,
): OptionOrder {
  const ids = questions.map((q) => q.id);
  const order: OptionOrder = {
    [QUESTION_ORDER_KEY]: settings.shuffleQuestions ? shuffle(ids, seededRandom(`${seed}|q`)) : ids,
  };
  for (const q of questions) {
    const list = shuffledList(q, settings.shuffleOptions);
    if (list) order[q.id] = shuffle(list, seededRandom(`${seed}|${q.id}`)).map((o) => o.id);
  }
  return order;
}

/** Sorts `list` by the stored id order; ids not in it (should not happen) keep their place at the end. */
function applyOrder(list: readonly ChoiceOption[], ids: string[] | undefined): ChoiceOption[] {
  const clean = list.map(({ id, text }) => ({ id, text }));
  if (!ids) return clean;
  const pos = new Map(ids.map((id, i) => [id, i]));
  return clean
    .map((o, i) => ({ o, k: pos.get(o.id) ?? ids.length + i }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.o);
}

/**
 * The order changes nothing: questions in their stored order and no list reordered (the
 * exam shuffles nothing for this student), so the shared views apply.
 */
export function isStoredOrder(questions: readonly PublicQuestion[], order: OptionOrder): boolean {
  for (const k in order) if (k !== QUESTION_ORDER_KEY) return false;
  const ids = order[QUESTION_ORDER_KEY];
  if (!ids) return true;
  if (ids.length !== questions.length) return false;
  for (let i = 0; i < ids.length; i++) if (ids[i] !== questions[i]?.id) return false;
  return true;
}

/**
 * The order a student's views must be built with: theirs when it changes something, null when
 * it is the stored one (so the views every such student shares apply).
 */
export function ownOrder(
  questions: readonly PublicQuestion[],
  order: OptionOrder | null | undefined,
): OptionOrder | null {
  return order && !isStoredOrder(questions, order) ? order : null;
}

/** Builds a student's view from stored public parts and the student's stored order. */
export function toStudentViews(
  questions: readonly PublicQuestion[],
  order: OptionOrder | null,
): StudentQuestionView[] {
  const qOrder = order?.[QUESTION_ORDER_KEY];
  const byId = new Map(questions.map((q) => [q.id, q]));
  const sorted = qOrder
    ? [
        ...qOrder.map((id) => byId.get(id)).filter((q): q is PublicQuestion => !!q),
        ...questions.filter((q) => !qOrder.includes(q.id)),
      ]
    : [...questions];
  return sorted.map((q, position) => cachedView(q, position, order?.[q.id]));
}

/**
 * Views already built, per question object: a view depends only on the question, its
 * position and the order of its options, and students share those (4 options have 24
 * orders). A join storm after a launch or a restart builds each student's questions; with
 * the cache most of them are a lookup. Views are never changed after they are built (they
 * are serialised). Bounded per question: an order seen after that is built each time.
 */
const viewCache = new WeakMap<PublicQuestion, Map<string, StudentQuestionView>>();
export const VIEW_CACHE_PER_QUESTION = 256;

function cachedView(
  q: PublicQuestion,
  position: number,
  ids: string[] | undefined,
): StudentQuestionView {
  let views = viewCache.get(q);
  if (!views) viewCache.set(q, (views = new Map()));
  const key = ids ? `${position}|${ids.join('|')}` : String(position);
  let v = views.get(key);
  if (!v) {
    v = studentView(q, position, ids);
    if (views.size < VIEW_CACHE_PER_QUESTION) views.set(key, v);
  }
  return v;
}

function studentView(
  q: PublicQuestion,
  position: number,
  ids: string[] | undefined,
): StudentQuestionView {
  const base = { id: q.id, position, prompt: q.prompt, ...formatOf(q.body), points: q.points };
  switch (q.type) {
    case 'single_choice': {
      const b = q.body as QuestionBodyByType['single_choice'];
      return { ...base, type: 'single_choice', options: applyOrder(b.options, ids) };
    }
    case 'true_false':
      return { ...base, type: 'true_false' };
    case 'multiple_response': {
      const b = q.body as QuestionBodyByType['multiple_response'];
      return { ...base, type: 'multiple_response', options: applyOrder(b.options, ids) };
    }
    case 'short_text': {
      const b = q.body as QuestionBodyByType['short_text'];
      return { ...base, type: 'short_text', ...(b.maxLength ? { maxLength: b.maxLength } : {}) };
    }
    case 'numeric': {
      const b = q.body as QuestionBodyByType['numeric'];
      return { ...base, type: 'numeric', ...(b.unit ? { unit: b.unit } : {}) };
    }
    case 'essay': {
      const b = q.body as QuestionBodyByType['essay'];
      return { ...base, type: 'essay', ...(b.maxWords ? { maxWords: b.maxWords } : {}) };
    }
    case 'ordering': {
      const b = q.body as QuestionBodyByType['ordering'];
      return { ...base, type: 'ordering', items: applyOrder(b.items, ids) };
    }
    case 'matching': {
      const b = q.body as QuestionBodyByType['matching'];
      return {
        ...base,
        type: 'matching',
        left: applyOrder(b.left, undefined),
        right: applyOrder(b.right, ids),
      };
    }
  }
}
