/**
 * The waiting room before launch: the exam's facts with this student's own working time
 * (never the class's bare duration), the instructions (their time figure personalised the
 * same way), and a calm "waiting for your teacher".
 */
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { personaliseInstructions, workingTimeText } from '../data-access/time-text';

@Component({
  selector: 'exam-lobby',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card lobby" aria-labelledby="lobby-title" data-testid="lobby">
      <h1 id="lobby-title">{{ title() }}</h1>
      <dl class="facts">
        <div>
          <dt>Your time</dt>
          <dd data-testid="lobby-time">{{ time() }}</dd>
        </div>
        <div>
          <dt>Questions</dt>
          <dd>{{ questionCount() }}</dd>
        </div>
      </dl>
      @if (shownInstructions()) {
        <h2>Instructions</h2>
        <p class="instructions" data-testid="instructions">{{ shownInstructions() }}</p>
      }
      <p class="waiting" role="status">
        <span class="pulse" aria-hidden="true"></span>
        Waiting for your teacher to start the exam. It opens here on its own.
      </p>
    </section>
  `,
  styles: `
    .facts {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 2rem;
      margin: 0 0 1rem;
    }
    .facts dt {
      font-size: 0.85rem;
      font-weight: 600;
      color: var(--text-muted);
    }
    .facts dd {
      margin: 0;
      font-size: 1.15rem;
      font-weight: 600;
    }
    .instructions {
      white-space: pre-line;
      max-inline-size: 44rem;
    }
    .waiting {
      display: flex;
      align-items: center;
      gap: 0.75rem;
      font-weight: 600;
      margin: 1.5rem 0 0;
    }
    .pulse {
      inline-size: 0.9rem;
      block-size: 0.9rem;
      border-radius: 50%;
      background: var(--primary);
      flex: none;
    }
    @media (prefers-reduced-motion: no-preference) {
      .pulse {
        animation: pulse 1.6s ease-in-out infinite;
      }
    }
    @keyframes pulse {
      50% {
        opacity: 0.3;
      }
    }
  `,
})
export class ExamLobbyComponent {
  readonly title = input('');
  readonly durationMinutes = input(0);
  readonly allowanceMs = input<number | null>(null);
  readonly questionCount = input(0);
  /** The exam's instructions as written (their time figure is personalised here). */
  readonly instructions = input('');

  protected readonly time = computed(() =>
    workingTimeText(this.allowanceMs(), this.durationMinutes()),
  );
  protected readonly shownInstructions = computed(() =>
    personaliseInstructions(this.instructions(), this.durationMinutes(), this.allowanceMs()),
  );
}
