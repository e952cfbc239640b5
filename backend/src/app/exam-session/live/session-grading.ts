/**
 * Scores in a live session: attempts are graded in the transaction that finalises them (a
 * submit, an expiry, the session's end), memory follows after the commit, and the graders
 * hear attempt_graded. Scores changed elsewhere (by hand, a regrade) reach memory through
 * noteScore.
 */
import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import {
  RESULTS_EVENTS,
  type AttemptEndReason,
  type AttemptGradedPayload,
  type AttemptScore,
} from '@exam/contracts';
import { AppConfigService } from '../../config/app-config';
import { AttemptGrader } from '../../grading/attempt-grader';
import { AUDIENCE_GRADERS } from '../../realtime/realtime-bus';
import { AnswerEntity } from '../entities/answer.entity';
import { attemptsToGrade } from '../live-grading';
import { LiveEmitter } from './live-emitter';
import {
  applyAnswerRows,
  studentsByAttempt,
  timeSpent,
  type Graded,
  type LiveState,
} from './live-state';
import { SessionStore } from './session-store';

@Injectable()
export class SessionGrading {
  /** Several instances: answers may have been stored through any of them. */
  private readonly shared: boolean;

  constructor(
    private readonly grader: AttemptGrader,
    private readonly emitter: LiveEmitter,
    private readonly store: SessionStore,
    cfg: AppConfigService,
  ) {
    this.shared = cfg.severalInstances;
  }

  /**
   * Several instances: this memory holds only the answers that came through this instance,
   * so the attempts being graded get every stored answer first, read in the grading
   * transaction (the answer inserts lock the attempt rows, see AnswerWriter).
   */
  private async readAnswers(em: EntityManager, st: LiveState, ids: readonly string[]) {
    const rows = await em.find(AnswerEntity, {
      where: { studentSessionId: In([...ids]) },
      order: { seq: 'ASC', id: 'ASC' },
    });
    applyAnswerRows(rows, studentsByAttempt(st));
  }

  /** Grades these attempts (ids of student sessions) from the committed answers in memory. */
  async gradeInTx(
    em: EntityManager,
    st: LiveState,
    ids: readonly string[],
    cause: Exclude<AttemptEndReason, 'absent'>,
    now: number,
  ): Promise<Graded> {
    if (ids.length === 0) return new Map();
    if (this.shared) await this.readAnswers(em, st, ids);
    const attempts = attemptsToGrade(st.students.values(), ids, cause, (s) =>
      timeSpent(st, s, now),
    );
    const ctx = await this.grader.context(em, st.id);
    return this.grader.grade(em, ctx, attempts, now);
  }

  /**
   * After the commit: memory follows the new scores at once (snapshots are right), and the
   * teachers hear attempt_graded in chunks after this turn: ending a 1,000-student session
   * must not hold its reply (and every answer ack) behind 1,000 frames.
   */
  applyGraded(st: LiveState, graded: Graded): void {
    if (graded.size === 0) return;
    const byId = studentsByAttempt(st);
    const events: AttemptGradedPayload[] = [];
    for (const [id, g] of graded) {
      const s = byId.get(id);
      if (!s) continue;
      const { endReason, ...score } = g;
      s.score = score;
      s.endReason = endReason;
      events.push({
        sessionId: st.id,
        studentId: s.userId,
        studentSessionId: s.id,
        endReason,
        score,
      });
    }
    this.emitter.emitInChunks(st, AUDIENCE_GRADERS, RESULTS_EVENTS.ATTEMPT_GRADED, events);
  }

  /**
   * An attempt's score changed outside its end (see GradingNotifier): the cached state, if
   * any, follows. Returns the student's user id when the session is in memory.
   */
  noteScore(
    sessionId: string,
    studentSessionId: string,
    score: AttemptScore,
    endReason: AttemptEndReason | null,
  ): string | null {
    const st = this.store.cached(sessionId);
    const s = st && [...st.students.values()].find((x) => x.id === studentSessionId);
    if (!s) return null;
    s.score = score;
    s.endReason = endReason;
    return s.userId;
  }
}
