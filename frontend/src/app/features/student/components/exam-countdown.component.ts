/**
 * The exam clock: time left from the server's deadline; calmer for screen readers (no ticking
 * region). The digits and the spoken label follow one rounding rule (server-clock).
 */
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { formatClock, spokenDuration } from '../../../core/live/server-clock';

@Component({
  selector: 'exam-countdown',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="countdown" [attr.data-urgent]="urgent()" [attr.data-paused]="paused()">
      <span class="label">{{ label() }}</span>
      <span class="clock" data-testid="countdown" [attr.aria-label]="spoken()">{{ clock() }}</span>
    </div>
  `,
  styles: `
    .countdown {
      display: inline-flex;
      flex-direction: column;
      align-items: flex-end;
      padding: 0.25rem 0.75rem;
      border-radius: var(--radius);
      border: 2px solid var(--border);
      background: var(--surface);
    }
    .label {
      font-size: 0.8rem;
      font-weight: 600;
      color: var(--text-muted);
    }
    .clock {
      font-family: var(--mono);
      font-size: 1.5rem;
      font-weight: 700;
      line-height: 1.2;
    }
    [data-urgent='true'] {
      border-color: var(--danger);
    }
    [data-urgent='true'] .clock {
      color: var(--danger);
    }
    [data-paused='true'] {
      border-style: dashed;
    }
  `,
})
export class ExamCountdownComponent {
  readonly remainingMs = input<number | null>(null);
  readonly paused = input(false);
  /** The deadline has passed (grace period or closing). */
  readonly timeUp = input(false);

  protected readonly clock = computed(() => formatClock(this.remainingMs() ?? 0));
  protected readonly spoken = computed(() =>
    this.timeUp() ? 'Time is up' : `${spokenDuration(this.remainingMs() ?? 0)} left`,
  );
  protected readonly label = computed(() =>
    this.timeUp() ? 'Time is up' : this.paused() ? 'Paused – time left' : 'Time left',
  );
  protected readonly urgent = computed(
    () => this.timeUp() || (this.remainingMs() ?? Infinity) < 5 * 60_000,
  );
}
