/**
 * CSV exports of a session: results (one row per student, one column per question), every
 * response (one row per student and question), the item statistics and the integrity
 * signals (one row per signal, in time order). Written to the
 * response as they are read, 500 students at a time with back-pressure, so a 5,000-student
 * session never builds the file in memory. Format and injection rules: domain/csv.ts.
 */
import { plainText } from '../exams/domain/rich-text';
import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import {
  INTEGRITY_SIGNAL_NAMES,
  type AttemptResultRow,
  type QuestionScoreCell,
} from '@exam/contracts';
import type { AuthUser } from '../auth/auth-user';
import type { ExamSessionEntity } from '../exam-session/entities/exam-session.entity';
import type { GradedQuestion } from '../grading/session-questions.service';
import { wallTime } from '../platform/domain/time-zones';
import { answerText, correctAnswerText } from './domain/answer-text';
import { CSV_BOM, csvLine, type CsvValue } from './domain/csv';
import { ResultsRepository, type AttemptRow } from './results-repository';
import { ResultsService } from './results.service';
import { StatisticsService } from './statistics.service';

const PAGE = 500;

export const END_LABELS: Record<string, string> = {
  submitted: 'Submitted',
  deadline: 'Time ran out',
  teacher: 'Ended by teacher',
  terminated: 'Terminated',
  absent: 'Did not take part',
};
const RESULT_LABELS: Record<string, string> = {
  passed: 'Passed',
  failed: 'Failed',
  pending: 'Awaiting grading',
};

/** A time as the academy reads it: its own time zone, named in the column header. */
const at = (ms: number | null, tz: string) => (ms === null ? '' : wallTime(ms, tz));
const minutes = (ms: number) => Math.round((ms / 60_000) * 10) / 10;
const short = (text: string, n = 60) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

function cellValue(c: QuestionScoreCell | undefined): CsvValue {
  if (!c) return '';
  if (c.state === 'dropped') return 'dropped';
  if (c.state === 'pending') return 'awaiting grading';
  return c.points;
}

/** A file name without anything a header or a file system would choke on. */
function fileName(kind: string, s: ExamSessionEntity): string {
  const slug = s.title
    .normalize('NFD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 60);
  return `${kind}-${slug || 'session'}-${new Date().toISOString().slice(0, 10)}.csv`;
}

class CsvStream {
  constructor(private readonly res: Response) {}

  start(name: string): Promise<void> {
    this.res.status(200);
    this.res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    this.res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    this.res.setHeader('Cache-Control', 'no-store');
    return this.write(CSV_BOM);
  }

  /** Resolves when the socket can take more (back-pressure); false when the client left. */
  write(text: string): Promise<void> {
    if (this.res.destroyed) return Promise.reject(new Error('client went away'));
    if (this.res.write(text)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const drained = () => {
        this.res.off('close', gone);
        resolve();
      };
      const gone = () => {
        this.res.off('drain', drained);
        reject(new Error('client went away'));
      };
      this.res.once('drain', drained);
      this.res.once('close', gone);
    });
  }

  line(cells: readonly CsvValue[]): Promise<void> {
    return this.write(csvLine(cells));
  }

  end(): void {
    this.res.end();
  }
}

@Injectable()
export class ExportService {
  constructor(
    private readonly repo: ResultsRepository,
    private readonly results: ResultsService,
    private readonly stats: StatisticsService,
  ) {}

  /** Every attempt, name order, PAGE at a time, as grid rows. */
  private async *pages(
    s: ExamSessionEntity,
    questions: GradedQuestion[],
  ): AsyncGenerator<Array<{ a: AttemptRow; row: AttemptResultRow }>> {
    let cursor: { name: string; id: string } | null = null;
    for (;;) {
      const page = await this.repo.attemptsByName(s.id, cursor, PAGE);
      if (page.length === 0) return;
      const ids = page.map((a) => a.id);
      const scores = await this.repo.cells(s.id, ids);
      const open = page.filter((a) => a.gradedAt === null).map((a) => a.id);
      const latest = open.length ? await this.repo.latest(open) : new Map();
      yield page.map((a) => ({
        a,
        row: this.results.row(a, questions, scores.get(a.id), latest.get(a.id)),
      }));
      const last = page[page.length - 1];
      cursor = { name: last.studentName, id: last.id };
    }
  }

  async resultsCsv(actor: AuthUser, id: string, res: Response): Promise<void> {
    const s = await this.repo.managed(actor, id);
    const questions = await this.repo.questions(s.id);
    const tz = await this.repo.timeZone(s.academyId);
    const out = new CsvStream(res);
    await out.start(fileName('results', s));
    await out.line([
      'Student',
      'Email',
      'How it ended',
      'Score',
      'Out of',
      'Percent',
      'Result',
      'Time taken (minutes)',
      `Finished at (${tz})`,
      ...questions.map(
        (q) =>
          `Q${q.position + 1} (${q.definition.points} pts) ${short(plainText(q.definition.prompt, q.definition.format), 40)}`,
      ),
    ]);
    for await (const page of this.pages(s, questions)) {
      for (const { row } of page) {
        const sc = row.score;
        const absent = row.endReason === 'absent';
        await out.line([
          row.studentName,
          row.studentEmail,
          row.endReason ? END_LABELS[row.endReason] : 'In progress',
          absent || !sc ? '' : sc.score,
          sc?.maxScore ?? '',
          absent || !sc ? '' : sc.percent,
          sc?.result ? RESULT_LABELS[sc.result] : '',
          absent ? '' : minutes(row.timeTakenMs),
          at(row.completedAt, tz),
          ...questions.map((q) =>
            absent ? '' : cellValue(row.cells.find((c) => c.questionId === q.id)),
          ),
        ]);
      }
    }
    out.end();
  }

