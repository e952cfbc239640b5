import type { ShortTextDefinition } from '@exam/contracts';
import {
  ALL,
  matching,
  multiple,
  numeric,
  ordering,
  shortText,
} from '../../exams/domain/fixtures.spec-helper';
import { groupShortText } from './answer-groups';
import { answerText, correctAnswerText } from './answer-text';

describe('answers in words', () => {
  it('turns ids into the texts students saw', () => {
    const [single, tf] = ALL;
    expect(answerText(single, { optionId: 'b' })).toBe('goes');
    expect(answerText(tf, { value: false })).toBe('False');
    expect(answerText(multiple, { optionIds: ['a', 'c'] })).toBe('go; see');
    expect(answerText(ordering, { order: ['w2', 'w1'] })).toBe('have > I');
    expect(answerText(matching, { pairs: { l2: 'r2', l1: 'r4' } })).toBe('hot = loud; big = small');
    expect(answerText(numeric, { value: 25.5 })).toBe('25.5');
    expect(answerText(single, { optionId: 'zz' })).toBe('zz');
    expect(answerText(single, null)).toBe('');
  });

  it('says what a correct answer is, with partial credits', () => {
    expect(ALL.map(correctAnswerText)).toEqual([
      'goes',
      'True',
      'go; see',
      'wrote or writed (25 % credit)',
      '26',
      '',
      'I > have > never > been',
      'hot = cold; big = small; fast = slow',
    ]);
  });
});

describe('grouping short-text answers', () => {
  it('groups identical answers as the rules compare them, most frequent first', () => {
    const q: ShortTextDefinition = shortText;
    const groups = groupShortText(q, [
      { studentSessionId: 'a', text: 'Wrote' },
      { studentSessionId: 'b', text: ' writ ' },
      { studentSessionId: 'c', text: 'writ' },
      { studentSessionId: 'd', text: 'WRITED' },
      { studentSessionId: 'e', text: '   ' },
      { studentSessionId: 'f', text: 'writ' },
    ]);
    expect(groups).toEqual([
      { text: 'writ', count: 3, creditPercent: 0, studentSessionIds: ['b', 'c', 'f'] },
      { text: 'WRITED', count: 1, creditPercent: 25, studentSessionIds: ['d'] },
      { text: 'Wrote', count: 1, creditPercent: 100, studentSessionIds: ['a'] },
    ]);
  });
});
