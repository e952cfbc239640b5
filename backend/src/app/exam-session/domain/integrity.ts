/**
 * Integrity signals, the pure rules (which kinds a session records is recordedKinds in the
 * contracts, shared with the exam page): what of a report is kept
 * (times inside the attempt, durations no longer than the attempt so far), a student's
 * summary, and a student's timeline in time order. Context for the teacher, never a verdict:
 * nothing here scores or judges.
 */
import {
  type IntegritySignal,
  type IntegritySignalKind,
  type IntegritySummary,
  type ReportedSignal,
  type TimelineEntry,
} from '@exam/contracts';

export const NO_SIGNALS: IntegritySummary = { count: 0, latest: null };

/** How early a reported signal may start: a page's clock estimate can be a little off. */
export const EARLY_MS = 60_000;
/** How far ahead of the server's clock a report may say it happened. */
export const AHEAD_MS = 10_000;

export interface ReportContext {
  recorded: ReadonlySet<IntegritySignalKind>;
  /** The attempt's start (launch or the student's join, whichever is later). */
  startedAt: number;
  now: number;
}

export interface SortedReport {
  /** Signals to store, their times and durations kept inside the attempt. */
  keep: ReportedSignal[];
  /** Ids of signals not recorded (a kind the planner did not choose). */
  ignored: string[];
  /** A problem that refuses the whole report (a time outside the attempt), or null. */
  problem: string | null;
}

/**
 * What of a report is stored. A time before the attempt started or after now (beyond a
 * clock's small error) refuses the report: the page's clock is wrong, or the report is
 * forged. Kept times are clamped into the attempt, and a duration to the time since.
 */
export function sortReport(signals: readonly ReportedSignal[], ctx: ReportContext): SortedReport {
  const keep: ReportedSignal[] = [];
  const ignored: string[] = [];
  for (const s of signals) {
    if (s.at < ctx.startedAt - EARLY_MS || s.at > ctx.now + AHEAD_MS) {
      return {
        keep: [],
        ignored: [],
        problem: `signals[${signals.indexOf(s)}].at is outside this attempt (it started at ${ctx.startedAt}, the server's clock says ${ctx.now}); send times from the server's clock`,
      };
    }
    if (!ctx.recorded.has(s.kind)) {
      ignored.push(s.id);
      continue;
    }
    const at = Math.min(ctx.now, Math.max(ctx.startedAt, s.at));
    keep.push({
      ...s,
      at,
      ...(s.durationMs === undefined ? {} : { durationMs: Math.min(s.durationMs, ctx.now - at) }),
    });
  }
  return { keep, ignored, problem: null };
}

/** A summary after new signals: the count grows, the latest is the one that happened last. */
export function addToSummary(
  summary: IntegritySummary,
  added: readonly IntegritySignal[],
): IntegritySummary {
  let latest = summary.latest;
  for (const s of added) if (!latest || s.at >= latest.at) latest = s;
  return { count: summary.count + added.length, latest };
}

/** A student's timeline, oldest first; at one time: connection, then signals, then answers. */
export function sortTimeline(entries: TimelineEntry[]): TimelineEntry[] {
  const rank: Record<TimelineEntry['type'], number> = {
    connection: 0,
    signal: 1,
    answer: 2,
    attempt: 3,
  };
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.at - b.e.at || rank[a.e.type] - rank[b.e.type] || a.i - b.i)
    .map(({ e }) => e);
}
