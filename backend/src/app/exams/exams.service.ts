/**
 * Exams of one academy: authoring with questions and keys, listing, duplication, soft delete,
 * and GIFT import. Questions are checked by the domain parser; keys are written to their own
 * table. An exam with a session that is preparing, active or paused is locked (409 EXAM_LOCKED).
 */
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In, IsNull, Repository, type EntityManager } from 'typeorm';
import {
  LIVE_SESSION_STATUSES,
  type CreateExamRequest,
  type ExamSummary,
  type ExamText,
  type ExamView,
  type GiftImportRequest,
  type GiftImportResponse,
  type ListExamsQuery,
  type Page,
  type QuestionDefinition,
  type UpdateExamRequest,
  type ValidationIssue,
} from '@exam/contracts';
import type { AuthUser } from '../auth/auth-user';
import { UserEntity } from '../auth/entities/user.entity';
import { AppError } from '../common/app-error';
import { ExamSessionEntity } from '../exam-session/entities/exam-session.entity';
import { parseExamTexts } from './domain/exam-texts';
import { importGift } from './domain/gift-import';
import { joinQuestion, splitQuestion } from './domain/question-parts';
import { parseQuestions } from './domain/question-schema';
import { ExamEntity } from './entities/exam.entity';
import { ExamTextEntity } from './entities/exam-text.entity';
import { QuestionKeyEntity } from './entities/question-key.entity';
import { QuestionEntity } from './entities/question.entity';

type ExamFields = Omit<CreateExamRequest, 'questions' | 'texts'>;

/** What an exam holds besides its settings: questions (with keys) and texts between them. */
interface ExamContent {
  questions: QuestionDefinition[];
  texts: ExamText[];
}

interface ExamStats {
  questionCount: number;
  totalPoints: number;
  locked: boolean;
  authorName: string | null;
}

