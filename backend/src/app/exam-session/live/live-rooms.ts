/**
 * Sockets entering and leaving a live session's room, and what puts a client in step:
 * every published event is numbered (SessionSeq) and kept in the resume buffer; a joining
 * socket gets the events it missed, or a snapshot built synchronously from memory, so
 * "snapshot at seq S" is exact. The REST mirrors (snapshotFor, eventsFor) give the same.
 */
import { Injectable } from '@nestjs/common';
import {
  SESSION_EVENTS,
  type LiveRosterEntry,
  type ServerFrame,
  type SessionEventsResponse,
  type SessionResumedPayload,
  type SessionSnapshotPayload,
  type StudentQuestionView,
  type StudentSnapshot,
  type TeacherSnapshot,
} from '@exam/contracts';
import { ownOrder, toStudentViews, type PublicQuestion } from '../../exams/domain/student-view';
import type { Recipient } from '../../realtime/realtime-bus';
import type { BufferedEvent } from '../../realtime/resume-buffer';
import { SessionRooms } from '../../realtime/session-rooms.service';
import { frame, frameWithJson, sendError, type WsClient } from '../../realtime/ws-client';
import { allowanceMs, remainingAt } from '../domain/deadline';
import { SessionSeq } from '../session-seq.service';
import { NO_SIGNALS } from '../domain/integrity';
import { LiveIntegrity } from './live-integrity';
import { LiveAccess } from './live-access';
import { LivePresence } from './live-presence';
import { LiveProgress } from './live-progress';
import {
  deadlineOf,
  studentTiming,
  timing,
  type Actor,
  type LiveState,
  type StudentState,
} from './live-state';

/** What a student taken off the lobby reads. */
export const REMOVED_FROM_SESSION =
  'Your teacher took you off this exam before it started. If this is a mistake, ask your teacher: they can add you again or give you the code to join.';

@Injectable()
export class LiveRooms {
  private readonly sharedViews = new WeakMap<readonly PublicQuestion[], StudentQuestionView[]>();
  /** JSON of a shared question list (or of a session's texts), per loaded array. */
  private readonly sharedJson = new WeakMap<object, string>();

  constructor(
    private readonly access: LiveAccess,
    private readonly presence: LivePresence,
    private readonly progress: LiveProgress,
    private readonly seq: SessionSeq,
    private readonly rooms: SessionRooms,
    private readonly integrity: LiveIntegrity,
  ) {}

  /**
   * A socket joins a session's room: one of its staff (teacher, co-teacher, invigilator, or
   * an admin of the academy) or an enrolled student. With lastSeq it resumes: exactly the missed events addressed to this
   * client, then `session_resumed`; when the buffer no longer holds them (or on a first
   * join) a full snapshot flagged isSnapshot. Everything after the awaits is synchronous,
   * so no event can fall between the snapshot/replay and the socket entering the room.
   */
  async join(client: WsClient, actor: Actor, sessionId: string, lastSeq?: number): Promise<void> {
    const teacher = actor.user.role !== 'student';
    let st: LiveState;
    let me: StudentState | undefined;
    let scores = false;
    if (teacher) {
      st = await this.access.asTeacher(actor, sessionId);
      scores = await this.access.seesScores(actor, st);
    } else ({ st, me } = await this.presence.studentArrives(actor, sessionId));
    // Several instances: a resume from before this instance's buffer reads the session's
    // shared history first (the only await on the way; the buffer covers what follows).
    const history =
      lastSeq !== undefined && this.rooms.needsHistory(st.id, lastSeq)
        ? await this.rooms.history(st.id, lastSeq)
        : null;
    if (client.readyState !== 1) return;
    const already = client.ctx.sessions.has(st.id);
    if (already) this.rooms.leave(client, st.id);
    const current = this.seq.current(st.id);
    const who: Recipient = me
      ? { role: 'student', userId: me.userId }
      : { role: scores ? 'teacher' : 'invigilator' };
    const missed = this.missed(st.id, lastSeq, current, who, history);
    if (missed) {
      for (const e of missed) this.rooms.sendTo(client, e.frame);
      const data: SessionResumedPayload = {
        sessionId: st.id,
        fromSeq: lastSeq ?? 0,
        toSeq: current,
        replayed: missed.length,
      };
      this.rooms.sendTo(client, frame(SESSION_EVENTS.SESSION_RESUMED, data, { sessionId: st.id }));
    } else {
      this.rooms.sendTo(client, this.snapshotFrame(st, me, scores, current));
    }
    const firstSocket = !!me && !already && !this.rooms.isStudentOnline(st.id, me.userId);
    this.rooms.join(client, st.id, who.role);
    if (me) {
      this.presence.studentJoined(actor, st, me, firstSocket);
      if (!already) this.watchSeat(st, me, actor.ip ?? client.ctx.ip, firstSocket);
    }
  }

