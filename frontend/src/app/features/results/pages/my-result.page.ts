/**
 * /student/results/:id: the student's own result, exactly as the teacher released it: a
 * score card always; which questions were right (correctness); or every question with the
 * answer, the correct answer, points and the teacher's comment (full review). Before release,
 * or on any error, only a friendly sentence and the way back.
 */
import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  OnInit,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import type { MyResult, QuestionScoreState } from '@exam/contracts';
import { toApiError } from '../../../core/api/api-error';
import { MyResultQuestionComponent } from '../components/my-result-question.component';
import { MyResultScoreCardComponent } from '../components/my-result-score-card.component';
import { MY_STATE, questionPoints } from '../components/my-result-words';
import { MyResultApiService } from '../data-access/results-api.service';

type Load =
  | { kind: 'loading' }
  | { kind: 'ready'; result: MyResult }
  | { kind: 'unavailable'; notReleased: boolean; message: string };

const COUNT_ORDER: QuestionScoreState[] = [
  'correct',
  'partial',
  'wrong',
  'unanswered',
  'pending',
  'dropped',
];

@Component({
  selector: 'exam-my-result-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MyResultScoreCardComponent, MyResultQuestionComponent],
  templateUrl: './my-result.page.html',
  styleUrl: './my-result.page.css',
})
export class MyResultPage implements OnInit {
  /** Route parameter: the exam session. */
  readonly id = input.required<string>();
  private readonly api = inject(MyResultApiService);
  private readonly win = inject(DOCUMENT).defaultView;

  protected readonly load = signal<Load>({ kind: 'loading' });
  protected readonly result = computed(() => {
    const l = this.load();
    return l.kind === 'ready' ? l.result : null;
  });
  protected readonly unavailable = computed(() => {
    const l = this.load();
    return l.kind === 'unavailable' ? l : null;
  });
  protected readonly questions = computed(() =>
    [...(this.result()?.questions ?? [])].sort((a, b) => a.position - b.position),
  );
  /** "12 correct · 3 partly correct · 2 not answered" */
  protected readonly counts = computed(() => {
    const by = new Map<QuestionScoreState, number>();
    for (const q of this.questions()) by.set(q.state, (by.get(q.state) ?? 0) + 1);
    return COUNT_ORDER.filter((s) => by.has(s)).map((s) => ({
      state: s,
      symbol: MY_STATE[s].symbol,
      text: `${by.get(s)} ${MY_STATE[s].label.toLowerCase()}`,
    }));
  });
  protected readonly symbol = (s: QuestionScoreState) => MY_STATE[s].symbol;
  protected readonly label = (s: QuestionScoreState) => MY_STATE[s].label;
  protected readonly points = questionPoints;

  ngOnInit(): void {
    this.api.get(this.id()).subscribe({
      next: (result) => this.load.set({ kind: 'ready', result }),
      error: (e: unknown) => {
        const err = toApiError(e);
        this.load.set({
          kind: 'unavailable',
          notReleased: err.code === 'RESULTS_NOT_RELEASED',
          message: err.message,
        });
      },
    });
  }

  protected print(): void {
    this.win?.print();
  }
}
