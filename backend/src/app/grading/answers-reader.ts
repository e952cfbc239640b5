/**
 * Reads what grading needs from the database: the latest answer per (attempt, question) and
 * the latest manual grade per (attempt, question). Raw rows, not entities: a session of
 * 1,000 students can hold 100,000 answer writes, and building entities for each costs more
 * than the grading itself.
 */
import type { EntityManager } from 'typeorm';
import { placeholders } from '../database/placeholders';
import type { LatestAnswer, ManualGrade } from './domain/attempt-scoring';

const CHUNK = 500;

type PerAttempt<T> = Map<string, Map<string, T>>;

function sql(em: EntityManager, text: string): string {
  return placeholders(em.connection.options.type, text);
}

async function inChunks<R>(
  ids: readonly string[],
  run: (chunk: readonly string[], marks: string) => Promise<R[]>,
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    for (const r of await run(chunk, chunk.map(() => '?').join(', '))) out.push(r);
  }
  return out;
}

function put<T>(m: PerAttempt<T>, attempt: string, question: string, v: T): void {
  let inner = m.get(attempt);
  if (!inner) m.set(attempt, (inner = new Map()));
  inner.set(question, v);
}

const parse = (v: unknown): unknown => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);

/** The latest stored answer (highest seq) per question of each attempt. */
export async function latestAnswers(
  em: EntityManager,
  attemptIds: readonly string[],
): Promise<PerAttempt<LatestAnswer & { savedAt: number }>> {
  const rows = await inChunks(
    attemptIds,
    (chunk, marks) =>
      em.query(
        sql(
          em,
          `SELECT student_session_id AS a, question_id AS q, seq, value, created_at AS ts FROM answers
         WHERE student_session_id IN (${marks}) ORDER BY seq ASC, id ASC`,
        ),
        [...chunk],
      ) as Promise<
        Array<{ a: string; q: string; seq: number; value: unknown; ts: string | number }>
      >,
  );
  const out: PerAttempt<LatestAnswer & { savedAt: number }> = new Map();
  for (const r of rows) {
    put(out, r.a, r.q, { value: parse(r.value), seq: Number(r.seq), savedAt: Number(r.ts) });
  }
  return out;
}

/**
 * The latest answer per question of every attempt of a session; with `questionIds`, only
 * those questions (statistics read the choice questions' answers only).
 */
export async function latestAnswersOfSession(
  em: EntityManager,
  sessionId: string,
  questionIds?: readonly string[],
): Promise<PerAttempt<LatestAnswer & { savedAt: number }>> {
  const out: PerAttempt<LatestAnswer & { savedAt: number }> = new Map();
  if (questionIds?.length === 0) return out;
  const only = questionIds ? ` AND question_id IN (${questionIds.map(() => '?').join(', ')})` : '';
  const rows = (await em.query(
    sql(
      em,
      `SELECT student_session_id AS a, question_id AS q, seq, value, created_at AS ts FROM answers
       WHERE exam_session_id = ?${only} ORDER BY seq ASC, id ASC`,
    ),
    [sessionId, ...(questionIds ?? [])],
  )) as Array<{ a: string; q: string; seq: number; value: unknown; ts: string | number }>;
  for (const r of rows) {
    put(out, r.a, r.q, { value: parse(r.value), seq: Number(r.seq), savedAt: Number(r.ts) });
  }
  return out;
}

/** The latest manual grade per question of each attempt. */
export async function latestManualGrades(
  em: EntityManager,
  attemptIds: readonly string[],
): Promise<PerAttempt<ManualGrade>> {
  const rows = await inChunks(
    attemptIds,
    (chunk, marks) =>
      em.query(
        sql(
          em,
          `SELECT student_session_id AS a, question_id AS q, points, comment, grader_id AS g, created_at AS ts
         FROM manual_grades WHERE student_session_id IN (${marks}) ORDER BY created_at ASC, id ASC`,
        ),
        [...chunk],
      ) as Promise<
        Array<{
          a: string;
          q: string;
          points: number;
          comment: string | null;
          g: string;
          ts: string | number;
        }>
      >,
  );
  const out: PerAttempt<ManualGrade> = new Map();
  for (const r of rows) {
    put(out, r.a, r.q, {
      points: Number(r.points),
      comment: r.comment,
      by: r.g,
      at: Number(r.ts),
    });
  }
  return out;
}
