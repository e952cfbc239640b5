/** Per-session numbers shown in lists and the dashboard, computed from stored facts only. */
import type { ExamSessionStats } from '@exam/contracts';

export interface SessionTiming {
  launchedAt: number | null;
  pausedAt: number | null;
  totalPausedMs: number;
  endedAt: number | null;
}

/** Milliseconds of exam time that have run: launch to now (or end), minus every pause. */
export function elapsedMs(s: SessionTiming, now: number): number {
  if (s.launchedAt === null) return 0;
  const until = s.endedAt ?? now;
  const currentPause = s.pausedAt !== null ? Math.max(0, until - s.pausedAt) : 0;
  return Math.max(0, until - s.launchedAt - s.totalPausedMs - currentPause);
}

export function sessionStats(
  s: SessionTiming,
  students: Array<{ status: string; connectionStatus: string; progress: number }>,
  now: number,
): ExamSessionStats {
  const enrolled = students.length;
  const avg = enrolled ? students.reduce((sum, x) => sum + x.progress, 0) / enrolled : 0;
  return {
    enrolled,
    connected: students.filter((x) => x.connectionStatus === 'connected').length,
    completed: students.filter((x) => x.status === 'completed').length,
    averageProgress: Math.round(avg * 10) / 10,
    minutesElapsed: Math.floor(elapsedMs(s, now) / 60_000),
  };
}
