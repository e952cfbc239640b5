/**
 * The teacher's results (grid, one student's attempt, one question across students), the
 * release to students and the student's own result page. Finished attempts show their
 * stored scores; open ones (while the session runs) are scored from their answers so far,
 * with no total until they end.
 */
import { formatOf } from '../exams/domain/question-parts';
import { Injectable } from '@nestjs/common';
import {
  RESULTS_EVENTS,
  type AttemptFacts,
  type AttemptResultRow,
  type AttemptReview,
  type AttemptReviewQuestion,
  type ListResultsQuery,
  type MyResult,
  type QuestionResponse,
  type QuestionResponsesView,
  type ResultsRelease,
  type ResultsReleasedPayload,
  type ResultsReleaseMode,
  type SessionResultsView,
} from '@exam/contracts';
import type { AuthUser } from '../auth/auth-user';
import { AppError } from '../common/app-error';
import type { ExamSessionEntity } from '../exam-session/entities/exam-session.entity';
import { ExamSessionEntity as SessionRow } from '../exam-session/entities/exam-session.entity';
import { SessionPublisher } from '../exam-session/session-publisher.service';
import { LiveWriteDb } from '../exam-session/live-write-db.service';
import { QUESTION_ORDER_KEY } from '../exams/domain/student-view';
import { attemptScore } from '../grading/attempt-score';
import { scoreAttempt, scoreQuestion } from '../grading/domain/attempt-scoring';
import type { QuestionScoreEntity } from '../grading/entities/question-score.entity';
import type { GradedQuestion } from '../grading/session-questions.service';
import { AUDIENCE_ALL } from '../realtime/realtime-bus';
import { groupShortText } from './domain/answer-groups';
import { answerText, correctAnswerText } from './domain/answer-text';
import { myResultQuestions, type ReleasedScore } from './domain/release-view';
import { filterRows, sortRows, summarise } from './domain/results-table';
import {
  ResultsRepository,
  type AttemptRow,
  type SavedLatest,
  type StoredCell,
} from './results-repository';
import { emptyCell, provisionalCell, sourceOf, storedCell } from './score-views';

const ENDED = ['completed', 'terminated'];

/** What the grid row and the attempt page both say about an attempt. */
function factsOf(a: AttemptRow): AttemptFacts {
  return {
    studentSessionId: a.id,
    studentId: a.studentId,
    studentName: a.studentName,
    status: a.status,
    endReason: a.endReason,
    score: attemptScore(a),
    timeTakenMs: a.timeSpentMs,
    joinedAt: a.joinedAt,
    completedAt: a.completedAt,
  };
}

export function releaseOf(s: ExamSessionEntity): ResultsRelease {
  return {
    mode: s.resultsRelease ?? 'none',
    releasedAt: s.resultsReleasedAt,
    releasedBy: s.resultsReleasedBy,
  };
}

@Injectable()
export class ResultsService {
  constructor(
    private readonly repo: ResultsRepository,
    private readonly db: LiveWriteDb,
    private readonly publisher: SessionPublisher,
  ) {}

  /** Grid rows of every attempt: stored scores, or provisional ones for open attempts. */
  async rows(
    session: ExamSessionEntity,
    questions: readonly GradedQuestion[],
  ): Promise<AttemptResultRow[]> {
    const attempts = await this.repo.attempts(session.id);
    const scores = await this.repo.cells(session.id);
    const open = attempts.filter((a) => a.gradedAt === null).map((a) => a.id);
    const latest = open.length ? await this.repo.latest(open) : new Map();
    return attempts.map((a) => this.row(a, questions, scores.get(a.id), latest.get(a.id)));
  }

  row(
    a: AttemptRow,
    questions: readonly GradedQuestion[],
    stored: Map<string, StoredCell> | undefined,
    latest: Map<string, SavedLatest> | undefined,
  ): AttemptResultRow {
    const cells =
      a.gradedAt !== null
        ? questions.map((q) => {
            const r = stored?.get(q.id);
            return r ? storedCell(r) : emptyCell(q);
          })
        : scoreAttempt(questions, latest ?? new Map()).map(provisionalCell);
    return {
      ...factsOf(a),
      studentEmail: a.studentEmail,
      cells,
    };
  }

