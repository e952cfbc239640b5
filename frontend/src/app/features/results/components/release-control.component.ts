/**
 * What students see of their results: the current release in words and since when, a choice
 * of the four modes with what each shows, and a Release / Update button (PUT release). Only
 * once the session has ended (the API refuses before: 409 SESSION_NOT_ENDED).
 */
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  output,
  signal,
} from '@angular/core';
import {
  RESULTS_RELEASE_MODES,
  type ExamSessionStatus,
  type ResultsRelease,
  type ResultsReleaseMode,
} from '@exam/contracts';
import { toApiError } from '../../../core/api/api-error';
import { ZonedDatePipe } from '../../../core/time/zoned-date.pipe';
import { RELEASE_LABELS } from '../data-access/result-labels';
import { ResultsApiService } from '../data-access/results-api.service';
import { RELEASE_EXPLANATIONS, RELEASE_OPTION_LABELS, hasEnded } from './results-format';

@Component({
  selector: 'exam-release-control',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ZonedDatePipe],
  template: `
    <section class="card release" aria-labelledby="release-title">
      <h2 id="release-title">What students see</h2>
      <p data-testid="release-current">
        <span class="muted">Now:&nbsp;</span>
        <span class="strong">{{ currentLabel() }}</span>
        @if (release().releasedAt; as at) {
          <span class="visually-hidden">. </span>
          <span class="when">Released {{ at | zonedDate: 'd MMM y, HH:mm' }}</span>
        }
      </p>
      <form (submit)="$event.preventDefault(); save()">
        <div class="field">
          <label for="release-mode">Show students</label>
          <select
            id="release-mode"
            class="select"
            aria-describedby="release-explain release-why"
            [disabled]="!ended() || busy()"
            (change)="mode.set($any($event.target).value)"
          >
            @for (m of modes; track m) {
              <option [value]="m" [selected]="m === mode()">{{ optionLabels[m] }}</option>
            }
          </select>
          <p id="release-explain" class="hint">{{ explanations[mode()] }}</p>
        </div>
        <p id="release-why" class="hint why">
          @if (!ended()) {
            You can release results once the exam has ended.
          } @else if (pending() > 0 && mode() !== 'none') {
            {{ pending() === 1 ? '1 student has' : pending() + ' students have' }} answers awaiting
            grading: they see their score change when you grade them.
          }
        </p>
        <button
          type="submit"
          class="btn btn-primary"
          [disabled]="!ended() || busy() || mode() === release().mode"
          [attr.aria-busy]="busy()"
        >
          {{ busy() ? 'Saving…' : buttonLabel() }}
        </button>
      </form>
      <div role="status" aria-live="polite" class="result">
        @if (message(); as m) {
          <p class="alert alert-success">{{ m }}</p>
        }
      </div>
      @if (error(); as e) {
        <p class="alert" role="alert">{{ e }}</p>
      }
    </section>
  `,
  styles: `
    .release h2 {
      font-size: 1.15rem;
    }
    .why:empty {
      display: none;
    }
    .why {
      margin-block-end: 0.75rem;
    }
    .result p,
    .alert {
      margin: 0.75rem 0 0;
    }
    .strong {
      font-weight: 600;
    }
    .when {
      display: block;
      color: var(--text-muted);
      font-size: 0.9rem;
    }
  `,
})
export class ReleaseControlComponent {
  private readonly api = inject(ResultsApiService);

  readonly sessionId = input.required<string>();
  readonly status = input.required<ExamSessionStatus>();
  readonly release = input.required<ResultsRelease>();
  /** Students with answers still awaiting grading. */
  readonly pending = input(0);
  readonly released = output<ResultsRelease>();

  protected readonly modes = RESULTS_RELEASE_MODES;
  protected readonly optionLabels = RELEASE_OPTION_LABELS;
  protected readonly explanations = RELEASE_EXPLANATIONS;
  protected readonly mode = linkedSignal<ResultsReleaseMode>(() => this.release().mode);
  protected readonly busy = signal(false);
  protected readonly message = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);

  protected readonly ended = computed(() => hasEnded(this.status()));
  protected readonly currentLabel = computed(() => {
    const m = this.release().mode;
    return m === 'none' ? 'not released, students see nothing yet' : RELEASE_LABELS[m];
  });
  protected readonly buttonLabel = computed(() =>
    this.release().mode === 'none' ? 'Release' : 'Update',
  );

  protected save(): void {
    const mode = this.mode();
    if (!this.ended() || this.busy() || mode === this.release().mode) return;
    this.busy.set(true);
    this.message.set(null);
    this.error.set(null);
    this.api.release(this.sessionId(), mode).subscribe({
      next: (r) => {
        this.busy.set(false);
        this.message.set(
          r.mode === 'none'
            ? 'Results withdrawn: students no longer see them.'
            : `Released: students now see “${RELEASE_LABELS[r.mode]}”.`,
        );
        this.released.emit(r);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err).message);
      },
    });
  }
}
