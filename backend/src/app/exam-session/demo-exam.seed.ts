/**
 * Demo seed step: the seed's "English Assessment" (db/seeds/english-assessment.json, every
 * question type) authored by the demo teacher, and one session of it in `preparing` with the
 * three demo students enrolled, so the live flow can be tried right after the first start.
 */
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ENGLISH_ASSESSMENT } from '@exam/db';
import type { AuthUser } from '../auth/auth-user';
import { ExamsService } from '../exams/exams.service';
import { SeedService, type DemoContext } from '../seed/seed.service';
import { ExamSessionsService } from './exam-sessions.service';

@Injectable()
export class DemoExamSeed implements OnModuleInit {
  constructor(
    private readonly seed: SeedService,
    private readonly exams: ExamsService,
    private readonly sessions: ExamSessionsService,
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
    // checkQuestions throws on an invalid seed file: better at start than in class.
    const questions = this.exams.checkQuestions(ENGLISH_ASSESSMENT.questions);
    const exam = await this.exams.create(actor, { ...ENGLISH_ASSESSMENT.exam, questions });
    const students = Object.values(ctx.users).filter((u) => u.role === 'student');
    await this.sessions.create(actor, {
      examId: exam.id,
      title: 'English Assessment - demo class',
      studentIds: students.map((s) => s.id),
    });
  }
}