  /**
   * Integrity context of a new socket of a student: another socket of theirs was already in
   * the room (another device or tab), or it comes from an address not seen for this attempt.
   */
  private watchSeat(st: LiveState, me: StudentState, ip: string, firstSocket: boolean): void {
    if (!firstSocket) {
      const sockets = this.rooms.studentSockets(st.id, me.userId);
      this.integrity.serverSignal(st, me, 'second_device', { detail: { sockets, ip } });
    }
    const seen = (me.ips ??= new Set());
    if (seen.size > 0 && !seen.has(ip)) {
      this.integrity.serverSignal(st, me, 'new_ip', { detail: { ip } });
    }
    seen.add(ip);
  }

  /**
   * Several instances, after a Redis outage: events published meanwhile never arrived, so
   * every socket of this instance in the session's room gets a fresh snapshot.
   */
  resync(st: LiveState, staffOnly = false): void {
    this.dropUnenrolled(st);
    const current = this.seq.current(st.id);
    for (const { client, role } of this.rooms.members(st.id)) {
      if (staffOnly && role === 'student') continue;
      const me = role === 'student' ? st.students.get(client.ctx.user?.id ?? '') : undefined;
      if (role === 'student' && !me) continue;
      this.rooms.sendTo(client, this.snapshotFrame(st, me, role === 'teacher', current));
    }
  }

  /**
   * Students taken off the session (the lobby's Remove) leave its room now and are told why;
   * their page shows it instead of a lobby that never starts. Also run after another
   * instance changed the roster (cluster-sync).
   */
  dropUnenrolled(st: LiveState): void {
    for (const c of this.rooms.dropStudents(st.id, (uid) => st.students.has(uid))) {
      sendError(c, 'NOT_ENROLLED', REMOVED_FROM_SESSION, {
        event: SESSION_EVENTS.SESSION_JOIN,
        recoverable: false,
        details: { sessionId: st.id },
      });
    }
  }

  /** The session_snapshot frame for a student (`me`) or a member of staff, exact at `seq`. */
  private snapshotFrame(
    st: LiveState,
    me: StudentState | undefined,
    scores: boolean,
    seq: number,
  ): string {
    const extra = { seq, sessionId: st.id };
    if (!me) {
      const data: SessionSnapshotPayload = {
        snapshot: this.teacherSnapshot(st, scores),
        isSnapshot: true,
      };
      return frame(SESSION_EVENTS.SESSION_SNAPSHOT, data, extra);
    }
    // The questions and texts as JSON made once per question set (when this student's order
    // is the stored one): a join storm serialised the same list 5,000 times.
    const launched = st.launchedAt !== null;
    const data = { snapshot: this.studentSnapshotHead(st, me), isSnapshot: true as const };
    return frameWithJson(
      SESSION_EVENTS.SESSION_SNAPSHOT,
      data,
      'snapshot',
      {
        questions: launched ? this.questionsJson(st, me) : '[]',
        texts: launched ? this.textsJson(st.texts) : '[]',
      },
      extra,
    );
  }

  /** The socket leaves the room (session_leave, or `closed`: the socket closed). */
  leave(client: WsClient, sessionId: string, actor: Actor | null, closed = false): void {
    const r = this.rooms.leave(client, sessionId);
    if (r.wasStudent && r.lastSocket && client.ctx.user) {
      this.presence.studentDisconnected(sessionId, client.ctx.user.id, actor, closed);
    }
  }

  /** The teacher's view; without `scores` (invigilators) every score is left out. */
  teacherSnapshot(st: LiveState, scores = true): TeacherSnapshot {
    const now = Date.now();
    const roster: LiveRosterEntry[] = [...st.students.values()].map((s) => {
      const p = this.progress.progressOf(st, s, now);
      return {
        studentId: s.userId,
        studentSessionId: s.id,
        displayName: s.displayName,
        status: s.status,
        connectionStatus: p.connectionStatus,
        answered: p.answered,
        total: p.total,
        progress: p.progress,
        currentQuestionId: s.currentQuestionId,
        timeSpentMs: p.timeSpentMs,
        joinedAt: s.joinedAt,
        completedAt: s.completedAt,
        lastActivityAt: s.lastActivityAt,
        deadline: deadlineOf(st, s, now),
        extraMs: s.extraMs,
        extraTimePercent: s.extraTimePercent,
        allowanceMs: allowanceMs(timing(st), studentTiming(s)),
        score: scores ? s.score : null,
        endReason: s.endReason,
        signals: s.signals ?? NO_SIGNALS,
      };
    });
    return Object.assign(this.snapshotBase(st, now), {
      role: 'teacher' as const,
      deadline: deadlineOf(st, null, now),
      totalPausedMs: st.totalPausedMs,
      extraMs: st.extraMs,
      stats: this.progress.stats(st, now),
      roster,
    });
  }

  studentSnapshot(st: LiveState, me: StudentState): StudentSnapshot {
    const launched = st.launchedAt !== null;
    return Object.assign(this.studentSnapshotHead(st, me), {
      questions: launched ? this.viewsFor(st, me) : [],
      texts: launched ? st.texts : [],
    });
  }

