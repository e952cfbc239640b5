import type { SessionQuestion } from '@exam/contracts';
import { describeChange, evenWeights, fieldWords, fixChoices } from './regrade-changes';

const single: SessionQuestion = {
  id: 'q1',
  type: 'single_choice',
  prompt: 'P',
  points: 1,
  options: [
    { id: 'a', text: 'go' },
    { id: 'b', text: 'goes' },
  ],
  correctOptionId: 'b',
};

describe('regrade changes', () => {
  it('offers the fixes a question allows, restore only when adjusted', () => {
    expect(fixChoices(single, 'none').map((c) => c.label)).toEqual([
      'Change the correct option',
      'Give everyone full marks',
      "Don't count this question",
    ]);
    expect(fixChoices(single, 'dropped').map((c) => c.kind)).toEqual([
      'key',
      'full_marks',
      'restore',
    ]);
    const essay: SessionQuestion = { id: 'e', type: 'essay', prompt: 'E', points: 5 };
    expect(fixChoices(essay, 'full_marks').map((c) => c.kind)).toEqual(['drop', 'restore']);
  });

  it('splits 100 % over the correct options', () => {
    const opts = ['a', 'b', 'c'].map((id) => ({ id, text: id, weight: 0 }));
    expect(evenWeights(opts, ['a', 'c']).map((o) => o.weight)).toEqual([50, 0, 50]);
    expect(evenWeights(opts, ['a', 'b', 'c']).map((o) => o.weight)).toEqual([33.33, 33.33, 33.34]);
  });

  it('describes changes in words', () => {
    const pos = new Map([['q1', 3]]);
    expect(describeChange({ questionId: 'q1', action: 'accept_answer', text: 'wrot' }, pos)).toBe(
      'Q3: also accept “wrot”',
    );
    expect(
      describeChange(
        { questionId: 'q1', action: 'accept_answer', text: 'wrot', creditPercent: 50 },
        pos,
      ),
    ).toBe('Q3: also accept “wrot” for 50 %');
    expect(describeChange({ questionId: 'q1', action: 'drop' }, pos)).toBe(
      'Q3: not counted any more',
    );
    expect(describeChange({ questionId: 'qx', action: 'full_marks' }, pos)).toBe(
      'A question: full marks for everyone',
    );
    expect(
      describeChange(
        { questionId: 'q1', action: 'update_key', question: { ...single, correctOptionId: 'a' } },
        pos,
      ),
    ).toBe('Q3: correct option is now “go”');
    expect(
      describeChange(
        {
          questionId: 'q1',
          action: 'update_key',
          question: {
            type: 'numeric',
            prompt: 'N',
            points: 1,
            acceptedAnswers: [{ value: 26, tolerance: 0.5, creditPercent: 100 }],
            unit: 'letters',
          },
        },
        pos,
      ),
    ).toBe('Q3: accepted answer is now 26 ± 0.5 letters');
  });

  it('names fields the way a teacher reads them', () => {
    expect(fieldWords('changes[0].question.acceptedAnswers[1].tolerance')).toBe(
      'Accepted answers 2, tolerance',
    );
    expect(fieldWords('changes[0].text')).toBe('Answer');
    expect(fieldWords('note')).toBe('Why');
  });
});