  async responsesCsv(actor: AuthUser, id: string, res: Response): Promise<void> {
    const s = await this.repo.managed(actor, id);
    const questions = await this.repo.questions(s.id);
    const tz = await this.repo.timeZone(s.academyId);
    const out = new CsvStream(res);
    await out.start(fileName('responses', s));
    await out.line([
      'Student',
      'Email',
      'Question',
      'Question text',
      'Type',
      'Answer',
      'Correct answer',
      'Points',
      'Out of',
      'Graded by',
      'Teacher comment',
      `Answered at (${tz})`,
    ]);
    const keys = new Map(questions.map((q) => [q.id, correctAnswerText(q.definition)]));
    for await (const page of this.pages(s, questions)) {
      const ids = page.filter((p) => p.row.endReason !== 'absent').map((p) => p.a.id);
      const [latest, stored] = await Promise.all([
        this.repo.latest(ids),
        this.repo.cells(s.id, ids),
      ]);
      for (const { a, row } of page) {
        if (row.endReason === 'absent') continue;
        for (const q of questions) {
          const ans = latest.get(a.id)?.get(q.id);
          const cell = row.cells.find((c) => c.questionId === q.id);
          const comment = stored.get(a.id)?.get(q.id)?.manualComment ?? '';
          await out.line([
            row.studentName,
            row.studentEmail,
            q.position + 1,
            plainText(q.definition.prompt, q.definition.format),
            q.definition.type,
            ans ? answerText(q.definition, ans.value) : '',
            keys.get(q.id) ?? '',
            cellValue(cell),
            q.definition.points,
            cell?.source === 'manual' ? 'teacher' : cell?.source === 'auto' ? 'rules' : '',
            comment,
            at(ans?.savedAt ?? null, tz),
          ]);
        }
      }
    }
    out.end();
  }

  /** Every integrity signal of the session, in time order (context, never a verdict). */
  async signalsCsv(actor: AuthUser, id: string, res: Response): Promise<void> {
    const s = await this.repo.managed(actor, id);
    const questions = await this.repo.questions(s.id);
    const numbers = new Map(questions.map((q) => [q.id, q.position + 1]));
    const tz = await this.repo.timeZone(s.academyId);
    const out = new CsvStream(res);
    await out.start(fileName('signals', s));
    await out.line([
      'Student',
      'Email',
      'Signal',
      `Started at (${tz})`,
      'Lasted (s)',
      'Characters pasted',
      'Question',
      'While offline',
      'Detail',
    ]);
    let after: { at: number; id: string } | null = null;
    for (;;) {
      const page = await this.repo.signalsPage(s.id, after, PAGE);
      for (const r of page) {
        await out.line([
          r.studentName,
          r.studentEmail,
          INTEGRITY_SIGNAL_NAMES[r.kind],
          at(r.at, tz),
          r.durationMs === null ? '' : Math.round(r.durationMs / 100) / 10,
          r.chars ?? '',
          r.questionId ? (numbers.get(r.questionId) ?? '') : '',
          r.offline ? 'yes' : '',
          r.detail
            ? Object.entries(r.detail)
                .map(([k, v]) => `${k}: ${v}`)
                .join(', ')
            : '',
        ]);
      }
      if (page.length < PAGE) break;
      const last = page[page.length - 1];
      after = { at: last.at, id: last.id };
    }
    out.end();
  }

  async statisticsCsv(actor: AuthUser, id: string, res: Response): Promise<void> {
    const s = await this.repo.managed(actor, id);
    const view = await this.stats.compute(s);
    const out = new CsvStream(res);
    await out.start(fileName('statistics', s));
    await out.line([
      'Question',
      'Question text',
      'Type',
      'Attempts',
      'Facility (%)',
      'SD (%)',
      'Random guess score (%)',
      'Intended weight (%)',
      'Effective weight (%)',
      'Discrimination index',
      'Discriminative efficiency (%)',
      'Flags',
    ]);
    for (const q of view.questions) {
      await out.line([
        q.position,
        plainText(q.prompt, q.format),
        q.type,
        q.n,
        q.facility,
        q.sd,
        q.randomGuessScore,
        q.intendedWeight,
        q.effectiveWeight,
        q.discrimination,
        q.discriminativeEfficiency,
        q.flags.map((f) => f.message).join(' '),
      ]);
    }
    out.end();
  }
}
