/**
 * Students arriving in and leaving a live session: who may still come in, the first
 * arrival and each return (with the time away, for the feed), the reconnect grace after a
 * dropped connection, and the departure the teachers see. Presence is advisory (R11):
 * nothing else depends on it.
 */
import { Injectable } from '@nestjs/common';
import {
  STUDENT_EVENTS,
  type StudentJoinedPayload,
  type StudentLeftPayload,
  type StudentLeftReason,
} from '@exam/contracts';
import { AppError } from '../../common/app-error';
import { AppConfigService } from '../../config/app-config';
import { AUDIENCE_TEACHERS } from '../../realtime/realtime-bus';
import { SessionRooms } from '../../realtime/session-rooms.service';
import { BackgroundWriter } from '../background-writer';
import { LiveAccess } from './live-access';
import { LiveIntegrity } from './live-integrity';
import { LiveEmitter } from './live-emitter';
import { LiveProgress } from './live-progress';
import type { Actor, LiveState, StudentState } from './live-state';
import { PresenceRegistry } from './presence-registry';
import { SessionLog } from './session-log';
import { SessionStore } from './session-store';

/** A first arrival's row (see studentJoined). */
const JOIN_COLUMNS = [
  'joined_at',
  'status',
  'connection_status',
  'last_activity_at',
  'updated_at',
] as const;

@Injectable()
export class LivePresence {
  /** Set by shutDown: no grace any more, the final presence is written at once. */
  private finalized = false;

  constructor(
    private readonly store: SessionStore,
    private readonly access: LiveAccess,
    private readonly registry: PresenceRegistry,
    private readonly rooms: SessionRooms,
    private readonly progress: LiveProgress,
    private readonly emitter: LiveEmitter,
    private readonly events: SessionLog,
    private readonly background: BackgroundWriter,
    private readonly cfg: AppConfigService,
    private readonly integrity: LiveIntegrity,
  ) {}

  /**
   * Shutdown (LiveSessionService.finalizeForShutdown): every reconnect grace ends and its
   * student's presence is queued to be written; nobody stays `reconnecting` on a stopped
   * server. The caller persists the progress after.
   */
  shutDown(): void {
    this.finalized = true;
    for (const { sessionId, userId } of this.registry.endAllGraces()) {
      this.store.cached(sessionId)?.dirtyPersist.add(userId);
    }
  }

  /** A student's socket is about to enter the room: may they come in? */
  async studentArrives(
    actor: Actor,
    sessionId: string,
  ): Promise<{ st: LiveState; me: StudentState }> {
    const { st, me } = await this.access.asStudent(actor, sessionId);
    if (st.closingAt !== null && me.joinedAt === null && st.status === 'active') {
      throw new AppError(
        409,
        'SESSION_NOT_LIVE',
        'Your teacher is ending this exam, so it no longer takes new students. Ask your teacher.',
      );
    }
    if (
      (st.status === 'active' || st.status === 'paused') &&
      me.joinedAt === null &&
      !st.config.allowLateJoin
    ) {
      throw new AppError(
        409,
        'SESSION_NOT_LIVE',
        'This exam has started and late joining is not allowed.',
      );
    }
    return { st, me };
  }

