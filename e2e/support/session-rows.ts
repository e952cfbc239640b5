/**
 * Inserts exam sessions straight into the tables (for monitoring and maintenance tests that
 * need sessions in a given status and age, which the live API cannot fake).
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { TestApp } from './test-app';

export interface SessionRowOptions {
  academyId?: string;
  teacherEmail?: string;
  studentEmails?: string[];
  status?: 'preparing' | 'active' | 'paused' | 'completed' | 'terminated';
  title?: string;
  createdAt?: number;
  endedAt?: number | null;
  /** Per student: [progress 0..1, connection status]. */
  students?: Array<[number, 'not_joined' | 'connected' | 'reconnecting' | 'disconnected']>;
}

export async function userId(
  ds: DataSource,
  email: string,
): Promise<{ id: string; academyId: string }> {
  const [row] = (await ds.query('SELECT id, academy_id FROM users WHERE email = ?', [
    email,
  ])) as Array<{
    id: string;
    academy_id: string;
  }>;
  if (!row) throw new Error(`no user ${email}`);
  return { id: row.id, academyId: row.academy_id };
}

/** Creates an exam and one session with student sessions; returns the ids. */
export async function insertSession(
  t: TestApp | DataSource,
  o: SessionRowOptions = {},
): Promise<{ examId: string; sessionId: string; studentSessionIds: string[] }> {
  const ds = t instanceof DataSource ? t : t.app.get(DataSource);
  const teacher = await userId(ds, o.teacherEmail ?? 'teacher@demo.school');
  const now = o.createdAt ?? Date.now();
  const examId = randomUUID();
  const sessionId = randomUUID();
  await ds.query(
    `INSERT INTO exams (id, academy_id, author_id, title, duration_minutes, created_at, updated_at)
     VALUES (?, ?, ?, ?, 30, ?, ?)`,
    [examId, teacher.academyId, teacher.id, o.title ?? 'Algebra quiz', now, now],
  );
  const status = o.status ?? 'active';
  const launched = status === 'preparing' ? null : now;
  const ended =
    o.endedAt !== undefined
      ? o.endedAt
      : status === 'completed' || status === 'terminated'
        ? now + 1_800_000
        : null;
  await ds.query(
    `INSERT INTO exam_sessions (id, academy_id, exam_id, teacher_id, title, status, duration_minutes, config,
       launched_at, ended_at, exam_version, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 30, ?, ?, ?, 1, ?, ?)`,
    [
      sessionId,
      teacher.academyId,
      examId,
      teacher.id,
      o.title ?? 'Algebra quiz',
      status,
      JSON.stringify({ timeWarningMinutes: [5], gracePeriodSeconds: 30 }),
      launched,
      ended,
      now,
      ended ?? now,
    ],
  );
  const emails = o.studentEmails ?? ['student1@demo.school', 'student2@demo.school'];
  const students = o.students ?? emails.map(() => [0, 'not_joined'] as [number, 'not_joined']);
  const studentSessionIds: string[] = [];
  for (let i = 0; i < emails.length; i++) {
    const st = await userId(ds, emails[i]);
    const id = randomUUID();
    const [progress, conn] = students[i] ?? [0, 'not_joined'];
    await ds.query(
      `INSERT INTO student_sessions (id, academy_id, exam_session_id, student_id, status, progress,
         connection_status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        id,
        teacher.academyId,
        sessionId,
        st.id,
        progress >= 1 ? 'completed' : 'joined',
        progress,
        conn,
        now,
        now,
      ],
    );
    studentSessionIds.push(id);
  }
  return { examId, sessionId, studentSessionIds };
}
