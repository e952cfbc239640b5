/**
 * Live-session test data written straight into the database (so these tests do not depend
 * on the authoring REST API): an exam with single-choice and short-text questions and their
 * keys, and a preparing session with the given students enrolled.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

export interface LiveFixture {
  sessionId: string;
  examId: string;
  questionIds: string[];
  /** The key that must never reach a student. */
  secretKeyText: string;
}

export interface LiveFixtureOptions {
  academyId: string;
  teacherId: string;
  studentIds: string[];
  questions?: number;
  durationMinutes?: number;
  config?: {
    timeWarningMinutes?: number[];
    gracePeriodSeconds?: number;
    allowLateJoin?: boolean;
    integritySignals?: string[];
    fullscreen?: boolean;
  };
  /** Per student user id: accommodation percent. */
  extraTimePercent?: Record<string, number>;
}

type Query = (sql: string, params?: unknown[]) => Promise<unknown>;

export async function createLiveSession(
  query: Query | DataSource,
  o: LiveFixtureOptions,
): Promise<LiveFixture> {
  const q: Query = typeof query === 'function' ? query : (s, p) => query.query(s, p);
  const now = Date.now();
  const examId = randomUUID();
  const secretKeyText = `secret-key-${randomUUID().slice(0, 8)}`;
  await q(
    `INSERT INTO exams (id, academy_id, author_id, title, description, instructions, duration_minutes,
       passing_score, shuffle_questions, shuffle_options, is_active, version, created_at, updated_at)
     VALUES (?, ?, ?, 'Live test exam', '', 'Answer everything', ?, 50, 0, 0, 1, 1, ?, ?)`,
    [examId, o.academyId, o.teacherId, o.durationMinutes ?? 30, now, now],
  );
  const questionIds: string[] = [];
  const n = o.questions ?? 5;
  for (let i = 0; i < n; i++) {
    const id = randomUUID();
    questionIds.push(id);
    const single = i % 2 === 0;
    const body = single
      ? { options: ['a', 'b', 'c'].map((x) => ({ id: x, text: `Option ${x}` })) }
      : { maxLength: 200 };
    const key = single
      ? { correctOptionId: 'b', negativeMarkPercent: 0 }
      : {
          acceptedAnswers: [{ text: secretKeyText, creditPercent: 100 }],
          caseSensitive: false,
          foldAccents: false,
          wildcards: false,
        };
    await q(
      `INSERT INTO questions (id, exam_id, academy_id, position, type, prompt, points, body)
       VALUES (?, ?, ?, ?, ?, ?, 1, ?)`,
      [
        id,
        examId,
        o.academyId,
        i,
        single ? 'single_choice' : 'short_text',
        `Question ${i + 1}`,
        JSON.stringify(body),
      ],
    );
    await q('INSERT INTO question_keys (question_id, academy_id, key) VALUES (?, ?, ?)', [
      id,
      o.academyId,
      JSON.stringify(key),
    ]);
  }
  const sessionId = randomUUID();
  const config = {
    timeWarningMinutes: o.config?.timeWarningMinutes ?? [10, 5, 1],
    gracePeriodSeconds: o.config?.gracePeriodSeconds ?? 30,
    allowLateJoin: o.config?.allowLateJoin ?? true,
    ...(o.config?.integritySignals ? { integritySignals: o.config.integritySignals } : {}),
    ...(o.config?.fullscreen !== undefined ? { fullscreen: o.config.fullscreen } : {}),
  };
  await q(
    `INSERT INTO exam_sessions (id, academy_id, exam_id, teacher_id, title, status, duration_minutes,
       config, total_paused_ms, extra_ms, exam_version, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'Live test session', 'preparing', ?, ?, 0, 0, 1, ?, ?)`,
    [
      sessionId,
      o.academyId,
      examId,
      o.teacherId,
      o.durationMinutes ?? 30,
      JSON.stringify(config),
      now,
      now,
    ],
  );
  for (const sid of o.studentIds) {
    await q(
      `INSERT INTO student_sessions (id, academy_id, exam_session_id, student_id, status, extra_ms,
         extra_time_percent, progress, answered_count, time_spent_ms, connection_status, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'enrolled', 0, ?, 0, 0, 0, 'not_joined', ?, ?)`,
      [randomUUID(), o.academyId, sessionId, sid, o.extraTimePercent?.[sid] ?? 0, now, now],
    );
  }
  return { sessionId, examId, questionIds, secretKeyText };
}
