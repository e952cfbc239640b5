/**
 * A stored set of test-taker tools read back safely: every field checked against the
 * contract's choices, anything missing or unknown (a row written by an older or newer
 * version) taking its default. Pure: no framework imports.
 */
import {
  DEFAULT_TEST_TAKER_TOOLS,
  LINE_SPACINGS,
  TEXT_SIZES,
  type LineSpacing,
  type TestTakerTools,
  type TextSize,
} from '@exam/contracts';

const SWITCHES = [
  'highContrast',
  'dyslexiaFont',
  'lineReader',
  'optionElimination',
  'highlighter',
] as const;

export function readTools(stored: unknown): TestTakerTools {
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

/** Only the contract's fields, in a fixed order (what is stored). */
export function toStored(tools: TestTakerTools): TestTakerTools {
  return readTools(tools);
}
