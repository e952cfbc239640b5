/** The dashboard's activity feed: newest first, announced politely as lines arrive. */
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ZonedDatePipe } from '../../../core/time/zoned-date.pipe';
import type { FeedItem } from '../data-access/teacher-live.state';

@Component({
  selector: 'exam-live-activity-feed',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ZonedDatePipe],
  template: `
    <section class="card feed" aria-labelledby="feed-title">
      <h2 id="feed-title">Activity</h2>
      @if (items().length === 0) {
        <p class="muted">Joins, departures, completions and messages appear here as they happen.</p>
      }
      <ol
        class="feed-list"
        tabindex="0"
        aria-labelledby="feed-title"
        aria-live="polite"
        aria-relevant="additions"
        data-testid="activity-feed"
      >
        @for (item of items(); track item.id) {
          <li [attr.data-tone]="item.tone">
            <time class="when">{{ item.at | zonedDate: 'HH:mm:ss' }}</time>
            <span>{{ item.text }}</span>
          </li>
        }
      </ol>
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
  `,
})
export class LiveActivityFeedComponent {
  readonly items = input.required<readonly FeedItem[]>();
}
