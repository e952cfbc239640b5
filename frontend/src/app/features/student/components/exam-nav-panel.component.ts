/**
 * The question navigator in a panel that opens and closes ("Questions (12 of 25 answered)"),
 * with "Review and submit" always in reach. Open on wide screens; on a phone it starts
 * closed and closes again after a jump, so the question stays the first thing on screen.
 */
import { ChangeDetectionStrategy, Component, input, model, output } from '@angular/core';
import type { StudentQuestionView } from '@exam/contracts';
import { QuestionNavigatorComponent } from './question-navigator.component';

@Component({
  selector: 'exam-nav-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [QuestionNavigatorComponent],
  template: `
    <h2 class="nav-title">
      <button
        type="button"
        class="toggle"
        aria-controls="question-navigator"
        [attr.aria-expanded]="open()"
        data-testid="navigator-toggle"
        (click)="open.set(!open())"
      >
        <span class="chevron" aria-hidden="true">{{ open() ? '▾' : '▸' }}</span>
        Questions ({{ answered().size }} of {{ questions().length }} answered)
      </button>
    </h2>
    <div id="question-navigator" [hidden]="!open()">
      <exam-question-navigator
        [questions]="questions()"
        [answered]="answered()"
        [flagged]="flagged()"
        [current]="current()"
        (jump)="jump.emit($event)"
      />
    </div>
    <button type="button" class="btn btn-primary review-btn" (click)="review.emit()">
      Review and submit
    </button>
  `,
  styles: `
    :host {
      display: block;
    }
    .nav-title {
      font-size: 1rem;
      margin: 0 0 0.5rem;
    }
    .toggle {
      display: flex;
      align-items: center;
      gap: 0.4rem;
      inline-size: 100%;
      min-block-size: 2.75rem;
      padding: 0.25rem 0.5rem;
      border: 1px solid var(--border-strong);
      border-radius: var(--radius);
      background: var(--surface);
      color: var(--text);
      font: inherit;
      font-weight: 600;
      text-align: start;
      cursor: pointer;
    }
    .toggle:hover {
      background: var(--surface-muted);
    }
    .chevron {
      inline-size: 1rem;
    }
    .review-btn {
      margin-block-start: 1rem;
      inline-size: 100%;
    }
  `,
})
export class ExamNavPanelComponent {
  readonly questions = input.required<readonly StudentQuestionView[]>();
  readonly answered = input.required<ReadonlySet<string>>();
  readonly flagged = input.required<ReadonlySet<string>>();
  readonly current = input.required<number>();
  readonly open = model(true);
  readonly jump = output<number>();
  readonly review = output<void>();
}