  async sessionResults(
    actor: AuthUser,
    id: string,
    q: ListResultsQuery,
  ): Promise<SessionResultsView> {
    const s = await this.repo.managed(actor, id);
    const questions = await this.repo.questions(s.id);
    const all = await this.rows(s, questions);
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 100;
    const list = sortRows(filterRows(all, q), q.sort, q.order);
    return {
      sessionId: s.id,
      title: s.title,
      examTitle: await this.repo.examTitle(s.examId),
      status: s.status,
      passingScore: s.passingScore ?? 50,
      release: releaseOf(s),
      questions: questions.map((x) => ({
        id: x.id,
        position: x.position + 1,
        type: x.definition.type,
        prompt: x.definition.prompt,
        ...formatOf(x.definition),
        points: x.definition.points,
        adjustment: x.adjustment,
      })),
      summary: summarise(all),
      items: list.slice((page - 1) * pageSize, page * pageSize),
      total: list.length,
      page,
      pageSize,
    };
  }

  /** One student's attempt: every question with the answer, key, points and history. */
  async attemptReview(actor: AuthUser, id: string, attemptId: string): Promise<AttemptReview> {
    const s = await this.repo.managed(actor, id);
    const a = await this.repo.attempt(s.id, attemptId);
    const [questions, scores, history, grades, latest] = await Promise.all([
      this.repo.questions(s.id),
      this.repo.scores([a.id]),
      this.repo.answerHistory(a.id),
      this.repo.gradeHistory([a.id]),
      this.repo.latest([a.id]),
    ]);
    const mine = latest.get(a.id) ?? new Map<string, SavedLatest>();
    const stored = scores.get(a.id);
    const order = a.optionOrder ?? {};
    const shown = order[QUESTION_ORDER_KEY] ?? questions.map((q) => q.id);
    const graded = a.gradedAt !== null;
    return {
      sessionId: s.id,
      ...factsOf(a),
      questions: questions.map((q): AttemptReviewQuestion => {
        const ans = mine.get(q.id);
        const row = stored?.get(q.id);
        const live = graded ? null : scoreQuestion(q, ans, null);
        return {
          question: q.definition,
          position: q.position + 1,
          shownPosition: shown.indexOf(q.id) + 1 || q.position + 1,
          shownOrder: order[q.id] ?? null,
          adjustment: q.adjustment,
          answer: (ans?.value ?? null) as AttemptReviewQuestion['answer'],
          answerText: ans ? answerText(q.definition, ans.value) : '',
          correctText: correctAnswerText(q.definition),
          answeredAt: ans?.savedAt ?? null,
          points: row ? row.points : (live?.points ?? null),
          maxPoints: q.definition.points,
          state: row ? row.state : (live?.state ?? 'unanswered'),
          source: row ? sourceOf(row) : (live?.source ?? null),
          autoPoints: row ? row.autoPoints : (live?.autoPoints ?? null),
          details: row ? row.details : (live?.details ?? []),
          needsManualGrading: row ? row.needsManual : (live?.needsManual ?? false),
          comment: row?.manualComment ?? null,
          gradeHistory: grades.get(a.id)?.get(q.id) ?? [],
          answerHistory: history.get(q.id) ?? [],
        };
      }),
    };
  }

