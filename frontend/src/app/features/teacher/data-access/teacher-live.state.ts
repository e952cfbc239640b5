/**
 * The teacher's view of one live session as pure data: the snapshot's header facts and roster,
 * how each server event changes them, and what each adds to the activity feed (the words are
 * in activity-text.ts). A live frame does not always say how an attempt ended; the roster
 * follows the server's attempt_graded when it comes.
 */
import {
  ATTEMPT_END_REASONS,
  INTEGRITY_EVENTS,
  LIVE_EVENTS,
  RESULTS_EVENTS,
  RESULTS_RELEASE_MODES,
  SESSION_CONTROL_EVENTS,
  STUDENT_EVENTS,
  type AttemptGradedPayload,
  type ExamAddTimePayload,
  type ExamClosingPayload,
  type ExamEndPayload,
  type ExamLaunchPayload,
  type ExamPausePayload,
  type ExamResumePayload,
  type ExamSessionConfig,
  type ExamSessionStats,
  type ExamSessionStatus,
  type IntegritySignalPayload,
  type LiveRosterEntry,
  type LiveUpdatePayload,
  type ResultsReleasedPayload,
  type StudentJoinedPayload,
  type StudentLeftPayload,
  type StudentProgressPayload,
  type TeacherSnapshot,
  type TimeWarningPayload,
} from '@exam/contracts';
import { payload } from '../../../core/live/live-payloads';
import type { SeqFrame } from '../../../core/live/session-sync';
import type { LiveActivity } from './feed-entry';
import {
  addTime,
  patchRow,
  sessionEnded,
  studentJoined,
  studentLeft,
  studentProgress,
} from './roster-changes';
import { lastDeadline, stillWorking } from './still-working';

export interface RosterRow extends LiveRosterEntry {
  /** Server time when timeSpentMs was measured, so the grid can keep counting. */
  syncedAt: number;
  /** When this dashboard saw the student's connection drop (for "back after 2 min"). */
  droppedAt?: number;
}

export interface TeacherLiveState {
  sessionId: string;
  title: string;
  status: ExamSessionStatus;
  durationMinutes: number;
  config: ExamSessionConfig;
  launchedAt: number | null;
  pausedAt: number | null;
  endedAt: number | null;
  /** "Let everyone finish their own time" was chosen then: nobody new starts. */
  closingAt: number | null;
  deadline: number | null;
  totalPausedMs: number;
  extraMs: number;
  questionCount: number;
  stats: ExamSessionStats;
  roster: RosterRow[];
}

export function teacherStateFromSnapshot(s: TeacherSnapshot): TeacherLiveState {
  return {
    sessionId: s.sessionId,
    title: s.title,
    status: s.status,
    durationMinutes: s.durationMinutes,
    config: s.config,
    launchedAt: s.launchedAt,
    pausedAt: s.pausedAt,
    endedAt: s.endedAt,
    closingAt: s.closingAt ?? null,
    deadline: s.deadline,
    totalPausedMs: s.totalPausedMs,
    extraMs: s.extraMs,
    questionCount: s.questionCount,
    stats: s.stats,
    roster: s.roster.map((r) => ({ ...r, syncedAt: s.serverNow })),
  };
}

const E = {
  ...SESSION_CONTROL_EVENTS,
  ...STUDENT_EVENTS,
  ...LIVE_EVENTS,
  ...RESULTS_EVENTS,
  ...INTEGRITY_EVENTS,
};

const pJoined = payload<StudentJoinedPayload>({ studentId: 'string', joinedAt: 'number' });
const pLeft = payload<StudentLeftPayload>({ studentId: 'string', reason: 'string' });
const pProgress = payload<StudentProgressPayload>({
  studentId: 'string',
  answered: 'number',
  total: 'number',
  progress: 'number',
  timeSpentMs: 'number',
  connectionStatus: 'string',
  status: 'string',
});
const pUpdate = payload<LiveUpdatePayload>({ stats: 'object', status: 'string' });
const pLaunch = payload<ExamLaunchPayload>({ launchedAt: 'number', deadline: 'number' });
const pPause = payload<ExamPausePayload>({ pausedAt: 'number' });
const pResume = payload<ExamResumePayload>({ deadline: 'number', totalPausedMs: 'number' });
const pEnd = payload<ExamEndPayload>({ status: 'string', endedAt: 'number' });
const pAddTime = payload<ExamAddTimePayload>({
  addedMs: 'number',
  deadline: 'number',
  scope: 'string',
});
const pWarning = payload<TimeWarningPayload>({ minutesRemaining: 'number' });
const pGradedShape = payload<AttemptGradedPayload>({
  studentId: 'string',
  studentSessionId: 'string',
  score: 'object',
});
const END_REASONS: readonly unknown[] = ATTEMPT_END_REASONS;
const RELEASE_MODES: readonly unknown[] = RESULTS_RELEASE_MODES;