  /** Called once the socket is in the room. */
  studentJoined(actor: Actor, st: LiveState, me: StudentState, firstSocket: boolean): void {
    const now = Date.now();
    me.lastActivityAt = now;
    const firstEver = me.joinedAt === null;
    if (me.joinedAt === null) {
      me.joinedAt = now;
      if (me.status === 'enrolled') me.status = 'joined';
      // With the presence columns: a first arrival changes nothing else the progress row
      // holds (no answer, no time spent yet), so no progress row follows (one row per
      // student fewer in a join storm).
      this.background.updateRow('student_sessions', 'id', JOIN_COLUMNS, [
        me.id,
        now,
        me.status,
        this.registry.connectionStatus(st, me),
        now,
        now,
      ]);
    }
    if (!firstSocket) return;
    const droppedAt = this.registry.takeDropped(st.id, me.userId);
    this.registry.endGrace(st.id, me.userId);
    if (!firstEver && droppedAt !== undefined && me.status !== 'completed') {
      this.integrity.serverSignal(st, me, 'reconnect', { durationMs: now - droppedAt });
    }
    // The activity feed tells a first arrival from a return after a dropped connection.
    this.events.later(st, 'student_joined', actor, {
      rejoin: !firstEver,
      offlineMs: droppedAt === undefined ? null : now - droppedAt,
    });
    const data: StudentJoinedPayload = {
      sessionId: st.id,
      studentId: me.userId,
      displayName: me.displayName,
      joinedAt: me.joinedAt,
      connectionStatus: 'connected',
      rejoin: !firstEver,
      offlineMs: droppedAt === undefined ? null : now - droppedAt,
    };
    this.emitter.emit(st, AUDIENCE_TEACHERS, STUDENT_EVENTS.STUDENT_JOINED, data);
    if (firstEver) this.progress.markPushDirty(st, me);
    else this.progress.markDirty(st, me);
  }

  /**
   * A student's last socket left the room. session_leave: disconnected at once. A close
   * (network drop, refresh, server-side close): 'reconnecting' at once, pushed to teachers as
   * student_progress; if no socket of theirs rejoins within RECONNECT_GRACE_MS, student_left
   * and 'disconnected'. Presence is advisory (R11): nothing else depends on it.
   */
  studentDisconnected(
    sessionId: string,
    userId: string,
    actor: Actor | null,
    closed = false,
  ): void {
    const st = this.store.cached(sessionId);
    const me = st?.students.get(userId);
    if (!st || !me) return;
    this.registry.endGrace(sessionId, userId);
    if (this.finalized) {
      // Shutting down: no grace, no pushes; the final presence is written now.
      st.dirtyPersist.add(me.userId);
      this.progress.persist();
      return;
    }
    if (me.status === 'completed') return;
    const graceMs = this.cfg.get('RECONNECT_GRACE_MS');
    if (closed && graceMs > 0) {
      this.registry.startGrace(sessionId, userId, graceMs, () =>
        this.graceEnded(sessionId, userId),
      );
      this.registry.dropped(sessionId, userId, Date.now());
      this.events.later(st, 'student_disconnected', actor, { studentIds: [userId] });
      this.emitter.emit(
        st,
        AUDIENCE_TEACHERS,
        STUDENT_EVENTS.STUDENT_PROGRESS,
        this.progress.progressOf(st, me, Date.now()),
      );
      st.dirtyPersist.add(me.userId);
      return;
    }
    this.registry.dropped(sessionId, userId, Date.now());
    this.events.later(st, 'student_left', actor, {
      reason: closed ? 'disconnect' : 'left',
      studentIds: [userId],
    });
    this.studentLeft(st, me, closed ? 'disconnect' : 'left', Date.now());
  }

  /** The reconnect grace ran out without a rejoin: the student is disconnected. */
  private graceEnded(sessionId: string, userId: string): void {
    if (!this.registry.endGrace(sessionId, userId)) return;
    const st = this.store.cached(sessionId);
    const me = st?.students.get(userId);
    if (!st || !me || this.rooms.isStudentOnline(sessionId, userId)) return;
    if (me.status === 'completed') {
      this.progress.markDirty(st, me);
      return;
    }
    this.events.later(st, 'student_left', null, { reason: 'disconnect', studentIds: [userId] });
    this.studentLeft(st, me, 'disconnect', Date.now());
  }

  /** The teachers hear that the student left (departed, dropped, finished, session ended). */
  studentLeft(st: LiveState, s: StudentState, reason: StudentLeftReason, now: number): void {
    const data: StudentLeftPayload = { sessionId: st.id, studentId: s.userId, reason, at: now };
    this.emitter.emit(st, AUDIENCE_TEACHERS, STUDENT_EVENTS.STUDENT_LEFT, data);
    this.progress.markDirty(st, s);
  }
}
