/**
 * Answers in a live session: the pure acceptance rule (domain/answer-acceptance) decides;
 * accepted rows go to the AnswerWriter (group commit) and the reply is made only after
 * COMMIT (R1-R4). A student's submit, and the clock's expiry, finalise attempts (graded in
 * the same transaction).
 */
import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import {
  SESSION_EVENTS,
  type AnswerAckPayload,
  type AnswerValue,
  type ExamSubmitPayload,
  type SavedAnswer,
} from '@exam/contracts';
import { AppError } from '../../common/app-error';
import { AppConfigService } from '../../config/app-config';
import { SessionRooms } from '../../realtime/session-rooms.service';
import {
  AnswerAlreadyStored,
  AnswerAttemptClosed,
  AnswerStale,
  AnswerWriter,
} from '../answer-writer';
import { decideAnswer } from '../domain/answer-acceptance';
import { SessionEventEntity } from '../entities/session-event.entity';
import { StudentSessionEntity } from '../entities/student-session.entity';
import { parseAnswerValue, type AnswerInput } from '../live-session.schemas';
import { LiveWriteDb } from '../live-write-db.service';
import { LiveAccess } from './live-access';
import { LiveEmitter } from './live-emitter';
import { LivePresence } from './live-presence';
import { LiveProgress } from './live-progress';
import {
  ackOf,
  answeredCount,
  deadlineOf,
  graceMs,
  keepLatest,
  rememberKey,
  type Actor,
  type LiveState,
  type StudentState,
} from './live-state';
import { SessionGrading } from './session-grading';
import { SessionLog } from './session-log';
import { SessionStore } from './session-store';

@Injectable()
export class LiveAnswers {
  constructor(
    private readonly access: LiveAccess,
    private readonly writer: AnswerWriter,
    private readonly db: LiveWriteDb,
    private readonly cfg: AppConfigService,
    private readonly rooms: SessionRooms,
    private readonly emitter: LiveEmitter,
    private readonly events: SessionLog,
    private readonly progress: LiveProgress,
    private readonly presence: LivePresence,
    private readonly grading: SessionGrading,
    private readonly store: SessionStore,
  ) {
    this.shared = cfg.severalInstances;
  }

  /** Several instances share the database (see answer()). */
  private readonly shared: boolean;

  /**
   * The one path for an answer (WebSocket and REST). Resolves with the reply to send; a
   * saved/autosaved reply exists only after COMMIT. Rejects (no ack) if the write failed.
   */
  async answer(
    actor: Actor,
    input: AnswerInput,
    final: boolean,
    rechecked = false,
  ): Promise<AnswerAckPayload> {
    const { st, me } =
      this.access.asStudentNow(actor, input.sessionId) ??
      (await this.access.asStudent(actor, input.sessionId));
    const reply = (p: Omit<AnswerAckPayload, 'sessionId' | 'questionId' | 'key' | 'seq'>) => ({
      sessionId: st.id,
      questionId: input.questionId,
      key: input.key,
      seq: input.seq,
      ...p,
    });
    // A retry of an answer already taken gets the original reply (R3).
    const known = me.keys.get(input.key);
    if (known) return { ...(await known), sessionId: st.id };
    const type = st.questionTypes.get(input.questionId);
    if (!type) {
      throw AppError.badRequest('This question is not part of the exam.', [
        { field: 'questionId', problems: ['is not a question of this exam'] },
      ]);
    }
    const value: AnswerValue = parseAnswerValue(
      type,
      input.answer,
      this.cfg.get('WS_MAX_ANSWER_BYTES'),
    );
    const now = Date.now();
    const decision = decideAnswer({
      sessionStatus: st.status,
      attemptStatus: me.status,
      deadline: deadlineOf(st, me, now),
      graceMs: graceMs(st),
      now,
      storedSeq: me.acceptedSeq.get(input.questionId),
      seq: input.seq,
    });
    // Several instances: a refusal may come from facts another instance just changed (a
    // resume, added time): decide once more on the stored facts before saying no.
    if (this.shared && !rechecked && (decision.kind === 'late' || decision.kind === 'refuse')) {
      await this.store.refresh(st.id);
      return this.answer(actor, input, final, true);
    }
    // A retry of an answer stored long ago (its key left memory) or through another
    // instance: the original reply, from the database (R3).
    if (decision.kind !== 'accept' && (me.keysForgotten || this.shared)) {
      const stored = await this.writer.stored(me.id, input.key);
      if (stored) return originalReply(st, me, input, stored);
    }
    switch (decision.kind) {
      case 'stale':
        return reply({
          status: 'stale',
          currentSeq: decision.currentSeq,
          code: 'STALE',
          message: 'A newer answer to this question is already saved; this one was ignored.',
        });
      case 'late':
        return reply({ status: 'late', code: 'LATE', message: decision.message });
      case 'refuse':
        return reply({ status: 'error', code: decision.code, message: decision.message });
      case 'accept':
        break;
    }
    me.acceptedSeq.set(input.questionId, input.seq);
    const write = this.writer
      .write({
        academyId: st.academyId,
        examSessionId: st.id,
        studentSessionId: me.id,
        questionId: input.questionId,
        idempotencyKey: input.key,
        seq: input.seq,
        final,
        value,
      })
      .then((savedAt): AnswerAckPayload => {
        const saved: SavedAnswer = {
          questionId: input.questionId,
          answer: value,
          key: input.key,
          seq: input.seq,
          final,
          savedAt,
        };
        keepLatest(me, saved, st.answerable);
        const ack = ackOf(saved, st.id);
        rememberKey(me, input.key, ack);
        me.currentQuestionId = input.questionId;
        me.lastActivityAt = savedAt;
        this.progress.markDirty(st, me);
        return ack;
      })
      .catch((e: unknown) => {
        // Not committed: forget it so the client's retry is taken afresh.
        me.keys.delete(input.key);
        if (me.acceptedSeq.get(input.questionId) === input.seq) {
          const committed = me.latest.get(input.questionId)?.seq;
          if (committed === undefined) me.acceptedSeq.delete(input.questionId);
          else me.acceptedSeq.set(input.questionId, committed);
        }
        // Several instances: the database said why it did not store this row.
        if (e instanceof AnswerAlreadyStored) return originalReply(st, me, input, e.stored);
        if (e instanceof AnswerStale) {
          me.acceptedSeq.set(
            input.questionId,
            Math.max(me.acceptedSeq.get(input.questionId) ?? -1, e.currentSeq),
          );
          return reply({
            status: 'stale',
            currentSeq: e.currentSeq,
            code: 'STALE',
            message: 'A newer answer to this question is already saved; this one was ignored.',
          });
        }
        if (e instanceof AnswerAttemptClosed) {
          void this.store.refresh(st.id);
          return reply({
            status: 'late',
            code: 'LATE',
            message: 'Your exam has ended; answers sent after it ended are not saved.',
          });
        }
        throw new AppError(
          503,
          'INTERNAL_ERROR',
          'Your answer could not be saved; send it again.',
          {
            cause: String(e),
          },
        );
      });
    rememberKey(me, input.key, write);
    return write;
  }

