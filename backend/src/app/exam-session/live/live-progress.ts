/**
 * Students' progress in a live session: the teacher's view gets it coalesced per student
 * and pushed every 25 ms (with the session's stats when they changed); the progress columns of
 * student_sessions follow every few seconds. Both are advisory: answers are the truth.
 * Changes mark a student dirty (markDirty); the timers here do the rest.
 */
import { Injectable } from '@nestjs/common';
import {
  LIVE_EVENTS,
  STUDENT_EVENTS,
  type ExamSessionStats,
  type LiveUpdatePayload,
  type StudentProgressPayload,
} from '@exam/contracts';
import { AUDIENCE_TEACHERS } from '../../realtime/realtime-bus';
import { SessionRooms } from '../../realtime/session-rooms.service';
import { BackgroundWriter } from '../background-writer';
import { elapsedAt } from '../domain/deadline';
import { LiveEmitter } from './live-emitter';
import { answeredCount, timeSpent, timing, type LiveState, type StudentState } from './live-state';
import { PresenceRegistry } from './presence-registry';
import { SessionStore } from './session-store';

/**
 * Short enough that an answer reaches the teacher's grid within 100 ms (p99) at 3,000
 * answers/s, also through another instance; long enough that a burst of autosaves from one
 * student is one push. It was 250 ms, which alone put the grid's p99 near 260 ms, then
 * 50 ms: three instances at 3,000/s had a grid p99 of 104 ms with 50, 64 ms with 25, for the
 * same CPU (a student answers about once a second, so a shorter wait merges no fewer pushes).
 */
const PROGRESS_PUSH_MS = 25;
/** The session's stats (they read every student) go to the teachers at most this often. */
const STATS_PUSH_MS = 250;
/** Progress columns are advisory (answers are the truth): persisted every few seconds. */
const PROGRESS_PERSIST_MS = 5_000;
const PROGRESS_PUSH_CHUNK = 100;
const PROGRESS_COLUMNS = [
  'progress',
  'answered_count',
  'current_question_id',
  'time_spent_ms',
  'connection_status',
  'last_activity_at',
  'updated_at',
] as const;

@Injectable()
export class LiveProgress {
  private pushTimer?: NodeJS.Timeout;
  private persistTimer?: NodeJS.Timeout;

  constructor(
    private readonly store: SessionStore,
    private readonly rooms: SessionRooms,
    private readonly presence: PresenceRegistry,
    private readonly emitter: LiveEmitter,
    private readonly background: BackgroundWriter,
  ) {}

  startTimers(): void {
    this.pushTimer = setInterval(() => this.pushAll(), PROGRESS_PUSH_MS);
    this.pushTimer.unref();
    this.persistTimer = setInterval(() => this.persist(), PROGRESS_PERSIST_MS);
    this.persistTimer.unref();
  }

  stopTimers(): void {
    if (this.pushTimer) clearInterval(this.pushTimer);
    if (this.persistTimer) clearInterval(this.persistTimer);
  }

  /** The student's progress is to be pushed to the teachers and persisted. */
  markDirty(st: LiveState, s: StudentState): void {
    st.dirtyPush.add(s.userId);
    st.dirtyPersist.add(s.userId);
  }

  /** Pushed only: what changed is already queued to be written (a first arrival). */
  markPushDirty(st: LiveState, s: StudentState): void {
    st.dirtyPush.add(s.userId);
  }

  progressOf(st: LiveState, s: StudentState, now: number): StudentProgressPayload {
    const total = st.questions.length;
    const answered = this.answered(st, s);
    // Several instances: what the student did through another instance may be newer.
    const r = s.remote;
    const newer = !!r && (r.lastActivityAt ?? 0) > (s.lastActivityAt ?? 0);
    return {
      sessionId: st.id,
      studentId: s.userId,
      status: s.status,
      currentQuestionId: newer ? r.currentQuestionId : s.currentQuestionId,
      answered,
      total,
      progress: total === 0 ? 0 : Math.round((answered / total) * 1000) / 10,
      timeSpentMs: timeSpent(st, s, now),
      connectionStatus: this.presence.connectionStatus(st, s),
      lastActivityAt: newer ? r.lastActivityAt : s.lastActivityAt,
      endReason: s.endReason,
    };
  }

