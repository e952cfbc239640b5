/**
 * How the students' own happenings change the teacher's live view (arrivals, dropped
 * connections, returns, hand-ins, expiries, time added) and how the end of the whole exam
 * closes every attempt still open; each returns what the activity feed gains. Pure, used by
 * reduceTeacher in teacher-live.state.ts.
 */
import type {
  AttemptEndReason,
  ExamAddTimePayload,
  ExamEndPayload,
  ExamSessionStatus,
  StudentJoinedPayload,
  StudentLeftPayload,
  StudentProgressPayload,
} from '@exam/contracts';
import { isWorking } from './still-working';
import type { RosterRow, TeacherLiveState, TeacherReduction } from './teacher-live.state';

export function patchRow(
  s: TeacherLiveState,
  studentId: string,
  fn: (r: RosterRow) => RosterRow,
): TeacherLiveState {
  return { ...s, roster: s.roster.map((r) => (r.studentId === studentId ? fn(r) : r)) };
}

const ENDED: readonly ExamSessionStatus[] = ['completed', 'terminated'];

/**
 * A student's attempt just completed (their hand-in, or their own clock): how, as far as a
 * live frame tells. The server's attempt_graded (to graders) and the stored log say it for
 * sure; until then an attempt completed at its deadline plus grace ran out of time.
 */
function attemptEnded(s: TeacherLiveState, row: RosterRow, at: number): TeacherReduction {
  const graceMs = s.config.gracePeriodSeconds * 1000;
  const expired = row.deadline !== null && at >= row.deadline + graceMs - 1000;
  const endReason: AttemptEndReason = row.endReason ?? (expired ? 'deadline' : 'submitted');
  return {
    state: patchRow(s, row.studentId, (r) => ({ ...r, endReason })),
    activity: {
      type: endReason === 'deadline' ? 'attempt_expired' : 'exam_submit',
      studentIds: [row.studentId],
    },
  };
}

/** A row that turned completed: the attempt ended on its own unless the whole exam ended. */
function completedNow(
  s: TeacherLiveState,
  before: RosterRow | undefined,
  at: number,
): TeacherReduction {
  if (!before || before.status === 'completed' || ENDED.includes(s.status)) return { state: s };
  return attemptEnded(s, before, at);
}

/** The whole exam ended: every attempt still open ended with it, for that reason. */
export function sessionEnded(s: TeacherLiveState, p: ExamEndPayload): TeacherReduction {
  const closingDone =
    p.status === 'completed' &&
    p.reason !== 'deadline' &&
    s.closingAt !== null &&
    s.roster.every((r) => !isWorking(r));
  const reason: AttemptEndReason =
    p.status === 'terminated' ? 'terminated' : p.reason === 'deadline' ? 'deadline' : 'teacher';
  const state: TeacherLiveState = {
    ...s,
    status: p.status,
    endedAt: p.endedAt,
    roster: s.roster.map((r) =>
      r.status === 'completed'
        ? r
        : {
            ...r,
            status: 'completed',
            completedAt: r.completedAt ?? p.endedAt,
            endReason: r.endReason ?? (r.joinedAt === null ? 'absent' : reason),
          },
    ),
  };
  const type =
    p.status === 'terminated'
      ? 'exam_terminate'
      : p.reason === 'deadline'
        ? 'exam_expire'
        : 'exam_complete';
  return {
    state,
    activity: closingDone
      ? { type, actorId: null, data: { reason: 'everyone finished their own time' } }
      : { type },
  };
}

export function studentJoined(
  s: TeacherLiveState,
  p: StudentJoinedPayload,
  at: number,
): TeacherReduction {
  const before = s.roster.find((r) => r.studentId === p.studentId);
  const rejoin = before !== undefined && before.joinedAt !== null;
  const offlineMs =
    before?.droppedAt !== undefined && at ? Math.max(0, at - before.droppedAt) : null;
  const state = patchRow(s, p.studentId, (r) => ({
    ...r,
    connectionStatus: 'connected',
    status: r.status === 'enrolled' ? 'joined' : r.status,
    joinedAt: r.joinedAt ?? p.joinedAt,
    droppedAt: undefined,
  }));
  return {
    state,
    activity: { type: 'student_joined', studentIds: [p.studentId], data: { rejoin, offlineMs } },
  };
}

export function studentLeft(
  s: TeacherLiveState,
  p: StudentLeftPayload,
  at: number,
): TeacherReduction {
  const before = s.roster.find((r) => r.studentId === p.studentId);
  const finished = p.reason === 'complete' || p.reason === 'terminate';
  const state = patchRow(s, p.studentId, (r) => ({
    ...r,
    connectionStatus: 'disconnected',
    status: finished ? 'completed' : r.status,
    completedAt: finished ? (r.completedAt ?? p.at) : r.completedAt,
    droppedAt: finished ? r.droppedAt : (r.droppedAt ?? (at || p.at)),
  }));
  if (finished) return completedNow(state, before, at || p.at);
  // Someone who already finished closing the page is not news.
  if (before?.status === 'completed') return { state };
  // After a dropped connection (reconnecting) the grace ran out; straight from connected it
  // was a clean leave (the page was closed or the student left the session).
  const reason = before?.connectionStatus === 'reconnecting' ? 'disconnect' : 'left';
  return {
    state,
    activity: { type: 'student_left', studentIds: [p.studentId], data: { reason } },
  };
}

export function studentProgress(
  s: TeacherLiveState,
  p: StudentProgressPayload,
  at: number,
): TeacherReduction {
  const before = s.roster.find((r) => r.studentId === p.studentId);
  const dropped =
    before !== undefined &&
    before.status !== 'completed' &&
    before.connectionStatus === 'connected' &&
    p.connectionStatus === 'reconnecting';
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
    droppedAt: dropped ? at : r.droppedAt,
  }));
  if (p.status === 'completed') return completedNow(state, before, at);
  if (dropped) {
    return { state, activity: { type: 'student_disconnected', studentIds: [p.studentId] } };
  }
  return { state };
}

export function addTime(s: TeacherLiveState, p: ExamAddTimePayload): TeacherReduction {
  const minutes = Math.round(p.addedMs / 60_000);
  if (p.scope === 'session' || !p.studentId) {
    const state: TeacherLiveState = {
      ...s,
      deadline: p.deadline,
      extraMs: s.extraMs + p.addedMs,
      roster: s.roster.map((r) => ({
        ...r,
        deadline: r.deadline === null ? null : r.deadline + p.addedMs,
        allowanceMs: r.allowanceMs + p.addedMs,
      })),
    };
    return { state, activity: { type: 'exam_add_time', data: { minutes, studentId: null } } };
  }
  const id = p.studentId;
  const state = patchRow(s, id, (r) => ({
    ...r,
    deadline: p.deadline,
    extraMs: r.extraMs + p.addedMs,
    allowanceMs: r.allowanceMs + p.addedMs,
  }));
  return {
    state,
    activity: { type: 'exam_add_time', studentIds: [id], data: { minutes, studentId: id } },
  };
}
