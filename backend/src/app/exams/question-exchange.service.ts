/**
 * Questions out of the system (GIFT, QTI 3 content packages) and QTI packages in. Reading and
 * writing the formats is pure domain code (domain/gift-export.ts, domain/qti/); this service
 * only finds the exam the caller may read, and creates an imported exam through
 * ExamsService, so an import is checked and stored exactly like an exam sent as JSON.
 */
import { Injectable } from '@nestjs/common';
import type { ExamFileImportQuery, QtiImportResponse } from '@exam/contracts';
import type { AuthUser } from '../auth/auth-user';
import { AppError } from '../common/app-error';
import { fileSlug } from './domain/file-slug';
import { exportGift, giftComment } from './domain/gift-export';
import { exportQtiPackage } from './domain/qti/qti-export';
import { importQtiPackage, type QtiImportResult } from './domain/qti/qti-import';
import { QtiPackageError } from './domain/qti/qti-zip';
import { ExamsService } from './exams.service';

/** The largest QTI package accepted (the upload itself; what it unpacks to is capped too). */
export const QTI_MAX_UPLOAD = '10mb';
/** How browsers and tools name a zip upload. */
export const QTI_ZIP_TYPES = ['application/zip', 'application/x-zip-compressed'];

export interface ExportFile {
  name: string;
  type: string;
  data: Buffer;
}

@Injectable()
export class QuestionExchangeService {
  constructor(private readonly exams: ExamsService) {}

  /** The exam's questions as a GIFT file (404 outside the caller's academy). */
  async giftFile(actor: AuthUser, examId: string): Promise<ExportFile> {
    const exam = await this.exams.get(actor, examId);
    const header = giftComment(
      `"${exam.title}": ${exam.questions.length} question(s)${exam.texts.length ? ` and ${exam.texts.length} text(s) between them` : ''}, exported ${new Date().toISOString()}`,
    );
    return {
      name: `${fileSlug(exam.title)}.gift`,
      type: 'text/plain; charset=utf-8',
      data: Buffer.from(`${header}\n\n${exportGift(exam.questions, exam.texts)}`, 'utf8'),
    };
  }

  /** The exam as a QTI 3.0 content package (zip). */
  async qtiFile(actor: AuthUser, examId: string): Promise<ExportFile> {
    const exam = await this.exams.get(actor, examId);
    const zip = exportQtiPackage(
      {
        title: exam.title,
        questions: exam.questions,
        texts: exam.texts,
        shuffleOptions: exam.shuffleOptions,
      },
      `exam-${exam.id}`,
    );
    return {
      name: `${fileSlug(exam.title)}.zip`,
      type: 'application/zip',
      data: Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength),
    };
  }

  /**
   * Creates an exam from a QTI 3.0 package. A package that cannot be opened, or holds no item
   * we can import, answers 400 IMPORT_FAILED (details.problem, details.report) and stores
   * nothing; otherwise the exam is created like any other, with the report.
   */
  async importQti(
    actor: AuthUser,
    zip: Buffer,
    q: ExamFileImportQuery,
  ): Promise<QtiImportResponse> {
    let r: QtiImportResult;
    try {
      r = importQtiPackage(new Uint8Array(zip.buffer, zip.byteOffset, zip.byteLength));
    } catch (e) {
      if (!(e instanceof QtiPackageError)) throw e;
      throw new AppError(400, 'IMPORT_FAILED', e.message, { problem: e.problem, ...e.details });
    }
    if (!r.questions.length) {
      const { found, skipped } = r.report;
      throw new AppError(
        400,
        'IMPORT_FAILED',
        !skipped.length && r.texts.length
          ? `The package holds only items without interaction (${r.texts.length} text(s)), no question. Export the questions with them and import that package.`
          : found
            ? `No item of the package could be imported (${found} found). details.report.skipped says why for each; fix them or export the package again, and import it again.`
            : 'The package lists no assessment item. Export the questions as a QTI 3.0 package and import that zip.',
        {
          problem: 'NO_QUESTIONS',
          ...(skipped[0] ? { first: skipped[0].reason } : {}),
          report: r.report,
        },
      );
    }
    const exam = await this.exams.create(actor, {
      title: (q.title ?? r.title ?? 'Imported exam').slice(0, 200),
      durationMinutes: q.durationMinutes ?? 60,
      questions: r.questions,
      texts: r.texts,
    });
    return { exam, report: r.report };
  }
}
