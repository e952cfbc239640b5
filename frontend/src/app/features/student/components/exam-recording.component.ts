/**
 * Before the exam starts, in plain words: what this exam records about the student's
 * activity (the planner's choice), what it never records, and that nothing is judged
 * automatically. Shown in the lobby.
 */
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import {
  INTEGRITY_SIGNAL_KINDS,
  INTEGRITY_SIGNAL_LABELS,
  recordedKinds,
  type ExamSessionConfig,
} from '@exam/contracts';

@Component({
  selector: 'exam-recording-notice',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card notice" aria-labelledby="recording-title" data-testid="recording-notice">
      <h2 id="recording-title">What this exam records</h2>
      @if (recorded().length) {
        <p>While you take the exam, your teacher can see:</p>
        <ul data-testid="recorded-list">
          @for (line of recorded(); track line) {
            <li>{{ line }}</li>
          }
        </ul>
        <p>
          These are shown to your teacher as context, with their times. Nothing is marked or scored
          automatically.
        </p>
      } @else {
        <p>This exam records nothing about your activity, only your answers.</p>
      }
      <p data-testid="not-recorded">
        Never recorded: your screen, camera or microphone, your keystrokes, the words you paste
        (only how many characters), or what is in other tabs and apps.
      </p>
      @if (config()?.fullscreen) {
        <p data-testid="fullscreen-asked">
          Your teacher asks you to work in full screen. You can switch to it when the exam starts.
        </p>
      }
    </section>
  `,
  styles: `
    .notice {
      margin-block-start: 1rem;
    }
    ul {
      margin: 0.25rem 0 0.75rem;
      padding-inline-start: 1.25rem;
    }
    p:last-child {
      margin-block-end: 0;
    }
  `,
})
export class ExamRecordingComponent {
  readonly config = input<ExamSessionConfig | null>(null);

  protected readonly recorded = computed(() => {
    const c = this.config();
    if (!c) return [];
    const kinds = recordedKinds(c);
    return INTEGRITY_SIGNAL_KINDS.filter((k) => kinds.has(k)).map(
      (k) => INTEGRITY_SIGNAL_LABELS[k],
    );
  });
}
