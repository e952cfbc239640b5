/**
 * Live exam sessions: the one service behind the ExamGateway and the REST mirrors. It is a
 * coordinator: each reason to change is a unit of its own under live/, and this class keeps
 * the public API that the gateway, the controllers, the other services and the tests use,
 * and starts and stops the timers (bootstrap, shutdown).
 *
 *   live-state.ts       the state in memory (LiveState, StudentState) and pure rules on it
 *   SessionStore        loading, caching, revalidating and forgetting states
 *   LiveAccess          who may do what: staff run a session, enrolled students take it
 *   LifecycleCommands   commands through the pure state machine, one at a time per session
 *   LifecycleAnnouncer  what the room hears after each lifecycle change
 *   LiveControls        add time, broadcast a message
 *   SessionClock        time warnings, per-student expiry, the automatic end (1 s tick)
 *   LiveAnswers         answers (acked after COMMIT), submit, finalising attempts
 *   SessionGrading      grading in the finalising transaction; scores in memory
 *   LivePresence        arrivals, departures, the reconnect grace
 *   PresenceRegistry    the grace timers, drop times and each student's connection status
 *   LiveProgress        progress pushed to teachers and persisted, the session's stats
 *   LiveRooms           joining and leaving the room, snapshots and resume
 *   LiveEmitter         the one way a live event is published (SessionPublisher)
 *   SessionLog          session_events rows
 *   ClusterSync         several instances: reloads after other instances' changes, their
 *                       students' progress, the clock's lease gained or lost
 *
 * Dependencies point one way, injected by Nest; nothing knows the units above it:
 * PresenceRegistry, LiveEmitter and SessionLog at the bottom, SessionClock on them, then
 * SessionStore, LiveAccess, LiveProgress, LivePresence, SessionGrading, LiveAnswers, the
 * lifecycle units and LiveRooms. The one call that must go up is the clock's: a tick ends
 * the session (the lifecycle's apply) or finalises expired attempts (the answers'
 * finalise), while the lifecycle syncs the clock after each command and the store syncs it
 * on every load. So the clock depends on none of them and reaches them through a ClockPort
 * that this constructor wires (clock.wire), the only back edge; the port also says whether
 * a state is still the one in memory (a dropped one stops ticking). No forwardRef.
 *
 * The units have no Nest lifecycle hooks and no method named drain or finalizeForShutdown
 * (ShutdownService calls those on every provider it finds): starting and stopping the
 * timers happens here, in one order.
 *
 * Memory holds a session's state while it is in use; it is rebuilt from the database after
 * a restart. One instance runs a session's clock: this one with SQLite (single-instance by
 * design, R5), the holder of the session's lease with several instances (SessionClock).
 */
import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import {
  LIVE_ANSWER_EVENTS,
  type AddTimeRequest,
  type AnswerAckPayload,
  type AttemptEndReason,
  type AttemptScore,
  type BroadcastMessageRequest,
  type ExamSubmitPayload,
  type IntegrityAckPayload,
  type IntegritySignalReport,
  type StudentTimeline,
  type SessionCommandResult,
  type SessionEventsResponse,
  type StudentSnapshot,
  type TeacherSnapshot,
} from '@exam/contracts';
import type { WsClient } from '../realtime/ws-client';
import { BackgroundWriter } from './background-writer';
import type { SessionCommand } from './domain/session-lifecycle';
import type { AnswerInput } from './live-session.schemas';
import { ClusterSync } from './live/cluster-sync';
import { LifecycleCommands } from './live/lifecycle-commands';
import { LiveAccess } from './live/live-access';
import { LiveAnswers } from './live/live-answers';
import { LiveIntegrity } from './live/live-integrity';
import { LiveControls } from './live/live-controls';
import { LivePresence } from './live/live-presence';
import { LiveProgress } from './live/live-progress';
import { LiveRooms } from './live/live-rooms';
import type { Actor, LiveState, StudentState } from './live/live-state';
import { SessionClock } from './live/session-clock';
import { SessionGrading } from './live/session-grading';
import { SessionStore } from './live/session-store';
import { SessionSeq } from './session-seq.service';

