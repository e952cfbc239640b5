import { isCompleteAnswer } from './answered';

describe('when a question counts as answered', () => {
  it('needs a complete answer for each type', () => {
    expect(isCompleteAnswer({ type: 'single_choice' }, { optionId: 'a' })).toBe(true);
    expect(isCompleteAnswer({ type: 'single_choice' }, undefined)).toBe(false);
    expect(isCompleteAnswer({ type: 'true_false' }, { value: false })).toBe(true);
    expect(isCompleteAnswer({ type: 'numeric' }, { value: 0 })).toBe(true);
    expect(isCompleteAnswer({ type: 'numeric' }, { value: Number.NaN })).toBe(false);
    expect(isCompleteAnswer({ type: 'multiple_response' }, { optionIds: [] })).toBe(false);
    expect(isCompleteAnswer({ type: 'short_text' }, { text: '  ' })).toBe(false);
    expect(isCompleteAnswer({ type: 'essay' }, { text: 'Dear Sir' })).toBe(true);
    expect(isCompleteAnswer({ type: 'ordering' }, { order: ['b', 'a'] })).toBe(true);
  });

  it('counts a matching question only when every prompt has a choice', () => {
    const q = { type: 'matching' as const, left: [{ id: 'l1' }, { id: 'l2' }, { id: 'l3' }] };
    expect(isCompleteAnswer(q, { pairs: { l1: 'r2' } })).toBe(false);
    expect(isCompleteAnswer(q, { pairs: { l1: 'r2', l2: 'r1', l3: '' } })).toBe(false);
    expect(isCompleteAnswer(q, { pairs: { l1: 'r2', l2: 'r1', l3: 'r3' } })).toBe(true);
    expect(isCompleteAnswer({ type: 'matching' }, { pairs: { l1: 'r1' } })).toBe(false);
  });
});
