/**
 * Questions in and out of the system besides the GIFT import (exams.ts): the GIFT export and
 * QTI 3.0 content packages (1EdTech). A QTI import answers with a report of the same shape
 * as the GIFT import's, so one client shows both.
 */
import type { ExamView, GiftSkipCode, GiftSkippedQuestion } from './exams';

/** Optional exam fields for an import whose body is a file (sent in the query string). */
export interface ExamFileImportQuery {
  title?: string;
  durationMinutes?: number;
}

/**
 * Why an item of a QTI package was not imported: SYNTAX (its file is missing, not well-formed
 * XML, or not a qti-assessment-item; line and column point at the problem), DESCRIPTION (no
 * interaction and nothing to show; an item with text and no interaction becomes a text
 * between questions), UNSUPPORTED (an interaction or response processing we cannot read:
 * hotspot, graphic, slider, several interactions in one item, custom rules...), INVALID
 * (read, but not a gradable question once mapped). The codes are the GIFT import's.
 */
export type QtiSkipCode = GiftSkipCode;
/** `index` is the item's 1-based position in the test (then the manifest). */
export type QtiSkippedItem = GiftSkippedQuestion;

/** Parts of an imported QTI item that our questions do not keep. */
export const QTI_DROPPED_PARTS = ['feedback', 'media', 'scoring', 'layout'] as const;
export type QtiDroppedPartName = (typeof QTI_DROPPED_PARTS)[number];

export interface QtiDroppedPart {
  part: QtiDroppedPartName;
  /** What exactly was left out, e.g. `modal feedback (2)`. */
  detail: string;
}

export interface QtiDroppedParts {
  index: number;
  title?: string;
  parts: QtiDroppedPart[];
}

/** found, imported, skipped[{index, code, title?, reason}], dropped: as for GIFT. */
export interface QtiImportReport {
  /** Items found in the package (assessment items, whatever their QTI version). */
  found: number;
  imported: number;
  /** Informational items (no interaction) imported as texts between questions. */
  texts?: number;
  skipped: QtiSkippedItem[];
  /** Imported items that lost something on the way, in order. */
  dropped?: QtiDroppedParts[];
}

export interface QtiImportResponse {
  exam: ExamView;
  report: QtiImportReport;
}

/**
 * Why a whole QTI package was refused (400 IMPORT_FAILED, `details.problem`): NOT_A_ZIP,
 * UNSAFE_PATH (an entry name with `..`, an absolute path or a drive letter),
 * TOO_MANY_ENTRIES, TOO_LARGE (the files inside add up to more than the cap once
 * uncompressed), NO_MANIFEST (no imsmanifest.xml at the top), BAD_MANIFEST (not a QTI 3
 * content package manifest), NO_QUESTIONS (no item could be imported; `details.report`
 * says why for each). A body over the size cap is 413 PAYLOAD_TOO_LARGE.
 */
export const QTI_PACKAGE_PROBLEMS = [
  'NOT_A_ZIP',
  'UNSAFE_PATH',
  'TOO_MANY_ENTRIES',
  'TOO_LARGE',
  'NO_MANIFEST',
  'BAD_MANIFEST',
  'NO_QUESTIONS',
] as const;
export type QtiPackageProblem = (typeof QTI_PACKAGE_PROBLEMS)[number];
