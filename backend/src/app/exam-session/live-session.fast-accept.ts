/**
 * Fast acceptance of the two payloads parsed for every answer frame: the frame's data and the
 * answer value (issue 16). The zod schemas (live-session.schemas.ts) stay the authority:
 * these say yes only to a payload that its schema accepts unchanged (exactly the schema's
 * fields, each of the right type and size, a plain object as JSON.parse makes). Anything
 * else, every invalid payload included, goes through zod for its verdict and its words.
 * zod made ~1 KB of short-lived objects per answer frame and ~2 µs of CPU; these make none.
 * live-session.fast-accept.spec checks them against the schemas, sample by sample.
 */
import type { AnswerValue, QuestionType } from '@exam/contracts';

/** The limits the schemas use too (one place for each number). */
export const MAX_ID_LENGTH = 36;
export const MAX_OPTION_ID_LENGTH = 64;
export const MAX_TEXT_LENGTH = 100_000;
export const MAX_LIST_LENGTH = 200;
/** 8-100 characters, URL-safe: a UUID, a ULID, "q3-17-1700000000000"... */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_\-:.]{8,100}$/;

/** The answer frame's data, as answerSchema gives it. */
export interface PlainAnswer {
  sessionId: string;
  questionId: string;
  answer: unknown;
  key: string;
  seq: number;
}

const own = Object.prototype.hasOwnProperty;

/** A plain object (prototype Object.prototype) with exactly `count` properties, all its own. */
function plainObject(v: unknown, count: number): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Object.getPrototypeOf(v) !== Object.prototype) {
    return false;
  }
  let n = 0;
  for (const k in v) {
    if (!own.call(v, k)) return false;
    n++;
  }
  return n === count;
}

function idLike(v: unknown, max: number): boolean {
  return typeof v === 'string' && v.length >= 1 && v.length <= max;
}

function idList(v: unknown): boolean {
  if (!Array.isArray(v) || v.length > MAX_LIST_LENGTH) return false;
  // Indexed, not every(): a hole (never from JSON) reads as undefined and is refused.
  for (let i = 0; i < v.length; i++) if (!idLike(v[i], MAX_OPTION_ID_LENGTH)) return false;
  return true;
}

/** True when answerSchema surely accepts `d` as it is. */
export function isPlainAnswer(d: unknown): d is PlainAnswer {
  if (!plainObject(d, 5)) return false;
  if (!own.call(d, 'sessionId') || !own.call(d, 'questionId') || !own.call(d, 'answer')) {
    return false;
  }
  if (!own.call(d, 'key') || !own.call(d, 'seq')) return false;
  const { sessionId, questionId, answer, key, seq } = d;
  return (
    idLike(sessionId, MAX_ID_LENGTH) &&
    idLike(questionId, MAX_ID_LENGTH) &&
    answer !== undefined &&
    typeof key === 'string' &&
    IDEMPOTENCY_KEY_PATTERN.test(key) &&
    typeof seq === 'number' &&
    Number.isSafeInteger(seq) &&
    seq >= 0
  );
}

/** True when the value schema of `type` surely accepts `v` as it is (matching: never). */
export function isPlainAnswerValue(type: QuestionType, v: unknown): v is AnswerValue {
  if (!plainObject(v, 1)) return false;
  switch (type) {
    case 'short_text':
    case 'essay':
      return own.call(v, 'text') && typeof v.text === 'string' && v.text.length <= MAX_TEXT_LENGTH;
    case 'single_choice':
      return own.call(v, 'optionId') && idLike(v.optionId, MAX_OPTION_ID_LENGTH);
    case 'true_false':
      return own.call(v, 'value') && typeof v.value === 'boolean';
    case 'numeric':
      return own.call(v, 'value') && typeof v.value === 'number' && Number.isFinite(v.value);
    case 'multiple_response':
      return own.call(v, 'optionIds') && idList(v.optionIds);
    case 'ordering':
      return own.call(v, 'order') && idList(v.order);
    default:
      return false;
  }
}
