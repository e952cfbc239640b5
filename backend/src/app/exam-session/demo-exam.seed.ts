/**
 * Demo seed step: the seed's "English Assessment" (db/seeds/english-assessment.json, every
 * question type) authored by the demo teacher, and one session of it in `preparing` with the
 * three demo students enrolled, so the live flow can be tried right after the first start.
 * A second, finished sitting ("practice round") is run through the real live path (launch,
 * answers, submit, end) so the results pages, grading and statistics have something to show.
 */
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ENGLISH_ASSESSMENT } from '@exam/db';
import { DataSource } from 'typeorm';
import { randomUUID } from 'node:crypto';
import type { AuthUser } from '../auth/auth-user';
import { hashPassword } from '../auth/domain/password';
import { UserEntity } from '../auth/entities/user.entity';
import { placeholders } from '../database/placeholders';
import { ExamsService } from '../exams/exams.service';
import { DEMO_CLASS, DEMO_PASSWORD } from '../seed/demo-data';
import { SeedService, type DemoContext } from '../seed/seed.service';
import { demoPlan } from './domain/demo-answers';
import { ExamSessionsService } from './exam-sessions.service';
import { LiveSessionService, type Actor } from './live-session.service';

const DAY = 86_400_000;

@Injectable()
export class DemoExamSeed implements OnModuleInit {
  constructor(
    private readonly seed: SeedService,
    private readonly exams: ExamsService,
    private readonly sessions: ExamSessionsService,
    private readonly live: LiveSessionService,
    private readonly ds: DataSource,
  ) {}

  onModuleInit(): void {
    this.seed.registerStep('English Assessment exam and a preparing session', (ctx) =>
      this.run(ctx),
    );
  }

  async run(ctx: DemoContext): Promise<void> {
    const teacher = ctx.users['teacher@demo.school'];
    if (!teacher) throw new Error('demo teacher missing');
    const actor: AuthUser = {
      id: teacher.id,
      role: teacher.role,
      academyId: ctx.academyId,
      jti: 'seed',
      familyId: 'seed',
      expiresAt: Number.MAX_SAFE_INTEGER,
    };
    // checkContent throws on an invalid seed file: better at start than in class.
    const content = this.exams.checkContent(ENGLISH_ASSESSMENT);
    const exam = await this.exams.create(actor, { ...ENGLISH_ASSESSMENT.exam, ...content });
    const students = Object.values(ctx.users).filter((u) => u.role === 'student');
    const classmates = await this.demoClass(ctx.academyId);
    await this.finishedSitting(
      actor,
      exam.id,
      [...students, ...classmates],
      ctx.academyId,
      exam.questions,
    );
    const invigilator = ctx.users['invigilator@demo.school'];
    await this.sessions.create(actor, {
      examId: exam.id,
      title: 'English Assessment - demo class',
      studentIds: students.map((s) => s.id),
      staff: invigilator ? [{ userId: invigilator.id, role: 'invigilator' }] : [],
    });
  }

  /** The rest of the class (one password hash for all: scrypt per account is slow). */
  private async demoClass(academyId: string): Promise<UserEntity[]> {
    const hash = await hashPassword(DEMO_PASSWORD);
    const now = Date.now();
    const rows = DEMO_CLASS.map((u) => ({
      id: randomUUID(),
      academyId,
      email: u.email,
      displayName: u.displayName,
      role: 'student' as const,
      passwordHash: hash,
      extraTimePercent: 0,
      passwordChangedAt: now,
      createdAt: now,
    }));
    await this.ds.getRepository(UserEntity).insert(rows);
    return rows as UserEntity[];
  }

  /**
   * A practice round that already took place: the first student submits a strong attempt,
   * the second a middling one, the third answers part of it and the teacher ends the session.
   */
  private async finishedSitting(
    teacher: AuthUser,
    examId: string,
    students: Array<{ id: string; role: AuthUser['role'] }>,
    academyId: string,
    questions: Parameters<typeof demoPlan>[0],
  ): Promise<void> {
    const session = await this.sessions.create(teacher, {
      examId,
      title: 'English Assessment - practice round',
      studentIds: students.map((s) => s.id),
    });
    const as = (u: { id: string; role: AuthUser['role'] }): Actor => ({
      user: { ...teacher, id: u.id, role: u.role, academyId },
    });
    const t = as({ id: teacher.id, role: 'teacher' });
    await this.live.command(t, session.id, 'launch');
    // Sam strong, Sara middling, Sol part of it (the teacher ends the session for him); the
    // class spread between, a few leaving questions out or not finishing in time.
    const profiles = [
      { skill: 0.9, share: 1, submit: true },
      { skill: 0.55, share: 1, submit: true },
      { skill: 0.35, share: 0.7, submit: false },
    ];
    for (const [i, s] of students.entries()) {
      const p = profiles[i] ?? {
        skill: 0.3 + ((i * 37) % 60) / 100,
        share: i % 5 === 0 ? 0.85 : 1,
        submit: i % 7 !== 0,
      };
      const me = as(s);
      const arrived = await this.live.studentArrives(me, session.id);
      this.live.studentJoined(me, arrived.st, arrived.me, false);
      for (const [n, a] of demoPlan(questions, `${s.id}|demo`, p.skill, p.share).entries()) {
        await this.live.answer(
          me,
          {
            sessionId: session.id,
            questionId: a.questionId,
            answer: a.answer,
            key: `demo-${n}`,
            seq: 1,
          },
          true,
        );
      }
      if (p.submit) await this.live.submit(me, session.id);
    }
    await this.live.command(t, session.id, 'complete');
    await this.live.settle();
    await this.backdate(session.id);
  }

  /**
   * The sitting ran in a blink; make it look like last week's 50-minute lesson (times only:
   * every score was made by the real path above).
   */
  private async backdate(sessionId: string): Promise<void> {
    const launched = Date.now() - 7 * DAY;
    const min = 60_000;
    const took = (i: number) => (30 + ((i * 7) % 18)) * min;
    await this.ds.transaction(async (m) => {
      const q = (sql: string, params: unknown[]) =>
        m.query(placeholders(this.ds.options.type, sql), params);
      await q(
        'UPDATE exam_sessions SET launched_at = ?, ended_at = ?, updated_at = ? WHERE id = ?',
        [launched, launched + 48 * min, launched + 48 * min, sessionId],
      );
      const attempts = (await q(
        'SELECT id FROM student_sessions WHERE exam_session_id = ? ORDER BY created_at, id',
        [sessionId],
      )) as Array<{ id: string }>;
      for (const [i, a] of attempts.entries()) {
        const joined = launched + min;
        const done = launched + took(i);
        await q(
          'UPDATE student_sessions SET joined_at = ?, completed_at = ?, time_spent_ms = ?, graded_at = ?, last_activity_at = ? WHERE id = ?',
          [joined, done, done - joined, done, done, a.id],
        );
        const answers = (await q(
          'SELECT id FROM answers WHERE student_session_id = ? ORDER BY id',
          [a.id],
        )) as Array<{ id: number }>;
        for (const [k, row] of answers.entries()) {
          const at = joined + Math.round(((k + 1) / (answers.length + 1)) * (done - joined));
          await q('UPDATE answers SET created_at = ? WHERE id = ?', [at, row.id]);
        }
      }
    });
    await this.live.reload(sessionId);
  }
}