/** attempt_graded: an attempt's score changed (at its end, by a manual grade, by a regrade). */
export function parseAttemptGraded(data: unknown): AttemptGradedPayload | undefined {
  const p = pGradedShape(data);
  if (!p) return undefined;
  const sc = p.score as unknown as Record<string, unknown>;
  const numbers = ['score', 'maxScore', 'percent', 'pendingManual'].every(
    (k) => typeof sc[k] === 'number',
  );
  const endOk = p.endReason === null || END_REASONS.includes(p.endReason);
  return numbers && endOk ? p : undefined;
}

const pReleased = payload<ResultsReleasedPayload>({ mode: 'string' });
const pSignals = payload<IntegritySignalPayload>({
  studentId: 'string',
  signals: 'array',
  summary: 'object',
});

/** integrity_signal: a student's new signals, with their count and latest. */
export function parseSignals(data: unknown): IntegritySignalPayload | undefined {
  const p = pSignals(data);
  if (!p || typeof p.summary.count !== 'number') return undefined;
  return p;
}
const pClosing = payload<ExamClosingPayload>({ closingAt: 'number', working: 'number' });

/** The new state and, for happenings worth telling, what the activity feed gains. */
export interface TeacherReduction {
  state: TeacherLiveState;
  activity?: LiveActivity;
}

/** How one server event changes the teacher's view, and what the feed gains from it. */
export function reduceTeacher(s: TeacherLiveState, f: SeqFrame): TeacherReduction {
  const at = f.ts ?? 0;
  switch (f.event) {
    case E.STUDENT_JOINED: {
      const p = pJoined(f.data);
      return p ? studentJoined(s, p, at) : { state: s };
    }
    case E.STUDENT_LEFT: {
      const p = pLeft(f.data);
      return p ? studentLeft(s, p, at) : { state: s };
    }
    case E.STUDENT_PROGRESS: {
      const p = pProgress(f.data);
      return p ? studentProgress(s, p, at) : { state: s };
    }
    case E.LIVE_UPDATE: {
      const p = pUpdate(f.data);
      return { state: p ? { ...s, stats: p.stats, status: p.status } : s };
    }
    case E.EXAM_LAUNCH: {
      const p = pLaunch(f.data);
      if (!p) return { state: s };
      const state: TeacherLiveState = {
        ...s,
        status: 'active',
        launchedAt: p.launchedAt,
        deadline: p.deadline,
        pausedAt: null,
        roster: s.roster.map((r) => ({ ...r, syncedAt: p.launchedAt })),
      };
      return { state, activity: { type: 'exam_launch' } };
    }
    case E.EXAM_PAUSE: {
      const p = pPause(f.data);
      if (!p) return { state: s };
      return {
        state: { ...s, status: 'paused', pausedAt: p.pausedAt },
        activity: { type: 'exam_pause' },
      };
    }
    case E.EXAM_RESUME: {
      const p = pResume(f.data);
      if (!p) return { state: s };
      const shift = p.totalPausedMs - s.totalPausedMs;
      const state: TeacherLiveState = {
        ...s,
        status: 'active',
        pausedAt: null,
        deadline: p.deadline,
        totalPausedMs: p.totalPausedMs,
        roster: s.roster.map((r) => ({
          ...r,
          deadline: r.deadline === null ? null : r.deadline + shift,
        })),
      };
      return { state, activity: { type: 'exam_resume' } };
    }
    case E.EXAM_COMPLETE:
    case E.EXAM_TERMINATE: {
      const p = pEnd(f.data);
      return p ? sessionEnded(s, p) : { state: s };
    }
    case E.EXAM_CLOSING: {
      const p = pClosing(f.data);
      if (!p) return { state: s };
      const state: TeacherLiveState = { ...s, closingAt: s.closingAt ?? p.closingAt };
      const working = stillWorking(s.roster, at || p.closingAt);
      return {
        state,
        activity: {
          type: 'exam_closing',
          data: { working: p.working, lastUntil: lastDeadline(working) },
        },
      };
    }
    case E.EXAM_ADD_TIME: {
      const p = pAddTime(f.data);
      return p ? addTime(s, p) : { state: s };
    }
    case E.TIME_WARNING: {
      const p = pWarning(f.data);
      return p
        ? { state: s, activity: { type: 'time_warning', data: { minutes: p.minutesRemaining } } }
        : { state: s };
    }
    case E.ATTEMPT_GRADED: {
      const p = parseAttemptGraded(f.data);
      if (!p) return { state: s };
      const state = patchRow(s, p.studentId, (r) => ({
        ...r,
        score: p.score,
        endReason: p.endReason,
      }));
      return { state };
    }
    case E.INTEGRITY_SIGNAL: {
      const p = parseSignals(f.data);
      if (!p) return { state: s };
      return { state: patchRow(s, p.studentId, (r) => ({ ...r, signals: p.summary })) };
    }
    case E.RESULTS_RELEASED: {
      const p = pReleased(f.data);
      if (!p || !RELEASE_MODES.includes(p.mode)) return { state: s };
      return { state: s, activity: { type: 'results_released', data: { mode: p.mode } } };
    }
    default:
      return { state: s };
  }
}
