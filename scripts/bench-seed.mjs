/**
 * The benchmarks' data, written straight into the database (SQLite or PostgreSQL): the
 * demo academy's teacher, `count` students, an exam of 20 short_text questions and a
 * preparing session with every student enrolled (late joining allowed), and a live login
 * (refresh-token family) per user, since the server refuses tokens of unknown ones.
 * `q(sql, params)` runs one statement with `?` placeholders and resolves with its rows.
 */
import { randomBytes, randomUUID } from 'node:crypto';

export const BENCH_QUESTIONS = 20;

export async function seedBench(q, count) {
  const [demo] = await q(
    "SELECT academy_id, password_hash FROM users WHERE email = 'student1@demo.school'",
  );
  const [teacher] = await q("SELECT id FROM users WHERE email = 'teacher@demo.school'");
  const now = Date.now();
  const students = Array.from({ length: count }, () => randomUUID());
  /** Multi-row INSERT, 500 rows per statement. */
  const insertRows = async (head, rows, row) => {
    for (let i = 0; i < rows.length; i += 500) {
      const values = rows.slice(i, i + 500).map((r, j) => row(r, i + j));
      const one = `(${values[0].map(() => '?').join(', ')})`;
      await q(`${head} VALUES ${values.map(() => one).join(', ')}`, values.flat());
    }
  };
  await q('BEGIN');
  await insertRows(
    `INSERT INTO users (id, academy_id, email, display_name, role, password_hash, extra_time_percent, password_changed_at, created_at)`,
    students,
    (id, i) => [
      id,
      demo.academy_id,
      `bench${i}@demo.school`,
      `Bench ${i}`,
      'student',
      demo.password_hash,
      0,
      now,
      now,
    ],
  );
  const examId = randomUUID();
  await q(
    `INSERT INTO exams (id, academy_id, author_id, title, description, instructions, duration_minutes, passing_score,
       shuffle_questions, shuffle_options, is_active, version, created_at, updated_at)
     VALUES (?, ?, ?, 'Bench exam', '', '', 600, 50, false, false, true, 1, ?, ?)`,
    [examId, demo.academy_id, teacher.id, now, now],
  );
  const questionIds = Array.from({ length: BENCH_QUESTIONS }, () => randomUUID());
  await insertRows(
    `INSERT INTO questions (id, exam_id, academy_id, position, type, prompt, points, body)`,
    questionIds,
    (id, i) => [id, examId, demo.academy_id, i, 'short_text', `Question ${i + 1}`, 1, '{}'],
  );
  const key = JSON.stringify({
    acceptedAnswers: [{ text: 'x', creditPercent: 100 }],
    caseSensitive: false,
    foldAccents: false,
    wildcards: false,
  });
  await insertRows(
    'INSERT INTO question_keys (question_id, academy_id, key)',
    questionIds,
    (id) => [id, demo.academy_id, key],
  );
  const sessionId = randomUUID();
  const config = { timeWarningMinutes: [10, 5, 1], gracePeriodSeconds: 30, allowLateJoin: true };
  await q(
    `INSERT INTO exam_sessions (id, academy_id, exam_id, teacher_id, title, status, duration_minutes, config, total_paused_ms, extra_ms, exam_version, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'Bench session', 'preparing', 600, ?, 0, 0, 1, ?, ?)`,
    [sessionId, demo.academy_id, examId, teacher.id, JSON.stringify(config), now, now],
  );
  await insertRows(
    `INSERT INTO student_sessions (id, academy_id, exam_session_id, student_id, status, extra_ms, extra_time_percent, progress, answered_count, time_spent_ms, connection_status, created_at, updated_at)`,
    students,
    (sid) => [
      randomUUID(),
      demo.academy_id,
      sessionId,
      sid,
      'enrolled',
      0,
      0,
      0,
      0,
      0,
      'not_joined',
      now,
      now,
    ],
  );
  const families = {};
  await insertRows(
    `INSERT INTO refresh_tokens (id, user_id, academy_id, family_id, token_hash, expires_at, created_at)`,
    [teacher.id, ...students],
    (userId) => {
      families[userId] = randomUUID();
      return [
        randomUUID(),
        userId,
        demo.academy_id,
        families[userId],
        randomBytes(32).toString('hex'),
        now + 6 * 3_600_000,
        now,
      ];
    },
  );
  await q('COMMIT');
  return {
    academyId: demo.academy_id,
    teacherId: teacher.id,
    students,
    sessionId,
    questionIds,
    families,
  };
}
