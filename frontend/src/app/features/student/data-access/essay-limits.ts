/**
 * The essay's word counter, worded after the question's own limits: the range its text asks
 * for ("80-120 words", "at least 100 words", "no more than 150 words") and the hard limit
 * the author set (maxWords, which grading notes when passed). Pure.
 */

export interface EssayLimits {
  /** The fewest words the question asks for. */
  min?: number;
  /** The most words the question asks for. */
  max?: number;
  /** The author's hard limit (maxWords). */
  limit?: number;
}

const RANGE = /\b(\d{1,5})\s*(?:-|–|—|to)\s*(\d{1,5})\s*words?\b/i;
const AT_LEAST = /\b(?:at least|minimum(?: of)?|min\.?)\s*(\d{1,5})\s*words?\b/i;
const AT_MOST = /\b(?:at most|no more than|maximum(?: of)?|max\.?|up to)\s*(\d{1,5})\s*words?\b/i;

export function essayLimits(prompt: string, maxWords?: number): EssayLimits {
  const out: EssayLimits = {};
  const range = RANGE.exec(prompt);
  if (range) {
    const a = Number(range[1]);
    const b = Number(range[2]);
    out.min = Math.min(a, b);
    out.max = Math.max(a, b);
  } else {
    const least = AT_LEAST.exec(prompt);
    const most = AT_MOST.exec(prompt);
    if (least) out.min = Number(least[1]);
    if (most) out.max = Number(most[1]);
  }
  if (maxWords) out.limit = maxWords;
  return out;
}

export interface WordCountText {
  text: string;
  /** Past the author's hard limit (or, without one, past what the question asks for). */
  over: boolean;
}

/** "95 words (the question asks for 80-120)", "10 words of at most 150", ... */
export function wordCountText(words: number, l: EssayLimits): WordCountText {
  const count = `${words} word${words === 1 ? '' : 's'}`;
  const asked =
    l.min !== undefined && l.max !== undefined
      ? `${l.min}-${l.max}`
      : l.min !== undefined
        ? `at least ${l.min}`
        : l.max !== undefined
          ? `at most ${l.max}`
          : null;
  const hardMax = l.limit ?? l.max;
  if (hardMax !== undefined && words > hardMax) {
    return {
      text: `${count} – over the limit of ${hardMax} words, please shorten your answer`,
      over: true,
    };
  }
  if (asked === null) {
    return { text: l.limit ? `${count} of at most ${l.limit}` : count, over: false };
  }
  if (l.max !== undefined && words > l.max) {
    const range = l.min !== undefined ? `${l.min}-${l.max}` : `${l.max}`;
    return { text: `${count} – more than the ${range} words the question asks for`, over: false };
  }
  return { text: `${count} (the question asks for ${asked})`, over: false };
}
