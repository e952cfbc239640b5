/**
 * Teacher controls of a running session that change no status: more time (for everyone or
 * one student; each student hears their own new deadline) and a message to the students.
 */
import { Injectable } from '@nestjs/common';
import {
  LIVE_EVENTS,
  SESSION_CONTROL_EVENTS,
  type AddTimeRequest,
  type BroadcastMessagePayload,
  type BroadcastMessageRequest,
  type ExamAddTimePayload,
  type SessionCommandResult,
} from '@exam/contracts';
import { AppError } from '../../common/app-error';
import { AUDIENCE_TEACHERS, type Audience } from '../../realtime/realtime-bus';
import { BackgroundWriter } from '../background-writer';
import { allowanceMs } from '../domain/deadline';
import { ExamSessionEntity } from '../entities/exam-session.entity';
import { SessionEventEntity } from '../entities/session-event.entity';
import { StudentSessionEntity } from '../entities/student-session.entity';
import { LiveWriteDb } from '../live-write-db.service';
import { LiveAccess } from './live-access';
import { LiveEmitter } from './live-emitter';
import {
  commandResult,
  deadlineOf,
  studentTiming,
  timing,
  withLock,
  type Actor,
} from './live-state';
import { SessionClock } from './session-clock';
import { SessionLog } from './session-log';

@Injectable()
export class LiveControls {
  constructor(
    private readonly access: LiveAccess,
    private readonly db: LiveWriteDb,
    private readonly background: BackgroundWriter,
    private readonly emitter: LiveEmitter,
    private readonly events: SessionLog,
    private readonly clock: SessionClock,
  ) {}

  async addTime(actor: Actor, req: AddTimeRequest): Promise<SessionCommandResult> {
    const st = await this.access.asTeacher(actor, req.sessionId);
    return withLock(st, async () => {
      if (st.status !== 'active' && st.status !== 'paused') {
        throw new AppError(
          409,
          'SESSION_NOT_LIVE',
          `Time can only be added while the exam is active or paused; it is ${st.status}.`,
        );
      }
      const addedMs = req.minutes * 60_000;
      const target = req.studentId ? st.students.get(req.studentId) : undefined;
      if (req.studentId && !target) {
        throw new AppError(404, 'NOT_ENROLLED', 'That student is not enrolled in this session.');
      }
      const now = Date.now();
      await this.db.transaction(
        async (em) => {
          if (target) {
            await em.update(
              StudentSessionEntity,
              { id: target.id },
              { extraMs: target.extraMs + addedMs, updatedAt: now },
            );
          } else {
            await em.update(
              ExamSessionEntity,
              { id: st.id },
              { extraMs: st.extraMs + addedMs, updatedAt: now },
            );
          }
          await em.insert(
            SessionEventEntity,
            this.events.entry(st, 'exam_add_time', actor, {
              minutes: req.minutes,
              studentId: req.studentId ?? null,
            }),
          );
        },
        'lifecycle',
        true,
      );
      if (target) target.extraMs += addedMs;
      else {
        st.extraMs += addedMs;
        st.version = now;
      }
      const scope = target ? 'student' : 'session';
      const base = { sessionId: st.id, addedMs, scope, serverNow: now } as const;
      const affected = target ? [target] : [...st.students.values()];
      this.emitter.emitGrouped(
        st,
        SESSION_CONTROL_EVENTS.EXAM_ADD_TIME,
        affected,
        // Same deadline, same allowance: the allowance is the deadline less fixed terms.
        (s) => String(deadlineOf(st, s, now) ?? 0),
        (s): ExamAddTimePayload => ({
          ...base,
          deadline: deadlineOf(st, s, now) ?? 0,
          allowanceMs: allowanceMs(timing(st), studentTiming(s)),
          ...(target ? { studentId: target.userId } : {}),
        }),
      );
      const teacher: ExamAddTimePayload = {
        ...base,
        deadline: deadlineOf(st, target ?? null, now) ?? 0,
        ...(target ? { studentId: target.userId } : {}),
      };
      this.emitter.emit(st, AUDIENCE_TEACHERS, SESSION_CONTROL_EVENTS.EXAM_ADD_TIME, teacher);
      this.clock.sync(st);
      return commandResult(st, now);
    });
  }

  async broadcast(actor: Actor, req: BroadcastMessageRequest): Promise<number> {
    const st = await this.access.asTeacher(actor, req.sessionId);
    const unknown = (req.studentIds ?? []).filter((id) => !st.students.has(id));
    if (unknown.length > 0) {
      throw new AppError(404, 'NOT_ENROLLED', 'Some students are not enrolled in this session.', {
        studentIds: unknown,
      });
    }
    const data: BroadcastMessagePayload = {
      sessionId: st.id,
      message: req.message,
      level: req.level ?? 'info',
      fromUserId: actor.user.id,
      sentAt: Date.now(),
    };
    const audience: Audience = { kind: 'students', ids: req.studentIds };
    // Stamped now, not when the background batch runs: the feed orders by that time, and a
    // batch that ran late put the message after a hand-in that came after it.
    const entry = this.events.entry(st, 'broadcast_message', actor, {
      message: req.message,
      level: data.level,
      studentIds: req.studentIds ?? null,
    });
    this.background.enqueue((em) => em.insert(SessionEventEntity, entry));
    return this.emitter.emitNumbered(st, audience, LIVE_EVENTS.BROADCAST_MESSAGE, data);
  }
}
