/**
 * Every read the results features make, in one place: the session a caller may manage, its
 * questions, attempts with student names, stored scores, answers and grade history. Reads go
 * through the main connection (committed data); writes go through LiveWriteDb elsewhere.
 */
import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { AnswerHistoryEntry, IntegritySignalKind, ManualGradeEntry } from '@exam/contracts';
import type { AuthUser } from '../auth/auth-user';
import { AcademyEntity } from '../auth/entities/academy.entity';
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

export interface AttemptFacts {
  id: string;
  joinedAt: number | null;
  gradedAt: number | null;
  endReason: StudentSessionEntity['endReason'];
  pendingManual: number;
}

/** A stored score as the grid, statistics and exports read it. */
export type StoredCell = Pick<
  QuestionScoreEntity,
  'questionId' | 'points' | 'maxPoints' | 'state' | 'manualPoints' | 'manualComment'
>;

const ATTEMPT_COLUMNS = {
  id: true,
  examSessionId: true,
  studentId: true,
  status: true,
  joinedAt: true,
  completedAt: true,
  timeSpentMs: true,
  score: true,
  maxScore: true,
  percent: true,
  result: true,
  pendingManual: true,
  gradedAt: true,
  endReason: true,
} as const;

function perAttempt<T>(m: Map<string, Map<string, T>>, a: string, q: string, v: T): void {
  let inner = m.get(a);
  if (!inner) m.set(a, (inner = new Map()));
  inner.set(q, v);
}

