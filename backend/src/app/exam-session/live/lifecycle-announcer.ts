/**
 * What the room hears after a lifecycle change has committed: exam_prepare, exam_launch
 * (each student with their own deadline and question order), pause, resume, and the end
 * (with each student still online leaving, and the teachers' last progress).
 */
import { Injectable } from '@nestjs/common';
import {
  SESSION_CONTROL_EVENTS,
  type ExamEndPayload,
  type ExamLaunchPayload,
  type ExamPausePayload,
  type ExamPreparePayload,
  type ExamResumePayload,
  type StudentLeftReason,
  type StudentQuestionView,
} from '@exam/contracts';
import { ownOrder, toStudentViews } from '../../exams/domain/student-view';
import { AUDIENCE_ALL, AUDIENCE_TEACHERS } from '../../realtime/realtime-bus';
import { SessionRooms } from '../../realtime/session-rooms.service';
import type { LifecycleEvent } from '../domain/session-lifecycle';
import { LiveEmitter } from './live-emitter';
import { LivePresence } from './live-presence';
import { LiveProgress } from './live-progress';
import { deadlineOf, type LiveState, type StudentState } from './live-state';

@Injectable()
export class LifecycleAnnouncer {
  constructor(
    private readonly emitter: LiveEmitter,
    private readonly rooms: SessionRooms,
    private readonly presence: LivePresence,
    private readonly progress: LiveProgress,
  ) {}

  announce(st: LiveState, e: LifecycleEvent, now: number, finalised: StudentState[]): void {
    const students = st.students.values();
    switch (e.type) {
      case 'prepared': {
        const data: ExamPreparePayload = {
          sessionId: st.id,
          status: st.status,
          title: st.title,
          durationMinutes: st.durationMinutes,
          questionCount: st.questions.length,
          config: st.config,
        };
        this.emitter.emit(st, AUDIENCE_ALL, SESSION_CONTROL_EVENTS.EXAM_PREPARE, data);
        return;
      }
      case 'launched': {
        const base = {
          sessionId: st.id,
          status: 'active' as const,
          launchedAt: e.launchedAt,
          serverNow: now,
          durationMinutes: st.durationMinutes,
        };
        const teacher: ExamLaunchPayload = {
          ...base,
          deadline: deadlineOf(st, null, now) ?? 0,
        };
        this.emitter.emit(st, AUDIENCE_TEACHERS, SESSION_CONTROL_EVENTS.EXAM_LAUNCH, teacher);
        const views = new Map<string, StudentQuestionView[]>();
        // Students whose order changes nothing share one group: no order serialised for them.
        const orderKey = (s: StudentState) => {
          const order = ownOrder(st.questions, s.optionOrder);
          return order ? JSON.stringify(order) : '';
        };
        this.emitter.emitGrouped(
          st,
          SESSION_CONTROL_EVENTS.EXAM_LAUNCH,
          students,
          (s) => `${deadlineOf(st, s, now) ?? 0}|${orderKey(s)}`,
          (s): ExamLaunchPayload => {
            const key = orderKey(s);
            let q = views.get(key);
            if (!q) views.set(key, (q = toStudentViews(st.questions, key ? s.optionOrder : null)));
            return {
              ...base,
              deadline: deadlineOf(st, s, now) ?? 0,
              questions: q,
              texts: st.texts,
            };
          },
        );
        return;
      }
      case 'paused': {
        const data: ExamPausePayload = {
          sessionId: st.id,
          status: 'paused',
          pausedAt: e.pausedAt,
          serverNow: now,
        };
        this.emitter.emit(st, AUDIENCE_ALL, SESSION_CONTROL_EVENTS.EXAM_PAUSE, data);
        return;
      }
      case 'resumed': {
        const base = {
          sessionId: st.id,
          status: 'active' as const,
          serverNow: now,
          totalPausedMs: st.totalPausedMs,
        };
        const teacher: ExamResumePayload = {
          ...base,
          deadline: deadlineOf(st, null, now) ?? 0,
        };
        this.emitter.emit(st, AUDIENCE_TEACHERS, SESSION_CONTROL_EVENTS.EXAM_RESUME, teacher);
        this.emitter.emitGrouped(
          st,
          SESSION_CONTROL_EVENTS.EXAM_RESUME,
          students,
          (s) => String(deadlineOf(st, s, now) ?? 0),
          (s): ExamResumePayload => ({ ...base, deadline: deadlineOf(st, s, now) ?? 0 }),
        );
        return;
      }
      case 'ended': {
        const data: ExamEndPayload = {
          sessionId: st.id,
          status: e.status,
          endedAt: now,
          reason: e.reason,
        };
        const event =
          e.status === 'terminated'
            ? SESSION_CONTROL_EVENTS.EXAM_TERMINATE
            : SESSION_CONTROL_EVENTS.EXAM_COMPLETE;
        this.emitter.emit(st, AUDIENCE_ALL, event, data);
        const reason: StudentLeftReason = e.status === 'terminated' ? 'terminate' : 'complete';
        for (const s of finalised) {
          if (this.rooms.isStudentOnline(st.id, s.userId)) {
            this.presence.studentLeft(st, s, reason, now);
          }
        }
        this.progress.push(st);
        return;
      }
    }
  }
}