  /**
   * Questions answered: from the answers in memory, or as another instance last reported
   * (several instances: answers sent there are not in this memory; answers only grow).
   */
  private answered(st: LiveState, s: StudentState): number {
    return Math.max(answeredCount(st, s), s.remote?.answered ?? 0);
  }

  /** Several instances: another instance's progress of a student, kept for this one's views. */
  noteRemote(p: StudentProgressPayload): void {
    const s = this.store.cached(p.sessionId)?.students.get(p.studentId);
    if (s) s.remote = p;
  }

  /**
   * Timer: each teacher gets the dirty students' progress. Sent PROGRESS_PUSH_CHUNK students
   * per event-loop turn: 1,000 progress frames in one go held the loop (and every answer ack
   * behind it) for ~25 ms, measured as event-loop lag spikes every 250 ms.
   */
  pushAll(): void {
    for (const st of this.store.all()) {
      const step = () => {
        if (this.push(st, PROGRESS_PUSH_CHUNK, true)) setImmediate(step);
      };
      step();
    }
  }

  /**
   * Pushes up to `limit` dirty students (then the stats, if they changed); returns true if
   * some remain. `throttled` (the timer): the stats at most every STATS_PUSH_MS, since they
   * read every student of the session (at 20 pushes a second that was 7% of the CPU with
   * 1,000 students answering); otherwise (an end, a test) at once.
   */
  push(st: LiveState, limit = Infinity, throttled = false): boolean {
    if (st.dirtyPush.size === 0 && !st.statsDue) return false;
    const now = Date.now();
    let n = 0;
    for (const uid of st.dirtyPush) {
      if (n++ >= limit) return true;
      st.dirtyPush.delete(uid);
      st.statsDue = true;
      const s = st.students.get(uid);
      if (s)
        this.emitter.emit(
          st,
          AUDIENCE_TEACHERS,
          STUDENT_EVENTS.STUDENT_PROGRESS,
          this.progressOf(st, s, now),
        );
    }
    if (throttled && now - (st.statsAt ?? 0) < STATS_PUSH_MS) return false;
    st.statsDue = false;
    st.statsAt = now;
    const stats = this.stats(st, now);
    const key = JSON.stringify(stats) + st.status;
    if (key !== st.lastStats) {
      st.lastStats = key;
      const data: LiveUpdatePayload = { sessionId: st.id, kind: 'stats', status: st.status, stats };
      this.emitter.emit(st, AUDIENCE_TEACHERS, LIVE_EVENTS.LIVE_UPDATE, data);
    }
    return false;
  }

  /** Queues the progress columns of every dirty student (the background writer batches). */
  persist(): void {
    const now = Date.now();
    for (const st of this.store.all()) {
      if (st.dirtyPersist.size === 0) continue;
      const rows = [...st.dirtyPersist]
        .map((uid) => st.students.get(uid))
        .filter((s): s is StudentState => !!s)
        .map((s) => {
          const p = this.progressOf(st, s, now);
          return {
            id: s.id,
            set: {
              progress: p.progress,
              answeredCount: p.answered,
              currentQuestionId: p.currentQuestionId,
              timeSpentMs: p.timeSpentMs,
              connectionStatus: p.connectionStatus,
              lastActivityAt: p.lastActivityAt,
              updatedAt: now,
            },
          };
        });
      st.dirtyPersist.clear();
      for (const r of rows) {
        const v = r.set;
        this.background.updateRow('student_sessions', 'id', PROGRESS_COLUMNS, [
          r.id,
          v.progress,
          v.answeredCount,
          v.currentQuestionId,
          v.timeSpentMs,
          v.connectionStatus,
          v.lastActivityAt,
          v.updatedAt,
        ]);
      }
    }
  }

  stats(st: LiveState, now: number): ExamSessionStats {
    let connected = 0;
    let completed = 0;
    let progress = 0;
    const total = st.questions.length;
    for (const s of st.students.values()) {
      if (this.presence.connectionStatus(st, s) === 'connected') connected++;
      if (s.status === 'completed') completed++;
      progress += total === 0 ? 0 : (this.answered(st, s) / total) * 100;
    }
    const n = st.students.size;
    return {
      enrolled: n,
      connected,
      completed,
      averageProgress: n === 0 ? 0 : Math.round((progress / n) * 10) / 10,
      minutesElapsed: Math.floor(elapsedAt(timing(st), now) / 60_000),
    };
  }
}
