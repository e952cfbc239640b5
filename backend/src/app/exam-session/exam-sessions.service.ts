/**
 * Planning exam sessions over REST: create for an exam with enrolled students, list, read with
 * stats, change or delete while preparing, roster. Students only ever get their own row and
 * the exam's public facts (never questions' keys, never other students). The live part
 * (launch, pause, answers) belongs to LiveSessionService.
 */
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In, Repository, type EntityManager } from 'typeorm';
import {
  INTEGRITY_SIGNAL_KINDS,
  type CreateExamSessionRequest,
  type ExamSessionConfig,
  type ExamSessionView,
  type ListExamSessionsQuery,
  type MyExamSessionView,
  type Page,
  type SetSessionStaffRequest,
  type StudentSessionView,
  type UpdateExamSessionRequest,
} from '@exam/contracts';
import type { AuthUser } from '../auth/auth-user';
import { UserEntity } from '../auth/entities/user.entity';
import { AppError } from '../common/app-error';
import { AppConfigService } from '../config/app-config';
import { planOrder } from '../exams/domain/student-view';
import { ExamEntity } from '../exams/entities/exam.entity';
import { QuestionEntity } from '../exams/entities/question.entity';
import { ExamsService } from '../exams/exams.service';
import { SessionQuestions } from '../grading/session-questions.service';
import { mayDo, refusalFor, type SessionAction } from './domain/session-access';
import { ExamSessionEntity } from './entities/exam-session.entity';
import { SessionStaffEntity } from './entities/session-staff.entity';
import { StudentSessionEntity } from './entities/student-session.entity';
import { LiveSessionService } from './live-session.service';
import { SessionStaff } from './session-staff.service';
import { allowanceMs } from './domain/deadline';
import { sessionStats } from './session-stats';

