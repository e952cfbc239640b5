import { QUESTION_TYPES } from '@exam/contracts';
import { KEYED } from '../../../../testing/exam-fixtures';
import { blankQuestion, moveItem, nextId, toDefinition, toStudentView } from './question-drafts';

const KEY_FIELDS = [
  'correctOptionId',
  'correct',
  'weight',
  'allOrNothing',
  'acceptedAnswers',
  'gradingNotes',
  'correctOrder',
  'correctPairs',
  'negativeMarkPercent',
  'scoring',
  'tolerance',
  'caseSensitive',
];

describe('question drafts', () => {
  it('has a blank question for every type', () => {
    for (const type of QUESTION_TYPES) expect(blankQuestion(type).type).toBe(type);
  });

  it.each(KEYED.map((q) => [q.type, q] as const))(
    'the student view of a %s question carries no key field',
    (_type, q) => {
      const view = toStudentView(q, 0);
      const json = JSON.stringify(view);
      for (const field of KEY_FIELDS) expect(json).not.toContain(`"${field}"`);
      expect(json).not.toContain('SECRET');
      expect(view).toMatchObject({ type: q.type, prompt: q.prompt, points: q.points });
    },
  );

  it('shuffles ordering items so the correct order is not given away', () => {
    const q = KEYED[6];
    const view = toStudentView(q, 0);
    if (view.type !== 'ordering') throw new Error('wrong type');
    expect(view.items.map((o) => o.id)).not.toEqual(['x', 'y', 'z']);
    expect(view.items.map((o) => o.id).sort()).toEqual(['x', 'y', 'z']);
  });

  it('moves items up and down and stays put at the ends', () => {
    expect(moveItem([1, 2, 3], 2, -1)).toEqual([1, 3, 2]);
    expect(moveItem([1, 2, 3], 0, 1)).toEqual([2, 1, 3]);
    expect(moveItem([1, 2, 3], 0, -1)).toEqual([1, 2, 3]);
    expect(moveItem([1, 2, 3], 2, 1)).toEqual([1, 2, 3]);
  });

  it('finds the next free option id', () => {
    expect(nextId([])).toBe('a');
    expect(nextId(['a', 'c'])).toBe('b');
    expect(nextId('abcdefghijklmnopqrstuvwxyz'.split(''))).toBe('a1');
  });

  it('sends a true/false question without an answer as one the server names', () => {
    expect(toDefinition(blankQuestion('true_false'))).toEqual({
      type: 'true_false',
      prompt: '',
      points: 1,
    });
    expect(toDefinition({ ...KEYED[1] })).toEqual(KEYED[1]);
  });
});
