/**
 * Manual grading: the queue of answers that need a human (every essay) plus those a teacher
 * already graded, and grading one answer. A grade is appended to manual_grades (history is
 * never overwritten), the answer's score and the attempt's totals are recomputed in the
 * same transaction, and teachers' screens hear attempt_graded at once.
 */
import { formatOf } from '../exams/domain/question-parts';
import { Injectable } from '@nestjs/common';
import type {
  GradeRequest,
  GradeResponse,
  GradingOrder,
  GradingQueue,
  GradingQueueItem,
} from '@exam/contracts';
import type { AuthUser } from '../auth/auth-user';
import { AppError } from '../common/app-error';
import { GradingNotifier } from '../exam-session/grading-notifier.service';
import { LiveWriteDb } from '../exam-session/live-write-db.service';
import { round2 } from '../exams/domain/grading';
import { AttemptGrader } from '../grading/attempt-grader';
import { ManualGradeEntity } from '../grading/entities/manual-grade.entity';
import type { QuestionScoreEntity } from '../grading/entities/question-score.entity';
import { Rescorer } from '../grading/rescorer';
import type { GradedQuestion } from '../grading/session-questions.service';
import { answerText, correctAnswerText } from './domain/answer-text';
import { ResultsRepository, type AttemptRow, type SavedLatest } from './results-repository';

@Injectable()
export class ManualGradingService {
  constructor(
    private readonly repo: ResultsRepository,
    private readonly db: LiveWriteDb,
    private readonly grader: AttemptGrader,
    private readonly rescorer: Rescorer,
    private readonly notifier: GradingNotifier,
  ) {}

  private item(
    a: AttemptRow,
    q: GradedQuestion,
    row: QuestionScoreEntity,
    answer: SavedLatest | undefined,
    graders: Map<string, string>,
  ): GradingQueueItem {
    const d = q.definition;
    return {
      studentSessionId: a.id,
      studentId: a.studentId,
      studentName: a.studentName,
      questionId: q.id,
      position: q.position + 1,
      type: d.type,
      prompt: d.prompt,
      ...formatOf(d),
      maxPoints: d.points,
      answer: (answer?.value ?? null) as GradingQueueItem['answer'],
      answerText: answer ? answerText(d, answer.value) : '',
      correctText: correctAnswerText(d),
      autoPoints: row.autoPoints,
      points: row.points,
      needsManualGrading: !!row.needsManual,
      graded: row.manualPoints !== null,
      comment: row.manualComment,
      gradedBy: row.manualBy ? (graders.get(row.manualBy) ?? null) : null,
      gradedAt: row.manualAt,
      details: row.details,
      gradingNotes: d.type === 'essay' ? (d.gradingNotes ?? null) : null,
    };
  }

  async queue(
    actor: AuthUser,
    id: string,
    order: GradingOrder = 'question',
    state: 'pending' | 'all' = 'all',
  ): Promise<GradingQueue> {
    const s = await this.repo.managed(actor, id);
    const [questions, attempts, rows] = await Promise.all([
      this.repo.questions(s.id),
      this.repo.attempts(s.id),
      this.repo.manualScores(s.id),
    ]);
    const byAttempt = new Map(attempts.map((a) => [a.id, a]));
    const byQuestion = new Map(questions.map((q) => [q.id, q]));
    const wanted: Array<{ a: AttemptRow; q: GradedQuestion; row: QuestionScoreEntity }> = [];
    for (const row of rows) {
      const a = byAttempt.get(row.studentSessionId);
      const q = byQuestion.get(row.questionId);
      if (!a || !q || a.gradedAt === null || a.endReason === 'absent') continue;
      if (state === 'pending' && row.state !== 'pending') continue;
      wanted.push({ a, q, row });
    }
    const latest = await this.repo.latest([...new Set(wanted.map((w) => w.a.id))]);
    const graders = await this.repo.names(
      wanted.flatMap((w) => (w.row.manualBy ? [w.row.manualBy] : [])),
    );
    const items = wanted.map((w) =>
      this.item(w.a, w.q, w.row, latest.get(w.a.id)?.get(w.q.id), graders),
    );
    const byName = (x: GradingQueueItem, y: GradingQueueItem) =>
      x.studentName.localeCompare(y.studentName) ||
      x.studentSessionId.localeCompare(y.studentSessionId);
    items.sort((x, y) =>
      order === 'question'
        ? x.position - y.position || byName(x, y)
        : byName(x, y) || x.position - y.position,
    );
    return {
      sessionId: s.id,
      order,
      items,
      pending: items.filter((i) => i.points === null && i.needsManualGrading).length,
    };
  }

  async grade(actor: AuthUser, id: string, body: GradeRequest): Promise<GradeResponse> {
    const s = await this.repo.managed(actor, id);
    const a = await this.repo.attempt(s.id, body.studentSessionId);
    const questions = await this.repo.questions(s.id);
    const q = questions.find((x) => x.id === body.questionId);
    if (!q) throw AppError.notFound('This question of the session');
    if (a.gradedAt === null) {
      throw AppError.conflict(
        'This attempt is still open: grade it once the student has submitted or the session has ended.',
      );
    }
    if (a.endReason === 'absent') {
      throw AppError.conflict('This student did not take part; there is no answer to grade.');
    }
    const max = q.definition.points;
    const points = round2(body.points);
    if (points < 0 || points > max) {
      throw AppError.badRequest(`Give between 0 and ${max} points for this question.`, [
        { field: 'points', problems: [`must be between 0 and ${max}`] },
      ]);
    }
    const now = Date.now();
    const comment = body.comment?.trim() ? body.comment.trim() : null;
    const [result] = await this.db.transaction(async (em) => {
      await em.insert(ManualGradeEntity, {
        academyId: s.academyId,
        examSessionId: s.id,
        studentSessionId: a.id,
        questionId: q.id,
        points,
        comment,
        graderId: actor.id,
        createdAt: now,
      });
      const ctx = await this.grader.context(em, s.id);
      return this.rescorer.rescore(em, ctx, { attemptIds: [a.id], write: true, now });
    }, 'results');
    await this.notifier.attemptGraded(s.id, a.id, result.after, a.endReason);
    const [scores, latest] = await Promise.all([
      this.repo.scores([a.id]),
      this.repo.latest([a.id]),
    ]);
    const row = scores.get(a.id)?.get(q.id);
    if (!row) throw new Error('score row missing after grading');
    const names = await this.repo.names([actor.id]);
    return {
      item: this.item(a, q, row, latest.get(a.id)?.get(q.id), names),
      attempt: result.after,
    };
  }
}
