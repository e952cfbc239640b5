import { AppError } from '../common/app-error';
import {
  answerSchema,
  broadcastSchema,
  heartbeatSchema,
  parseAnswerValue,
  parsePayload,
} from './live-session.schemas';

const SID = '0b6c2b0e-6a3e-4a3e-9f6e-0c6b2b0e6a3e';

function problems(fn: () => unknown): Record<string, string[]> {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    const err = e as AppError;
    expect(err.code).toBe('VALIDATION_FAILED');
    const details = err.details as Array<{ field: string; problems: string[] }>;
    return Object.fromEntries(details.map((d) => [d.field, d.problems]));
  }
  throw new Error('expected VALIDATION_FAILED');
}

describe('live payload validation', () => {
  it('returns the typed payload when it is valid', () => {
    const p = parsePayload(
      answerSchema,
      { sessionId: SID, questionId: 'q1', answer: { text: 'x' }, key: 'key-12345', seq: 3 },
      'answer_autosaved',
    );
    expect(p).toEqual({
      sessionId: SID,
      questionId: 'q1',
      answer: { text: 'x' },
      key: 'key-12345',
      seq: 3,
    });
    expect(parsePayload(heartbeatSchema, undefined, 'heartbeat')).toBeUndefined();
  });

  it('lists every problem per field in plain words', () => {
    const p = problems(() =>
      parsePayload(
        answerSchema,
        { sessionId: '', questionId: 7, key: 'short', seq: -1, extra: 1 },
        'answer_autosaved',
      ),
    );
    expect(p).toEqual({
      sessionId: ['must not be empty'],
      questionId: ['must be a string (text)'],
      answer: ['is required'],
      key: ['must be 8-100 characters of A-Z a-z 0-9 _ - : .'],
      seq: ['must be 0 or more'],
      '(payload)': ['unknown field(s) extra; remove them'],
    });
  });

  it('says what a number, list, text or choice must be', () => {
    const p = problems(() =>
      parsePayload(
        broadcastSchema,
        { sessionId: SID, message: 'x'.repeat(1001), level: 'loud', studentIds: [] },
        'broadcast_message',
      ),
    );
    expect(p.message).toEqual(['must be at most 1000 characters']);
    expect(p.level?.[0]).toMatch(/^must be one of info, warning/);
    expect(p.studentIds).toEqual(['must have at least 1 item(s)']);
    const seq = problems(() =>
      parsePayload(
        answerSchema,
        { sessionId: SID, questionId: 'q', answer: 1, key: 'key-12345', seq: 1.5 },
        'a',
      ),
    );
    expect(seq.seq).toEqual(['must be a whole number']);
  });

  it('checks an answer against its question type and the size limit', () => {
    expect(parseAnswerValue('numeric', { value: 4.5 }, 1000)).toEqual({ value: 4.5 });
    expect(problems(() => parseAnswerValue('numeric', { value: 'four' }, 1000))).toEqual({
      value: ['must be a number'],
    });
    expect(problems(() => parseAnswerValue('single_choice', 'a', 1000))).toEqual({
      '(payload)': ['must be an object'],
    });
    expect(() => parseAnswerValue('essay', { text: 'x'.repeat(2000) }, 1000)).toThrow(
      expect.objectContaining({ code: 'ANSWER_TOO_LARGE' }),
    );
  });
});
