/** One question's save state in words (and an icon that is never the only cue). */
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { QuestionSave } from '../data-access/answer-queue';

@Component({
  selector: 'exam-save-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p
      class="save"
      [attr.data-state]="save()?.state ?? 'none'"
      data-testid="save-state"
      role="status"
    >
      @switch (save()?.state) {
        @case ('saving') {
          <span aria-hidden="true">⟳</span> Saving…
        }
        @case ('saved') {
          <span aria-hidden="true">✓</span> Saved
        }
        @case ('queued-offline') {
          <span aria-hidden="true">•</span> Kept on this device – sent when you are back online
        }
        @case ('error') {
          <span aria-hidden="true">!</span> Not saved: {{ save()?.message }}
        }
        @default {
          Not answered yet
        }
      }
    </p>
  `,
  styles: `
    .save {
      margin: 0;
      font-size: 0.9rem;
      font-weight: 600;
      color: var(--text-muted);
    }
    [data-state='saved'] {
      color: var(--success);
    }
    [data-state='queued-offline'] {
      color: var(--warning);
    }
    [data-state='error'] {
      color: var(--danger);
    }
  `,
})
export class SaveStateComponent {
  readonly save = input<QuestionSave | undefined>(undefined);
  protected readonly state = computed(() => this.save()?.state);
}
