/**
 * Test-taker tools: accommodations beyond extra time. A student's tools are kept on the
 * server, so they follow the student to any device and survive reloads, and they apply to
 * every page of an exam (lobby, questions, review, end). Staff (the academy's teachers and
 * admins) set them for a student and say whether the student may change them; otherwise the
 * student sets their own. The on-screen calculator is not a personal tool: a session allows
 * it (ExamSessionConfig.calculator) and it shows on numeric questions only.
 */

/** Text size in percent of the normal size. */
export const TEXT_SIZES = [100, 125, 150, 200] as const;
export type TextSize = (typeof TEXT_SIZES)[number];

/** Space between lines: normal (1.5), wide (2) or wider (2.5), with matching word spacing. */
export const LINE_SPACINGS = ['normal', 'wide', 'wider'] as const;
export type LineSpacing = (typeof LINE_SPACINGS)[number];

export interface TestTakerTools {
  textSize: TextSize;
  lineSpacing: LineSpacing;
  /** Yellow and white on black, thick outlines. */
  highContrast: boolean;
  /** OpenDyslexic for every text of the exam. */
  dyslexiaFont: boolean;
  /** A reading band that dims the page above and below it. */
  lineReader: boolean;
  /** A "strike out" button beside each choice (the answer is never changed by it). */
  optionElimination: boolean;
  /** Marking words of a question's text. */
  highlighter: boolean;
}

export const DEFAULT_TEST_TAKER_TOOLS: TestTakerTools = {
  textSize: 100,
  lineSpacing: 'normal',
  highContrast: false,
  dyslexiaFont: false,
  lineReader: false,
  optionElimination: false,
  highlighter: false,
};

/** A student's tools as read back (GET /me/test-taker-tools, GET /users/:id/test-taker-tools). */
export interface TestTakerToolsView {
  tools: TestTakerTools;
  /** False when staff fixed the tools: the student sees them but cannot change them. */
  studentMayChange: boolean;
  /** Who changed them last: nobody yet (the defaults), the student, or staff. */
  setBy: 'student' | 'staff' | null;
  /** ISO time of the last change, null for the defaults. */
  updatedAt: string | null;
}

/** PUT /me/test-taker-tools (the student, when allowed). */
export interface SetMyTestTakerToolsRequest {
  tools: TestTakerTools;
}

/** PUT /users/:id/test-taker-tools (the academy's teachers and admins). */
export interface SetStudentTestTakerToolsRequest {
  tools: TestTakerTools;
  studentMayChange: boolean;
}

/** Human names of the tools, for settings pages and exports. */
export const TEST_TAKER_TOOL_LABELS: Record<keyof TestTakerTools, string> = {
  textSize: 'Text size',
  lineSpacing: 'Line spacing',
  highContrast: 'High contrast',
  dyslexiaFont: 'Dyslexia-friendly font',
  lineReader: 'Line reader',
  optionElimination: 'Strike out choices',
  highlighter: 'Highlighter',
};

export const LINE_SPACING_LABELS: Record<LineSpacing, string> = {
  normal: 'Normal',
  wide: 'Wide',
  wider: 'Wider',
};

const SWITCHES = [
  'highContrast',
  'dyslexiaFont',
  'lineReader',
  'optionElimination',
  'highlighter',
] as const;

/**
 * Tools read back safely (a stored row, a device's copy): every field checked against the
 * choices above; anything missing or unknown takes its default, extra fields are dropped.
 */
export function readTestTakerTools(stored: unknown): TestTakerTools {
  const s = (stored && typeof stored === 'object' ? stored : {}) as Record<string, unknown>;
  const out: TestTakerTools = { ...DEFAULT_TEST_TAKER_TOOLS };
  if ((TEXT_SIZES as readonly unknown[]).includes(s['textSize'])) {
    out.textSize = s['textSize'] as TextSize;
  }
  if ((LINE_SPACINGS as readonly unknown[]).includes(s['lineSpacing'])) {
    out.lineSpacing = s['lineSpacing'] as LineSpacing;
  }
  for (const k of SWITCHES) if (typeof s[k] === 'boolean') out[k] = s[k];
  return out;
}
