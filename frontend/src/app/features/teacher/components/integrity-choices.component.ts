/**
 * The session planner's choice of integrity signals: which kinds are recorded (all by
 * default), and whether the exam page asks for full screen (then leaving it is a signal).
 * Students read the same list, in their words, before the exam starts.
 */
import { ChangeDetectionStrategy, Component, computed, model } from '@angular/core';
import {
  INTEGRITY_SIGNAL_KINDS,
  INTEGRITY_SIGNAL_LABELS,
  type IntegritySignalKind,
} from '@exam/contracts';

@Component({
  selector: 'exam-integrity-choices',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <fieldset class="choices" data-testid="integrity-choices">
      <legend>Activity recorded during the exam</legend>
      <p class="hint">
        Shown to you as context beside each student's answers, never as a verdict: nothing is marked
        or scored automatically. Students see this list before the exam starts.
      </p>
      <label class="choice"
        ><input
          type="checkbox"
          data-testid="plan-fullscreen"
          [checked]="fullscreen()"
          (change)="fullscreen.set($any($event.target).checked)"
        />
        Ask students to work in full screen</label
      >
      @for (k of kinds(); track k) {
        <label class="choice"
          ><input
            type="checkbox"
            [attr.data-signal]="k"
            [checked]="recorded().includes(k)"
            (change)="toggle(k, $any($event.target).checked)"
          />
          {{ labels[k] }}</label
        >
      }
    </fieldset>
  `,
  styles: `
    .choices {
      border: 0;
      padding: 0;
      margin: 1rem 0 0;
      display: grid;
      gap: 0.25rem;
    }
    legend {
      font-weight: 600;
      margin-block-end: 0.25rem;
    }
    .hint {
      margin: 0 0 0.5rem;
    }
  `,
})
export class IntegrityChoicesComponent {
  readonly recorded = model<IntegritySignalKind[]>([...INTEGRITY_SIGNAL_KINDS]);
  readonly fullscreen = model(false);

  protected readonly labels = INTEGRITY_SIGNAL_LABELS;
  /** Leaving full screen is only a choice when full screen is asked for. */
  protected readonly kinds = computed(() =>
    INTEGRITY_SIGNAL_KINDS.filter((k) => k !== 'fullscreen_exit' || this.fullscreen()),
  );

  protected toggle(kind: IntegritySignalKind, on: boolean): void {
    const next = new Set(this.recorded());
    if (on) next.add(kind);
    else next.delete(kind);
    this.recorded.set(INTEGRITY_SIGNAL_KINDS.filter((k) => next.has(k)));
  }
}
