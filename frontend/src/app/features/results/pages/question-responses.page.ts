/**
 * /teacher/sessions/:id/results/questions/:questionId: one question of the session: its
 * prompt and correct answer, how many students got it right, partly right, wrong..., every
 * student's answer with points, and for short-text questions the identical answers grouped
 * with the credit the key gives them now; "Accept this answer" opens the regrade page with
 * the change filled in (it previews before anything is stored).
 */
import { RichTextComponent } from '../../../shared/rich-text/rich-text';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import type { AnswerGroup, QuestionResponsesView } from '@exam/contracts';
import { catchError, map, of, switchMap } from 'rxjs';
import { toApiError } from '../../../core/api/api-error';
import { STATE_ORDER, STATE_SYMBOLS, pointsWord } from '../components/results-format';
import {
  ADJUSTMENT_LABELS,
  STATE_LABELS,
  TYPE_LABELS,
  formatPoints,
} from '../data-access/result-labels';
import { ResultsApiService } from '../data-access/results-api.service';

type Loaded = { view: QuestionResponsesView } | { error: string };

@Component({
  selector: 'exam-question-responses-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, RichTextComponent],
  templateUrl: './question-responses.page.html',
  styleUrls: [
    '../../teacher/pages/teacher-pages.css',
    '../components/results-states.css',
    './question-responses.page.css',
  ],
})
export class QuestionResponsesPage {
  private readonly api = inject(ResultsApiService);
  private readonly router = inject(Router);

  /** Route parameters. */
  readonly id = input.required<string>();
  readonly questionId = input.required<string>();

  protected readonly view = signal<QuestionResponsesView | null>(null);
  protected readonly error = signal<string | null>(null);

  protected readonly typeLabels = TYPE_LABELS;
  protected readonly stateLabels = STATE_LABELS;
  protected readonly symbols = STATE_SYMBOLS;
  protected readonly adjustmentLabels = ADJUSTMENT_LABELS;
  protected readonly pointsWord = pointsWord;

  /** How many answers are in each state (states with none left out). */
  protected readonly counts = computed(() => {
    const v = this.view();
    if (!v) return [];
    return STATE_ORDER.map((state) => ({
      state,
      count: v.responses.filter((r) => r.state === state).length,
    })).filter((c) => c.count > 0);
  });
  protected readonly answered = computed(
    () => this.view()?.responses.filter((r) => r.answer !== null).length ?? 0,
  );

  constructor() {
    toObservable(computed(() => ({ id: this.id(), questionId: this.questionId() })))
      .pipe(
        switchMap(({ id, questionId }) =>
          this.api.question(id, questionId).pipe(
            map((view): Loaded => ({ view })),
            catchError((err: unknown) => of<Loaded>({ error: toApiError(err).message })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((r) => {
        if ('view' in r) {
          this.view.set(r.view);
          this.error.set(null);
        } else {
          this.error.set(r.error);
        }
      });
  }

  protected points(p: number | null, max: number, state: string): string {
    if (state === 'pending') return `? / ${formatPoints(max)}`;
    return `${formatPoints(p ?? 0)} / ${formatPoints(max)}`;
  }

  protected accept(g: AnswerGroup): void {
    void this.router.navigate(['/teacher/sessions', this.id(), 'regrade'], {
      queryParams: { questionId: this.questionId(), accept: g.text },
    });
  }
}
