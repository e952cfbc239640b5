/**
 * Time events in words near the timer: warnings, time added, pause and resume (each fades
 * by itself or is dismissed) and, after the deadline, the grace period, which stays until
 * the exam closes. Announced through the page's live region, so nothing here is live.
 */
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { ClockPhase } from '../data-access/grace';
import type { TimeNotice } from '../data-access/time-notices';
import { graceText } from '../data-access/time-text';

@Component({
  selector: 'exam-time-notices',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (phase().kind !== 'running') {
      <p class="notice" data-tone="danger" data-testid="grace-notice">
        <span class="icon" aria-hidden="true">!</span>
        <span class="text">{{ grace() }}</span>
      </p>
    }
    @for (n of notices(); track n.id) {
      <p
        class="notice"
        [attr.data-tone]="n.tone"
        [attr.data-kind]="n.kind"
        data-testid="time-notice"
      >
        <span class="icon" aria-hidden="true">{{ icon(n) }}</span>
        <span class="text">{{ n.text }}</span>
        <button type="button" class="close" (click)="dismiss.emit(n.id)">
          <span aria-hidden="true">×</span
          ><span class="visually-hidden">Dismiss: {{ n.text }}</span>
        </button>
      </p>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 0.4rem;
    }
    .notice {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      margin: 0;
      padding: 0.4rem 0.5rem 0.4rem 0.75rem;
      border-radius: var(--radius);
      border-inline-start: 4px solid var(--primary);
      background: var(--primary-soft);
      font-weight: 600;
    }
    [data-tone='warning'] {
      border-inline-start-color: var(--warning);
      background: #fff4e5;
      color: #7a2e0b;
    }
    [data-tone='danger'] {
      border-inline-start-color: var(--danger);
      background: var(--danger-soft);
      color: #7a1a12;
    }
    [data-tone='success'] {
      border-inline-start-color: var(--success);
      background: var(--success-soft);
      color: #05603a;
    }
    .icon {
      flex: none;
      inline-size: 1.4rem;
      block-size: 1.4rem;
      display: grid;
      place-items: center;
      border-radius: 50%;
      border: 2px solid currentColor;
      font-size: 0.8rem;
      font-weight: 800;
      line-height: 1;
    }
    .text {
      flex: 1 1 auto;
    }
    .close {
      flex: none;
      inline-size: 2.25rem;
      block-size: 2.25rem;
      border: 1px solid transparent;
      border-radius: var(--radius);
      background: transparent;
      color: inherit;
      font: inherit;
      font-size: 1.25rem;
      line-height: 1;
      cursor: pointer;
    }
    .close:hover {
      border-color: currentColor;
    }
  `,
})
export class ExamTimeNoticesComponent {
  readonly notices = input.required<readonly TimeNotice[]>();
  readonly phase = input.required<ClockPhase>();
  readonly dismiss = output<number>();

  /** A plain glyph every font has; the words carry the meaning. */
  protected icon(n: TimeNotice): string {
    switch (n.kind) {
      case 'added':
        return '+';
      case 'paused':
        return '‖';
      case 'resumed':
        return '▶';
      case 'warning':
        return '!';
      case 'closing':
        return 'i';
    }
  }

  protected grace(): string {
    const p = this.phase();
    return graceText(p.kind === 'grace' ? p.secondsLeft : 0);
  }
}
