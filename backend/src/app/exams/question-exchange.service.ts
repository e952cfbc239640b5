/**
 * Questions out of the system (GIFT, QTI 3 content packages) and QTI packages in. Reading and
 * writing the formats is pure domain code (domain/gift-export.ts, domain/qti/); this service
 * only finds the exam the caller may read, and creates an imported exam through
 * ExamsService, so an import is checked and stored exactly like an exam sent as JSON.
 */
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { fileSlug } from './domain/file-slug';
import { exportGift, giftComment } from './domain/gift-export';
import { ExamsService } from './exams.service';

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
      `"${exam.title}": ${exam.questions.length} question(s), exported ${new Date().toISOString()}`,
    );
    return {
      name: `${fileSlug(exam.title)}.gift`,
      type: 'text/plain; charset=utf-8',
      data: Buffer.from(`${header}\n\n${exportGift(exam.questions)}`, 'utf8'),
    };
  }
}
