/**
 * The dashboard's activity feed: the session's stored history and what happened since, newest
 * first, in the teacher's words; "Show older" pages back. New lines are announced politely.
 */
import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { AcademyTimeZone } from '../../../core/time/academy-time-zone';
import { ZonedDatePipe } from '../../../core/time/zoned-date.pipe';
import { formatZoned } from '../../../core/time/zoned-format';
import { describeActivity, type FeedTone } from '../data-access/activity-text';
import type { FeedEntry } from '../data-access/feed-entry';

interface Line {
  key: string;
  at: number;
  text: string;
  tone: FeedTone;
}

@Component({
  selector: 'exam-live-activity-feed',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ZonedDatePipe],
  template: `
    <section class="card feed" aria-labelledby="feed-title">
      <h2 id="feed-title">Activity</h2>
      @if (error(); as e) {
        <p class="alert" role="alert">{{ e }}</p>
      }
      @if (lines().length === 0) {
        <p class="muted">
          {{
            loading()
              ? 'Loading what happened so far…'
              : 'Arrivals, dropped connections, hand-ins and messages appear here as they happen.'
          }}
        </p>
      }
      <ol
        class="feed-list"
        tabindex="0"
        aria-labelledby="feed-title"
        aria-live="polite"
        aria-relevant="additions"
        data-testid="activity-feed"
      >
        @for (line of lines(); track line.key) {
          <li [attr.data-tone]="line.tone">
            <time class="when">{{ line.at | zonedDate: 'HH:mm:ss' }}</time>&ngsp;
            <span>{{ line.text }}</span>
          </li>
        }
      </ol>
      @if (hasMore()) {
        <button
          type="button"
          class="btn btn-small older"
          [disabled]="loading()"
          (click)="older.emit()"
          data-testid="feed-older"
        >
          Show older
        </button>
      }
    </section>
  `,
  styles: `
    .feed-list {
      list-style: none;
      margin: 0;
      padding: 0;
      max-block-size: 22rem;
      overflow-y: auto;
    }
    li {
      display: flex;
      gap: 0.75rem;
      padding: 0.4rem 0.5rem;
      border-inline-start: 4px solid var(--border-strong);
      margin-block-end: 0.35rem;
      background: var(--surface-muted);
      border-radius: 0.25rem;
    }
    li[data-tone='success'] {
      border-inline-start-color: var(--success);
    }
    li[data-tone='warning'] {
      border-inline-start-color: var(--warning);
    }
    li[data-tone='error'] {
      border-inline-start-color: var(--danger);
    }
    .when {
      font-family: var(--mono);
      color: var(--text-muted);
      flex: none;
    }
    .older {
      margin-block-start: 0.5rem;
    }
  `,
})
export class LiveActivityFeedComponent {
  readonly entries = input.required<readonly FeedEntry[]>();
  /** Display names by user id (stored entries' people and the roster). */
  readonly names = input<Readonly<Record<string, string>>>({});
  readonly hasMore = input(false);
  readonly loading = input(false);
  readonly error = input<string | null>(null);
  readonly older = output<void>();

  private readonly zone = inject(AcademyTimeZone).zone;

  protected readonly lines = computed<Line[]>(() => {
    const names = this.names();
    const zone = this.zone();
    const clock = (at: number) => formatZoned(at, 'HH:mm', zone);
    return this.entries().map((e) => ({
      key: e.key,
      at: e.at,
      ...describeActivity(e, names, clock),
    }));
  });
}
