/**
 * What of an imported Moodle question our question types do not keep (yet), worded the way
 * the GIFT import words it. One place on purpose: when names, tags or feedback become real
 * fields of a question, the mapper fills them and the matching lines here go.
 */
import type { MoodleXmlDroppedPart } from '@exam/contracts';

/** Facts about one question, gathered by the mapper. */
export interface QuestionFacts {
  title?: string;
  category?: string;
  idnumber?: string;
  tags: string[];
  /** Answers with their own feedback. */
  answerFeedback: number;
  /** How many of correct / partially correct / incorrect feedback are written. */
  combinedFeedback: number;
  generalFeedback: boolean;
  hints: number;
  /** Answers worth 0 % or less (kept by Moodle only to show their feedback). */
  zeroCredit: string[];
  /** Embedded files not kept, each a sentence fragment. */
  files: string[];
  /** Everything else, already worded (units, scoring, attachments...). */
  other: MoodleXmlDroppedPart[];
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export function droppedParts(f: QuestionFacts): MoodleXmlDroppedPart[] {
  const out: MoodleXmlDroppedPart[] = [];
  if (f.title) out.push({ part: 'title', detail: `question name "${f.title}"` });
  if (f.category !== undefined) out.push({ part: 'category', detail: `category "${f.category}"` });
  if (f.idnumber) out.push({ part: 'idnumber', detail: `ID number "${f.idnumber}"` });
  if (f.tags.length) {
    out.push({ part: 'tags', detail: `tags ${f.tags.map((t) => `"${t}"`).join(', ')}` });
  }
  if (f.answerFeedback) {
    out.push({ part: 'feedback', detail: `feedback on ${plural(f.answerFeedback, 'answer')}` });
  }
  if (f.combinedFeedback) {
    out.push({
      part: 'feedback',
      detail: `feedback for correct, partially correct and incorrect responses (${f.combinedFeedback} of 3 written)`,
    });
  }
  if (f.generalFeedback) out.push({ part: 'general_feedback', detail: 'general feedback' });
  if (f.zeroCredit.length) {
    out.push({
      part: 'zero_credit_answers',
      detail: `answers worth 0 % or less (Moodle keeps them to match a wrong answer and show its feedback): ${f.zeroCredit.map((a) => `"${a}"`).join(', ')}`,
    });
  }
  if (f.hints) {
    out.push({
      part: 'hints',
      detail: `${plural(f.hints, 'hint')} (shown between tries in Moodle's interactive mode)`,
    });
  }
  for (const detail of f.files) out.push({ part: 'files', detail });
  out.push(...f.other);
  return out;
}
