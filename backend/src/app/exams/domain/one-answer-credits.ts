/**
 * A one-answer question graded Moodle's way (each option worth its own share of the points)
 * as our single choice, for the importers (GIFT, Moodle XML, QTI). Option `key` is the 100 % one;
 * the others keep their own credit (another right answer, partial credit, a penalty of their
 * own), unless every wrong option has the same credit <= 0: that is the question's negative
 * mark. Pure.
 */
export function oneAnswerCredits<T extends object>(
  options: readonly T[],
  credits: readonly number[],
  key: number,
): { options: Array<T | (T & { creditPercent: number })>; negativeMarkPercent?: number } {
  const wrong = credits.filter((_, i) => i !== key);
  const uniform = wrong.every((c) => c === wrong[0] && c <= 0);
  return {
    options: options.map((o, i) =>
      i === key || uniform || credits[i] === 0
        ? o
        : { ...o, creditPercent: Math.max(-100, Math.min(100, credits[i])) },
    ),
    ...(uniform && wrong[0] !== undefined && wrong[0] < 0
      ? { negativeMarkPercent: Math.min(100, -wrong[0]) }
      : {}),
  };
}
