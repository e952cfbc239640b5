/**
 * The teacher's view of one live session as pure data: the snapshot's header facts and roster,
 * how each server event changes them, and the activity-feed line each event produces.
 */
import {
  ATTEMPT_END_REASONS,
  LIVE_EVENTS,
  RESULTS_EVENTS,
  RESULTS_RELEASE_MODES,
  SESSION_CONTROL_EVENTS,
  STUDENT_EVENTS,
  type AttemptGradedPayload,
  type ExamAddTimePayload,
  type ExamEndPayload,
  type ExamLaunchPayload,
  type ExamPausePayload,
  type ExamResumePayload,
  type ExamSessionConfig,
  type ExamSessionStats,
  type ExamSessionStatus,
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

export interface RosterRow extends LiveRosterEntry {
  /** Server time when timeSpentMs was measured, so the grid can keep counting. */
  syncedAt: number;
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
  deadline: number | null;
  totalPausedMs: number;
  extraMs: number;
  questionCount: number;
  stats: ExamSessionStats;
  roster: RosterRow[];
}

export type FeedTone = 'info' | 'success' | 'warning' | 'error';

export interface FeedItem {
  id: number;
  at: number;
  text: string;
  tone: FeedTone;
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
    deadline: s.deadline,
    totalPausedMs: s.totalPausedMs,
    extraMs: s.extraMs,
    questionCount: s.questionCount,
    stats: s.stats,
    roster: s.roster.map((r) => ({ ...r, syncedAt: s.serverNow })),
  };
}

const E = { ...SESSION_CONTROL_EVENTS, ...STUDENT_EVENTS, ...LIVE_EVENTS, ...RESULTS_EVENTS };

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
const RELEASE_FEED: Record<string, string> = {
  none: 'Results withdrawn: students no longer see them',
  score: 'Results released: students see their score',
  correctness: 'Results released: students see their score and which questions were right',
  full_review: 'Results released: students see the full review',
};

function patchRow(
  s: TeacherLiveState,
  studentId: string,
  fn: (r: RosterRow) => RosterRow,
): TeacherLiveState {
  return { ...s, roster: s.roster.map((r) => (r.studentId === studentId ? fn(r) : r)) };
}

function nameOf(s: TeacherLiveState, studentId: string): string {
  return s.roster.find((r) => r.studentId === studentId)?.displayName ?? 'A student';
}

function minutes(ms: number): string {
  const m = Math.round(ms / 60_000);
  return `${m} minute${m === 1 ? '' : 's'}`;
}

/** The new state and, for events worth telling, one activity line. */
export function reduceTeacher(
  s: TeacherLiveState,
  f: SeqFrame,
): { state: TeacherLiveState; feed?: { text: string; tone: FeedTone } } {
  const at = f.ts ?? 0;
  switch (f.event) {
    case E.STUDENT_JOINED: {
      const p = pJoined(f.data);
      if (!p) return { state: s };
      const state = patchRow(s, p.studentId, (r) => ({
        ...r,
        connectionStatus: 'connected',
        status: r.status === 'enrolled' ? 'joined' : r.status,
        joinedAt: r.joinedAt ?? p.joinedAt,
      }));
      return { state, feed: { text: `${p.displayName} joined`, tone: 'info' } };
    }
    case E.STUDENT_LEFT: {
      const p = pLeft(f.data);
      if (!p) return { state: s };
      const state = patchRow(s, p.studentId, (r) => ({
        ...r,
        connectionStatus: 'disconnected',
        status: p.reason === 'complete' || p.reason === 'terminate' ? 'completed' : r.status,
        completedAt: p.reason === 'disconnect' ? r.completedAt : (r.completedAt ?? p.at),
      }));
      const name = nameOf(s, p.studentId);
      return p.reason === 'complete'
        ? { state, feed: { text: `${name} submitted and left`, tone: 'success' } }
        : p.reason === 'terminate'
          ? { state }
          : { state, feed: { text: `${name} lost the connection`, tone: 'warning' } };
    }
    case E.STUDENT_PROGRESS: {
      const p = pProgress(f.data);
      if (!p) return { state: s };
      const before = s.roster.find((r) => r.studentId === p.studentId);
      const state = patchRow(s, p.studentId, (r) => ({
        ...r,
        status: p.status,
        currentQuestionId: p.currentQuestionId,
        answered: p.answered,
        total: p.total,
        progress: p.progress,
        timeSpentMs: p.timeSpentMs,
        connectionStatus: p.connectionStatus,
        lastActivityAt: p.lastActivityAt,
        completedAt: p.status === 'completed' ? (r.completedAt ?? at) : r.completedAt,
        syncedAt: at || r.syncedAt,
      }));
      if (before && before.status !== 'completed' && p.status === 'completed') {
        return {
          state,
          feed: { text: `${before.displayName} completed the exam`, tone: 'success' },
        };
      }
      return { state };
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
      return { state, feed: { text: 'Exam launched: the clock is running', tone: 'success' } };
    }
    case E.EXAM_PAUSE: {
      const p = pPause(f.data);
      if (!p) return { state: s };
      return {
        state: { ...s, status: 'paused', pausedAt: p.pausedAt },
        feed: { text: 'Exam paused', tone: 'warning' },
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
      return { state, feed: { text: 'Exam resumed', tone: 'info' } };
    }
    case E.EXAM_COMPLETE:
    case E.EXAM_TERMINATE: {
      const p = pEnd(f.data);
      if (!p) return { state: s };
      return {
        state: { ...s, status: p.status, endedAt: p.endedAt },
        feed:
          p.status === 'terminated'
            ? { text: 'Exam terminated', tone: 'error' }
            : { text: 'Exam completed', tone: 'success' },
      };
    }
    case E.EXAM_ADD_TIME: {
      const p = pAddTime(f.data);
      if (!p) return { state: s };
      if (p.scope === 'session' || !p.studentId) {
        const state: TeacherLiveState = {
          ...s,
          deadline: p.deadline,
          extraMs: s.extraMs + p.addedMs,
          roster: s.roster.map((r) => ({
            ...r,
            deadline: r.deadline === null ? null : r.deadline + p.addedMs,
          })),
        };
        return { state, feed: { text: `${minutes(p.addedMs)} added for everyone`, tone: 'info' } };
      }
      const id = p.studentId;
      const state = patchRow(s, id, (r) => ({
        ...r,
        deadline: p.deadline,
        extraMs: r.extraMs + p.addedMs,
      }));
      return {
        state,
        feed: { text: `${minutes(p.addedMs)} added for ${nameOf(s, id)}`, tone: 'info' },
      };
    }
    case E.TIME_WARNING: {
      const p = pWarning(f.data);
      return p
        ? {
            state: s,
            feed: { text: `Time warning sent: ${p.minutesRemaining} min left`, tone: 'warning' },
          }
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
    case E.RESULTS_RELEASED: {
      const p = pReleased(f.data);
      if (!p || !RELEASE_MODES.includes(p.mode)) return { state: s };
      return {
        state: s,
        feed: { text: RELEASE_FEED[p.mode], tone: p.mode === 'none' ? 'warning' : 'success' },
      };
    }
    default:
      return { state: s };
  }
}