export type { Actor, LiveState, StudentState } from './live/live-state';

@Injectable()
export class LiveSessionService implements OnApplicationBootstrap, OnModuleDestroy {
  /** Set by finalizeForShutdown: timers stopped, final states queued. */
  private finalized = false;

  constructor(
    private readonly store: SessionStore,
    private readonly access: LiveAccess,
    private readonly lifecycle: LifecycleCommands,
    private readonly controls: LiveControls,
    private readonly clock: SessionClock,
    private readonly answers: LiveAnswers,
    private readonly grading: SessionGrading,
    private readonly presence: LivePresence,
    private readonly progress: LiveProgress,
    private readonly rooms: LiveRooms,
    private readonly background: BackgroundWriter,
    private readonly seq: SessionSeq,
    private readonly cluster: ClusterSync,
    private readonly integrity: LiveIntegrity,
  ) {
    clock.wire({
      isCurrent: (st) => store.cached(st.id) === st,
      current: (id) => store.cached(id),
      apply: (st, command, reason, fence) => lifecycle.apply(st, command, null, reason, fence),
      finalise: (st, list, now, fence) =>
        answers.finalise(st, list, now, null, 'attempt_expired', fence),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.progress.startTimers();
    this.store.startSweeping();
    this.cluster.start((id) => this.reload(id));
    // Rebuild the clock of every live session (restart, R7).
    for (const id of await this.store.liveSessionIds()) {
      const st = await this.store.state(id);
      if (st) await this.clock.tick(st);
    }
  }

  onModuleDestroy(): void {
    this.finalizeForShutdown();
  }

  /**
   * Shutdown, once the sockets are closed (ShutdownService step 4; app.close() also gets
   * here): every timer stops and the final states are queued for the last drain before the
   * database closes - progress, and presence: nobody stays `connected` or `reconnecting` on
   * a stopped server. A restart rebuilds clocks and presence from the database (R7).
   */
  finalizeForShutdown(): void {
    if (this.finalized) return;
    this.finalized = true;
    this.progress.stopTimers();
    this.store.stopSweeping();
    this.cluster.stop();
    for (const st of this.store.all()) this.clock.stop(st);
    this.presence.shutDown();
    this.progress.persist();
  }

  /* ------------------------------------------------------------------ memory */

  /** Forgets a session's cached state (its row changed outside this service). */
  /**
   * Students were added to or taken off a session outside the planner's edit (join by code):
   * the state in memory is read again at once (answers kept), the staff in the room get a
   * fresh roster, and other instances reload it too.
   */
  async rosterChanged(sessionId: string): Promise<void> {
    const fresh = this.store.cached(sessionId) ? await this.store.refresh(sessionId) : null;
    if (fresh) this.rooms.resync(fresh, true);
    this.cluster.changed(sessionId);
  }

  invalidate(sessionId: string): void {
    this.store.invalidate(sessionId);
    this.cluster.changed(sessionId);
  }

  /** Drops finished, unwatched sessions from memory (SessionStore.sweepEnded). */
  sweepEnded(now: number): number {
    return this.store.sweepEnded(now);
  }

  /** Sessions whose state is in memory (tests, metrics). */
  cachedSessions(): string[] {
    return this.store.cachedSessions();
  }

  /** Writes pending progress now and waits for every queued advisory write (seeding). */
  async settle(): Promise<void> {
    this.progress.persist();
    await this.background.drain();
  }

  /** Drops the cached state and reloads it from the database (tests, operators). */
  async reload(sessionId: string): Promise<void> {
    this.store.drop(sessionId);
    const st = await this.store.state(sessionId);
    if (st) await this.clock.tick(st);
  }

  /* ------------------------------------------------------------------ lifecycle */

  command(
    actor: Actor,
    sessionId: string,
    command: Exclude<SessionCommand, 'expire'>,
    reason?: string,
  ): Promise<SessionCommandResult> {
    return this.lifecycle.command(actor, sessionId, command, reason);
  }

  finishInOwnTime(actor: Actor, sessionId: string, reason?: string): Promise<SessionCommandResult> {
    return this.lifecycle.finishInOwnTime(actor, sessionId, reason);
  }

  launchScheduled(sessionId: string, now = Date.now()): Promise<boolean> {
    return this.lifecycle.launchScheduled(sessionId, now);
  }

  addTime(actor: Actor, req: AddTimeRequest): Promise<SessionCommandResult> {
    return this.controls.addTime(actor, req);
  }

  broadcast(actor: Actor, req: BroadcastMessageRequest): Promise<number> {
    return this.controls.broadcast(actor, req);
  }

  staffRemoved(sessionId: string, userIds: string[]): void {
    this.access.staffRemoved(sessionId, userIds);
  }

  /* ------------------------------------------------------------------ answers */

  answer(actor: Actor, input: AnswerInput, final: boolean): Promise<AnswerAckPayload> {
    return this.answers.answer(actor, input, final);
  }

  questionViewed(actor: Actor, sessionId: string, questionId: string): Promise<void> {
    return this.answers.questionViewed(actor, sessionId, questionId);
  }

  submit(actor: Actor, sessionId: string): Promise<ExamSubmitPayload> {
    return this.answers.submit(actor, sessionId);
  }

  /** integrity_signal from a student's page; acknowledged once stored. */
  reportSignals(actor: Actor, report: IntegritySignalReport): Promise<IntegrityAckPayload> {
    return this.integrity.report(actor, report);
  }

  /** A student's timeline (signals, answers, connections) for the session's staff. */
  async timeline(actor: Actor, sessionId: string, studentId: string): Promise<StudentTimeline> {
    // The session log is written in the background: everything before this request first.
    await this.background.drain();
    return this.integrity.timeline(actor, sessionId, studentId);
  }

  noteScore(
    sessionId: string,
    studentSessionId: string,
    score: AttemptScore,
    endReason: AttemptEndReason | null,
  ): string | null {
    return this.grading.noteScore(sessionId, studentSessionId, score, endReason);
  }

  /** For tests and metrics. */
  answerEventName(final: boolean): string {
    return final ? LIVE_ANSWER_EVENTS.ANSWER_SUBMITTED : LIVE_ANSWER_EVENTS.ANSWER_AUTOSAVED;
  }

  /* ------------------------------------------------------------------ presence, rooms */

  studentArrives(actor: Actor, sessionId: string): Promise<{ st: LiveState; me: StudentState }> {
    return this.presence.studentArrives(actor, sessionId);
  }

  studentJoined(actor: Actor, st: LiveState, me: StudentState, firstSocket: boolean): void {
    this.presence.studentJoined(actor, st, me, firstSocket);
  }

  studentDisconnected(sessionId: string, userId: string, actor: Actor | null, closed = false) {
    this.presence.studentDisconnected(sessionId, userId, actor, closed);
  }

  /** Loads a session for a teacher's join (authorisation included). */
  teacherArrives(actor: Actor, sessionId: string): Promise<LiveState> {
    return this.access.asTeacher(actor, sessionId);
  }

  join(client: WsClient, actor: Actor, sessionId: string, lastSeq?: number): Promise<void> {
    return this.rooms.join(client, actor, sessionId, lastSeq);
  }

  leave(client: WsClient, sessionId: string, actor: Actor | null, closed = false): void {
    this.rooms.leave(client, sessionId, actor, closed);
  }

  /* ------------------------------------------------------------------ snapshots */

  /** The current seq of a session (its snapshot is exact at this number). */
  currentSeq(sessionId: string): number {
    return this.seq.current(sessionId);
  }

  teacherSnapshot(st: LiveState, scores = true): TeacherSnapshot {
    return this.rooms.teacherSnapshot(st, scores);
  }

  studentSnapshot(st: LiveState, me: StudentState): StudentSnapshot {
    return this.rooms.studentSnapshot(st, me);
  }

  snapshotFor(actor: Actor, sessionId: string): Promise<TeacherSnapshot | StudentSnapshot> {
    return this.rooms.snapshotFor(actor, sessionId);
  }

  eventsFor(actor: Actor, sessionId: string, afterSeq: number): Promise<SessionEventsResponse> {
    return this.rooms.eventsFor(actor, sessionId, afterSeq);
  }
}
