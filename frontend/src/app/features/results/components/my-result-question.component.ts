/**
 * One question of a full review, as the student saw it: the prompt, the options or items in
 * their order (choices marked "your answer" / "correct answer"), the answer and the correct
 * answer in words, the points and the teacher's comment.
 */
import { RichTextComponent, richPlain } from '../../../shared/rich-text/rich-text';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ChoiceOption, MyResultQuestion } from '@exam/contracts';
import { MY_STATE, correctParts, questionPoints } from './my-result-words';

interface ShownOption {
  id: string;
  text: string;
  mine: boolean;
  correct: boolean;
}

@Component({
  selector: 'exam-my-result-question',
  imports: [RichTextComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <article class="card q" [attr.aria-labelledby]="headingId()" [attr.data-state]="q().state">
      <header class="q-head">
        <h3 [id]="headingId()">Question {{ q().position }}</h3>
        <p class="state" data-testid="q-state">
          <span aria-hidden="true">{{ state().symbol }}</span> {{ state().label }}
          @if (points(); as p) {
            <span class="pts">· {{ p }}</span>
          }
        </p>
      </header>
      @if (q().question; as view) {
        <exam-rich-text class="prompt" [text]="view.prompt" [format]="view.format" />
        @if (options(); as opts) {
          <ul class="options" aria-label="Options">
            @for (o of opts; track o.id) {
              <li [class.is-mine]="o.mine" [class.is-correct]="o.correct">
                <exam-rich-text class="opt-text" [text]="o.text" [format]="view.format" inline />
                @if (o.mine) {
                  <span class="tag tag-mine"
                    ><span class="visually-hidden">, </span><span aria-hidden="true">●</span> Your
                    answer</span
                  >
                }
                @if (o.correct) {
                  <span class="tag tag-correct"
                    ><span class="visually-hidden">, </span
                    ><span aria-hidden="true">✓</span> Correct answer</span
                  >
                }
              </li>
            }
          </ul>
        }
        @if (view.type === 'ordering') {
          <p class="muted shown">Items as shown to you: {{ joined(view.items) }}</p>
        }
        @if (view.type === 'matching') {
          <p class="muted shown">
            To match: {{ joined(view.left) }}.<br />
            Choices: {{ joined(view.right) }}.
          </p>
        }
      }
      <dl class="answers">
        <div>
          <dt>Your answer</dt>
          <dd [class.essay]="isEssay()" data-testid="q-answer">
            @if (q().answerText) {
              <span class="answer-text">{{ q().answerText }}</span>
            } @else {
              <span class="muted">No answer</span>
            }
          </dd>
        </div>
        @if (!isEssay() && correct().main) {
          <div>
            <dt>Correct answer</dt>
            <dd data-testid="q-correct">
              {{ correct().main }}
              @if (correct().partial.length > 0) {
                <span class="partly">Partly accepted: {{ correct().partial.join('; ') }}</span>
              }
            </dd>
          </div>
        }
      </dl>
      @if (feedback(); as fb) {
        <div class="comment feedback" data-testid="q-feedback">
          <p class="comment-title">Feedback</p>
          @for (t of fb.answer; track $index) {
            <exam-rich-text class="fb-text" [text]="t" [format]="q().question?.format" />
          }
          @if (fb.general) {
            <exam-rich-text class="fb-text" [text]="fb.general" [format]="q().question?.format" />
          }
        </div>
      }
      @if (q().comment; as comment) {
        <div class="comment" data-testid="q-comment">
          <p class="comment-title">Your teacher's comment</p>
          <p class="comment-text">{{ comment }}</p>
        </div>
      }
    </article>
  `,
  styles: `
    .q {
      margin-block-end: 1rem;
      border-inline-start: 0.3rem solid var(--border-strong);
    }
    [data-state='correct'] {
      border-inline-start-color: var(--success);
    }
    [data-state='wrong'] {
      border-inline-start-color: var(--danger);
    }
    [data-state='partial'],
    [data-state='pending'] {
      border-inline-start-color: var(--warning);
    }
    .q-head {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      align-items: baseline;
      gap: 0.25rem 1rem;
    }
    h3 {
      margin: 0 0 0.5rem;
    }
    .state {
      margin: 0 0 0.5rem;
      font-weight: 600;
    }
    .pts {
      font-weight: 400;
      color: var(--text-muted);
    }
    .prompt {
      font-size: 1.05rem;
      white-space: pre-line;
    }
    .options {
      max-inline-size: 40rem;
      list-style: none;
      margin: 0 0 1rem;
      padding: 0;
      display: grid;
      gap: 0.35rem;
    }
    .options li {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.5rem;
      padding: 0.3rem 0.75rem;
      border: 1px solid var(--border);
      border-radius: var(--radius);
    }
    .options .is-correct {
      border-color: var(--success);
      background: var(--success-soft);
    }
    .opt-text {
      flex: 1 1 10rem;
    }
    .tag {
      font-size: 0.85rem;
      font-weight: 600;
      white-space: nowrap;
    }
    .tag-mine {
      color: var(--primary-strong);
    }
    .tag-correct {
      color: var(--success);
    }
    .shown {
      font-size: 0.95rem;
    }
    .answers {
      margin: 0;
      display: grid;
      gap: 0.5rem 1.5rem;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 16rem), 1fr));
    }
    .answers:has(.essay) {
      grid-template-columns: minmax(0, 1fr);
    }
    .partly {
      display: block;
      font-size: 0.9rem;
      color: var(--text-muted);
    }
    dt {
      font-size: 0.85rem;
      font-weight: 600;
      color: var(--text-muted);
    }
    dd {
      margin: 0;
    }
    .answer-text {
      white-space: pre-wrap;
    }
    .essay {
      padding: 0.5rem 0.75rem;
      background: var(--surface-muted);
      border-radius: var(--radius);
    }
    .comment {
      margin-block-start: 1rem;
      padding: 0.6rem 0.9rem;
      border-inline-start: 4px solid var(--primary);
      background: var(--primary-soft);
      border-radius: var(--radius);
    }
    .comment-title {
      margin: 0;
      font-weight: 600;
    }
    .comment-text {
      margin: 0;
      white-space: pre-wrap;
    }
    .feedback {
      border-inline-start-color: var(--border-strong);
      background: var(--surface-muted);
    }
    .fb-text {
      margin-block: 0.25rem 0;
    }
    @media print {
      .q {
        box-shadow: none;
        break-inside: avoid;
      }
    }
  `,
})
export class MyResultQuestionComponent {
  readonly q = input.required<MyResultQuestion>();

  protected readonly headingId = computed(() => `q-${this.q().position}`);
  protected readonly state = computed(() => MY_STATE[this.q().state]);
  protected readonly points = computed(() => questionPoints(this.q()));
  protected readonly correct = computed(() => correctParts(this.q()));
  /** What the author wrote for this student's answer and for everyone; null when nothing. */
  protected readonly feedback = computed(() => {
    const fb = this.q().feedback;
    return fb && (fb.answer.length > 0 || fb.general) ? fb : null;
  });
  protected readonly isEssay = computed(() => this.q().question?.type === 'essay');

  /** Choice questions: the options in the student's order, marked. Null for other types. */
  protected readonly options = computed<ShownOption[] | null>(() => {
    const { question: view, answer, correct } = this.q();
    if (!view) return null;
    const a = (answer ?? {}) as Record<string, unknown>;
    switch (view.type) {
      case 'single_choice': {
        const key = correct?.type === 'single_choice' ? correct.correctOptionId : null;
        return view.options.map((o) => ({
          ...o,
          mine: a['optionId'] === o.id,
          correct: key === o.id,
        }));
      }
      case 'multiple_response': {
        const chosen = Array.isArray(a['optionIds']) ? (a['optionIds'] as unknown[]) : [];
        const keys =
          correct?.type === 'multiple_response'
            ? new Set(correct.options.filter((o) => o.weight > 0).map((o) => o.id))
            : new Set<string>();
        return view.options.map((o) => ({
          ...o,
          mine: chosen.includes(o.id),
          correct: keys.has(o.id),
        }));
      }
      case 'true_false': {
        const key = correct?.type === 'true_false' ? correct.correct : null;
        return [true, false].map((v) => ({
          id: String(v),
          text: v ? 'True' : 'False',
          mine: a['value'] === v,
          correct: key === v,
        }));
      }
      default:
        return null;
    }
  });

  protected joined(list: readonly ChoiceOption[]): string {
    const format = this.q().question?.format;
    return list.map((o) => richPlain(o.text, format)).join(' · ');
  }
}
