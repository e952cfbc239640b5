import type { QuestionType } from '@exam/contracts';
import { isPlainAnswer, isPlainAnswerValue } from './live-session.fast-accept';
import { answerSchema, answerValueSchemas } from './live-session.schemas';

const UUID = '5b8f2a7e-3c1d-4e9a-8f6b-2d7c9e1a4b3f';
const valid = { sessionId: UUID, questionId: UUID, answer: { text: 'x' }, key: UUID, seq: 3 };

/** Samples as a client could send them (through JSON) and a few no JSON makes. */
function answerSamples(): unknown[] {
  const out: unknown[] = [valid, JSON.parse(JSON.stringify(valid))];
  const fields: Record<string, unknown[]> = {
    sessionId: ['', 'a', 'x'.repeat(36), 'x'.repeat(37), 7, null, undefined],
    questionId: ['', 'q', 'x'.repeat(36), 'x'.repeat(37), [], undefined],
    answer: [null, 0, 'text', [], { anything: 1 }, undefined],
    key: ['1234567', '12345678', 'k'.repeat(100), 'k'.repeat(101), 'bad key!', 'é2345678', 5],
    seq: [0, -0, -1, 1.5, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, '3', NaN, Infinity],
  };
  for (const [field, values] of Object.entries(fields)) {
    for (const v of values) out.push({ ...valid, [field]: v });
    const without: Record<string, unknown> = { ...valid };
    delete without[field];
    out.push(without);
  }
  out.push({ ...valid, extra: 1 });
  out.push(JSON.parse(`{"__proto__":{"x":1},${JSON.stringify(valid).slice(1)}`));
  out.push(Object.assign(Object.create(null), valid));
  out.push(Object.assign(Object.create({ inherited: 1 }), valid));
  out.push(null, [], 'frame', 7, [valid]);
  return out;
}

const VALUES: Record<QuestionType, unknown[]> = {
  short_text: [
    { text: '' },
    { text: 'x'.repeat(100_000) },
    { text: 'x'.repeat(100_001) },
    { text: 1 },
  ],
  essay: [{ text: 'an essay' }, { text: null }, { text: 'a', more: 1 }, { answer: 'a' }],
  single_choice: [
    { optionId: 'o1' },
    { optionId: '' },
    { optionId: 'o'.repeat(65) },
    { optionId: 1 },
  ],
  true_false: [{ value: true }, { value: false }, { value: 'true' }, { value: 0 }],
  numeric: [{ value: 0 }, { value: -2.5 }, { value: Infinity }, { value: NaN }, { value: '1' }],
  multiple_response: [
    { optionIds: [] },
    { optionIds: ['a', 'b'] },
    { optionIds: Array.from({ length: 200 }, (_, i) => `o${i}`) },
    { optionIds: Array.from({ length: 201 }, (_, i) => `o${i}`) },
    { optionIds: ['a', ''] },
    { optionIds: ['a', 2] },
    // eslint-disable-next-line no-sparse-arrays
    { optionIds: ['a', , 'b'] },
    { optionIds: 'a' },
  ],
  ordering: [{ order: ['a', 'b'] }, { order: ['a', 'x'.repeat(65)] }, { order: null }],
  matching: [{ pairs: { a: 'b' } }, { pairs: {} }],
};

describe('isPlainAnswer (fast acceptance of answer frames)', () => {
  it('accepts only what answerSchema accepts, exactly as zod would give it back', () => {
    let accepted = 0;
    for (const sample of answerSamples()) {
      if (!isPlainAnswer(sample)) continue;
      accepted++;
      const r = answerSchema.safeParse(sample);
      expect(r.success).toBe(true);
      expect(r.data).toEqual(sample);
    }
    // The valid ones, the boundaries and every answer value but undefined.
    expect(accepted).toBeGreaterThan(15);
  });

  it('takes every valid answer frame a client sends', () => {
    expect(isPlainAnswer(JSON.parse(JSON.stringify(valid)))).toBe(true);
    expect(isPlainAnswer({ ...valid, key: 'q3-17-1700000000000', seq: 0 })).toBe(true);
  });

  it('leaves every invalid one to zod (whose words the client gets)', () => {
    for (const sample of answerSamples()) {
      if (!answerSchema.safeParse(sample).success) expect(isPlainAnswer(sample)).toBe(false);
    }
  });
});

describe('isPlainAnswerValue (fast acceptance of answer values)', () => {
  it('accepts only what the type’s schema accepts, unchanged', () => {
    for (const [type, samples] of Object.entries(VALUES) as Array<[QuestionType, unknown[]]>) {
      for (const v of [...samples, null, [], 'x', { ...(samples[0] as object), extra: 1 }]) {
        const r = answerValueSchemas[type].safeParse(v);
        if (isPlainAnswerValue(type, v)) {
          expect(r.success).toBe(true);
          expect(r.data).toEqual(v);
        }
      }
      // The first sample of every type is valid; all but matching take the fast path.
      expect(isPlainAnswerValue(type, samples[0])).toBe(type !== 'matching');
    }
  });
});