/** An integrity signal as the signals export writes it. */
export interface SignalRow {
  id: string;
  kind: IntegritySignalKind;
  at: number;
  durationMs: number | null;
  chars: number | null;
  questionId: string | null;
  offline: boolean;
  detail: Record<string, string | number> | null;
  studentName: string;
  studentEmail: string;
}

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

  /**
   * A session whose results the caller may read and change: its teacher, co-teachers and
   * the academy's admins (invigilators run the exam but do not grade: 403).
   */
  async managed(actor: AuthUser, id: string): Promise<ExamSessionEntity> {
    if (actor.role === 'student') {
      throw AppError.forbidden(
        'Only the teachers of a session and admins see its results. Students see their own on their result page.',
      );
    }
    return this.sessions.findControlled(actor, id, 'results');
  }

  /** A session the student is enrolled in (404 otherwise, like every other route). */
  async enrolled(actor: AuthUser, id: string): Promise<ExamSessionEntity> {
    if (actor.role !== 'student') {
      throw AppError.forbidden('This is the student view of a result; teachers use /results.');
    }
    return this.sessions.findVisible(actor, id);
  }

  /** The academy's time zone (exports write times in it). */
  timeZone(academyId: string): Promise<string> {
    return this.reader
      .findOne(AcademyEntity, { where: { id: academyId }, select: { timeZone: true } })
      .then((a) => a?.timeZone ?? 'UTC');
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

  /** Every attempt with names, without the stored question orders (large, unused here). */
  async attempts(sessionId: string): Promise<AttemptRow[]> {
    return this.withNames(
      await this.reader.find(StudentSessionEntity, {
        where: { examSessionId: sessionId },
        select: ATTEMPT_COLUMNS,
      }),
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
      select: ATTEMPT_COLUMNS,
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

  /** Stored score rows (whole entities) of these attempts, per attempt and question. */
  async scores(
    attemptIds: readonly string[],
  ): Promise<Map<string, Map<string, QuestionScoreEntity>>> {
    const out = new Map<string, Map<string, QuestionScoreEntity>>();
    for (let i = 0; i < attemptIds.length; i += 500) {
      const rows = await this.reader.find(QuestionScoreEntity, {
        // By attempt only (the callers checked they are this session's): the index on
        // (attempt, question) serves it, the session's index would scan the whole session.
        where: { studentSessionId: In(attemptIds.slice(i, i + 500)) },
      });
      for (const r of rows) perAttempt(out, r.studentSessionId, r.questionId, r);
    }
    return out;
  }

  /**
   * What the grid, the statistics and the exports need of every stored score, as raw rows:
   * a 5,000-student session has 125,000 of them, and building entities (with their JSON
   * reasons) costs several times the query.
   */
  async cells(
    sessionId: string,
    attemptIds?: readonly string[],
  ): Promise<Map<string, Map<string, StoredCell>>> {
    const out = new Map<string, Map<string, StoredCell>>();
    const select = `SELECT student_session_id AS a, question_id AS q, points, max_points AS mx, state,
        manual_points AS mp, manual_comment AS mc FROM question_scores WHERE `;
    const read = async (where: string, params: unknown[]) => {
      const rows = (await this.reader.query(
        placeholders(this.ds.options.type, select + where),
        params,
      )) as Array<{
        a: string;
        q: string;
        points: number | null;
        mx: number;
        state: StoredCell['state'];
        mp: number | null;
        mc: string | null;
      }>;
      for (const r of rows) {
        perAttempt(out, r.a, r.q, {
          questionId: r.q,
          points: r.points === null ? null : Number(r.points),
          maxPoints: Number(r.mx),
          state: r.state,
          manualPoints: r.mp === null ? null : Number(r.mp),
          manualComment: r.mc,
        });
      }
    };
    if (!attemptIds) await read('exam_session_id = ?', [sessionId]);
    else {
      // By attempt only (the ids are this session's): the (attempt, question) index serves it;
      // adding the session made SQLite scan the whole session's rows for every page.
      for (let i = 0; i < attemptIds.length; i += 500) {
        const chunk = attemptIds.slice(i, i + 500);
        await read(`student_session_id IN (${chunk.map(() => '?').join(', ')})`, chunk);
      }
    }
    return out;
  }

  /** Score rows a teacher grades: answers needing a human, and any graded by hand. */
  async manualScores(sessionId: string): Promise<QuestionScoreEntity[]> {
    return this.reader
      .createQueryBuilder(QuestionScoreEntity, 's')
      .where('s.exam_session_id = :id', { id: sessionId })
      .andWhere('(s.needs_manual = :yes OR s.manual_points IS NOT NULL)', { yes: true })
      .getMany();
  }

  latest(attemptIds: readonly string[]): Promise<Map<string, Map<string, SavedLatest>>> {
    return latestAnswers(this.reader, attemptIds);
  }

  latestOfSession(
    sessionId: string,
    questionIds?: readonly string[],
  ): Promise<Map<string, Map<string, SavedLatest>>> {
    return latestAnswersOfSession(this.reader, sessionId, questionIds);
  }

  /** The few attempt columns the statistics need (no names, no orders): raw rows. */
  async attemptFacts(sessionId: string): Promise<AttemptFacts[]> {
    const rows = (await this.reader.query(
      placeholders(
        this.ds.options.type,
        `SELECT id, joined_at AS j, graded_at AS g, end_reason AS e, pending_manual AS p
         FROM student_sessions WHERE exam_session_id = ?`,
      ),
      [sessionId],
    )) as Array<{ id: string; j: unknown; g: unknown; e: AttemptFacts['endReason']; p: unknown }>;
    return rows.map((r) => ({
      id: r.id,
      joinedAt: r.j === null ? null : Number(r.j),
      gradedAt: r.g === null ? null : Number(r.g),
      endReason: r.e,
      pendingManual: Number(r.p),
    }));
  }

  /** Points of every stored score of the session (null = pending or dropped): raw rows. */
  async points(sessionId: string): Promise<Map<string, Map<string, number | null>>> {
    const rows = (await this.reader.query(
      placeholders(
        this.ds.options.type,
        'SELECT student_session_id AS a, question_id AS q, points FROM question_scores WHERE exam_session_id = ?',
      ),
      [sessionId],
    )) as Array<{ a: string; q: string; points: number | null }>;
    const out = new Map<string, Map<string, number | null>>();
    for (const r of rows) perAttempt(out, r.a, r.q, r.points === null ? null : Number(r.points));
    return out;
  }

  /** A page of the session's integrity signals in time order, with the student's name. */
  async signalsPage(
    sessionId: string,
    after: { at: number; id: string } | null,
    limit: number,
  ): Promise<SignalRow[]> {
    const rows = (await this.reader.query(
      placeholders(
        this.ds.options.type,
        `SELECT s.id, s.kind, s.at, s.duration_ms AS d, s.chars, s.question_id AS q, s.offline,
                s.detail, u.display_name AS name, u.email
           FROM integrity_signals s JOIN users u ON u.id = s.student_id
          WHERE s.exam_session_id = ?${after ? ' AND (s.at > ? OR (s.at = ? AND s.id > ?))' : ''}
          ORDER BY s.at, s.id LIMIT ${Math.max(1, Math.floor(limit))}`,
      ),
      after ? [sessionId, after.at, after.at, after.id] : [sessionId],
    )) as Array<Record<string, unknown>>;
    return rows.map((r) => ({
      id: String(r['id']),
      kind: r['kind'] as IntegritySignalKind,
      at: Number(r['at']),
      durationMs: r['d'] === null ? null : Number(r['d']),
      chars: r['chars'] === null ? null : Number(r['chars']),
      questionId: (r['q'] as string | null) ?? null,
      offline: !!r['offline'] && r['offline'] !== '0',
      detail:
        typeof r['detail'] === 'string' ? (JSON.parse(r['detail']) as SignalRow['detail']) : null,
      studentName: String(r['name']),
      studentEmail: String(r['email']),
    }));
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
      const found = await this.reader.find(ManualGradeEntity, {
        where: { studentSessionId: In(attemptIds.slice(i, i + 500)) },
        order: { createdAt: 'ASC', id: 'ASC' },
      });
      for (const r of found) rows.push(r);
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
