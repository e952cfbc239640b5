/** The session's figures: finished, passed, failed, awaiting grading, absent, not finished yet, average and median. */
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ResultsSummary } from '@exam/contracts';
import { percentText } from './results-format';

@Component({
  selector: 'exam-results-summary',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dl class="figures" data-testid="results-summary">
      @for (f of figures(); track f.label) {
        <div [attr.data-tone]="f.tone">
          <dt>{{ f.label }}</dt>
          <dd>{{ f.value }}</dd>
        </div>
      }
    </dl>
    @if (summary().pending > 0 && summary().meanPercent !== null) {
      <p class="hint summary-note">
        Average and median count only the points given so far: answers awaiting grading count 0
        until you grade them.
      </p>
    }
  `,
  styleUrl: './results-states.css',
})
export class ResultsSummaryComponent {
  readonly summary = input.required<ResultsSummary>();

  protected readonly figures = computed(() => {
    const s = this.summary();
    return [
      { label: 'Finished', value: `${s.graded} of ${s.enrolled}`, tone: 'plain' },
      { label: 'Passed', value: String(s.passed), tone: 'ok' },
      { label: 'Failed', value: String(s.failed), tone: 'bad' },
      { label: 'Awaiting grading', value: String(s.pending), tone: 'warn' },
      { label: 'Did not take part', value: String(s.absent), tone: 'plain' },
      { label: 'Not finished yet', value: String(s.inProgress), tone: 'live' },
      { label: 'Average', value: percentText(s.meanPercent), tone: 'plain' },
      { label: 'Median', value: percentText(s.medianPercent), tone: 'plain' },
    ];
  });
}
