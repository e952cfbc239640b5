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

describe('names, tags and feedback', () => {
  const rich = {
    type: 'single_choice' as const,
    prompt: 'Capital of Australia?',
    points: 2,
    name: 'Capital',
    tags: ['geography', 'oceania', 'geography'],
    generalFeedback: 'Canberra was chosen as a compromise.',
    options: [
      { id: 'a', text: 'Canberra', feedback: 'Right.' },
      {
        id: 'b',
        text: 'Sydney',
        feedback: 'The largest city, not the capital.',
        creditPercent: 50,
      },
      { id: 'c', text: 'Perth', feedback: '   ', creditPercent: -25 },
    ],
    correctOptionId: 'a',
  };

  it('keep everything only teachers and a released review see in the key, never in the body', () => {
    const parts = splitQuestion(rich);
    expect(JSON.stringify(parts.body)).not.toMatch(
      /Capital"|geography|Right|compromise|largest|credit/,
    );
    expect(parts.key).toMatchObject({
      name: 'Capital',
      tags: ['geography', 'oceania'],
      generalFeedback: 'Canberra was chosen as a compromise.',
      optionFeedback: { a: 'Right.', b: 'The largest city, not the capital.' },
      credits: { b: 50, c: -25 },
    });
  });

  it('come back whole from the stored parts (an empty feedback is not kept)', () => {
    const back = joinQuestion(splitQuestion(rich));
    expect(back).toEqual({
      ...rich,
      tags: ['geography', 'oceania'],
      negativeMarkPercent: 0,
      options: [rich.options[0], rich.options[1], { id: 'c', text: 'Perth', creditPercent: -25 }],
    });
    const tf = joinQuestion(
      splitQuestion({
        type: 'true_false',
        prompt: 'x',
        points: 1,
        correct: true,
        feedbackTrue: 'Yes',
        feedbackFalse: 'No',
      }),
    );
    expect(tf).toMatchObject({ feedbackTrue: 'Yes', feedbackFalse: 'No' });
    const short = joinQuestion(
      splitQuestion({
        type: 'short_text',
        prompt: 'x',
        points: 1,
        acceptedAnswers: [{ text: 'Paris', creditPercent: 100, feedback: 'Bravo' }],
      }),
    );
    expect(short).toMatchObject({ acceptedAnswers: [{ text: 'Paris', feedback: 'Bravo' }] });
  });
});
