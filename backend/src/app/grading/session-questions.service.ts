/**
 * Each session's own copy of its questions with their keys (see SessionQuestionEntity):
 * taken when the session is planned, read by grading, review, statistics and regrade.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SessionQuestion } from '@exam/contracts';
import { placeholders } from '../database/placeholders';
import { joinQuestion } from '../exams/domain/question-parts';
import type { ScoredQuestion } from './domain/attempt-scoring';
import { SessionQuestionEntity } from './entities/session-question.entity';

/** A session question as grading and the result views use it. */
export interface GradedQuestion extends ScoredQuestion {
  /** 0-based position in the exam. */
  position: number;
  definition: SessionQuestion;
}

export function toGradedQuestion(row: SessionQuestionEntity): GradedQuestion {
  return {
    id: row.questionId,
    position: row.position,
    adjustment: row.adjustment,
    definition: joinQuestion(
      { type: row.type, prompt: row.prompt, points: row.points, body: row.body, key: row.key },
      row.questionId,
    ) as SessionQuestion,
  };
}

@Injectable()
export class SessionQuestions {
  /** Copies the exam's questions and keys into the session (inside the caller's transaction). */
  async snapshot(
    em: EntityManager,
    session: { id: string; academyId: string; examId: string },
    now: number,
  ): Promise<void> {
    await em.query(
      placeholders(
        em.connection.options.type,
        `INSERT INTO session_questions (exam_session_id, question_id, academy_id, position, type, prompt, points, body, answer_key, adjustment, updated_at)
         SELECT ?, qu.id, ?, qu.position, qu.type, qu.prompt, qu.points, qu.body, k.key, 'none', ?
         FROM questions qu JOIN question_keys k ON k.question_id = qu.id
         WHERE qu.exam_id = ?`,
      ),
      [session.id, session.academyId, now, session.examId],
    );
  }

  /**
   * The session's questions in exam order. A session written without its copy (by a tool
   * or a test straight into the database) gets it now, from its exam.
   */
  async load(em: EntityManager, sessionId: string): Promise<GradedQuestion[]> {
    const read = () =>
      em.find(SessionQuestionEntity, {
        where: { examSessionId: sessionId },
        order: { position: 'ASC' },
      });
    let rows = await read();
    if (rows.length === 0) {
      const [s] = (await em.query(
        placeholders(
          em.connection.options.type,
          'SELECT id, academy_id, exam_id FROM exam_sessions WHERE id = ?',
        ),
        [sessionId],
      )) as Array<{ id: string; academy_id: string; exam_id: string }>;
      if (!s) return [];
      await this.snapshot(em, { id: s.id, academyId: s.academy_id, examId: s.exam_id }, Date.now());
      rows = await read();
    }
    return rows.map(toGradedQuestion);
  }
}
