import { essayLimits, wordCountText } from './essay-limits';

describe("the essay counter follows the question's own limits", () => {
  const seed = essayLimits(
    'Write about a place you would like to visit and why (80-120 words). Use a conditional.',
    150,
  );

  it('reads the range the question asks for, and the hard limit', () => {
    expect(seed).toEqual({ min: 80, max: 120, limit: 150 });
    expect(essayLimits('At least 100 words, please.')).toEqual({ min: 100 });
    expect(essayLimits('No more than 50 words.', 60)).toEqual({ max: 50, limit: 60 });
    expect(essayLimits('Write 200–250 words')).toEqual({ min: 200, max: 250 });
    expect(essayLimits('Describe it.')).toEqual({});
  });

  it('words the count after them, never "at most 150" against "80-120"', () => {
    expect(wordCountText(10, seed)).toEqual({
      text: '10 words (the question asks for 80-120)',
      over: false,
    });
    expect(wordCountText(130, seed).text).toBe(
      '130 words – more than the 80-120 words the question asks for',
    );
    expect(wordCountText(151, seed)).toEqual({
      text: '151 words – over the limit of 150 words, please shorten your answer',
      over: true,
    });
    expect(wordCountText(1, essayLimits('Describe it.', 150)).text).toBe('1 word of at most 150');
    expect(wordCountText(3, {}).text).toBe('3 words');
    expect(wordCountText(120, { min: 100 }).text).toBe(
      '120 words (the question asks for at least 100)',
    );
  });
});