  /** A student's snapshot without its questions and texts. */
  private studentSnapshotHead(
    st: LiveState,
    me: StudentState,
  ): Omit<StudentSnapshot, 'questions' | 'texts'> {
    const now = Date.now();
    return Object.assign(this.snapshotBase(st, now), {
      role: 'student' as const,
      deadline: deadlineOf(st, me, now),
      remainingMs: remainingAt(timing(st), studentTiming(me), now),
      attemptStatus: me.status,
      completedAt: me.completedAt,
      endReason: me.endReason,
      allowanceMs: allowanceMs(timing(st), studentTiming(me)),
      currentQuestionId: me.currentQuestionId,
      answers: [...me.latest.values()],
    });
  }

  /**
   * The questions as this student sees them. When the student's order is the stored one
   * (nothing shuffled for them) every student sees the same list, built once per loaded
   * question set (a join storm rebuilt it for each of 5,000 students).
   */
  private viewsFor(st: LiveState, me: StudentState): StudentQuestionView[] {
    const order = ownOrder(st.questions, me.optionOrder);
    if (order) return toStudentViews(st.questions, order);
    return memo(this.sharedViews, st.questions, () => toStudentViews(st.questions, null));
  }

  /** viewsFor as JSON: the shared list serialised once, a shuffled one each time. */
  private questionsJson(st: LiveState, me: StudentState): string {
    const order = ownOrder(st.questions, me.optionOrder);
    if (order) return JSON.stringify(toStudentViews(st.questions, order));
    return memo(this.sharedJson, st.questions, () => JSON.stringify(this.viewsFor(st, me)));
  }

  private textsJson(texts: LiveState['texts']): string {
    return memo(this.sharedJson, texts, () => JSON.stringify(texts));
  }

  /**
   * The fields every snapshot shares. The callers add theirs with Object.assign: a literal
   * that spreads this and then adds a dozen properties cost ~17 µs and ~6 KB of garbage per
   * call in V8 (measured: 10x an assign), which a join storm of 20,000 students multiplies.
   */
  private snapshotBase(st: LiveState, now: number) {
    return {
      sessionId: st.id,
      title: st.title,
      status: st.status,
      durationMinutes: st.durationMinutes,
      config: st.config,
      launchedAt: st.launchedAt,
      pausedAt: st.pausedAt,
      endedAt: st.endedAt,
      closingAt: st.closingAt,
      scheduledStartAt: st.scheduledStartAt,
      serverNow: now,
      questionCount: st.questions.length,
      lastSeq: this.seq.current(st.id),
    };
  }

  /** REST snapshot: the caller's view (teacher roster or the student's own attempt). */
  async snapshotFor(actor: Actor, sessionId: string): Promise<TeacherSnapshot | StudentSnapshot> {
    if (actor.user.role === 'student') {
      const { st, me } = await this.access.asStudent(actor, sessionId);
      return this.studentSnapshot(st, me);
    }
    const st = await this.access.asTeacher(actor, sessionId);
    return this.teacherSnapshot(st, await this.access.seesScores(actor, st));
  }

  /**
   * REST mirror of a resume: the buffered events after `afterSeq` addressed to the caller
   * (a student: to them or to all students; teachers/admins: teacher events). When the
   * buffer no longer holds everything after it, snapshotRequired (fetch the snapshot).
   */
  async eventsFor(
    actor: Actor,
    sessionId: string,
    afterSeq: number,
  ): Promise<SessionEventsResponse> {
    let who: Recipient;
    let id: string;
    if (actor.user.role === 'student') {
      const { st, me } = await this.access.asStudent(actor, sessionId);
      who = { role: 'student', userId: me.userId };
      id = st.id;
    } else {
      const st = await this.access.asTeacher(actor, sessionId);
      id = st.id;
      who = { role: (await this.access.seesScores(actor, st)) ? 'teacher' : 'invigilator' };
    }
    const history = this.rooms.needsHistory(id, afterSeq)
      ? await this.rooms.history(id, afterSeq)
      : null;
    const current = this.seq.current(id);
    if (afterSeq > current) return { events: [], snapshotRequired: true };
    const missed = this.missed(id, afterSeq, current, who, history);
    if (!missed) return { events: [], snapshotRequired: true };
    return {
      events: missed.map((e) => JSON.parse(e.frame) as ServerFrame),
      snapshotRequired: false,
    };
  }

  /** What a client missed after lastSeq: from this instance's buffer, else the shared history. */
  private missed(
    sessionId: string,
    lastSeq: number | undefined,
    current: number,
    who: Recipient,
    history: BufferedEvent[] | null,
  ): BufferedEvent[] | null {
    if (lastSeq === undefined || lastSeq > current) return null;
    return (
      this.rooms.missedSince(sessionId, lastSeq, current, who) ??
      (history && this.rooms.missedWithHistory(sessionId, lastSeq, current, who, history))
    );
  }
}

/** The value kept for `key`, made and kept on first use. */
function memo<K extends object, V>(cache: WeakMap<K, V>, key: K, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}