@Injectable()
export class ExamsService {
  constructor(
    private readonly ds: DataSource,
    @InjectRepository(ExamEntity) private readonly exams: Repository<ExamEntity>,
    @InjectRepository(QuestionEntity) private readonly questions: Repository<QuestionEntity>,
    @InjectRepository(QuestionKeyEntity) private readonly keys: Repository<QuestionKeyEntity>,
    @InjectRepository(ExamTextEntity) private readonly texts: Repository<ExamTextEntity>,
    @InjectRepository(ExamSessionEntity) private readonly sessions: Repository<ExamSessionEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  /**
   * Parses untrusted questions and texts between them, or answers 400 VALIDATION_FAILED
   * listing every problem of both.
   */
  checkContent(body: { questions: unknown; texts?: unknown }): ExamContent {
    const q = parseQuestions(body.questions);
    const count = Array.isArray(body.questions) ? body.questions.length : 0;
    const t = parseExamTexts(body.texts, count);
    if (q.ok && t.ok) return { questions: q.questions, texts: t.texts };
    const issues: ValidationIssue[] = [...(q.ok ? [] : q.issues), ...(t.ok ? [] : t.issues)];
    throw AppError.badRequest(
      `Some questions cannot be graded or are malformed: ${issues.map((i) => i.field).join(', ')}. Fix them and send the exam again.`,
      issues,
    );
  }

  /** A non-deleted exam of the caller's academy, or 404. */
  async findInAcademy(academyId: string, id: string): Promise<ExamEntity> {
    const exam = await this.exams.findOne({ where: { id, academyId, deletedAt: IsNull() } });
    if (!exam) throw AppError.notFound('The exam');
    return exam;
  }

  async create(actor: AuthUser, body: CreateExamRequest): Promise<ExamView> {
    const content = this.checkContent(body);
    const id = await this.ds.transaction((m) => this.insertExam(m, actor, body, content));
    return this.get(actor, id);
  }

  private async insertExam(
    m: EntityManager,
    actor: AuthUser,
    fields: ExamFields,
    { questions, texts }: ExamContent,
  ): Promise<string> {
    const now = Date.now();
    const exam: ExamEntity = {
      id: randomUUID(),
      academyId: actor.academyId,
      authorId: actor.id,
      title: fields.title.trim(),
      description: fields.description ?? '',
      instructions: fields.instructions ?? '',
      durationMinutes: fields.durationMinutes,
      passingScore: fields.passingScore ?? 50,
      shuffleQuestions: fields.shuffleQuestions ?? false,
      shuffleOptions: fields.shuffleOptions ?? false,
      isActive: fields.isActive ?? true,
      version: 1,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    };
    await m.insert(ExamEntity, exam);
    await this.writeQuestions(
      m,
      exam,
      questions.map((q) => ({ ...q, id: randomUUID() })),
    );
    await this.writeTexts(m, exam, texts);
    return exam.id;
  }

  /** Replaces the exam's texts (ids kept where given: they were checked to be this exam's). */
  private async writeTexts(m: EntityManager, exam: ExamEntity, texts: ExamText[]): Promise<void> {
    await m.delete(ExamTextEntity, { examId: exam.id });
    for (const [position, t] of texts.entries()) {
      await m.insert(ExamTextEntity, {
        id: t.id ?? randomUUID(),
        examId: exam.id,
        academyId: exam.academyId,
        position,
        beforeQuestion: t.beforeQuestion,
        text: t.text,
        format: t.format ?? 'plain',
        name: t.name ?? '',
      });
    }
  }

  /** The texts between the exam's questions, in the order they are shown. */
  async examTexts(examId: string): Promise<Array<ExamText & { id: string }>> {
    const rows = await this.texts.find({ where: { examId }, order: { position: 'ASC' } });
    return rows.map(textOf);
  }

  /** Inserts questions (with ids) and their keys, positions in list order. */
  private async writeQuestions(
    m: EntityManager,
    exam: ExamEntity,
    list: Array<QuestionDefinition & { id: string }>,
    existing: Set<string> = new Set(),
  ): Promise<void> {
    for (const [position, q] of list.entries()) {
      const { type, prompt, points, body, key } = splitQuestion(q);
      const row = {
        examId: exam.id,
        academyId: exam.academyId,
        position,
        type,
        prompt,
        points,
        body,
      };
      if (existing.has(q.id)) {
        await m.update(QuestionEntity, { id: q.id }, row);
        await m.update(QuestionKeyEntity, { questionId: q.id }, { key });
      } else {
        await m.insert(QuestionEntity, { id: q.id, ...row });
        await m.insert(QuestionKeyEntity, { questionId: q.id, academyId: exam.academyId, key });
      }
    }
  }

  async get(actor: AuthUser, id: string): Promise<ExamView> {
    const exam = await this.findInAcademy(actor.academyId, id);
    const [stats] = await this.stats([exam]);
    return { ...this.summary(exam, stats), ...(await this.details(exam)) };
  }

  /** The questions with their keys (teacher and admin views, grading). */
  async definitions(exam: ExamEntity): Promise<Array<QuestionDefinition & { id: string }>> {
    const qs = await this.questions.find({
      where: { examId: exam.id },
      order: { position: 'ASC' },
    });
    const keys = qs.length
      ? await this.keys.find({ where: { questionId: In(qs.map((q) => q.id)) } })
      : [];
    const byId = new Map(keys.map((k) => [k.questionId, k.key]));
    return qs.map((q) => {
      const key = byId.get(q.id);
      if (!key) throw new Error(`question ${q.id} has no key`);
      return joinQuestion({ ...q, key }, q.id) as QuestionDefinition & { id: string };
    });
  }

  private async details(exam: ExamEntity) {
    return {
      instructions: exam.instructions,
      shuffleQuestions: exam.shuffleQuestions,
      shuffleOptions: exam.shuffleOptions,
      questions: await this.definitions(exam),
      texts: await this.examTexts(exam.id),
    };
  }

  private summary(e: ExamEntity, s: ExamStats): ExamSummary {
    return {
      id: e.id,
      title: e.title,
      description: e.description,
      durationMinutes: e.durationMinutes,
      passingScore: e.passingScore,
      isActive: e.isActive,
      authorId: e.authorId,
      authorName: s.authorName,
      questionCount: s.questionCount,
      totalPoints: s.totalPoints,
      version: e.version,
      locked: s.locked,
      createdAt: new Date(e.createdAt).toISOString(),
      updatedAt: new Date(e.updatedAt).toISOString(),
    };
  }

  /** Question counts, total points, lock state and author names for a page of exams. */
  private async stats(exams: ExamEntity[]): Promise<ExamStats[]> {
    if (!exams.length) return [];
    const ids = exams.map((e) => e.id);
    const counts = (await this.questions
      .createQueryBuilder('q')
      .select('q.exam_id', 'examId')
      .addSelect('COUNT(*)', 'n')
      .addSelect('COALESCE(SUM(q.points), 0)', 'points')
      .where('q.exam_id IN (:...ids)', { ids })
      .groupBy('q.exam_id')
      .getRawMany()) as Array<{ examId: string; n: string | number; points: string | number }>;
    const live = (await this.sessions
      .createQueryBuilder('s')
      .select('DISTINCT s.exam_id', 'examId')
      .where('s.exam_id IN (:...ids)', { ids })
      .andWhere('s.status IN (:...st)', { st: [...LIVE_SESSION_STATUSES] })
      .getRawMany()) as Array<{ examId: string }>;
    const authors = await this.users.find({
      where: { id: In([...new Set(exams.map((e) => e.authorId))]) },
      select: { id: true, displayName: true },
    });
    const byExam = new Map(counts.map((c) => [c.examId, c]));
    const locked = new Set(live.map((l) => l.examId));
    const names = new Map(authors.map((a) => [a.id, a.displayName]));
    return exams.map((e) => ({
      questionCount: Number(byExam.get(e.id)?.n ?? 0),
      totalPoints: Math.round(Number(byExam.get(e.id)?.points ?? 0) * 100) / 100,
      locked: locked.has(e.id),
      authorName: names.get(e.authorId) ?? null,
    }));
  }

  async list(actor: AuthUser, q: ListExamsQuery): Promise<Page<ExamSummary>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const qb = this.exams
      .createQueryBuilder('e')
      .where('e.academy_id = :a', { a: actor.academyId })
      .andWhere('e.deleted_at IS NULL');
    if (q.active !== undefined) qb.andWhere('e.is_active = :act', { act: q.active });
    if (q.authorId) qb.andWhere('e.author_id = :au', { au: q.authorId });
    if (q.search) {
      const s = `%${q.search.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      qb.andWhere("LOWER(e.title) LIKE :s ESCAPE '\\'", { s });
    }
    const [rows, total] = await qb
      .orderBy('e.updated_at', 'DESC')
      .addOrderBy('e.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    const stats = await this.stats(rows);
    return { items: rows.map((e, i) => this.summary(e, stats[i])), total, page, pageSize };
  }

  /** Refuses changes to an exam a session is using (preparing, active or paused). */
  async assertUnlocked(exam: ExamEntity, action: 'edit' | 'delete'): Promise<void> {
    const s = await this.sessions.findOne({
      where: { examId: exam.id, status: In([...LIVE_SESSION_STATUSES]) },
      select: { id: true, title: true, status: true },
    });
    if (s) {
      throw AppError.conflict(
        `This exam cannot be ${action === 'edit' ? 'edited' : 'deleted'}: session "${s.title}" (${s.id}) is ${s.status}. End or delete that session first, or duplicate the exam and ${action === 'edit' ? 'edit the copy' : 'keep the copy'}.`,
        'EXAM_LOCKED',
      );
    }
  }

  async update(actor: AuthUser, id: string, body: UpdateExamRequest): Promise<ExamView> {
    const exam = await this.findInAcademy(actor.academyId, id);
    await this.assertUnlocked(exam, 'edit');
    if (body.version !== undefined && body.version !== exam.version) {
      throw AppError.conflict(
        `The exam changed since you loaded it (your version ${body.version}, current ${exam.version}). Reload it and apply your changes again.`,
      );
    }
    const { questions, texts } = this.checkContent(body);
    const current = await this.questions.find({ where: { examId: exam.id }, select: { id: true } });
    const ownTexts = new Set((await this.examTexts(exam.id)).map((t) => t.id));
    const foreignTexts = texts.filter((t) => t.id !== undefined && !ownTexts.has(t.id));
    if (foreignTexts.length) {
      throw AppError.badRequest(
        'Some text ids do not belong to this exam. Leave id out for new texts.',
        foreignTexts.map((t) => ({
          field: 'texts',
          problems: [`${t.id} is not a text of this exam`],
        })),
      );
    }
    const currentIds = new Set(current.map((q) => q.id));
    const foreign = questions.filter((q) => q.id !== undefined && !currentIds.has(q.id));
    if (foreign.length) {
      throw AppError.badRequest(
        'Some question ids do not belong to this exam. Leave id out for new questions.',
        foreign.map((q) => ({
          field: `questions[${questions.indexOf(q)}].id`,
          problems: [`${q.id} is not a question of this exam`],
        })),
      );
    }
    const withIds = questions.map((q) => ({ ...q, id: q.id ?? randomUUID() }));
    const keep = new Set(withIds.map((q) => q.id));
    await this.ds.transaction(async (m) => {
      // Guarded update: a concurrent edit (or a session created meanwhile) cannot slip in.
      const res = await m
        .createQueryBuilder()
        .update(ExamEntity)
        .set({
          title: body.title.trim(),
          description: body.description ?? '',
          instructions: body.instructions ?? '',
          durationMinutes: body.durationMinutes,
          passingScore: body.passingScore ?? 50,
          shuffleQuestions: body.shuffleQuestions ?? false,
          shuffleOptions: body.shuffleOptions ?? false,
          isActive: body.isActive ?? true,
          version: exam.version + 1,
          updatedAt: Math.max(Date.now(), exam.updatedAt + 1),
        })
        .where('id = :id AND version = :v', { id: exam.id, v: exam.version })
        .execute();
      if (!res.affected) {
        throw AppError.conflict(
          'The exam was changed by someone else just now. Reload it and try again.',
        );
      }
      const removed = [...currentIds].filter((qid) => !keep.has(qid));
      if (removed.length) {
        // Students' answers from earlier sittings reference these questions: removing one
        // would delete those answers with it, so that is refused (no answer is ever lost).
        const answered = await m
          .createQueryBuilder()
          .select('COUNT(*)', 'n')
          .from('answers', 'a')
          .where('a.question_id IN (:...ids)', { ids: removed })
          .getRawOne<{ n: number | string }>();
        if (Number(answered?.n ?? 0) > 0) {
          throw AppError.conflict(
            "Some questions you removed have students' answers from an earlier session, so they cannot be deleted. Keep them (you may change their text and key), or duplicate the exam and edit the copy.",
            'EXAM_LOCKED',
          );
        }
        await m.delete(QuestionEntity, { id: In(removed) });
      }
      await this.writeQuestions(m, exam, withIds, currentIds);
      await this.writeTexts(m, exam, texts);
    });
    return this.get(actor, id);
  }

  async duplicate(actor: AuthUser, id: string, title?: string): Promise<ExamView> {
    const exam = await this.findInAcademy(actor.academyId, id);
    const questions = (await this.definitions(exam)).map((q) => {
      const { id: _old, ...rest } = q;
      return rest as QuestionDefinition;
    });
    const texts = (await this.examTexts(exam.id)).map(({ id: _old, ...rest }) => rest);
    const copyTitle = title ?? `${exam.title} (copy)`.slice(0, 200);
    const newId = await this.ds.transaction((m) =>
      this.insertExam(m, actor, { ...exam, title: copyTitle }, { questions, texts }),
    );
    return this.get(actor, newId);
  }

  async remove(actor: AuthUser, id: string): Promise<void> {
    const exam = await this.findInAcademy(actor.academyId, id);
    await this.assertUnlocked(exam, 'delete');
    await this.exams.update({ id: exam.id }, { deletedAt: Date.now(), updatedAt: Date.now() });
  }

  async importGift(actor: AuthUser, req: GiftImportRequest): Promise<GiftImportResponse> {
    const r = importGift(req.gift);
    if (!r.questions.length) {
      // Nothing is stored; every question's problem goes back at once, with its position.
      const { skipped, found } = r.report;
      const first = skipped[0];
      const unreadable = skipped.length > 0 && skipped.every((s) => s.code === 'SYNTAX');
      const message = !found
        ? 'The GIFT text holds no question. Write questions with their answers in {...}, separated by blank lines, and import again.'
        : !skipped.length
          ? `The GIFT text holds only descriptions (${r.texts.length} text(s) without answers), no question. Add questions with their answers in {...} and import again.`
          : unreadable
            ? `The GIFT text could not be read (none of its ${found} question(s) parses). First problem: ${first.reason} details.report.skipped lists every question with its line and column.`
            : `No question in the GIFT text could be imported (${skipped.length} skipped). details.report.skipped says why for each, with its line; fix them and import again.`;
      throw new AppError(400, 'IMPORT_FAILED', message, {
        ...(first?.line !== undefined ? { line: first.line } : {}),
        ...(first?.column !== undefined ? { column: first.column } : {}),
        report: r.report,
      });
    }
    const id = await this.ds.transaction((m) =>
      this.insertExam(
        m,
        actor,
        {
          title: req.title ?? 'Imported exam',
          description: req.description,
          instructions: req.instructions,
          durationMinutes: req.durationMinutes ?? 60,
          passingScore: req.passingScore,
          isActive: req.isActive,
        },
        { questions: r.questions, texts: r.texts },
      ),
    );
    return { exam: await this.get(actor, id), report: r.report };
  }
}

function textOf(row: ExamTextEntity): ExamText & { id: string } {
  return {
    id: row.id,
    beforeQuestion: row.beforeQuestion,
    text: row.text,
    ...(row.format !== 'plain' ? { format: row.format } : {}),
    ...(row.name ? { name: row.name } : {}),
  };
}
