import { correctParts, questionSummary } from './my-result-words';

describe('my result words', () => {
  it('reads short-text keys as the student would: full credit first, partial apart', () => {
    expect(
      correctParts({
        correctText: 'colour | colo*r (50 %)',
        correct: {
          id: 'q',
          type: 'short_text',
          prompt: 'Spell it',
          points: 1,
          wildcards: true,
          acceptedAnswers: [
            { text: 'colour', creditPercent: 100 },
            { text: 'color', creditPercent: 100 },
            { text: 'colo*r', creditPercent: 50 },
          ],
        },
      }),
    ).toEqual({ main: 'colour or color', partial: ['colo…r (50 % of the points)'] });
  });

  it('reads numeric keys with units, tolerance and ranges', () => {
    expect(
      correctParts({
        correctText: '',
        correct: {
          id: 'q',
          type: 'numeric',
          prompt: 'Speed?',
          points: 2,
          unit: 'km/h',
          acceptedAnswers: [
            { value: 50, tolerance: 2, creditPercent: 100 },
            { value: 50, tolerance: 0.1, toleranceMode: 'relative', creditPercent: 50 },
            { min: 40, max: 60, creditPercent: 25 },
          ],
        },
      }),
    ).toEqual({
      main: '50 km/h (give or take 2 km/h)',
      partial: [
        '50 km/h (give or take 10 %) (50 % of the points)',
        '40 km/h to 60 km/h (25 % of the points)',
      ],
    });
  });

  it('uses the server sentence for the other types', () => {
    expect(correctParts({ correctText: 'a > b > c' })).toEqual({ main: 'a > b > c', partial: [] });
  });

  it('summarises a question for the correctness list', () => {
    expect(questionSummary({ state: 'correct', points: 2, maxPoints: 2 })).toBe(
      'Correct, 2 of 2 points',
    );
    expect(questionSummary({ state: 'unanswered', points: null, maxPoints: 1 })).toBe(
      'Not answered, 0 of 1 point',
    );
    expect(questionSummary({ state: 'dropped', points: 0, maxPoints: 1 })).toBe('Not counted');
  });
});