@Injectable()
export class ExamSessionsService {
  constructor(
    private readonly ds: DataSource,
    private readonly cfg: AppConfigService,
    private readonly examsService: ExamsService,
    private readonly live: LiveSessionService,
    private readonly sessionQuestions: SessionQuestions,
    private readonly staff: SessionStaff,
    @InjectRepository(ExamSessionEntity) private readonly sessions: Repository<ExamSessionEntity>,
    @InjectRepository(StudentSessionEntity)
    private readonly students: Repository<StudentSessionEntity>,
    @InjectRepository(ExamEntity) private readonly exams: Repository<ExamEntity>,
    @InjectRepository(QuestionEntity) private readonly questions: Repository<QuestionEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  defaultConfig(): ExamSessionConfig {
    return {
      timeWarningMinutes: [...this.cfg.get('TIME_WARNING_MINUTES')],
      gracePeriodSeconds: this.cfg.get('GRACE_PERIOD_SECONDS'),
      allowLateJoin: true,
      autoLaunch: false,
      integritySignals: [...INTEGRITY_SIGNAL_KINDS],
      fullscreen: false,
      calculator: false,
    };
  }

  /** Students of the academy by id; any id that is not one answers 404 naming it. */
  private async loadStudents(academyId: string, ids: string[]): Promise<UserEntity[]> {
    if (!ids.length) return [];
    const found = await this.users.find({ where: { id: In(ids), academyId, role: 'student' } });
    const missing = ids.filter((id) => !found.some((u) => u.id === id));
    const off = found.filter((u) => u.deactivatedAt !== null && u.deactivatedAt !== undefined);
    if (off.length && !missing.length) {
      throw new AppError(
        409,
        'ACCOUNT_DISABLED',
        `${off.map((u) => u.displayName).join(', ')} ${off.length === 1 ? 'is' : 'are'} deactivated and cannot take an exam. Reactivate ${off.length === 1 ? 'the account' : 'them'} on the users page, or leave ${off.length === 1 ? 'this student' : 'them'} out.`,
        { studentIds: off.map((u) => u.id) },
      );
    }
    if (missing.length) {
      throw new AppError(
        404,
        'NOT_FOUND',
        `These students were not found in your academy: ${missing.join(', ')}. Pick students from GET /api/v1/users?role=student.`,
        { studentIds: missing },
      );
    }
    return found;
  }

  /** Inserts student sessions with the accommodation copied and this student's shuffled order. */
  async enrol(
    m: EntityManager,
    session: ExamSessionEntity,
    exam: ExamEntity,
    students: UserEntity[],
  ): Promise<void> {
    if (!students.length) return;
    const qs = await m.find(QuestionEntity, {
      where: { examId: exam.id },
      order: { position: 'ASC' },
    });
    const now = Date.now();
    const rows = students.map((u) => {
      const id = randomUUID();
      return {
        id,
        academyId: session.academyId,
        examSessionId: session.id,
        studentId: u.id,
        status: 'enrolled' as const,
        extraMs: 0,
        extraTimePercent: u.extraTimePercent,
        joinedAt: null,
        completedAt: null,
        progress: 0,
        answeredCount: 0,
        currentQuestionId: null,
        timeSpentMs: 0,
        connectionStatus: 'not_joined' as const,
        lastActivityAt: null,
        // Planned now (the exam is locked while the session is preparing), so review
        // and grading see exactly the order the student gets.
        optionOrder: planOrder(qs, exam, id),
        score: null,
        maxScore: null,
        percent: null,
        result: null,
        pendingManual: 0,
        gradedAt: null,
        endReason: null,
        createdAt: now,
        updatedAt: now,
      };
    });
    for (let i = 0; i < rows.length; i += 200) {
      await m.insert(StudentSessionEntity, rows.slice(i, i + 200));
    }
  }

  async create(actor: AuthUser, body: CreateExamSessionRequest): Promise<ExamSessionView> {
    const exam = await this.examsService.findInAcademy(actor.academyId, body.examId);
    if (!exam.isActive) {
      throw AppError.conflict(
        'This exam is inactive. Activate it (PUT /api/v1/exams/{id} with isActive: true) before planning a session.',
      );
    }
    const students = await this.loadStudents(actor.academyId, body.studentIds);
    const staff = await this.staff.validate(actor.academyId, actor.id, body.staff ?? []);
    const now = Date.now();
    checkAutoLaunch(body.config?.autoLaunch ?? false, body.scheduledStartAt ?? null, now);
    const session: ExamSessionEntity = {
      id: randomUUID(),
      academyId: actor.academyId,
      examId: exam.id,
      teacherId: actor.id,
      title: (body.title ?? exam.title).trim(),
      status: 'preparing',
      durationMinutes: body.durationMinutes ?? exam.durationMinutes,
      config: { ...this.defaultConfig(), ...stripUndefined(body.config ?? {}) },
      scheduledStartAt: body.scheduledStartAt ?? null,
      launchedAt: null,
      pausedAt: null,
      totalPausedMs: 0,
      extraMs: 0,
      endedAt: null,
      endReason: null,
      closingAt: null,
      passingScore: exam.passingScore,
      resultsRelease: 'none',
      resultsReleasedAt: null,
      resultsReleasedBy: null,
      examVersion: exam.version,
      createdAt: now,
      updatedAt: now,
    };
    await this.ds.transaction(async (m) => {
      await m.insert(ExamSessionEntity, session);
      // The session keeps its own copy of the questions and keys: results never move when
      // the exam is edited after the session.
      await this.sessionQuestions.snapshot(m, session, now);
      await this.enrol(m, session, exam, students);
      await this.staff.write(m, session, staff, actor.id);
    });
    return this.view(session);
  }

  /**
   * A session the caller may see: its teacher, co-teachers and invigilators, the academy's
   * admins, and the students enrolled in it. Anyone else gets NOT_FOUND (no leak).
   */
  async findVisible(actor: AuthUser, id: string): Promise<ExamSessionEntity> {
    const s = await this.sessions.findOne({ where: { id, academyId: actor.academyId } });
    const visible =
      !!s &&
      (actor.role === 'student'
        ? await this.students.exist({ where: { examSessionId: s.id, studentId: actor.id } })
        : (await this.staff.accessTo(actor, s)) !== null);
    if (!s || !visible) throw AppError.notFound('The exam session');
    return s;
  }

  /** A session the caller may see AND do `action` on (session-access.ts), else 404/403. */
  async findControlled(
    actor: AuthUser,
    id: string,
    action: SessionAction,
  ): Promise<ExamSessionEntity> {
    if (actor.role === 'student')
      throw AppError.forbidden('Only teachers and admins manage sessions.');
    const s = await this.findVisible(actor, id);
    if (!mayDo(await this.staff.accessTo(actor, s), action)) {
      throw AppError.forbidden(refusalFor(action));
    }
    return s;
  }

  /** Replaces the co-teachers and invigilators (any status: help can come mid-exam). */
  async setStaff(
    actor: AuthUser,
    id: string,
    body: SetSessionStaffRequest,
  ): Promise<ExamSessionView> {
    const s = await this.findControlled(actor, id, 'plan');
    const staff = await this.staff.validate(s.academyId, s.teacherId, body.staff);
    const removed = await this.ds.transaction((m) => this.staff.write(m, s, staff, actor.id));
    this.staff.invalidate(s.id);
    // Whoever left the staff leaves the live room at once (their next event is refused anyway).
    if (removed.length) this.live.staffRemoved(s.id, removed);
    return this.view(s);
  }

  private assertPreparing(s: ExamSessionEntity, action: string): void {
    if (s.status !== 'preparing') {
      throw AppError.conflict(
        `The session is ${s.status}; it can only be ${action} while preparing.`,
        'INVALID_TRANSITION',
      );
    }
  }

  private async views(list: ExamSessionEntity[]): Promise<ExamSessionView[]> {
    if (!list.length) return [];
    const ids = list.map((s) => s.id);
    const rows = await this.students.find({
      where: { examSessionId: In(ids) },
      select: { examSessionId: true, status: true, connectionStatus: true, progress: true },
    });
    const exams = await this.exams.find({
      where: { id: In([...new Set(list.map((s) => s.examId))]) },
      select: { id: true, title: true },
    });
    const titles = new Map(exams.map((e) => [e.id, e.title]));
    const teachers = await this.users.find({
      where: { id: In([...new Set(list.map((s) => s.teacherId))]) },
      select: { id: true, displayName: true },
    });
    const names = new Map(teachers.map((u) => [u.id, u.displayName]));
    const staff = await this.staff.members(ids);
    const now = Date.now();
    return list.map((s) => ({
      id: s.id,
      examId: s.examId,
      examTitle: titles.get(s.examId) ?? '',
      teacherId: s.teacherId,
      teacherName: names.get(s.teacherId) ?? '',
      staff: staff.get(s.id) ?? [],
      title: s.title,
      status: s.status,
      durationMinutes: s.durationMinutes,
      config: viewConfig(s.config),
      scheduledStartAt: s.scheduledStartAt,
      launchedAt: s.launchedAt,
      pausedAt: s.pausedAt,
      totalPausedMs: s.totalPausedMs,
      extraMs: s.extraMs,
      endedAt: s.endedAt,
      endReason: s.endReason,
      closingAt: s.closingAt ?? null,
      examVersion: s.examVersion,
      resultsRelease: s.resultsRelease ?? 'none',
      joinCode: s.joinCode ?? null,
      joinOpen: !!s.joinOpen,
      stats: sessionStats(
        s,
        rows.filter((r) => r.examSessionId === s.id),
        now,
      ),
      createdAt: new Date(s.createdAt).toISOString(),
      updatedAt: new Date(s.updatedAt).toISOString(),
    }));
  }

  async view(s: ExamSessionEntity): Promise<ExamSessionView> {
    return (await this.views([s]))[0];
  }

  private async myViews(actor: AuthUser, list: ExamSessionEntity[]): Promise<MyExamSessionView[]> {
    if (!list.length) return [];
    const mine = await this.students.find({
      where: { examSessionId: In(list.map((s) => s.id)), studentId: actor.id },
    });
    const exams = await this.exams.find({
      where: { id: In([...new Set(list.map((s) => s.examId))]) },
      select: { id: true, title: true, instructions: true },
    });
    const counts = (await this.questions
      .createQueryBuilder('q')
      .select('q.exam_id', 'examId')
      .addSelect('COUNT(*)', 'n')
      .where('q.exam_id IN (:...ids)', { ids: exams.map((e) => e.id) })
      .groupBy('q.exam_id')
      .getRawMany()) as Array<{ examId: string; n: number | string }>;
    const me = await this.users.findOne({ where: { id: actor.id }, select: { displayName: true } });
    return list.flatMap((s) => {
      const row = mine.find((r) => r.examSessionId === s.id);
      const exam = exams.find((e) => e.id === s.examId);
      if (!row || !exam) return [];
      return [
        {
          id: s.id,
          title: s.title,
          status: s.status,
          examTitle: exam.title,
          instructions: exam.instructions,
          durationMinutes: s.durationMinutes,
          questionCount: Number(counts.find((c) => c.examId === exam.id)?.n ?? 0),
          scheduledStartAt: s.scheduledStartAt,
          launchedAt: s.launchedAt,
          endedAt: s.endedAt,
          config: viewConfig(s.config),
          // Only the mode: the result itself is read (and refused before release) elsewhere.
          resultsRelease: ENDED.includes(s.status) ? (s.resultsRelease ?? 'none') : 'none',
          allowanceMs: allowanceMs(s, row),
          me: {
            id: row.id,
            examSessionId: s.id,
            studentId: actor.id,
            studentName: me?.displayName ?? '',
            status: row.status,
            extraMs: row.extraMs,
            extraTimePercent: row.extraTimePercent,
            joinedAt: row.joinedAt,
            completedAt: row.completedAt,
            progress: row.progress,
            answeredCount: row.answeredCount,
            currentQuestionId: row.currentQuestionId,
            timeSpentMs: row.timeSpentMs,
            connectionStatus: row.connectionStatus,
            lastActivityAt: row.lastActivityAt,
          },
        },
      ];
    });
  }

  async get(actor: AuthUser, id: string): Promise<ExamSessionView | MyExamSessionView> {
    const s = await this.findVisible(actor, id);
    if (actor.role === 'student') return (await this.myViews(actor, [s]))[0];
    return this.view(s);
  }

  async list(
    actor: AuthUser,
    q: ListExamSessionsQuery,
  ): Promise<Page<ExamSessionView> | Page<MyExamSessionView>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const qb = this.sessions
      .createQueryBuilder('s')
      .where('s.academy_id = :a', { a: actor.academyId });
    if (actor.role === 'teacher') {
      qb.andWhere(
        '(s.teacher_id = :t OR EXISTS (SELECT 1 FROM exam_session_staff st WHERE st.exam_session_id = s.id AND st.user_id = :t))',
        { t: actor.id },
      );
    }
    if (actor.role === 'student') {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM student_sessions ss WHERE ss.exam_session_id = s.id AND ss.student_id = :st)',
        { st: actor.id },
      );
    }
    if (q.status) qb.andWhere('s.status = :status', { status: q.status });
    if (q.examId) qb.andWhere('s.exam_id = :exam', { exam: q.examId });
    const [rows, total] = await qb
      .orderBy('s.created_at', 'DESC')
      .addOrderBy('s.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    const items =
      actor.role === 'student' ? await this.myViews(actor, rows) : await this.views(rows);
    return { items, total, page, pageSize } as Page<ExamSessionView> | Page<MyExamSessionView>;
  }

  async update(
    actor: AuthUser,
    id: string,
    body: UpdateExamSessionRequest,
  ): Promise<ExamSessionView> {
    const s = await this.findControlled(actor, id, 'plan');
    this.assertPreparing(s, 'changed');
    if (body.config?.autoLaunch !== undefined || body.scheduledStartAt !== undefined) {
      checkAutoLaunch(
        body.config?.autoLaunch ?? s.config?.autoLaunch ?? false,
        body.scheduledStartAt !== undefined ? body.scheduledStartAt : s.scheduledStartAt,
        Date.now(),
      );
    }
    const wanted = body.studentIds
      ? await this.loadStudents(actor.academyId, body.studentIds)
      : null;
    const exam = await this.exams.findOneOrFail({ where: { id: s.examId } });
    await this.ds.transaction(async (m) => {
      // Guarded on status so a launch that happened meanwhile is never overwritten.
      const res = await m
        .createQueryBuilder()
        .update(ExamSessionEntity)
        .set({
          ...(body.title !== undefined ? { title: body.title.trim() } : {}),
          ...(body.durationMinutes !== undefined ? { durationMinutes: body.durationMinutes } : {}),
          ...(body.scheduledStartAt !== undefined
            ? { scheduledStartAt: body.scheduledStartAt }
            : {}),
          ...(body.config ? { config: { ...s.config, ...stripUndefined(body.config) } } : {}),
          updatedAt: Date.now(),
        })
        .where("id = :id AND status = 'preparing'", { id: s.id })
        .execute();
      if (!res.affected) this.assertPreparing({ ...s, status: 'active' }, 'changed');
      if (wanted) {
        const current = await m.find(StudentSessionEntity, {
          where: { examSessionId: s.id },
          select: { id: true, studentId: true },
        });
        const keep = new Set(wanted.map((u) => u.id));
        const gone = current.filter((r) => !keep.has(r.studentId)).map((r) => r.id);
        if (gone.length) await m.delete(StudentSessionEntity, { id: In(gone) });
        const have = new Set(current.map((r) => r.studentId));
        await this.enrol(
          m,
          s,
          exam,
          wanted.filter((u) => !have.has(u.id)),
        );
      }
    });
    // The live state of a preparing session (lobby, launch) is re-read before its next use.
    this.live.invalidate(s.id);
    return this.view(await this.sessions.findOneByOrFail({ id: s.id }));
  }

  async remove(actor: AuthUser, id: string): Promise<void> {
    const s = await this.findControlled(actor, id, 'plan');
    this.assertPreparing(s, 'deleted');
    await this.ds.transaction(async (m) => {
      await m.delete(StudentSessionEntity, { examSessionId: s.id });
      await m.delete(SessionStaffEntity, { examSessionId: s.id });
      const res = await m.delete(ExamSessionEntity, { id: s.id, status: 'preparing' });
      if (!res.affected) this.assertPreparing({ ...s, status: 'active' }, 'deleted');
    });
    this.live.invalidate(s.id);
    this.staff.invalidate(s.id);
  }

  async roster(actor: AuthUser, id: string): Promise<StudentSessionView[]> {
    const s = await this.findControlled(actor, id, 'view');
    const rows = await this.students.find({ where: { examSessionId: s.id } });
    const users = rows.length
      ? await this.users.find({
          where: { id: In(rows.map((r) => r.studentId)) },
          select: { id: true, displayName: true, email: true },
        })
      : [];
    const byId = new Map(users.map((u) => [u.id, u]));
    return rows
      .map((r) => ({
        id: r.id,
        examSessionId: s.id,
        studentId: r.studentId,
        studentName: byId.get(r.studentId)?.displayName ?? '',
        studentEmail: byId.get(r.studentId)?.email ?? '',
        status: r.status,
        extraMs: r.extraMs,
        extraTimePercent: r.extraTimePercent,
        joinedAt: r.joinedAt,
        completedAt: r.completedAt,
        progress: r.progress,
        answeredCount: r.answeredCount,
        currentQuestionId: r.currentQuestionId,
        timeSpentMs: r.timeSpentMs,
        connectionStatus: r.connectionStatus,
        lastActivityAt: r.lastActivityAt,
        score: r.score,
      }))
      .sort((a, b) => a.studentName.localeCompare(b.studentName));
  }
}

const ENDED = ['completed', 'terminated'];

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** "Launch by itself" needs a planned start that is still ahead. */
function checkAutoLaunch(autoLaunch: boolean, scheduledStartAt: number | null, now: number): void {
  if (!autoLaunch) return;
  if (scheduledStartAt === null) {
    throw AppError.badRequest('Choose a planned start for the session to launch by itself.', [
      { field: 'scheduledStartAt', problems: ['needed when config.autoLaunch is true'] },
    ]);
  }
  if (scheduledStartAt <= now) {
    throw AppError.badRequest(
      'The planned start has passed: choose a later time, or launch the session yourself.',
      [{ field: 'scheduledStartAt', problems: ['in the past'] }],
    );
  }
}

/** A stored config as sent: settings added later get their defaults (older sessions lack them). */
function viewConfig(c: ExamSessionConfig): ExamSessionConfig {
  return {
    ...c,
    autoLaunch: c.autoLaunch ?? false,
    integritySignals: c.integritySignals ?? [...INTEGRITY_SIGNAL_KINDS],
    fullscreen: c.fullscreen ?? false,
    calculator: c.calculator ?? false,
  };
}
