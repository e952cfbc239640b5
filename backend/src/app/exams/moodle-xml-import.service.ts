/**
 * Creates an exam from Moodle XML: the domain maps the file (moodle-xml-import.ts), the
 * images are stored, then the exam goes through ExamsService.create like any other, so the
 * questions are validated and their HTML cleaned exactly as when a teacher sends them. A file
 * that cannot be read, or with no importable question, stores nothing; if creating the exam
 * fails after the images were stored, they are removed again.
 */
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { MoodleXmlImportRequest, MoodleXmlImportResponse } from '@exam/contracts';
import type { AuthUser } from '../auth/auth-user';
import { AppError } from '../common/app-error';
import { importMoodleXml } from './domain/moodle-xml-import';
import { MAX_QUESTIONS } from './dto/exam.dto';
import { ExamsService } from './exams.service';
import { QuestionMediaService } from './media/question-media.service';

@Injectable()
export class MoodleXmlImportService {
  constructor(
    private readonly exams: ExamsService,
    private readonly media: QuestionMediaService,
  ) {}

  async importXml(actor: AuthUser, req: MoodleXmlImportRequest): Promise<MoodleXmlImportResponse> {
    const r = importMoodleXml(req.xml, { newId: randomUUID });
    if (!r.ok) {
      throw new AppError(400, 'IMPORT_FAILED', r.reason, {
        ...(r.line !== undefined ? { line: r.line } : {}),
        ...(r.column !== undefined ? { column: r.column } : {}),
      });
    }
    const { report } = r;
    if (!r.questions.length) {
      // Nothing is stored; every question's problem goes back at once, with its line.
      const first = report.skipped[0];
      throw new AppError(
        400,
        'IMPORT_FAILED',
        !report.skipped.length && r.texts.length
          ? `The file holds only descriptions (${r.texts.length}), no question. Export the questions with them from Moodle and import again.`
          : report.found
            ? `No question in the file could be imported (${report.skipped.length} skipped). details.report.skipped says why for each, with its line; fix them in Moodle and import again.`
            : 'The file holds no question. Export questions from Moodle\'s question bank as "Moodle XML format" and import that file.',
        { ...(first?.line !== undefined ? { line: first.line } : {}), report },
      );
    }
    if (r.questions.length > MAX_QUESTIONS) {
      throw new AppError(
        400,
        'IMPORT_FAILED',
        `The file holds ${r.questions.length} questions to import; an exam takes at most ${MAX_QUESTIONS}. Export the questions in smaller groups (one category at a time) and import each.`,
        { report },
      );
    }
    await this.media.storeAll(actor.academyId, r.images);
    try {
      const exam = await this.exams.create(actor, {
        title: req.title ?? 'Imported exam',
        description: req.description,
        instructions: req.instructions,
        durationMinutes: req.durationMinutes ?? 60,
        passingScore: req.passingScore,
        isActive: req.isActive,
        questions: r.questions,
        texts: r.texts,
      });
      return { exam, report };
    } catch (e) {
      await this.media.removeAll(r.images.map((i) => i.id));
      throw e;
    }
  }
}
