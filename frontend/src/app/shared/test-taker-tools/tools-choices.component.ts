/**
 * The choices of a student's test-taker tools as plain radio buttons and check boxes: text
 * size, line spacing, and the switches (high contrast, dyslexia-friendly font, line reader,
 * strike out choices, highlighter), each with a sentence saying what it does. Used by the
 * student's "Reading tools" panel and by staff setting a student's tools. Presentational: it
 * emits each change; `idPrefix` keeps ids unique when two are on a page.
 */
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import {
  LINE_SPACINGS,
  LINE_SPACING_LABELS,
  TEXT_SIZES,
  type TestTakerTools,
  type TextSize,
} from '@exam/contracts';

const SIZE_LABELS: Record<TextSize, string> = {
  100: 'Normal',
  125: 'Large',
  150: 'Larger',
  200: 'Largest',
};

type Switch = 'highContrast' | 'dyslexiaFont' | 'lineReader' | 'optionElimination' | 'highlighter';

export const TOOL_SWITCHES: ReadonlyArray<{ key: Switch; label: string; hint: string }> = [
  { key: 'highContrast', label: 'High contrast', hint: 'White and yellow on black.' },
  { key: 'dyslexiaFont', label: 'Dyslexia-friendly font', hint: 'OpenDyslexic for every text.' },
  {
    key: 'lineReader',
    label: 'Line reader',
    hint: 'A reading band that dims the rest of the page. It follows the mouse and the keyboard focus; Alt + ↑ and Alt + ↓ move it by a line.',
  },
  {
    key: 'optionElimination',
    label: 'Strike out choices',
    hint: 'A button beside each choice crosses it out. The answer does not change.',
  },
  {
    key: 'highlighter',
    label: 'Highlighter',
    hint: 'Select words of a question and press "Highlight". With the keyboard: focus the question text, hold Shift and use the arrow keys, then press H.',
  },
];

export interface ToolChange {
  key: keyof TestTakerTools;
  value: TestTakerTools[keyof TestTakerTools];
}

@Component({
  selector: 'exam-tools-choices',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="groups">
      <fieldset [disabled]="disabled()">
        <legend>Text size</legend>
        @for (s of sizes; track s) {
          <label class="choice">
            <input
              type="radio"
              [name]="idPrefix() + '-size'"
              [checked]="tools().textSize === s"
              (change)="changed.emit({ key: 'textSize', value: s })"
            />
            {{ sizeLabels[s] }} ({{ s }} %)
          </label>
        }
      </fieldset>
      <fieldset [disabled]="disabled()">
        <legend>Line spacing</legend>
        @for (s of spacings; track s) {
          <label class="choice">
            <input
              type="radio"
              [name]="idPrefix() + '-spacing'"
              [checked]="tools().lineSpacing === s"
              (change)="changed.emit({ key: 'lineSpacing', value: s })"
            />
            {{ spacingLabels[s] }}
          </label>
        }
      </fieldset>
      <fieldset [disabled]="disabled()" class="wide">
        <legend>Display and helpers</legend>
        @for (s of switches; track s.key) {
          <div class="switch">
            <input
              type="checkbox"
              [id]="idPrefix() + '-' + s.key"
              [checked]="tools()[s.key]"
              [attr.aria-describedby]="idPrefix() + '-' + s.key + '-hint'"
              (change)="changed.emit({ key: s.key, value: $any($event.target).checked })"
            />
            <label [for]="idPrefix() + '-' + s.key">{{ s.label }}</label>
            <p class="hint" [id]="idPrefix() + '-' + s.key + '-hint'">{{ s.hint }}</p>
          </div>
        }
      </fieldset>
    </div>
  `,
  styles: `
    .groups {
      display: grid;
      gap: 1rem;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr));
      margin-block: 0.75rem;
    }
    .groups .wide {
      grid-column: 1 / -1;
    }
    fieldset {
      border: 1px solid var(--border);
      border-radius: var(--radius);
      padding: 0.5rem 0.9rem 0.75rem;
      margin: 0;
      min-inline-size: 0;
    }
    legend {
      font-weight: 600;
      padding-inline: 0.25rem;
    }
    .choice {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      min-block-size: 2.75rem;
    }
    .switch {
      display: grid;
      grid-template-columns: auto 1fr;
      column-gap: 0.6rem;
      align-items: center;
      padding-block: 0.35rem;
    }
    .switch label {
      font-weight: 600;
      min-block-size: 2.75rem;
      display: flex;
      align-items: center;
    }
    .switch .hint {
      grid-column: 2;
      margin: 0;
      color: var(--text-muted);
      font-size: 0.9rem;
    }
    input[type='radio'],
    input[type='checkbox'] {
      inline-size: 1.25rem;
      block-size: 1.25rem;
      accent-color: var(--primary);
      margin: 0;
    }
  `,
})
export class ToolsChoicesComponent {
  readonly tools = input.required<TestTakerTools>();
  readonly disabled = input(false);
  readonly idPrefix = input('tt');
  readonly changed = output<ToolChange>();

  protected readonly sizes = TEXT_SIZES;
  protected readonly sizeLabels = SIZE_LABELS;
  protected readonly spacings = LINE_SPACINGS;
  protected readonly spacingLabels = LINE_SPACING_LABELS;
  protected readonly switches = TOOL_SWITCHES;
}
