/**
 * The screen after the attempt: how it ended, in the student's words ("You submitted your
 * exam", "Time ran out: ...", "Your teacher ended the exam: ..."), when, how many questions
 * were answered, and the way to the result once the teacher releases it.
 */
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { AttemptEndReason, ExamSessionStatus, ResultsReleaseMode } from '@exam/contracts';
import { ZonedDatePipe } from '../../../core/time/zoned-date.pipe';
import { endDetail, endTitle } from '../data-access/time-text';

@Component({
  selector: 'exam-end',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ZonedDatePipe],
  template: `
    <section
      class="card done"
      aria-labelledby="done-title"
      data-testid="completion"
      [attr.data-reason]="reason() ?? 'unknown'"
    >
      <h1 id="done-title" tabindex="-1">{{ title() }}</h1>
      <p class="lead">
        {{ detail() }}
        @if (completedAt(); as at) {
          Finished at {{ at | zonedDate: 'HH:mm' }}.
        }
        @if (reason() !== 'absent') {
          You answered {{ answered() }} of
          {total(), plural, =1 {1 question} other {{{ total() }} questions}}.
        }
      </p>
      @if (resultsRelease() !== 'none') {
        <p class="result-ready" data-testid="results-released">
          Your teacher has released your results.
        </p>
        <div class="row">
          <a class="btn btn-primary" [routerLink]="['/student/results', sessionId()]"
            >See your result</a
          >
          <a class="btn" routerLink="/student">Back to my exams</a>
        </div>
      } @else {
        <a class="btn" routerLink="/student">Back to my exams</a>
      }
    </section>
  `,
  styles: `
    h1:focus {
      outline: none;
    }
    .result-ready {
      font-weight: 600;
      color: var(--success);
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 0.75rem;
    }
  `,
})
export class ExamEndComponent {
  readonly sessionId = input.required<string>();
  readonly reason = input<AttemptEndReason | null>(null);
  readonly status = input<ExamSessionStatus | undefined>(undefined);
  readonly completedAt = input<number | null>(null);
  readonly answered = input(0);
  readonly total = input(0);
  readonly resultsRelease = input<ResultsReleaseMode>('none');

  protected readonly title = computed(() => endTitle(this.reason(), this.status()));
  protected readonly detail = computed(() => endDetail(this.reason()));
}
