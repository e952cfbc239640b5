/**
 * The student's view of one live session as pure data, and how each server event changes it.
 * No Angular, no socket: the session service feeds it snapshots and events in order.
 */
import {
  ATTEMPT_END_REASONS,
  RESULTS_RELEASE_MODES,
  SESSION_CONTROL_EVENTS,
  SESSION_EVENTS,
  LIVE_EVENTS,
  type ExamAddTimePayload,
  type ExamEndPayload,
  type ExamLaunchPayload,
  type ExamPausePayload,
  type ExamPreparePayload,
  type ExamResumePayload,
  type ExamSessionConfig,
  type ExamSessionStatus,
  type ExamSubmitPayload,
  type ResultsReleasedPayload,
  type AttemptEndReason,
  type SavedAnswer,
  type SessionEndReason,
  type StudentExamText,
  type StudentQuestionView,
  type StudentSessionStatus,
  type StudentSnapshot,
  type TimeWarningPayload,
} from '@exam/contracts';
import { payload } from '../../../core/live/live-payloads';
import type { SeqFrame } from '../../../core/live/session-sync';

export interface StudentExamState {
  sessionId: string;
  title: string;
  status: ExamSessionStatus;
  attemptStatus: StudentSessionStatus;
  durationMinutes: number;
  config: ExamSessionConfig;
  launchedAt: number | null;
  pausedAt: number | null;
  endedAt: number | null;
  /** How this student's attempt ended (null while it runs). */
  endReason: AttemptEndReason | null;
  /** This student's deadline (server clock), null before launch. */
  deadline: number | null;
  /**
   * This student's own working time in ms (duration with their accommodation and any time
   * added; pauses excluded): what every screen shows instead of durationMinutes.
   */
  allowanceMs: number;
  questionCount: number;
  questions: StudentQuestionView[];
  /** Texts shown between questions, each placed by the question it comes before. */
  texts: StudentExamText[];
  /** Saved answers by question id, as the server last told us. */
  saved: Record<string, SavedAnswer>;
  completedAt: number | null;
  currentQuestionId: string | null;
}

export function studentStateFromSnapshot(s: StudentSnapshot): StudentExamState {
  const saved: Record<string, SavedAnswer> = {};
  for (const a of s.answers) saved[a.questionId] = a;
  return {
    sessionId: s.sessionId,
    title: s.title,
    status: s.status,
    attemptStatus: s.attemptStatus,
    durationMinutes: s.durationMinutes,
    config: s.config,
    launchedAt: s.launchedAt,
    pausedAt: s.pausedAt,
    endedAt: s.endedAt,
    endReason: isEndReason(s.endReason) ? s.endReason : null,
    deadline: s.deadline,
    allowanceMs: s.allowanceMs > 0 ? s.allowanceMs : s.durationMinutes * 60_000,
    questionCount: s.questionCount,
    questions: [...s.questions].sort((a, b) => a.position - b.position),
    texts: Array.isArray(s.texts) ? s.texts : [],
    saved,
    completedAt: s.completedAt,
    currentQuestionId: s.currentQuestionId,
  };
}

const E = { ...SESSION_CONTROL_EVENTS, ...SESSION_EVENTS, ...LIVE_EVENTS };

const parsePrepare = payload<ExamPreparePayload>({ title: 'string', status: 'string' });
const parseLaunch = payload<ExamLaunchPayload>({ deadline: 'number', launchedAt: 'number' });
const parsePause = payload<ExamPausePayload>({ pausedAt: 'number' });
const parseResume = payload<ExamResumePayload>({ deadline: 'number' });
const parseEnd = payload<ExamEndPayload>({ status: 'string', endedAt: 'number' });
const parseAddTime = payload<ExamAddTimePayload>({ deadline: 'number', addedMs: 'number' });
const parseWarning = payload<TimeWarningPayload>({
  deadline: 'number',
  minutesRemaining: 'number',
});
export const parseSubmit = payload<ExamSubmitPayload>({ completedAt: 'number' });

const releasedShape = payload<ResultsReleasedPayload>({
  sessionId: 'string',
  mode: 'string',
  releasedAt: 'nullable-number',
});
const RELEASE_MODES: readonly string[] = RESULTS_RELEASE_MODES;

/** results_released: the teacher released (or withdrew: mode none) this session's results. */
export function parseResultsReleased(data: unknown): ResultsReleasedPayload | undefined {
  const p = releasedShape(data);
  return p && RELEASE_MODES.includes(p.mode) ? p : undefined;
}

