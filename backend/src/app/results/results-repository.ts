/**
 * Every read the results features make, in one place: the session a caller may manage, its
 * questions, attempts with student names, stored scores, answers and grade history. Reads go
 * through the main connection (committed data); writes go through LiveWriteDb elsewhere.
 */
import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { AnswerHistoryEntry, ManualGradeEntry } from '@exam/contracts';
import type { AuthUser } from '../auth/auth-user';
import { UserEntity } from '../auth/entities/user.entity';
import { AppError } from '../common/app-error';
import { placeholders } from '../database/placeholders';
import { AnswerEntity } from '../exam-session/entities/answer.entity';
import { ExamSessionEntity } from '../exam-session/entities/exam-session.entity';
import { StudentSessionEntity } from '../exam-session/entities/student-session.entity';
import { ExamSessionsService } from '../exam-session/exam-sessions.service';
import { ExamEntity } from '../exams/entities/exam.entity';
import { latestAnswers, latestAnswersOfSession } from '../grading/answers-reader';
import type { LatestAnswer } from '../grading/domain/attempt-scoring';
import { ManualGradeEntity } from '../grading/entities/manual-grade.entity';
import { QuestionScoreEntity } from '../grading/entities/question-score.entity';
import { SessionQuestions, type GradedQuestion } from '../grading/session-questions.service';

export interface AttemptRow extends StudentSessionEntity {
  studentName: string;
  studentEmail: string;
}

export type SavedLatest = LatestAnswer & { savedAt: number };

@Injectable()
export class ResultsRepository {
  constructor(
    private readonly ds: DataSource,
    private readonly sessions: ExamSessionsService,
    private readonly sessionQuestions: SessionQuestions,
  ) {}

  get reader(): EntityManager {
    return this.ds.manager;
  }

  /** A session whose results the caller may read and change: its teacher, or an admin. */
  async managed(actor: AuthUser, id: string): Promise<ExamSessionEntity> {
    if (actor.role === 'student') {
      throw AppError.forbidden(
        'Only the teachers of a session and admins see its results. Students see their own on their result page.',
      );
    }
    return this.sessions.findVisible(actor, id);
  }

  /** A session the student is enrolled in (404 otherwise, like every other route). */
  async enrolled(actor: AuthUser, id: string): Promise<ExamSessionEntity> {
    if (actor.role !== 'student') {
      throw AppError.forbidden('This is the student view of a result; teachers use /results.');
    }
    return this.sessions.findVisible(actor, id);
  }

  examTitle(examId: string): Promise<string> {
    return this.reader
      .findOne(ExamEntity, { where: { id: examId }, select: { title: true } })
      .then((e) => e?.title ?? '');
  }

  questions(sessionId: string): Promise<GradedQuestion[]> {
    return this.sessionQuestions.load(this.reader, sessionId);
  }

  private async withNames(rows: StudentSessionEntity[]): Promise<AttemptRow[]> {
    if (rows.length === 0) return [];
    const users = new Map<string, UserEntity>();
    const ids = [...new Set(rows.map((r) => r.studentId))];
    for (let i = 0; i < ids.length; i += 500) {
      const found = await this.reader.find(UserEntity, {
        where: { id: In(ids.slice(i, i + 500)) },
        select: { id: true, displayName: true, email: true },
      });
      for (const u of found) users.set(u.id, u);
    }
    return rows.map((r) =>
      Object.assign(r, {
        studentName: users.get(r.studentId)?.displayName ?? '',
        studentEmail: users.get(r.studentId)?.email ?? '',
      }),
    );
  }

  async attempts(sessionId: string): Promise<AttemptRow[]> {
    return this.withNames(
      await this.reader.find(StudentSessionEntity, { where: { examSessionId: sessionId } }),
    );
  }

  /**
   * One page of attempts in student-name order after a (name, id) cursor: exports stream
   * these, so no request ever holds a whole large session.
   */
  async attemptsByName(
    sessionId: string,
    after: { name: string; id: string } | null,
    limit: number,
  ): Promise<AttemptRow[]> {
    const params: unknown[] = [sessionId];
    let where = 'ss.exam_session_id = ?';
    if (after) {
      where += ' AND (u.display_name > ? OR (u.display_name = ? AND ss.id > ?))';
      params.push(after.name, after.name, after.id);
    }
    params.push(limit);
    const ids = (await this.reader.query(
      placeholders(
        this.ds.options.type,
        `SELECT ss.id AS id FROM student_sessions ss JOIN users u ON u.id = ss.student_id
         WHERE ${where} ORDER BY u.display_name, ss.id LIMIT ?`,
      ),
      params,
    )) as Array<{ id: string }>;
    if (ids.length === 0) return [];
    const rows = await this.reader.find(StudentSessionEntity, {
      where: { id: In(ids.map((r) => r.id)) },
    });
    const pos = new Map(ids.map((r, i) => [r.id, i]));
    rows.sort((x, y) => (pos.get(x.id) ?? 0) - (pos.get(y.id) ?? 0));
    return this.withNames(rows);
  }

