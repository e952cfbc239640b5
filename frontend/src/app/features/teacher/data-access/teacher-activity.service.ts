/**
 * The live dashboard's activity feed: the session's stored history (GET …/activity, newest
 * first, so it survives a reload and shows what happened while this page was closed or
 * offline), older pages on request, and the lines live frames add since. A live line is
 * dropped once a fetched page holds the same happening, so nothing shows twice. After a
 * reconnect the newest page is fetched again (frames missed meanwhile are in it).
 */
import { Injectable, computed, inject, signal } from '@angular/core';
import type { SessionActivityPage } from '@exam/contracts';
import type { Subscription } from 'rxjs';
import { toApiError } from '../../../core/api/api-error';
import { LiveSessionApiService } from '../../../core/api/live-session-api.service';
import {
  fromHistory,
  joinHistory,
  mergeFeed,
  unmatchedLive,
  type FeedEntry,
  type LiveActivity,
} from './feed-entry';

export const ACTIVITY_PAGE_SIZE = 50;
/** Live lines kept at most (older ones are in the history). */
const LIVE_MAX = 200;

@Injectable()
export class TeacherActivity {
  private readonly api = inject(LiveSessionApiService);

  private readonly history = signal<readonly FeedEntry[]>([]);
  private readonly live = signal<readonly FeedEntry[]>([]);
  private readonly storedNames = signal<Readonly<Record<string, string>>>({});
  /** Stored entries that replaced a live line already (they cannot hide a later one). */
  private readonly absorbed = signal<ReadonlySet<string>>(new Set());
  /** Newest first: history and the live lines it does not hold yet. */
  readonly entries = computed(() => mergeFeed(this.history(), this.live(), this.absorbed()));
  /** Display names of the people in the stored entries, by user id. */
  readonly names = this.storedNames.asReadonly();
  readonly hasMore = signal(false);
  readonly loading = signal(false);
  readonly error = signal<string | null>(null);

  private sessionId = '';
  private liveCount = 0;
  private newest?: Subscription;
  private older?: Subscription;

  start(sessionId: string): void {
    this.sessionId = sessionId;
    this.refresh();
  }

  /** Fetches the newest page again (after a reconnect): what happened meanwhile shows. */
  refresh(): void {
    if (!this.sessionId) return;
    this.newest?.unsubscribe();
    this.loading.set(true);
    this.newest = this.api.activity(this.sessionId, { limit: ACTIVITY_PAGE_SIZE }).subscribe({
      next: (page) => {
        const fresh = this.take(page);
        this.history.update((h) => joinHistory(h, fresh, page.hasMore));
        // A gap replaced what was loaded: paging back starts again from this page.
        if (this.history().length === fresh.length) this.hasMore.set(page.hasMore);
        this.settle();
      },
      error: (e: unknown) => this.failed(e),
    });
  }

  /** "Show older": the page before the oldest entry loaded. */
  loadOlder(): void {
    const ids = this.history()
      .map((e) => e.id)
      .filter((id): id is number => id !== null);
    if (!this.sessionId || !ids.length || this.older) return;
    this.loading.set(true);
    this.older = this.api
      .activity(this.sessionId, { beforeId: Math.min(...ids), limit: ACTIVITY_PAGE_SIZE })
      .subscribe({
        next: (page) => {
          this.older = undefined;
          const more = this.take(page);
          this.history.update((h) => [...h, ...more.filter((e) => !h.some((x) => x.id === e.id))]);
          this.hasMore.set(page.hasMore);
          this.settle();
        },
        error: (e: unknown) => {
          this.older = undefined;
          this.failed(e);
        },
      });
  }

  /** A line from a live frame (or this page's own action), stamped with the server time. */
  add(activity: LiveActivity, at: number): void {
    const entry: FeedEntry = {
      key: `l${++this.liveCount}`,
      id: null,
      at,
      type: activity.type,
      actorId: activity.actorId,
      studentIds: activity.studentIds ?? [],
      data: activity.data ?? {},
    };
    this.live.update((l) => [entry, ...l].slice(0, LIVE_MAX));
  }

  stop(): void {
    this.newest?.unsubscribe();
    this.older?.unsubscribe();
    this.older = undefined;
  }

  private take(page: SessionActivityPage): FeedEntry[] {
    this.storedNames.update((n) => ({ ...n, ...page.names }));
    return page.entries.map(fromHistory);
  }

  /** Live lines the history now holds are dropped for good. */
  private settle(): void {
    this.loading.set(false);
    this.error.set(null);
    const used = new Set(this.absorbed());
    this.live.update((l) => unmatchedLive(this.history(), l, used));
    this.absorbed.set(used);
  }

  private failed(e: unknown): void {
    this.loading.set(false);
    this.error.set(toApiError(e).message);
  }
}
