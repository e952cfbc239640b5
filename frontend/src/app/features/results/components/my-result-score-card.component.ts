/**
 * The student's score card: points out of the maximum, the percent, the outcome in words
 * (passed, not passed, not final yet, did not take part) with the passing score, and how
 * the attempt ended.
 */
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { MyResult } from '@exam/contracts';
import { ZonedDatePipe } from '../../../core/time/zoned-date.pipe';
import { formatPoints } from '../data-access/result-labels';
import { MY_END_REASON, MY_OUTCOME, outcomeOf, pendingText } from './my-result-words';

@Component({
  selector: 'exam-my-result-score-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ZonedDatePipe],
  template: `
    <section class="card score-card" aria-labelledby="score-title" [attr.data-outcome]="outcome()">
      <h2 id="score-title" class="visually-hidden">Your score</h2>
      @if (outcome() === 'absent') {
        <p class="outcome" data-testid="outcome">
          <span aria-hidden="true" class="symbol">{{ outcomeWords().symbol }}</span>
          {{ outcomeWords().label }}
        </p>
        <p class="muted explain">
          You did not join this exam, so there is no score. If you think this is a mistake, talk to
          your teacher.
        </p>
      } @else {
        <div class="figures">
          <p class="figure" data-testid="score-points">
            <span class="big">{{ points() }}</span>
            <span class="sub"> {{ ofMax() }}</span>
          </p>
          <p class="figure" data-testid="score-percent">
            <span class="big">{{ percent() }}</span>
            <span class="sub"> of the points</span>
          </p>
        </div>
        <p class="outcome" data-testid="outcome">
          <span aria-hidden="true" class="symbol">{{ outcomeWords().symbol }}</span>
          @if (outcome() === 'pending') {
            Not final yet: {{ pending() }}
          } @else {
            {{ outcomeWords().label }}
          }
        </p>
        <p class="muted explain">
          You needed {{ passing() }} % to pass.
          @if (outcome() === 'pending') {
            The score counts only the answers graded so far; it can still go up.
          }
        </p>
      }
      <dl class="facts">
        @if (endReason(); as why) {
          <div>
            <dt>How it ended</dt>
            <dd data-testid="end-reason">{{ why }}</dd>
          </div>
        }
        @if (result().completedAt; as at) {
          <div>
            <dt>Finished</dt>
            <dd>{{ at | zonedDate: 'd MMM y, HH:mm' }}</dd>
          </div>
        }
        <div>
          <dt>Results released</dt>
          <dd>{{ result().releasedAt | zonedDate: 'd MMM y, HH:mm' }}</dd>
        </div>
      </dl>
    </section>
  `,
  styles: `
    .score-card {
      border-inline-start: 0.4rem solid var(--border-strong);
      margin-block-end: 1.25rem;
    }
    [data-outcome='passed'] {
      border-inline-start-color: var(--success);
    }
    [data-outcome='failed'] {
      border-inline-start-color: var(--danger);
    }
    [data-outcome='pending'] {
      border-inline-start-color: var(--warning);
    }
    .figures {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 2.5rem;
    }
    .figure {
      margin: 0 0 0.75rem;
      display: flex;
      flex-direction: column;
    }
    .big {
      font-size: 2.25rem;
      font-weight: 700;
      line-height: 1.1;
    }
    .sub {
      color: var(--text-muted);
    }
    .outcome {
      font-size: 1.3rem;
      font-weight: 700;
      margin: 0 0 0.25rem;
    }
    [data-outcome='passed'] .outcome {
      color: var(--success);
    }
    [data-outcome='failed'] .outcome {
      color: var(--danger);
    }
    [data-outcome='pending'] .outcome {
      color: var(--warning);
    }
    .symbol {
      margin-inline-end: 0.25rem;
    }
    .facts {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 2rem;
      margin: 0;
      padding-block-start: 0.75rem;
      border-block-start: 1px solid var(--border);
    }
    dt {
      font-size: 0.85rem;
      font-weight: 600;
      color: var(--text-muted);
    }
    dd {
      margin: 0;
    }
    @media print {
      .score-card {
        box-shadow: none;
        break-inside: avoid;
      }
    }
  `,
})
export class MyResultScoreCardComponent {
  readonly result = input.required<MyResult>();

  protected readonly outcome = computed(() =>
    outcomeOf(this.result().score, this.result().endReason),
  );
  protected readonly outcomeWords = computed(() => MY_OUTCOME[this.outcome()]);
  protected readonly points = computed(() => formatPoints(this.result().score.score));
  protected readonly ofMax = computed(() => {
    const max = this.result().score.maxScore;
    return `out of ${formatPoints(max)} point${max === 1 ? '' : 's'}`;
  });
  protected readonly percent = computed(() => `${formatPoints(this.result().score.percent)} %`);
  protected readonly passing = computed(() => formatPoints(this.result().passingScore));
  protected readonly pending = computed(() => pendingText(this.result().score.pendingManual));
  protected readonly endReason = computed(() => {
    const r = this.result().endReason;
    return r && r !== 'absent' ? MY_END_REASON[r] : null;
  });
}
