/**
 * Deadline maths from stored facts only (R6): launch time, duration, session-wide extra
 * time, the student's extra time and accommodation percent, and paused time (a running
 * pause moves the deadline with the clock, so remaining time is frozen while paused).
 * The clock is always passed in.
 */
export interface SessionTiming {
  launchedAt: number | null;
  durationMinutes: number;
  pausedAt: number | null;
  totalPausedMs: number;
  /** Session-wide added time. */
  extraMs: number;
}

export interface StudentTiming {
  extraMs: number;
  /** Accommodation, e.g. 25 = +25 % of the duration. */
  extraTimePercent: number;
}

export const NO_EXTRA: StudentTiming = { extraMs: 0, extraTimePercent: 0 };

/** Working time a student gets, pauses excluded. */
export function allowanceMs(s: SessionTiming, st: StudentTiming = NO_EXTRA): number {
  const base = s.durationMinutes * 60_000;
  return Math.round(base * (1 + st.extraTimePercent / 100)) + s.extraMs + st.extraMs;
}

/** Paused time so far, including a pause that is still running. */
export function pausedMsAt(s: SessionTiming, now: number): number {
  return s.totalPausedMs + (s.pausedAt !== null ? Math.max(0, now - s.pausedAt) : 0);
}

/** The student's deadline at `now`; null before launch. */
export function deadlineAt(s: SessionTiming, st: StudentTiming, now: number): number | null {
  if (s.launchedAt === null) return null;
  return s.launchedAt + allowanceMs(s, st) + pausedMsAt(s, now);
}

/** Milliseconds left at `now` (never negative); null before launch. */
export function remainingAt(s: SessionTiming, st: StudentTiming, now: number): number | null {
  const d = deadlineAt(s, st, now);
  return d === null ? null : Math.max(0, d - now);
}

/** True when answers must be refused as late: the deadline plus grace has passed. */
export function isLate(deadline: number | null, graceMs: number, now: number): boolean {
  return deadline !== null && now > deadline + graceMs;
}

/** Working time spent so far (pauses excluded); 0 before launch. */
export function elapsedAt(s: SessionTiming, now: number): number {
  if (s.launchedAt === null) return 0;
  return Math.max(0, now - s.launchedAt - pausedMsAt(s, now));
}

/**
 * Which time warning is due. Warnings are sent once each: when several are due at once
 * (e.g. after a restart) only the smallest is sent and the larger ones are marked sent too.
 */
export function dueWarning(
  remainingMs: number,
  minutes: readonly number[],
  alreadySent: ReadonlySet<number>,
): { send: number | null; markSent: readonly number[] } {
  // Asked for every student every second: nothing is allocated when nothing is due.
  if (remainingMs <= 0) return NOTHING_DUE;
  let due: number[] | undefined;
  for (const m of minutes) {
    if (!alreadySent.has(m) && remainingMs <= m * 60_000) (due ??= []).push(m);
  }
  if (due === undefined) return NOTHING_DUE;
  return { send: Math.min(...due), markSent: due };
}

const NOTHING_DUE: { send: null; markSent: readonly number[] } = Object.freeze({
  send: null,
  markSent: Object.freeze([]),
});

/** A warning is urgent when it is the smallest configured minute. */
export function isUrgentWarning(minute: number, minutes: readonly number[]): boolean {
  return minutes.length > 0 && minute === Math.min(...minutes);
}

/**
 * When the session ends by itself: the latest student deadline plus grace (the session
 * deadline when nobody is enrolled). Null before launch.
 */
export function autoFinishAt(
  s: SessionTiming,
  students: Iterable<StudentTiming>,
  graceMs: number,
  now: number,
): number | null {
  const base = deadlineAt(s, NO_EXTRA, now);
  if (base === null) return null;
  let latest = base;
  for (const st of students) latest = Math.max(latest, deadlineAt(s, st, now) ?? base);
  return latest + graceMs;
}

/**
 * "Let everyone finish their own time": the latest moment the session can end - the last
 * deadline, plus grace, of the students still working; null when nobody is (it ends now).
 */
export function closingEndsBy(
  s: SessionTiming,
  working: readonly StudentTiming[],
  graceMs: number,
  now: number,
): number | null {
  let latest: number | null = null;
  for (const st of working) {
    const d = deadlineAt(s, st, now);
    if (d !== null) latest = Math.max(latest ?? d, d);
  }
  return latest === null ? null : latest + graceMs;
}