  /** One question across students; identical short-text answers grouped. */
  async questionResponses(
    actor: AuthUser,
    id: string,
    questionId: string,
  ): Promise<QuestionResponsesView> {
    const s = await this.repo.managed(actor, id);
    const questions = await this.repo.questions(s.id);
    const q = questions.find((x) => x.id === questionId);
    if (!q) throw AppError.notFound('This question of the session');
    const attempts = await this.repo.attempts(s.id);
    const [scores, latest] = await Promise.all([
      this.repo.cells(s.id),
      this.repo.latestOfSession(s.id),
    ]);
    const responses: QuestionResponse[] = attempts
      .filter((a) => a.endReason !== 'absent')
      .map((a) => {
        const ans = latest.get(a.id)?.get(q.id);
        const row = scores.get(a.id)?.get(q.id);
        const cell = row ? storedCell(row) : provisionalCell(scoreQuestion(q, ans, null));
        return {
          studentSessionId: a.id,
          studentId: a.studentId,
          studentName: a.studentName,
          answer: (ans?.value ?? null) as QuestionResponse['answer'],
          answerText: ans ? answerText(q.definition, ans.value) : '',
          points: cell.points,
          maxPoints: cell.maxPoints,
          state: cell.state,
          source: cell.source,
          comment: row?.manualComment ?? null,
        };
      })
      .sort((x, y) => x.studentName.localeCompare(y.studentName));
    const d = q.definition;
    const groups =
      d.type === 'short_text'
        ? groupShortText(
            d,
            responses.flatMap((r) =>
              r.answer && 'text' in r.answer && typeof r.answer.text === 'string'
                ? [{ studentSessionId: r.studentSessionId, text: r.answer.text }]
                : [],
            ),
          )
        : [];
    return {
      sessionId: s.id,
      question: d,
      correctText: correctAnswerText(d),
      position: q.position + 1,
      adjustment: q.adjustment,
      responses,
      groups,
    };
  }

  /** Sets what students see; only once the session has ended. */
  async release(actor: AuthUser, id: string, mode: ResultsReleaseMode): Promise<ResultsRelease> {
    const s = await this.repo.managed(actor, id);
    if (!ENDED.includes(s.status)) {
      throw new AppError(
        409,
        'SESSION_NOT_ENDED',
        `The session is ${s.status}: release results once it has ended (complete or terminate it first).`,
      );
    }
    const now = Date.now();
    const released = mode === 'none' ? { at: null, by: null } : { at: now, by: actor.id };
    await this.db.transaction(async (em) => {
      await em.update(
        SessionRow,
        { id: s.id },
        {
          resultsRelease: mode,
          resultsReleasedAt: released.at,
          resultsReleasedBy: released.by,
        },
      );
    }, 'results');
    const data: ResultsReleasedPayload = { sessionId: s.id, mode, releasedAt: released.at };
    await this.publisher.publish(s.id, AUDIENCE_ALL, RESULTS_EVENTS.RESULTS_RELEASED, data);
    return { mode, releasedAt: released.at, releasedBy: released.by };
  }

  /** The student's own result, exactly as released; a clear refusal before. */
  async myResult(actor: AuthUser, id: string): Promise<MyResult> {
    const s = await this.repo.enrolled(actor, id);
    const mode = s.resultsRelease ?? 'none';
    const a = await this.repo.attemptOf(s.id, actor.id);
    const score = attemptScore(a);
    if (mode === 'none' || !ENDED.includes(s.status) || !score || s.resultsReleasedAt === null) {
      throw new AppError(
        403,
        'RESULTS_NOT_RELEASED',
        'Your teacher has not released the results of this exam yet. They will appear here once released.',
      );
    }
    let questions: MyResult['questions'];
    if (mode !== 'score') {
      const [list, scores, latest] = await Promise.all([
        this.repo.questions(s.id),
        this.repo.scores([a.id]),
        this.repo.latest([a.id]),
      ]);
      const mine = new Map<string, ReleasedScore>();
      for (const [qid, r] of scores.get(a.id) ?? new Map<string, QuestionScoreEntity>()) {
        mine.set(qid, {
          points: r.points,
          maxPoints: r.maxPoints,
          state: r.state,
          comment: r.manualComment,
        });
      }
      const answers = new Map(
        [...(latest.get(a.id) ?? new Map<string, SavedLatest>())].map(([k, v]) => [k, v.value]),
      );
      questions = myResultQuestions(mode, list, a.optionOrder, mine, answers);
    }
    return {
      sessionId: s.id,
      title: s.title,
      examTitle: await this.repo.examTitle(s.examId),
      mode,
      releasedAt: s.resultsReleasedAt,
      passingScore: s.passingScore ?? 50,
      endReason: a.endReason,
      completedAt: a.completedAt,
      score,
      ...(questions ? { questions } : {}),
    };
  }
}
