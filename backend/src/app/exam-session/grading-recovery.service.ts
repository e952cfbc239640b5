/**
 * On start, grades every finished attempt that has no score yet: attempts finished by a
 * version before grading existed. Attempts finished by this version are graded in the
 * transaction that finalised them, so after a kill -9 there is nothing half done; this is
 * the catch-up for the rest, and like finalisation it grades an attempt at most once
 * (graded_at IS NULL guard, unique score rows).
 */
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { In, IsNull } from 'typeorm';
import type { AttemptEndReason } from '@exam/contracts';
import { latestAnswers, latestManualGrades } from '../grading/answers-reader';
import { AttemptGrader, type AttemptToGrade } from '../grading/attempt-grader';
import { ExamSessionEntity } from './entities/exam-session.entity';
import { SessionEventEntity } from './entities/session-event.entity';
import { StudentSessionEntity } from './entities/student-session.entity';
import { GradingNotifier } from './grading-notifier.service';
import { LiveWriteDb } from './live-write-db.service';

/** How the session's own end reads as an attempt's end. */
function sessionEndCause(endReason: string | null): Exclude<AttemptEndReason, 'absent'> {
  if (endReason === 'deadline') return 'deadline';
  if (endReason === 'teacher') return 'teacher';
  return 'terminated';
}

@Injectable()
export class GradingRecovery implements OnApplicationBootstrap {
  private readonly log = new Logger('GradingRecovery');

  constructor(
    private readonly db: LiveWriteDb,
    private readonly grader: AttemptGrader,
    private readonly notifier: GradingNotifier,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const pending = await this.db.reader.find(StudentSessionEntity, {
      where: { status: 'completed', gradedAt: IsNull() },
      select: { id: true, examSessionId: true },
    });
    const sessions = [...new Set(pending.map((p) => p.examSessionId))];
    let graded = 0;
    for (const id of sessions) graded += await this.gradeSession(id);
    if (graded > 0) {
      this.log.log({ msg: 'graded attempts finished before grading existed', graded, sessions });
    }
  }

  /** Grades the session's finished, ungraded attempts; returns how many it graded. */
  async gradeSession(sessionId: string): Promise<number> {
    const r = this.db.reader;
    const session = await r.findOneBy(ExamSessionEntity, { id: sessionId });
    if (!session) return 0;
    const rows = await r.find(StudentSessionEntity, {
      where: { examSessionId: sessionId, status: 'completed', gradedAt: IsNull() },
    });
    if (rows.length === 0) return 0;
    const ids = rows.map((a) => a.id);
    const [answers, manual, expired] = await Promise.all([
      latestAnswers(r, ids),
      latestManualGrades(r, ids),
      r.find(SessionEventEntity, {
        where: { examSessionId: sessionId, type: In(['attempt_expired']) },
        select: { data: true },
      }),
    ]);
    const expiredIds = new Set(expired.flatMap((e) => (e.data.studentIds as string[]) ?? []));
    const attempts: AttemptToGrade[] = rows.map((a) => {
      const latest = answers.get(a.id) ?? new Map();
      let cause: Exclude<AttemptEndReason, 'absent'>;
      if (session.endedAt !== null && a.completedAt === session.endedAt) {
        cause = sessionEndCause(session.endReason);
      } else cause = expiredIds.has(a.studentId) ? 'deadline' : 'submitted';
      return {
        id: a.id,
        endReason: a.joinedAt === null && latest.size === 0 ? 'absent' : cause,
        latest,
        manual: manual.get(a.id),
      };
    });
    const now = Date.now();
    const done = await this.db.transaction(async (em) => {
      const ctx = await this.grader.context(em, sessionId);
      return this.grader.grade(em, ctx, attempts, now);
    });
    for (const [id, g] of done) {
      const { endReason, ...score } = g;
      await this.notifier.attemptGraded(sessionId, id, score, endReason);
    }
    return done.size;
  }
}
