/**
 * Re-scores graded attempts from their stored answers, the session's current questions and
 * the latest manual grades, inside the caller's transaction: after a manual grade, and for
 * a regrade (dry run for the preview, written for the real thing). Only rows whose values
 * change are written; attempts not graded yet are left to their finalisation.
 */
import { Injectable } from '@nestjs/common';
import { In, Not, IsNull, type EntityManager } from 'typeorm';
import type { AttemptEndReason, AttemptScore } from '@exam/contracts';
import { StudentSessionEntity } from '../exam-session/entities/student-session.entity';
import { latestAnswers, latestManualGrades } from './answers-reader';
import {
  SCORE_COLUMNS,
  TOTAL_COLUMNS,
  scoreRow,
  totalsRow,
  writeRows,
  type GradingContext,
} from './attempt-grader';
import { attemptTotals, scoreAttempt, type QuestionScore } from './domain/attempt-scoring';
import { QuestionScoreEntity } from './entities/question-score.entity';

export interface RescoredAttempt {
  id: string;
  studentId: string;
  endReason: AttemptEndReason | null;
  before: AttemptScore;
  after: AttemptScore;
  /** questionId -> points before / after (every question of the session). */
  pointsBefore: Map<string, number | null>;
  pointsAfter: Map<string, number | null>;
  changed: boolean;
}

/** Every score column but the row's identity (attempt and question). */
const UPDATE_COLUMNS = SCORE_COLUMNS.slice(4);

function rowDiffers(r: QuestionScoreEntity, s: QuestionScore): boolean {
  return (
    r.answerSeq !== s.answerSeq ||
    r.autoPoints !== s.autoPoints ||
    r.maxPoints !== s.maxPoints ||
    !!r.needsManual !== s.needsManual ||
    JSON.stringify(r.details) !== JSON.stringify(s.details) ||
    r.manualPoints !== (s.manual?.points ?? null) ||
    r.manualComment !== (s.manual?.comment ?? null) ||
    r.points !== s.points ||
    r.state !== s.state
  );
}

@Injectable()
export class Rescorer {
  /**
   * Re-scores the graded attempts among `attemptIds` (all graded attempts of the session
   * when omitted). With write=false nothing is stored (a preview).
   */
  async rescore(
    em: EntityManager,
    ctx: GradingContext,
    opts: { attemptIds?: readonly string[]; write: boolean; now: number },
  ): Promise<RescoredAttempt[]> {
    const attempts = await em.find(StudentSessionEntity, {
      where: {
        examSessionId: ctx.sessionId,
        gradedAt: Not(IsNull()),
        ...(opts.attemptIds ? { id: In([...opts.attemptIds]) } : {}),
      },
    });
    if (attempts.length === 0) return [];
    const ids = attempts.map((a) => a.id);
    const [answers, manual] = await Promise.all([
      latestAnswers(em, ids),
      latestManualGrades(em, ids),
    ]);
    const stored = new Map<string, Map<string, QuestionScoreEntity>>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await em.find(QuestionScoreEntity, {
        where: { studentSessionId: In(ids.slice(i, i + 500)) },
      });
      for (const r of rows) {
        let m = stored.get(r.studentSessionId);
        if (!m) stored.set(r.studentSessionId, (m = new Map()));
        m.set(r.questionId, r);
      }
    }
    const inserts: unknown[][] = [];
    const updates: unknown[][] = [];
    const totals: unknown[][] = [];
    const out: RescoredAttempt[] = [];
    for (const a of attempts) {
      const absent = a.endReason === 'absent';
      const scores = scoreAttempt(ctx.questions, answers.get(a.id) ?? new Map(), manual.get(a.id));
      const t = attemptTotals(scores, ctx.passingScore, absent);
      const mine = stored.get(a.id) ?? new Map<string, QuestionScoreEntity>();
      let rowsChanged = false;
      for (const s of scores) {
        const r = mine.get(s.questionId);
        if (!r) {
          inserts.push(scoreRow(ctx, a.id, s, opts.now));
          rowsChanged = true;
        } else if (rowDiffers(r, s)) {
          updates.push([r.id, ...scoreRow(ctx, a.id, s, opts.now).slice(4)]);
          rowsChanged = true;
        }
      }
      const before: AttemptScore = {
        score: a.score ?? 0,
        maxScore: a.maxScore ?? 0,
        percent: a.percent ?? 0,
        result: a.result,
        pendingManual: a.pendingManual,
        gradedAt: a.gradedAt ?? opts.now,
      };
      const totalsChanged =
        before.score !== t.score ||
        before.maxScore !== t.maxScore ||
        before.percent !== t.percent ||
        before.result !== t.result ||
        before.pendingManual !== t.pendingManual;
      const changed = rowsChanged || totalsChanged;
      const after: AttemptScore = { ...t, gradedAt: changed ? opts.now : before.gradedAt };
      if (changed) totals.push(totalsRow(a.id, t, opts.now, a.endReason));
      out.push({
        id: a.id,
        studentId: a.studentId,
        endReason: a.endReason,
        before,
        after,
        pointsBefore: new Map(ctx.questions.map((q) => [q.id, mine.get(q.id)?.points ?? null])),
        pointsAfter: new Map(scores.map((s) => [s.questionId, s.points])),
        changed,
      });
    }
    if (opts.write) {
      await writeRows(em, 'insert', 'question_scores', '', SCORE_COLUMNS, inserts);
      await writeRows(em, 'update', 'question_scores', 'id', UPDATE_COLUMNS, updates);
      await writeRows(em, 'update', 'student_sessions', 'id', TOTAL_COLUMNS, totals);
    }
    return out;
  }
}
