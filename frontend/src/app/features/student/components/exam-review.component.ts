/**
 * Review before submitting: the unanswered and the flagged questions (each a link back to
 * it), whether everything is saved, and the final, confirmed submit.
 */
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  input,
  output,
  viewChild,
} from '@angular/core';

export interface QuestionRef {
  id: string;
  /** 1-based, as shown. */
  n: number;
}

@Component({
  selector: 'exam-review',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="review-title" data-testid="review">
      <h2 id="review-title" #heading tabindex="-1">Review and submit</h2>
      @if (unanswered().length > 0) {
        <p>
          You have
          <strong>{unanswered().length, plural,
            =1 {1 unanswered question}
            other {{{ unanswered().length }} unanswered questions}
          }</strong
          >:
        </p>
        <ul class="jump-list" aria-label="Unanswered questions">
          @for (u of unanswered(); track u.id) {
            <li>
              <button type="button" class="btn-link" (click)="go.emit(u.n - 1)">
                Question {{ u.n }}
              </button>
            </li>
          }
        </ul>
      } @else {
        <p>You answered every question.</p>
      }
      @if (flagged().length > 0) {
        <p>Flagged for review:</p>
        <ul class="jump-list" aria-label="Flagged questions">
          @for (f of flagged(); track f.id) {
            <li>
              <button type="button" class="btn-link" (click)="go.emit(f.n - 1)">
                Question {{ f.n }}
              </button>
            </li>
          }
        </ul>
      }
      <p class="muted">
        @if (pending() === 0) {
          All answers saved.
        } @else {
          {pending(), plural, =1 {1 answer is} other {{{ pending() }} answers are}} still waiting to
          be saved.
        }
      </p>
      <p>After you submit you cannot change your answers.</p>
      @if (submitError(); as err) {
        <p class="alert" role="alert">{{ err }}</p>
      }
      <div class="row">
        <button
          type="button"
          class="btn btn-primary"
          [disabled]="submitting()"
          (click)="submitExam.emit()"
        >
          {{ submitting() ? 'Submitting…' : 'Yes, submit my exam' }}
        </button>
        <button type="button" class="btn" (click)="back.emit()">Back to the questions</button>
      </div>
    </section>
  `,
  styles: `
    h2:focus {
      outline: none;
    }
    h2:focus-visible {
      outline: 3px solid var(--focus);
    }
    .jump-list {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1rem;
      list-style: none;
      margin: 0 0 1rem;
      padding: 0;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 0.75rem;
    }
  `,
})
export class ExamReviewComponent {
  readonly unanswered = input.required<readonly QuestionRef[]>();
  readonly flagged = input.required<readonly QuestionRef[]>();
  /** Answers not yet acknowledged by the server. */
  readonly pending = input(0);
  readonly submitError = input<string | null>(null);
  readonly submitting = input(false);
  readonly go = output<number>();
  readonly submitExam = output<void>();
  readonly back = output<void>();

  private readonly heading = viewChild<ElementRef<HTMLElement>>('heading');

  focus(): void {
    this.heading()?.nativeElement.focus();
  }
}
