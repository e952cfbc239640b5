import type { StudentQuestionView } from '@exam/contracts';
import { answeredIds, isAnswered } from './answer-progress';

const matching: StudentQuestionView = {
  id: 'm',
  type: 'matching',
  position: 0,
  prompt: 'Match',
  points: 3,
  left: [
    { id: 'l1', text: 'hot' },
    { id: 'l2', text: 'early' },
    { id: 'l3', text: 'borrow' },
  ],
  right: [
    { id: 'r1', text: 'cold' },
    { id: 'r2', text: 'late' },
    { id: 'r3', text: 'lend' },
  ],
};
const essay: StudentQuestionView = { id: 'e', type: 'essay', position: 1, prompt: 'W', points: 5 };

describe('when a question counts as answered', () => {
  it('matching: only when every prompt has a choice', () => {
    expect(isAnswered(matching, { pairs: { l1: 'r1' } })).toBe(false);
    expect(isAnswered(matching, { pairs: { l1: 'r1', l2: 'r2' } })).toBe(false);
    expect(isAnswered(matching, { pairs: { l1: 'r1', l2: 'r2', l3: 'r3' } })).toBe(true);
    expect(isAnswered(matching, { pairs: { l1: 'r1', l2: 'r2', l3: '' } })).toBe(false);
    expect(isAnswered(matching, undefined)).toBe(false);
  });

  it('text answers need more than spaces; choices need a choice', () => {
    expect(isAnswered(essay, { text: '   ' })).toBe(false);
    expect(isAnswered(essay, { text: 'Kyoto' })).toBe(true);
    const multi: StudentQuestionView = {
      id: 'mr',
      type: 'multiple_response',
      position: 2,
      prompt: 'P',
      points: 1,
      options: [],
    };
    expect(isAnswered(multi, { optionIds: [] })).toBe(false);
    expect(isAnswered(multi, { optionIds: ['a'] })).toBe(true);
    const tf: StudentQuestionView = {
      id: 't',
      type: 'true_false',
      position: 3,
      prompt: 'P',
      points: 1,
    };
    expect(isAnswered(tf, { value: false })).toBe(true);
    const num: StudentQuestionView = {
      id: 'n',
      type: 'numeric',
      position: 4,
      prompt: 'P',
      points: 1,
    };
    expect(isAnswered(num, { value: 0 })).toBe(true);
    const ord: StudentQuestionView = {
      id: 'o',
      type: 'ordering',
      position: 5,
      prompt: 'P',
      points: 1,
      items: [],
    };
    expect(isAnswered(ord, { order: ['a', 'b'] })).toBe(true);
  });

  it('lists the answered ids from the latest answers', () => {
    const ids = answeredIds([matching, essay], {
      m: { pairs: { l1: 'r1' } },
      e: { text: 'done' },
    });
    expect([...ids]).toEqual(['e']);
  });
});
