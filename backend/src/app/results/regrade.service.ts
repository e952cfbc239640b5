/**
 * Regrade: a teacher fixes a key (or gives full marks, or drops a question) on the
 * session's own copy of its questions; every graded attempt is re-scored from its stored
 * answers. The preview computes the before/after without storing anything; applying writes
 * the new questions, the changed scores and a regrades row (who, when, what) in one
 * transaction. Attempts still open are graded with the fixed key when they end.
 */
import { Injectable } from '@nestjs/common';
import type {
  RegradePreview,
  RegradeRecord,
  RegradeResult,
  RegradeStudentDiff,
} from '@exam/contracts';
import type { AuthUser } from '../auth/auth-user';
import { AppError } from '../common/app-error';
import type { ExamSessionEntity } from '../exam-session/entities/exam-session.entity';
import { GradingNotifier } from '../exam-session/grading-notifier.service';
import { LiveWriteDb } from '../exam-session/live-write-db.service';
import { splitQuestion } from '../exams/domain/question-parts';
import { AttemptGrader } from '../grading/attempt-grader';
import { RegradeEntity } from '../grading/entities/regrade.entity';
import { SessionQuestionEntity } from '../grading/entities/session-question.entity';
import { Rescorer, type RescoredAttempt } from '../grading/rescorer';
import type { GradedQuestion } from '../grading/session-questions.service';
import { applyChanges, compareAttempt, parseRegrade } from './domain/regrade';
import { ResultsRepository } from './results-repository';

@Injectable()
export class RegradeService {
  constructor(
    private readonly repo: ResultsRepository,
    private readonly db: LiveWriteDb,
    private readonly grader: AttemptGrader,
    private readonly rescorer: Rescorer,
    private readonly notifier: GradingNotifier,
  ) {}

  private async session(actor: AuthUser, id: string): Promise<ExamSessionEntity> {
    const s = await this.repo.managed(actor, id);
    if (s.status === 'preparing') {
      throw AppError.conflict(
        'Nobody has answered yet: edit the exam instead (a regrade fixes the key of a session that has run).',
        'INVALID_TRANSITION',
      );
    }
    return s;
  }

  /** The request parsed and applied to the session's questions (400 with every problem). */
  private plan(questions: GradedQuestion[], raw: unknown) {
    const parsed = parseRegrade(raw);
    if (!parsed.ok) {
      throw AppError.badRequest(
        'The regrade request has problems. Fix them and send it again.',
        parsed.issues,
      );
    }
    const applied = applyChanges(questions, parsed.changes);
    if (!applied.ok) {
      throw AppError.badRequest(
        'Some changes cannot be applied. Fix them and send it again.',
        applied.issues,
      );
    }
    return { ...parsed, ...applied };
  }

  private async diffs(
    rescored: RescoredAttempt[],
  ): Promise<{ changed: RegradeStudentDiff[]; unchanged: number }> {
    const names = await this.repo.names(rescored.map((r) => r.studentId));
    const changed: RegradeStudentDiff[] = [];
    for (const r of rescored) {
      const base = {
        studentSessionId: r.id,
        studentId: r.studentId,
        studentName: names.get(r.studentId) ?? '',
      };
      const totals = (x: RescoredAttempt['before']) => ({
        score: x.score,
        maxScore: x.maxScore,
        percent: x.percent,
        result: x.result,
      });
      const d = compareAttempt(
        { ...base, totals: totals(r.before), points: r.pointsBefore },
        { ...base, totals: totals(r.after), points: r.pointsAfter },
      );
      if (d) changed.push(d);
    }
    changed.sort((a, b) => a.studentName.localeCompare(b.studentName));
    return { changed, unchanged: rescored.length - changed.length };
  }

  async preview(actor: AuthUser, id: string, raw: unknown): Promise<RegradePreview> {
    const s = await this.session(actor, id);
    const plan = this.plan(await this.repo.questions(s.id), raw);
    const em = this.repo.reader;
    const base = await this.grader.context(em, s.id);
    const rescored = await this.rescorer.rescore(
      em,
      { ...base, questions: plan.questions as GradedQuestion[] },
      { write: false, now: Date.now() },
    );
    return { sessionId: s.id, changes: plan.changes, ...(await this.diffs(rescored)) };
  }

  async apply(actor: AuthUser, id: string, raw: unknown): Promise<RegradeResult> {
    const s = await this.session(actor, id);
    const now = Date.now();
    const { rescored, plan, recordId } = await this.db.transaction(async (em) => {
      // Planned inside the transaction: nothing can change the questions in between.
      const base = await this.grader.context(em, s.id);
      const plan = this.plan(base.questions, raw);
      for (const q of plan.questions as GradedQuestion[]) {
        if (!plan.changedIds.includes(q.id)) continue;
        const p = splitQuestion(q.definition);
        await em.update(
          SessionQuestionEntity,
          { examSessionId: s.id, questionId: q.id },
          { key: p.key, adjustment: q.adjustment, updatedAt: now },
        );
      }
      const rescored = await this.rescorer.rescore(
        em,
        { ...base, questions: plan.questions as GradedQuestion[] },
        { write: true, now },
      );
      const record = await em.insert(RegradeEntity, {
        academyId: s.academyId,
        examSessionId: s.id,
        actorId: actor.id,
        changes: plan.changes,
        note: plan.note,
        changedAttempts: rescored.filter((r) => r.changed).length,
        summary: [],
        createdAt: now,
      });
      return { rescored, plan, recordId: Number(record.identifiers[0].id) };
    }, 'results');
    const diff = await this.diffs(rescored);
    // The summary (names included) is stored once it is known; it is history, not truth.
    await this.db.transaction(
      (em) =>
        em.update(
          RegradeEntity,
          { id: recordId },
          { summary: diff.changed, changedAttempts: diff.changed.length },
        ),
      'results',
    );
    for (const r of rescored) {
      if (r.changed) await this.notifier.attemptGraded(s.id, r.id, r.after, r.endReason);
    }
    const names = await this.repo.names([actor.id]);
    const record: RegradeRecord = {
      id: recordId,
      sessionId: s.id,
      actorId: actor.id,
      actorName: names.get(actor.id) ?? '',
      at: now,
      changes: plan.changes,
      note: plan.note,
      changedAttempts: diff.changed.length,
    };
    return { sessionId: s.id, changes: plan.changes, ...diff, record };
  }

  async history(actor: AuthUser, id: string): Promise<RegradeRecord[]> {
    const s = await this.repo.managed(actor, id);
    const rows = await this.repo.reader.find(RegradeEntity, {
      where: { examSessionId: s.id },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    const names = await this.repo.names(rows.map((r) => r.actorId));
    return rows.map((r) => ({
      id: r.id,
      sessionId: s.id,
      actorId: r.actorId,
      actorName: names.get(r.actorId) ?? '',
      at: r.createdAt,
      changes: r.changes,
      note: r.note,
      changedAttempts: r.changedAttempts,
    }));
  }
}