  async questionViewed(actor: Actor, sessionId: string, questionId: string): Promise<void> {
    const { st, me } = await this.access.asStudent(actor, sessionId);
    if (!st.questionTypes.has(questionId)) {
      throw AppError.badRequest('This question is not part of the exam.', [
        { field: 'questionId', problems: ['is not a question of this exam'] },
      ]);
    }
    me.currentQuestionId = questionId;
    me.lastActivityAt = Date.now();
    this.progress.markDirty(st, me);
  }

  /** Final submit of the student's attempt. */
  async submit(actor: Actor, sessionId: string): Promise<ExamSubmitPayload> {
    const { st, me } = await this.access.asStudent(actor, sessionId);
    if (me.status === 'completed') {
      return this.submitPayload(st, me);
    }
    if (st.status !== 'active' && st.status !== 'paused') {
      throw new AppError(
        409,
        'SESSION_NOT_LIVE',
        `The exam is ${st.status}; there is nothing to submit.`,
      );
    }
    // Answers this student sent before submitting are committed first.
    await this.writer.drain();
    await this.finalise(st, [me], Date.now(), actor, 'exam_submit');
    return this.submitPayload(st, me);
  }

  private submitPayload(st: LiveState, me: StudentState): ExamSubmitPayload {
    return {
      sessionId: st.id,
      status: 'completed',
      endReason: me.endReason === 'deadline' ? 'deadline' : 'submitted',
      completedAt: me.completedAt ?? Date.now(),
      answered: answeredCount(st, me),
      total: st.questions.length,
    };
  }

  /** Completes open attempts (submit, or their deadline plus grace passed). */
  async finalise(
    st: LiveState,
    list: StudentState[],
    now: number,
    actor: Actor | null,
    type: 'exam_submit' | 'attempt_expired',
    fence?: (em: EntityManager) => Promise<void>,
  ): Promise<void> {
    const open = list.filter((s) => s.status !== 'completed');
    if (open.length === 0) return;
    const cause = type === 'exam_submit' ? 'submitted' : 'deadline';
    const graded = await this.db.transaction(async (em) => {
      await fence?.(em);
      await em.update(
        StudentSessionEntity,
        { id: In(open.map((s) => s.id)), status: In(['enrolled', 'joined']) },
        { status: 'completed', completedAt: now, updatedAt: now },
      );
      await em.insert(
        SessionEventEntity,
        this.events.entry(st, type, actor, { studentIds: open.map((s) => s.userId) }),
      );
      // Graded in the transaction that finalises: a crash leaves both or neither.
      return this.grading.gradeInTx(
        em,
        st,
        open.map((s) => s.id),
        cause,
        now,
      );
    });
    for (const s of open) {
      s.status = 'completed';
      s.completedAt = now;
      this.progress.markDirty(st, s);
    }
    this.grading.applyGraded(st, graded);
    this.emitter.emitGrouped(
      st,
      SESSION_EVENTS.EXAM_SUBMIT,
      open,
      (s) => s.userId,
      (s) => this.submitPayload(st, s),
    );
    for (const s of open) {
      if (this.rooms.isStudentOnline(st.id, s.userId)) {
        this.presence.studentLeft(st, s, 'complete', now);
      }
    }
  }
}

/** The reply a key already stored got when it was stored (R3); remembered again. */
function originalReply(
  st: LiveState,
  me: StudentState,
  input: AnswerInput,
  stored: AnswerAlreadyStored['stored'],
): AnswerAckPayload {
  const ack: AnswerAckPayload = {
    sessionId: st.id,
    questionId: input.questionId,
    key: input.key,
    seq: stored.seq,
    status: stored.final ? 'saved' : 'autosaved',
    savedAt: stored.savedAt,
  };
  rememberKey(me, input.key, ack);
  return ack;
}
