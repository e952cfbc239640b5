/**
 * Item analysis of a session, live: finished attempts count with their stored scores, and
 * while the session runs, open attempts count with their answers so far (scored by the same
 * rules). Absent students and students who have not started are left out; answers waiting
 * for a teacher count as undecided (see item-statistics.ts).
 *
 * Recomputed when something it depends on changed, and at most every few seconds per
 * session while answers stream in: a teacher's screen polling it must not take CPU from the
 * answer path.
 */
import { formatOf } from '../exams/domain/question-parts';
import { Injectable } from '@nestjs/common';
import type { QuestionDefinition, SessionStatisticsView } from '@exam/contracts';
import type { AuthUser } from '../auth/auth-user';
import type { ExamSessionEntity } from '../exam-session/entities/exam-session.entity';
import { placeholders } from '../database/placeholders';
import { scoreAttempt } from '../grading/domain/attempt-scoring';
import type { GradedQuestion } from '../grading/session-questions.service';
import {
  analyseItems,
  type ItemAttemptInput,
  type ItemQuestionInput,
} from './domain/item-statistics';
import { randomGuessScore } from './domain/random-guess';
import { ResultsRepository } from './results-repository';

const LIVE_MIN_INTERVAL_MS = 3_000;
const CACHE_SIZE = 32;

/** The options a choice question offers, with the key marked (true/false as two options). */
export function choiceOptions(q: QuestionDefinition): ItemQuestionInput['options'] {
  switch (q.type) {
    case 'single_choice':
      return q.options.map((o) => ({
        id: o.id,
        text: o.text,
        correct: o.id === q.correctOptionId,
      }));
    case 'multiple_response':
      return q.options.map((o) => ({ id: o.id, text: o.text, correct: o.weight > 0 }));
    case 'true_false':
      return [
        { id: 'true', text: 'True', correct: q.correct },
        { id: 'false', text: 'False', correct: !q.correct },
      ];
    default:
      return null;
  }
}

/** The option ids an answer chose (choice questions), or null. */
export function chosenOptions(q: QuestionDefinition, value: unknown): string[] | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  switch (q.type) {
    case 'single_choice':
      return typeof v.optionId === 'string' ? [v.optionId] : null;
    case 'multiple_response':
      return Array.isArray(v.optionIds) ? v.optionIds.filter((x) => typeof x === 'string') : null;
    case 'true_false':
      return typeof v.value === 'boolean' ? [String(v.value)] : null;
    default:
      return null;
  }
}

@Injectable()
export class StatisticsService {
  private readonly cache = new Map<
    string,
    { key: string; at: number; view: SessionStatisticsView }
  >();

  constructor(private readonly repo: ResultsRepository) {}

  async statistics(actor: AuthUser, id: string): Promise<SessionStatisticsView> {
    const s = await this.repo.managed(actor, id);
    return this.compute(s);
  }

  /** What the figures depend on, in one cheap read. */
  private async fingerprint(sessionId: string): Promise<string> {
    const q = placeholders(
      this.repo.reader.connection.options.type,
      `SELECT (SELECT COUNT(*) FROM answers WHERE exam_session_id = ?) AS a,
              (SELECT COUNT(*) FROM question_scores WHERE exam_session_id = ?) AS n,
              (SELECT MAX(updated_at) FROM question_scores WHERE exam_session_id = ?) AS s,
              (SELECT MAX(updated_at) FROM session_questions WHERE exam_session_id = ?) AS q,
              (SELECT status FROM exam_sessions WHERE id = ?) AS st`,
    );
    const [row] = (await this.repo.reader.query(q, [
      sessionId,
      sessionId,
      sessionId,
      sessionId,
      sessionId,
    ])) as Array<Record<string, unknown>>;
    return JSON.stringify(row);
  }

  async compute(s: ExamSessionEntity): Promise<SessionStatisticsView> {
    const live = s.status === 'active' || s.status === 'paused';
    const hit = this.cache.get(s.id);
    if (hit && live && Date.now() - hit.at < LIVE_MIN_INTERVAL_MS) return hit.view;
    const key = await this.fingerprint(s.id);
    if (hit && hit.key === key) return hit.view;
    const view = await this.build(s, live);
    this.cache.delete(s.id);
    this.cache.set(s.id, { key, at: Date.now(), view });
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    return view;
  }

  private async build(s: ExamSessionEntity, live: boolean): Promise<SessionStatisticsView> {
    const all = await this.repo.questions(s.id);
    const questions = all.filter((q) => q.adjustment !== 'dropped');
    // Lean reads: the attempts' facts, stored points, and answers only where they matter
    // (which options were chosen; everything of attempts still open).
    const choiceIds = questions.filter((q) => choiceOptions(q.definition)).map((q) => q.id);
    const [attempts, points, choices] = await Promise.all([
      this.repo.attemptFacts(s.id),
      this.repo.points(s.id),
      this.repo.latestOfSession(s.id, choiceIds),
    ]);
    const open = attempts.filter((a) => a.gradedAt === null && a.endReason !== 'absent');
    const openAnswers = open.length ? await this.repo.latest(open.map((a) => a.id)) : new Map();
    const inputs: ItemAttemptInput[] = [];
    let finished = 0;
    let inProgress = 0;
    let pendingManual = 0;
    for (const a of attempts) {
      if (a.endReason === 'absent') continue;
      let scores: Array<number | null>;
      let answers: Map<string, { value: unknown }> | undefined = choices.get(a.id);
      if (a.gradedAt !== null) {
        const mine = points.get(a.id);
        scores = questions.map((q) => (mine?.has(q.id) ? (mine.get(q.id) ?? null) : 0));
        finished++;
        pendingManual += a.pendingManual;
      } else {
        answers = openAnswers.get(a.id);
        if (a.joinedAt === null && !answers?.size) continue;
        scores = scoreAttempt(questions, openAnswers.get(a.id) ?? new Map()).map((x) => x.points);
        inProgress++;
      }
      inputs.push({
        id: a.id,
        scores,
        choices: questions.map((q) => chosenOptions(q.definition, answers?.get(q.id)?.value)),
      });
    }
    const analysis = analyseItems(questions.map(itemInput), inputs);
    return {
      sessionId: s.id,
      status: s.status,
      live,
      computedAt: Date.now(),
      attempts: { finished, inProgress, pendingManual },
      exam: analysis.exam,
      questions: analysis.questions.map((st, i) => ({
        ...st,
        position: questions[i].position + 1,
        type: questions[i].definition.type,
        prompt: questions[i].definition.prompt,
        ...formatOf(questions[i].definition),
      })),
    };
  }
}

function itemInput(q: GradedQuestion): ItemQuestionInput {
  return {
    id: q.id,
    maxPoints: q.definition.points,
    randomGuessScore: randomGuessScore(q.definition),
    options: choiceOptions(q.definition),
  };
}
