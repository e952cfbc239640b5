import { joinQuestion, splitQuestion } from './question-parts';
import { ALL, multiple, single } from './fixtures.spec-helper';

const KEY_WORDS =
  /correct|weight|accepted|tolerance|gradingNotes|credit|negative|allOrNothing|caseSensitive|wildcards|foldAccents/i;

describe('splitQuestion / joinQuestion', () => {
  it.each(ALL.map((q) => [q.type, q]))('%s: the body carries nothing of the key', (_t, q) => {
    const { body } = splitQuestion(q);
    expect(JSON.stringify(body)).not.toMatch(KEY_WORDS);
  });
  it.each(ALL.map((q) => [q.type, q]))(
    '%s: join(split(q)) gives q back (defaults filled)',
    (_t, q) => {
      const back = joinQuestion(splitQuestion(q), 'id-1');
      expect(back).toMatchObject({ ...q, id: 'id-1' });
      expect(splitQuestion(back)).toEqual(splitQuestion(q));
    },
  );
  it('stores multiple-response weights by option id and single-choice defaults', () => {
    expect(splitQuestion(multiple).key).toEqual({
      weights: { a: 50, b: -25, c: 50, d: -25, e: 0 },
      allOrNothing: false,
    });
    expect(splitQuestion(single).key).toEqual({ correctOptionId: 'b', negativeMarkPercent: 0 });
  });
});
