/**
 * Moodle XML import (Moodle's question bank export) as it crosses the wire. The report has the
 * GIFT import's shape (found, imported, skipped, dropped) so one screen can show either; the
 * names below are aliases or widenings of the GIFT ones where Moodle XML has more to say.
 */
import {
  GIFT_DROPPED_PARTS,
  type ExamView,
  type GiftDroppedParts,
  type GiftSkipCode,
  type GiftSkippedQuestion,
} from './exams';

export interface MoodleXmlImportRequest {
  /** The Moodle XML text (a `<quiz>` of `<question>`s, as Moodle's question bank exports it). */
  xml: string;
  title?: string;
  description?: string;
  instructions?: string;
  durationMinutes?: number;
  passingScore?: number;
  isActive?: boolean;
}

/** SYNTAX, DESCRIPTION, UNSUPPORTED, INVALID: as for GIFT (see GIFT_SKIP_CODES). */
export type MoodleXmlSkipCode = GiftSkipCode;

export interface MoodleXmlSkippedQuestion extends Omit<GiftSkippedQuestion, 'giftType' | 'code'> {
  code: MoodleXmlSkipCode;
  /** The `type` attribute of the `<question>` (multichoice, cloze, calculated...). */
  moodleType?: string;
}

/**
 * What an imported Moodle question lost. The GIFT names, and: `files` (embedded files that
 * were refused, missing or not images), `hints` (Moodle's hints for interactive mode),
 * `units` (units other than the base one), `scoring` (an ordering grading method we do not
 * have: the nearest one is used), `item_subset` (Moodle shows only some ordering items),
 * `response_template` and `attachments` (essay), `points` (rounded to 2 decimals).
 */
export const MOODLE_XML_DROPPED_PARTS = [
  ...GIFT_DROPPED_PARTS,
  'files',
  'hints',
  'units',
  'scoring',
  'item_subset',
  'response_template',
  'attachments',
  'points',
] as const;
export type MoodleXmlDroppedPartName = (typeof MOODLE_XML_DROPPED_PARTS)[number];

export interface MoodleXmlDroppedPart {
  part: MoodleXmlDroppedPartName;
  /** What exactly was left out, e.g. `feedback on 3 answers`. */
  detail: string;
}

export interface MoodleXmlDroppedParts extends Omit<GiftDroppedParts, 'parts'> {
  parts: MoodleXmlDroppedPart[];
}

export interface MoodleXmlImportReport {
  /** Questions found in the file (categories not counted). */
  found: number;
  imported: number;
  /** Descriptions imported as texts between questions. */
  texts?: number;
  skipped: MoodleXmlSkippedQuestion[];
  /** Imported questions that lost something on the way, in file order. */
  dropped: MoodleXmlDroppedParts[];
  /** Images stored and now served at /api/v1/media/:id (one per distinct file content). */
  images: number;
}

export interface MoodleXmlImportResponse {
  exam: ExamView;
  report: MoodleXmlImportReport;
}