export function reduceStudent(s: StudentExamState, f: SeqFrame): StudentExamState {
  switch (f.event) {
    case E.EXAM_PREPARE: {
      const p = parsePrepare(f.data);
      if (!p) return s;
      const duration = p.durationMinutes ?? s.durationMinutes;
      // A new duration scales the student's time with their accommodation (no time is
      // added before launch); the next snapshot or the launch gives the exact figure.
      const allowanceMs =
        duration !== s.durationMinutes && s.durationMinutes > 0
          ? Math.round((s.allowanceMs * duration) / s.durationMinutes)
          : s.allowanceMs;
      return {
        ...s,
        title: p.title,
        status: p.status,
        durationMinutes: duration,
        allowanceMs,
        questionCount: p.questionCount ?? s.questionCount,
      };
    }
    case E.EXAM_LAUNCH: {
      const p = parseLaunch(f.data);
      if (!p) return s;
      const questions = Array.isArray(p.questions)
        ? [...p.questions].sort((a, b) => a.position - b.position)
        : s.questions;
      return {
        ...s,
        status: 'active',
        launchedAt: p.launchedAt,
        deadline: p.deadline,
        // At launch nothing is paused yet: the deadline is launch + this student's time.
        allowanceMs: p.deadline > p.launchedAt ? p.deadline - p.launchedAt : s.allowanceMs,
        pausedAt: null,
        durationMinutes: p.durationMinutes ?? s.durationMinutes,
        questions,
        texts: Array.isArray(p.texts) ? p.texts : s.texts,
        questionCount: Math.max(s.questionCount, questions.length),
        attemptStatus: s.attemptStatus === 'enrolled' ? 'joined' : s.attemptStatus,
      };
    }
    case E.EXAM_PAUSE: {
      const p = parsePause(f.data);
      return p ? { ...s, status: 'paused', pausedAt: p.pausedAt } : s;
    }
    case E.EXAM_RESUME: {
      const p = parseResume(f.data);
      return p ? { ...s, status: 'active', pausedAt: null, deadline: p.deadline } : s;
    }
    case E.EXAM_COMPLETE:
    case E.EXAM_TERMINATE: {
      const p = parseEnd(f.data);
      if (!p) return s;
      // An attempt that had already ended (submitted, ran out) keeps how it ended.
      const ended = s.attemptStatus === 'completed' && s.endReason !== null;
      return {
        ...s,
        status: p.status,
        endedAt: p.endedAt,
        endReason: ended ? s.endReason : fromSessionEnd(p.reason, p.status),
        attemptStatus: 'completed',
        completedAt: s.completedAt ?? p.endedAt,
      };
    }
    case E.EXAM_ADD_TIME: {
      const p = parseAddTime(f.data);
      return p ? { ...s, deadline: p.deadline, allowanceMs: s.allowanceMs + p.addedMs } : s;
    }
    case E.TIME_WARNING: {
      const p = parseWarning(f.data);
      return p ? { ...s, deadline: p.deadline } : s;
    }
    case E.EXAM_SUBMIT: {
      const p = parseSubmit(f.data);
      if (!p) return s;
      return {
        ...s,
        attemptStatus: 'completed',
        completedAt: p.completedAt,
        endReason: s.endReason ?? submitReason(p, s.deadline),
      };
    }
    default:
      return s;
  }
}

const END_REASONS: readonly string[] = ATTEMPT_END_REASONS;

function isEndReason(v: unknown): v is AttemptEndReason {
  return typeof v === 'string' && END_REASONS.includes(v);
}

/** exam_complete / exam_terminate: how the session ended, for an attempt still open. */
function fromSessionEnd(
  reason: SessionEndReason | undefined,
  status: ExamEndPayload['status'],
): AttemptEndReason {
  if (reason === 'deadline' || reason === 'teacher' || reason === 'terminated') return reason;
  return status === 'terminated' ? 'terminated' : 'teacher';
}

/**
 * exam_submit reaches the student when they submitted and when their own time (plus grace)
 * ran out. The payload may say which (`reason`); without it, an attempt closed after its
 * deadline ran out of time. The session service corrects this when the submit came from here.
 */
function submitReason(p: ExamSubmitPayload, deadline: number | null): AttemptEndReason {
  const said = (p as ExamSubmitPayload & { reason?: unknown }).reason;
  if (isEndReason(said)) return said;
  return deadline !== null && p.completedAt > deadline ? 'deadline' : 'submitted';
}