  async attempt(sessionId: string, attemptId: string): Promise<AttemptRow> {
    const row = await this.reader.findOne(StudentSessionEntity, {
      where: { id: attemptId, examSessionId: sessionId },
    });
    if (!row) throw AppError.notFound('This student in the session');
    return (await this.withNames([row]))[0];
  }

  async attemptOf(sessionId: string, studentId: string): Promise<StudentSessionEntity> {
    const row = await this.reader.findOne(StudentSessionEntity, {
      where: { examSessionId: sessionId, studentId },
    });
    if (!row) throw new AppError(403, 'NOT_ENROLLED', 'You are not enrolled in this exam session.');
    return row;
  }

  /** Stored scores per attempt (questionId -> row). */
  async scores(
    sessionId: string,
    attemptIds?: readonly string[],
  ): Promise<Map<string, Map<string, QuestionScoreEntity>>> {
    const rows: QuestionScoreEntity[] = [];
    if (attemptIds) {
      for (let i = 0; i < attemptIds.length; i += 500) {
        rows.push(
          ...(await this.reader.find(QuestionScoreEntity, {
            where: { studentSessionId: In(attemptIds.slice(i, i + 500)) },
          })),
        );
      }
    } else {
      rows.push(
        ...(await this.reader.find(QuestionScoreEntity, { where: { examSessionId: sessionId } })),
      );
    }
    const out = new Map<string, Map<string, QuestionScoreEntity>>();
    for (const r of rows) {
      let m = out.get(r.studentSessionId);
      if (!m) out.set(r.studentSessionId, (m = new Map()));
      m.set(r.questionId, r);
    }
    return out;
  }

  latest(attemptIds: readonly string[]): Promise<Map<string, Map<string, SavedLatest>>> {
    return latestAnswers(this.reader, attemptIds);
  }

  latestOfSession(sessionId: string): Promise<Map<string, Map<string, SavedLatest>>> {
    return latestAnswersOfSession(this.reader, sessionId);
  }

  /** Every answer write of one attempt, per question, in seq order. */
  async answerHistory(attemptId: string): Promise<Map<string, AnswerHistoryEntry[]>> {
    const rows = await this.reader.find(AnswerEntity, {
      where: { studentSessionId: attemptId },
      order: { seq: 'ASC', id: 'ASC' },
    });
    const out = new Map<string, AnswerHistoryEntry[]>();
    for (const a of rows) {
      const list = out.get(a.questionId) ?? [];
      list.push({ seq: a.seq, final: !!a.final, answer: a.value, savedAt: a.createdAt });
      out.set(a.questionId, list);
    }
    return out;
  }

  /** Manual grades of these attempts, oldest first, with the graders' names. */
  async gradeHistory(
    attemptIds: readonly string[],
  ): Promise<Map<string, Map<string, ManualGradeEntry[]>>> {
    const out = new Map<string, Map<string, ManualGradeEntry[]>>();
    if (attemptIds.length === 0) return out;
    const rows: ManualGradeEntity[] = [];
    for (let i = 0; i < attemptIds.length; i += 500) {
      rows.push(
        ...(await this.reader.find(ManualGradeEntity, {
          where: { studentSessionId: In(attemptIds.slice(i, i + 500)) },
          order: { createdAt: 'ASC', id: 'ASC' },
        })),
      );
    }
    const names = await this.names(rows.map((r) => r.graderId));
    for (const r of rows) {
      let m = out.get(r.studentSessionId);
      if (!m) out.set(r.studentSessionId, (m = new Map()));
      const list = m.get(r.questionId) ?? [];
      list.push({
        points: r.points,
        comment: r.comment,
        graderId: r.graderId,
        graderName: names.get(r.graderId) ?? '',
        at: r.createdAt,
      });
      m.set(r.questionId, list);
    }
    return out;
  }

  async names(ids: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const users = await this.reader.find(UserEntity, {
      where: { id: In(unique) },
      select: { id: true, displayName: true },
    });
    return new Map(users.map((u) => [u.id, u.displayName]));
  }
}
