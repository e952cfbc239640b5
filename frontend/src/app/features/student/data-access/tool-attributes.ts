/**
 * The <html> attributes that carry a student's tools to the styles (tools.css): null for a
 * tool at its default, so the page looks exactly as usual without tools.
 */
import type { TestTakerTools } from '@exam/contracts';

export function toolAttributes(t: TestTakerTools): Record<string, string | null> {
  return {
    'data-tt-size': t.textSize === 100 ? null : String(t.textSize),
    'data-tt-spacing': t.lineSpacing === 'normal' ? null : t.lineSpacing,
    'data-tt-contrast': t.highContrast ? 'high' : null,
    'data-tt-font': t.dyslexiaFont ? 'dyslexic' : null,
  };
}
