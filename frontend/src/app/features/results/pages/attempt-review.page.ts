/**
 * /teacher/sessions/:id/results/students/:attemptId: one student's attempt, question by
 * question in exam order: their answer, the correct answer, the points and who gave them,
 * why, the teacher's comment, a form to grade (or change the points), and the history of
 * answer saves and grades. A grade updates the card and the total at once, then the page
 * refreshes from the server.
 */
import { RichTextComponent } from '../../../shared/rich-text/rich-text';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { AttemptReview, AttemptReviewQuestion, GradeResponse } from '@exam/contracts';
import { catchError, map, of, switchMap } from 'rxjs';
import { toApiError } from '../../../core/api/api-error';
import { ZonedDatePipe } from '../../../core/time/zoned-date.pipe';
import { AnswerHistoryComponent } from '../components/answer-history.component';
import { GradeFormComponent } from '../components/grade-form.component';
import {
  STATE_SYMBOLS,
  pointsWord,
  resultBadge,
  stateForPoints,
} from '../components/results-format';
import {
  ADJUSTMENT_LABELS,
  END_REASON_LABELS,
  STATE_LABELS,
  TYPE_LABELS,
  durationText,
  formatPoints,
  scoreText,
} from '../data-access/result-labels';
import { ResultsApiService } from '../data-access/results-api.service';

type Loaded = { review: AttemptReview } | { error: string };

@Component({
  selector: 'exam-attempt-review-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    ZonedDatePipe,
    GradeFormComponent,
    AnswerHistoryComponent,
    RichTextComponent,
  ],
  templateUrl: './attempt-review.page.html',
  styleUrls: [
    '../../teacher/pages/teacher-pages.css',
    '../components/results-states.css',
    './attempt-review.page.css',
  ],
})
export class AttemptReviewPage {
  private readonly api = inject(ResultsApiService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  /** Route parameters. */
  readonly id = input.required<string>();
  readonly attemptId = input.required<string>();

  protected readonly review = signal<AttemptReview | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly notice = signal('');

  protected readonly typeLabels = TYPE_LABELS;
  protected readonly stateLabels = STATE_LABELS;
  protected readonly symbols = STATE_SYMBOLS;
  protected readonly adjustmentLabels = ADJUSTMENT_LABELS;
  protected readonly formatPoints = formatPoints;

  protected readonly badge = computed(() => {
    const r = this.review();
    return r ? resultBadge(r) : null;
  });
  protected readonly scoreLine = computed(() => {
    const r = this.review();
    if (!r) return '';
    if (r.endReason === 'absent') return 'Did not take part';
    return r.score ? scoreText(r.score) : 'Not finished yet';
  });
  protected readonly ended = computed(() => {
    const r = this.review();
    if (!r) return '';
    return r.endReason ? END_REASON_LABELS[r.endReason] : 'Still taking the exam';
  });
  protected readonly timeTaken = computed(() => {
    const r = this.review();
    return !r || r.endReason === 'absent' || !r.joinedAt ? '–' : durationText(r.timeTakenMs);
  });
  /** Why no grade can be given now (null: grading is possible). */
  protected readonly gradeBlocked = computed(() => {
    const r = this.review();
    if (!r) return null;
    if (r.endReason === 'absent')
      return 'This student did not take part: there is nothing to grade.';
    if (!r.score) {
      return 'The student is still taking the exam: you can grade once they have submitted or the exam has ended.';
    }
    return null;
  });

  constructor() {
    toObservable(computed(() => ({ id: this.id(), attemptId: this.attemptId() })))
      .pipe(
        switchMap(({ id, attemptId }) =>
          this.api.attempt(id, attemptId).pipe(
            map((review): Loaded => ({ review })),
            catchError((err: unknown) => of<Loaded>({ error: toApiError(err).message })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((r) => this.apply(r));
  }

  private apply(r: Loaded): void {
    if ('review' in r) {
      this.review.set(r.review);
      this.error.set(null);
    } else {
      this.error.set(r.error);
    }
  }

  protected pointsLine(q: AttemptReviewQuestion): string {
    if (q.adjustment === 'dropped') return `Not counted (worth ${pointsWord(q.maxPoints)})`;
    if (q.points === null) {
      return q.state === 'pending'
        ? `Awaiting grading (out of ${pointsWord(q.maxPoints)})`
        : `0 of ${pointsWord(q.maxPoints)}`;
    }
    return `${formatPoints(q.points)} of ${pointsWord(q.maxPoints)}`;
  }

  protected sourceLine(q: AttemptReviewQuestion): string {
    if (q.points === null) return '';
    if (q.source === 'manual') {
      const last = q.gradeHistory.reduce<(typeof q.gradeHistory)[number] | null>(
        (a, g) => (!a || g.at >= a.at ? g : a),
        null,
      );
      const who = last ? `by ${last.graderName}` : 'by a teacher';
      const rules =
        q.autoPoints !== null && q.autoPoints !== q.points
          ? ` (the rules gave ${formatPoints(q.autoPoints)})`
          : '';
      return `${who}${rules}`;
    }
    if (q.source === 'auto') return 'by the rules';
    return q.adjustment === 'full_marks' ? 'full marks for everyone' : '';
  }

  protected jumpTo(position: number, scroll = true): void {
    const h = this.host.nativeElement.querySelector<HTMLElement>(`#q-${position}-title`);
    if (!h) return;
    if (scroll) h.scrollIntoView?.({ block: 'start' });
    h.focus({ preventScroll: scroll });
  }

  protected onGraded(q: AttemptReviewQuestion, res: GradeResponse): void {
    const points = res.item.points ?? 0;
    this.review.update((r) => {
      if (!r) return r;
      return {
        ...r,
        score: res.attempt,
        questions: r.questions.map((x) =>
          x.question.id !== q.question.id
            ? x
            : {
                ...x,
                points,
                state: x.adjustment === 'dropped' ? x.state : stateForPoints(points, x.maxPoints),
                source: 'manual' as const,
                comment: res.item.comment,
              },
        ),
      };
    });
    this.notice.set(
      `Saved: ${formatPoints(points)} of ${pointsWord(q.maxPoints)} for question ${q.position}. ` +
        `Total now ${scoreText(res.attempt)}.`,
    );
    queueMicrotask(() => this.jumpTo(q.position, false));
    // The server has the final word (state, history, result).
    this.api.attempt(this.id(), this.attemptId()).subscribe({
      next: (review) => this.review.set(review),
      error: () => undefined,
    });
  }
}
