/**
 * One line of the dashboard's activity feed, whether it came from the stored session log
 * (GET /exam-sessions/:id/activity: the history, which survives a reload) or from a live frame
 * that arrived since. Both describe the same happenings, so a line from a live frame is
 * dropped as soon as the history holds the same happening: same kind, same students, close
 * in time. The history is the truth (it knows who did it and why).
 */
import type { ActivityEntry } from '@exam/contracts';

export interface FeedEntry {
  /** Unique in the feed: "h123" for a history entry, "l7" for a live one. */
  key: string;
  /** The log id (history only): paging back asks for entries before the oldest one. */
  id: number | null;
  /** Server time. */
  at: number;
  /** An activity type of libs/contracts activity.ts (unknown ones are shown generically). */
  type: string;
  /** Who did it: a user id; null = the server itself (the clock); undefined = not known. */
  actorId: string | null | undefined;
  studentIds: readonly string[];
  data: Readonly<Record<string, unknown>>;
}

/** What a live frame adds to the feed (the service stamps key and time). */
export interface LiveActivity {
  type: string;
  studentIds?: readonly string[];
  data?: Record<string, unknown>;
  actorId?: string | null;
}

export function fromHistory(e: ActivityEntry): FeedEntry {
  return {
    key: `h${e.id}`,
    id: e.id,
    at: e.at,
    type: e.type,
    actorId: e.actor ? e.actor.id : null,
    studentIds: e.studentIds,
    data: e.data,
  };
}

/** A stored entry and its live frame may be this far apart (the log is written in batches). */
export const SAME_EVENT_WINDOW_MS = 10_000;

/**
 * Kinds a live frame cannot always tell apart: a hand-in and an expiry both arrive as "this
 * attempt is completed"; the clock's end and the teacher's both as exam_complete.
 */
const FAMILY: Record<string, string> = {
  exam_submit: 'attempt_end',
  attempt_expired: 'attempt_end',
  exam_complete: 'session_end',
  exam_expire: 'session_end',
};

function family(type: string): string {
  return FAMILY[type] ?? type;
}

function sameStudents(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((id) => set.has(id));
}

/** A first arrival and a return are different happenings, however close in time. */
function sameFacts(a: FeedEntry, b: FeedEntry): boolean {
  const ra = a.data['rejoin'];
  const rb = b.data['rejoin'];
  return typeof ra !== 'boolean' || typeof rb !== 'boolean' || ra === rb;
}

/** True when a live line and a stored entry are the same happening. */
export function sameHappening(live: FeedEntry, stored: FeedEntry): boolean {
  return (
    family(live.type) === family(stored.type) &&
    sameStudents(live.studentIds, stored.studentIds) &&
    Math.abs(live.at - stored.at) <= SAME_EVENT_WINDOW_MS &&
    sameFacts(live, stored)
  );
}

/**
 * Live lines the history does not hold yet. Each stored entry absorbs at most one line; those
 * in `used` (keys) already absorbed one earlier, and the ones absorbed now are added to it.
 */
export function unmatchedLive(
  history: readonly FeedEntry[],
  live: readonly FeedEntry[],
  used: Set<string> = new Set(),
): FeedEntry[] {
  return live.filter((l) => {
    const match = history.find((h) => !used.has(h.key) && sameHappening(l, h));
    if (!match) return true;
    used.add(match.key);
    return false;
  });
}

/**
 * The feed: history and the live lines it does not hold yet, newest first. `absorbed`: stored
 * entries that already replaced a live line (they cannot hide another one).
 */
export function mergeFeed(
  history: readonly FeedEntry[],
  live: readonly FeedEntry[],
  absorbed: ReadonlySet<string> = new Set(),
): FeedEntry[] {
  return [...history, ...unmatchedLive(history, live, new Set(absorbed))].sort(
    (a, b) => b.at - a.at || (b.id ?? Infinity) - (a.id ?? Infinity),
  );
}

/**
 * A newer first page of history joined to what is already loaded: kept together when they
 * overlap (paging back goes on from the oldest), replaced when a gap lies between them.
 */
export function joinHistory(
  loaded: readonly FeedEntry[],
  newest: readonly FeedEntry[],
  newestHasMore: boolean,
): FeedEntry[] {
  if (loaded.length === 0) return [...newest];
  const oldestNew = Math.min(...newest.map((e) => e.id ?? Infinity));
  const newestLoaded = Math.max(...loaded.map((e) => e.id ?? -Infinity));
  // Log ids are shared by every session: only an overlap proves nothing lies between.
  if (newestHasMore && oldestNew > newestLoaded) return [...newest];
  const byId = new Map<number, FeedEntry>();
  for (const e of [...loaded, ...newest]) if (e.id !== null) byId.set(e.id, e);
  return [...byId.values()].sort((a, b) => (b.id ?? 0) - (a.id ?? 0));
}
