/** Buttons for every question: answered / unanswered / flagged, in words as well as colour. */
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { StudentQuestionView } from '@exam/contracts';

@Component({
  selector: 'exam-question-navigator',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nav aria-label="Questions" class="navigator">
      <ol>
        @for (q of questions(); track q.id; let i = $index) {
          <li>
            <button
              type="button"
              class="q"
              [class.answered]="answered().has(q.id)"
              [class.flagged]="flagged().has(q.id)"
              [attr.aria-current]="i === current() ? 'step' : null"
              [attr.aria-label]="label(i, q.id)"
              (click)="jump.emit(i)"
            >
              {{ i + 1 }}
              @if (flagged().has(q.id)) {
                <span class="flag-mark" aria-hidden="true">⚑</span>
              }
            </button>
          </li>
        }
      </ol>
      <p class="legend muted">
        <span class="key answered-key" aria-hidden="true"></span> answered
        <span class="key" aria-hidden="true"></span> not answered
        <span aria-hidden="true">⚑</span> flagged for review
      </p>
    </nav>
  `,
  styles: `
    ol {
      list-style: none;
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
      margin: 0;
      padding: 0;
    }
    .q {
      position: relative;
      min-inline-size: 2.5rem;
      min-block-size: 2.5rem;
      border: 2px solid var(--border-strong);
      border-radius: var(--radius);
      background: var(--surface);
      color: var(--text);
      font: inherit;
      font-weight: 600;
      cursor: pointer;
    }
    .q.answered {
      background: var(--primary-soft);
      border-color: var(--primary);
    }
    .q[aria-current] {
      outline: 3px solid var(--text);
      outline-offset: 1px;
    }
    .q:focus-visible {
      outline: 3px solid var(--focus);
      outline-offset: 3px;
    }
    .flag-mark {
      position: absolute;
      inset-block-start: -0.45rem;
      inset-inline-end: -0.3rem;
      color: var(--warning);
      font-size: 0.9rem;
    }
    .legend {
      font-size: 0.85rem;
      margin: 0.5rem 0 0;
    }
    .key {
      display: inline-block;
      inline-size: 0.9rem;
      block-size: 0.9rem;
      border: 2px solid var(--border-strong);
      border-radius: 0.2rem;
      vertical-align: middle;
      margin-inline: 0.4rem 0.2rem;
    }
    .answered-key {
      background: var(--primary-soft);
      border-color: var(--primary);
      margin-inline-start: 0;
    }
  `,
})
export class QuestionNavigatorComponent {
  readonly questions = input.required<readonly StudentQuestionView[]>();
  readonly answered = input.required<ReadonlySet<string>>();
  readonly flagged = input.required<ReadonlySet<string>>();
  readonly current = input.required<number>();
  readonly jump = output<number>();

  protected label(i: number, id: string): string {
    const parts = [`Question ${i + 1}`, this.answered().has(id) ? 'answered' : 'not answered'];
    if (this.flagged().has(id)) parts.push('flagged for review');
    return parts.join(', ');
  }
}
