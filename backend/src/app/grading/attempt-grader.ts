/**
 * Writes the scores of finished attempts, inside the caller's transaction: the one that
 * finalises them (submit, deadline, teacher end, terminate) or a restart's catch-up. One
 * question_scores row per (attempt, question) (unique) and the totals on student_sessions,
 * guarded by graded_at IS NULL: an attempt is graded exactly once.
 *
 * Rows are written as multi-row statements (1,000 attempts x 25 questions = 25,000 rows
 * would otherwise be 25,000 statements inside the finalising transaction).
 */
import { Injectable } from '@nestjs/common';
import { In, IsNull, type EntityManager } from 'typeorm';
import type { AttemptEndReason, AttemptScore } from '@exam/contracts';
import { runGroup } from '../database/row-groups';
import { ExamSessionEntity } from '../exam-session/entities/exam-session.entity';
import { ExamEntity } from '../exams/entities/exam.entity';
import { StudentSessionEntity } from '../exam-session/entities/student-session.entity';
import {
  attemptTotals,
  scoreAttempt,
  type LatestAnswer,
  type ManualGrade,
  type QuestionScore,
} from './domain/attempt-scoring';
import { SessionQuestions, type GradedQuestion } from './session-questions.service';

export interface AttemptToGrade {
  id: string;
  endReason: AttemptEndReason;
  latest: ReadonlyMap<string, LatestAnswer>;
  manual?: ReadonlyMap<string, ManualGrade>;
  /** Exact time taken, stored with the score (the progress column is only advisory). */
  timeSpentMs?: number;
}

export interface GradingContext {
  sessionId: string;
  academyId: string;
  passingScore: number;
  questions: GradedQuestion[];
}

export const SCORE_COLUMNS = [
  'academy_id',
  'exam_session_id',
  'student_session_id',
  'question_id',
  'answer_seq',
  'auto_points',
  'max_points',
  'needs_manual',
  'details',
  'manual_points',
  'manual_comment',
  'manual_by',
  'manual_at',
  'points',
  'state',
  'updated_at',
] as const;
export const TOTAL_COLUMNS = [
  'score',
  'max_score',
  'percent',
  'result',
  'pending_manual',
  'graded_at',
  'end_reason',
] as const;
/** Rows per statement: 16 columns x 500 = 8,000 parameters (SQLite allows 32,766). */
const ROWS_PER_STATEMENT = 500;

export function scoreRow(ctx: GradingContext, attemptId: string, s: QuestionScore, now: number) {
  return [
    ctx.academyId,
    ctx.sessionId,
    attemptId,
    s.questionId,
    s.answerSeq,
    s.autoPoints,
    s.maxPoints,
    s.needsManual,
    JSON.stringify(s.details),
    s.manual?.points ?? null,
    s.manual?.comment ?? null,
    s.manual?.by ?? null,
    s.manual?.at ?? null,
    s.points,
    s.state,
    now,
  ];
}

/** Inserts or updates rows in chunks (one statement per chunk). */
export async function writeRows(
  em: EntityManager,
  kind: 'insert' | 'update',
  table: string,
  key: string,
  columns: readonly string[],
  rows: unknown[][],
): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    await runGroup(em, { kind, table, key, columns, rows: rows.slice(i, i + ROWS_PER_STATEMENT) });
  }
}

export function totalsRow(
  id: string,
  t: ReturnType<typeof attemptTotals>,
  now: number,
  endReason: AttemptEndReason | null,
): unknown[] {
  return [id, t.score, t.maxScore, t.percent, t.result, t.pendingManual, now, endReason];
}

@Injectable()
export class AttemptGrader {
  constructor(private readonly sessionQuestions: SessionQuestions) {}

  /** What grading a session needs: its questions and passing score. */
  async context(em: EntityManager, sessionId: string): Promise<GradingContext> {
    const s = await em.findOneOrFail(ExamSessionEntity, {
      where: { id: sessionId },
      select: { id: true, academyId: true, examId: true, passingScore: true },
    });
    const exam =
      s.passingScore === null
        ? await em.findOne(ExamEntity, { where: { id: s.examId }, select: { passingScore: true } })
        : null;
    return {
      sessionId,
      academyId: s.academyId,
      passingScore: s.passingScore ?? exam?.passingScore ?? 50,
      questions: await this.sessionQuestions.load(em, sessionId),
    };
  }

  /**
   * Grades the attempts that are not graded yet (others are skipped) and returns the totals
   * of those it graded. Call inside the transaction that marks them completed.
   */
  async grade(
    em: EntityManager,
    ctx: GradingContext,
    attempts: readonly AttemptToGrade[],
    now: number,
  ): Promise<Map<string, AttemptScore & { endReason: AttemptEndReason }>> {
    const done = new Map<string, AttemptScore & { endReason: AttemptEndReason }>();
    if (attempts.length === 0) return done;
    const open = new Set<string>();
    for (let i = 0; i < attempts.length; i += ROWS_PER_STATEMENT) {
      const ids = attempts.slice(i, i + ROWS_PER_STATEMENT).map((a) => a.id);
      const rows = await em.find(StudentSessionEntity, {
        where: { id: In(ids), gradedAt: IsNull() },
        select: { id: true },
      });
      for (const r of rows) open.add(r.id);
    }
    const scoreRows: unknown[][] = [];
    const totalRows: unknown[][] = [];
    const timeRows: unknown[][] = [];
    for (const a of attempts) {
      if (!open.has(a.id)) continue;
      open.delete(a.id); // the same attempt twice in one call is graded once
      const absent = a.endReason === 'absent';
      const scores = scoreAttempt(ctx.questions, a.latest, a.manual);
      const t = attemptTotals(scores, ctx.passingScore, absent);
      for (const s of scores) scoreRows.push(scoreRow(ctx, a.id, s, now));
      totalRows.push(totalsRow(a.id, t, now, a.endReason));
      if (a.timeSpentMs !== undefined) timeRows.push([a.id, a.timeSpentMs]);
      done.set(a.id, { ...t, gradedAt: now, endReason: a.endReason });
    }
    await writeRows(em, 'insert', 'question_scores', '', SCORE_COLUMNS, scoreRows);
    await writeRows(em, 'update', 'student_sessions', 'id', TOTAL_COLUMNS, totalRows);
    await writeRows(em, 'update', 'student_sessions', 'id', ['time_spent_ms'], timeRows);
    return done;
  }
}
