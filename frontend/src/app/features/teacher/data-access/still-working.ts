/**
 * Who the teacher's next step affects, from the live roster and the server clock: the
 * students still working and how long each has left (ending the exam now cuts them off),
 * and who is in the lobby before a launch. Pure functions, so the dialogs that ask before
 * ending or launching say exactly what the grid shows.
 */
import type { RosterRow } from './teacher-live.state';

export interface WorkingStudent {
  studentId: string;
  name: string;
  /** Their own deadline (accommodation and added time included); null if unknown. */
  deadline: number | null;
  /** Time left at the server's now (frozen while paused); null if the deadline is unknown. */
  remainingMs: number | null;
  extraTimePercent: number;
}

/** A student is working once joined and until their attempt is completed. */
export function isWorking(r: Pick<RosterRow, 'status' | 'joinedAt'>): boolean {
  return r.status !== 'completed' && r.joinedAt !== null;
}

/**
 * The students still working, the one with the most time left first (the one ending the
 * exam would hurt most), then by name.
 */
export function stillWorking(
  roster: readonly RosterRow[],
  serverNow: number,
  pausedAt: number | null = null,
): WorkingStudent[] {
  const at = pausedAt ?? serverNow;
  return roster
    .filter(isWorking)
    .map((r) => ({
      studentId: r.studentId,
      name: r.displayName,
      deadline: r.deadline,
      remainingMs: r.deadline === null ? null : Math.max(0, r.deadline - at),
      extraTimePercent: r.extraTimePercent,
    }))
    .sort(
      (a, b) =>
        (b.remainingMs ?? -1) - (a.remainingMs ?? -1) ||
        a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }),
    );
}

/** The last deadline among those still working (when the last of them is done at the latest). */
export function lastDeadline(working: readonly WorkingStudent[]): number | null {
  const deadlines = working.map((w) => w.deadline).filter((d): d is number => d !== null);
  return deadlines.length ? Math.max(...deadlines) : null;
}

/** Enrolled students who never joined: they cannot start once the exam is ending. */
export function neverJoined(roster: readonly RosterRow[]): number {
  return roster.filter((r) => r.joinedAt === null && r.status !== 'completed').length;
}

export interface LobbyCounts {
  /** In the lobby now (connected, or reconnecting within the grace period). */
  waiting: number;
  /** Came to the lobby and went away again. */
  away: number;
  /** Never came. */
  notJoined: number;
}

/** Who a launch starts the clock for, before it happens. */
export function lobbyCounts(roster: readonly RosterRow[]): LobbyCounts {
  const counts: LobbyCounts = { waiting: 0, away: 0, notJoined: 0 };
  for (const r of roster) {
    if (r.joinedAt === null) counts.notJoined++;
    else if (r.connectionStatus === 'connected' || r.connectionStatus === 'reconnecting')
      counts.waiting++;
    else counts.away++;
  }
  return counts;
}
