import type { QuestionDefinition } from '@exam/contracts';
import { answerFeedback } from './answer-feedback';
import { gradeAnswer } from './grading';

const single: QuestionDefinition = {
  type: 'single_choice',
  prompt: 'Capital of Australia?',
  points: 2,
  generalFeedback: 'Canberra was built as the capital.',
  options: [
    { id: 'a', text: 'Canberra', feedback: 'Right.' },
    { id: 'b', text: 'Sydney', feedback: 'Largest city.', creditPercent: 50 },
    { id: 'c', text: 'Perth', creditPercent: -25 },
    { id: 'd', text: 'Melbourne', creditPercent: 100 },
  ],
  correctOptionId: 'a',
};

describe('what a student reads about their answer', () => {
  it('single choice: the chosen option and the general feedback', () => {
    expect(answerFeedback(single, { optionId: 'b' })).toEqual({
      answer: ['Largest city.'],
      general: 'Canberra was built as the capital.',
    });
    expect(answerFeedback(single, { optionId: 'c' })).toEqual({
      answer: [],
      general: 'Canberra was built as the capital.',
    });
    // No answer: only what everyone reads.
    expect(answerFeedback(single, null).answer).toEqual([]);
  });

  it('single choice grading: partial credit, a penalty of its own, a second right option', () => {
    expect(gradeAnswer(single, { optionId: 'a' })).toMatchObject({
      score: 2,
      details: ['correct'],
    });
    expect(gradeAnswer(single, { optionId: 'b' })).toMatchObject({
      score: 1,
      details: ['partly right: 50 % of the points'],
    });
    expect(gradeAnswer(single, { optionId: 'c' })).toMatchObject({
      score: -0.5,
      details: ['wrong: 25 % deducted'],
    });
    expect(gradeAnswer(single, { optionId: 'd' })).toMatchObject({
      score: 2,
      details: ['correct'],
    });
  });

  it('true/false: the text for what they answered', () => {
    const tf: QuestionDefinition = {
      type: 'true_false',
      prompt: 'The sun is a star.',
      points: 1,
      correct: true,
      feedbackTrue: 'Yes: a G-type star.',
      feedbackFalse: 'It is a star.',
    };
    expect(answerFeedback(tf, { value: true }).answer).toEqual(['Yes: a G-type star.']);
    expect(answerFeedback(tf, { value: false }).answer).toEqual(['It is a star.']);
  });

  it('multiple response: each chosen option', () => {
    const m: QuestionDefinition = {
      type: 'multiple_response',
      prompt: 'Primes?',
      points: 1,
      options: [
        { id: 'a', text: '2', weight: 50, feedback: 'The only even prime.' },
        { id: 'b', text: '3', weight: 50 },
        { id: 'c', text: '4', weight: -50, feedback: '2 x 2.' },
      ],
    };
    expect(answerFeedback(m, { optionIds: ['c', 'a'] }).answer).toEqual([
      'The only even prime.',
      '2 x 2.',
    ]);
  });

  it('short text and numeric: the best accepted answer they matched', () => {
    const s: QuestionDefinition = {
      type: 'short_text',
      prompt: 'A French town ending in -ville?',
      points: 1,
      wildcards: true,
      acceptedAnswers: [
        { text: '*ville', creditPercent: 50, feedback: 'A town, but which?' },
        { text: 'Abbeville', creditPercent: 100, feedback: 'Exactly.' },
      ],
    };
    expect(answerFeedback(s, { text: 'abbeville' }).answer).toEqual(['Exactly.']);
    expect(answerFeedback(s, { text: 'Deauville' }).answer).toEqual(['A town, but which?']);
    expect(answerFeedback(s, { text: 'Paris' }).answer).toEqual([]);
    const n: QuestionDefinition = {
      type: 'numeric',
      prompt: 'Pi?',
      points: 1,
      acceptedAnswers: [
        { value: 3.14, tolerance: 0.01, creditPercent: 100, feedback: 'Good.' },
        { value: 3, tolerance: 0.5, creditPercent: 50, feedback: 'Roughly.' },
      ],
    };
    expect(answerFeedback(n, { value: 3.141 }).answer).toEqual(['Good.']);
    expect(answerFeedback(n, { value: 2.9 }).answer).toEqual(['Roughly.']);
  });
});
