/**
 * What of an imported Moodle question our question types do not keep (yet), worded the way
 * the GIFT import words it. One place on purpose: the name, category, tags, general feedback,
 * true/false feedback and the feedback of choice options and accepted answers are kept by the
 * mapper (moodle-xml-import.ts); what is left here is what the question model has no field for.
 */
import type { MoodleXmlDroppedPart } from '@exam/contracts';

/** Facts about one question, gathered by the mapper. */
export interface QuestionFacts {
  idnumber?: string;
  /** The length of a question name longer than the 255 characters kept. */
  nameCut?: number;
  /** Tags (category or tag) longer than the 100 characters a tag keeps, in full. */
  tagsCut: string[];
  /** Tags past the 50 a question keeps. */
  tagsOver: string[];
  /** Answers whose own feedback has no place here (ordering items). */
  answerFeedback: number;
  /** How many of correct / partially correct / incorrect feedback are written. */
  combinedFeedback: number;
  hints: number;
  /** Answers worth 0 % or less (kept by Moodle only to show their feedback). */
  zeroCredit: string[];
  /** Embedded files not kept, each a sentence fragment. */
  files: string[];
  /** Everything else, already worded (units, scoring, attachments...). */
  other: MoodleXmlDroppedPart[];
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
const quoted = (list: string[]) => list.map((t) => `"${t}"`).join(', ');

export function droppedParts(f: QuestionFacts): MoodleXmlDroppedPart[] {
  const out: MoodleXmlDroppedPart[] = [];
  if (f.nameCut !== undefined) {
    out.push({
      part: 'title',
      detail: `question name of ${f.nameCut} characters cut to the 255 a name keeps`,
    });
  }
  if (f.idnumber) out.push({ part: 'idnumber', detail: `ID number "${f.idnumber}"` });
  if (f.tagsCut.length) {
    out.push({
      part: 'tags',
      detail: `${plural(f.tagsCut.length, 'tag')} cut to the 100 characters a tag keeps: ${quoted(f.tagsCut)}`,
    });
  }
  if (f.tagsOver.length) {
    out.push({
      part: 'tags',
      detail: `${plural(f.tagsOver.length, 'tag')} past the 50 a question keeps: ${quoted(f.tagsOver)}`,
    });
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
  if (f.zeroCredit.length) {
    out.push({
      part: 'zero_credit_answers',
      detail: `answers worth 0 % or less (Moodle keeps them to match a wrong answer and show its feedback): ${quoted(f.zeroCredit)}`,
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
