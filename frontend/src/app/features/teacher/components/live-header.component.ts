/**
 * The live dashboard's header: title, status ("Finishing" while everyone finishes their own
 * time), time left on the server clock (or, before launch, the duration and when it launches
 * by itself), who is connected, and the way to the results (prominent once the session has
 * ended, quieter while it runs).
 */
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ExamSessionStatus } from '@exam/contracts';
import { RouterLink } from '@angular/router';
import { formatClock, spokenDuration } from '../../../core/live/server-clock';
import { LaunchWhenPipe } from './launch-when.pipe';

export const STATUS_LABELS: Record<ExamSessionStatus, string> = {
  preparing: 'Preparing',
  active: 'Running',
  paused: 'Paused',
  completed: 'Completed',
  terminated: 'Terminated',
};

@Component({
  selector: 'exam-live-header',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, LaunchWhenPipe],
  template: `
    <header class="live-head card">
      <div class="title-block">
        <p class="eyebrow">Live session</p>
        <h1>{{ title() }}</h1>
      </div>
      <dl class="facts">
        <div>
          <dt>Status</dt>
          <dd>
            <span class="status-pill" [attr.data-status]="status()" data-testid="session-status">{{
              statusLabel()
            }}</span>
          </dd>
        </div>
        <div>
          <dt>Time left</dt>
          <dd>
            @if (ended()) {
              <span>Ended</span>
            } @else if (remainingMs() !== null) {
              <span class="clock" data-testid="teacher-time-left" [attr.aria-label]="spoken()">{{
                clock()
              }}</span>
            } @else {
              <span class="muted">{{ durationMinutes() }} min when launched</span>
              @if (autoLaunchAt(); as at) {
                <span class="auto" data-testid="auto-launch"
                  >Launches by itself {{ at | launchWhen }}</span
                >
              }
            }
          </dd>
        </div>
        <div>
          <dt>Connected</dt>
          <dd data-testid="connected-count">{{ connected() }} / {{ enrolled() }}</dd>
        </div>
        <div>
          <dt>Completed</dt>
          <dd data-testid="completed-count">{{ completed() }} / {{ enrolled() }}</dd>
        </div>
      </dl>
      @if (sessionId(); as id) {
        @if (ended()) {
          <a
            class="btn btn-primary results-link"
            [routerLink]="['/teacher/sessions', id, 'results']"
            data-testid="results-link"
            >See results</a
          >
        } @else if (status() !== 'preparing') {
          <a
            class="btn btn-small btn-quiet results-link"
            [routerLink]="['/teacher/sessions', id, 'results']"
            data-testid="results-link"
            >Results so far</a
          >
        }
      }
    </header>
  `,
  styles: `
    .live-head {
      display: flex;
      flex-wrap: wrap;
      gap: 1rem 2rem;
      align-items: flex-end;
      justify-content: space-between;
      margin-block-end: 1rem;
    }
    h1 {
      margin: 0;
    }
    .eyebrow {
      margin: 0;
      font-size: 0.85rem;
      font-weight: 600;
      color: var(--text-muted);
      text-transform: uppercase;
      letter-spacing: 0.05em;
    }
    .facts {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem 1.75rem;
      margin: 0;
    }
    dt {
      font-size: 0.8rem;
      font-weight: 600;
      color: var(--text-muted);
    }
    dd {
      margin: 0;
      font-size: 1.15rem;
      font-weight: 600;
    }
    .clock {
      font-family: var(--mono);
      font-size: 1.4rem;
    }
    .auto {
      display: block;
      font-size: 0.9rem;
      font-weight: 600;
      color: var(--primary-strong);
    }
  `,
})
export class LiveHeaderComponent {
  readonly title = input.required<string>();
  readonly status = input.required<ExamSessionStatus>();
  readonly remainingMs = input<number | null>(null);
  readonly durationMinutes = input(0);
  readonly connected = input(0);
  readonly enrolled = input(0);
  readonly completed = input(0);
  /** The session, for the link to its results (none without it). */
  readonly sessionId = input<string | null>(null);
  /** Everyone still working finishes their own time; nobody new starts. */
  readonly closing = input(false);
  /** Before launch: when it launches by itself (null: the teacher launches). */
  readonly autoLaunchAt = input<number | null>(null);

  protected readonly ended = computed(() => ['completed', 'terminated'].includes(this.status()));
  protected readonly statusLabel = computed(() =>
    this.closing() && this.status() === 'active' ? 'Finishing' : STATUS_LABELS[this.status()],
  );
  protected readonly clock = computed(() => formatClock(this.remainingMs() ?? 0));
  protected readonly spoken = computed(() => `${spokenDuration(this.remainingMs() ?? 0)} left`);
}
