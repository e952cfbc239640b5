/**
 * A problem the exam editor shows: found before saving (something missing) or sent back by
 * the server (400 VALIDATION_FAILED). Each names its control and the control's label on screen,
 * so the editor can say it twice: beside the control, and as a line of the summary at the top
 * that links to it ("Question 3: choose the correct answer.").
 */

export interface EditorIssue {
  /** The question's local key; null for the exam's settings or the exam as a whole. */
  readonly questionKey: string | null;
  /** The control at fault (a FieldRef part); null when no one control is (summary only). */
  readonly part: string | null;
  /** The control's name on screen. */
  readonly label: string;
  /** What is wrong or what to do, as a phrase that reads after "Question 3: ". */
  readonly message: string;
}

/** Problems per control of one question (or of the settings), as sentences. */
export type FieldErrors = Readonly<Record<string, readonly string[]>>;

export const NO_ERRORS: FieldErrors = {};

/** The DOM id of the issue's control, or null when it has none. */
export function issueControlId(issue: EditorIssue): string | null {
  if (issue.part === null) return null;
  return issue.questionKey ? `${issue.questionKey}-${issue.part}` : issue.part;
}

/** "choose the correct answer" -> "Choose the correct answer." */
export function sentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** The summary's line: the question by its number now (it may have moved), then the phrase. */
export function summaryLine(issue: EditorIssue, questionNumber: number | null): string {
  if (questionNumber === null) return sentence(issue.message);
  const text = `Question ${questionNumber}: ${issue.message}`;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** One question's issues (or the settings', with null) by control, as sentences. */
export function errorsByPart(
  issues: readonly EditorIssue[],
  questionKey: string | null,
): FieldErrors {
  const out: Record<string, string[]> = {};
  for (const issue of issues) {
    if (issue.questionKey !== questionKey || issue.part === null) continue;
    (out[issue.part] ??= []).push(sentence(issue.message));
  }
  return out;
}

/** The sentences for one control (none when it is fine). */
export function errorsAt(errors: FieldErrors, part: string): readonly string[] {
  return Object.hasOwn(errors, part) ? errors[part] : [];
}
