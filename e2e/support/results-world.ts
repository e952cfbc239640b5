/**
 * A whole sitting over the public API for results tests: an academy, an exam with every
 * question type (REST), a session for its students (REST), launched; answers sent through
 * the REST mirror exactly as a browser in its slower mode would.
 */
import { randomUUID } from 'node:crypto';
import type {
  AnswerAckPayload,
  ExamSessionView,
  ExamView,
  QuestionDefinition,
  SessionCommandResult,
} from '@exam/contracts';
import { examBody } from './exams';
import { createAcademy } from './fixtures';
import { api } from './http';
import { person, type Person } from './live-helpers';
import type { TestApp } from './test-app';

export interface ResultsWorld {
  academyId: string;
  admin: Person;
  teacher: Person;
  students: Person[];
  exam: ExamView;
  sessionId: string;
  /** Question by type (the exam has one of each). */
  q: Record<QuestionDefinition['type'], QuestionDefinition & { id: string }>;
}

export async function resultsWorld(
  t: TestApp,
  name: string,
  studentCount = 3,
  opts: { launch?: boolean; passingScore?: number } = {},
): Promise<ResultsWorld> {
  const a = await createAcademy(t, name, studentCount);
  const admin = await person(t, a.admin);
  const teacher = await person(t, a.teacher);
  const students = await Promise.all(a.students.map((e) => person(t, e)));
  const ex = await api<ExamView>(t.baseUrl, 'POST', '/api/v1/exams', {
    token: teacher.token,
    body: examBody({ shuffleOptions: false, passingScore: opts.passingScore ?? 60 }),
  });
  if (ex.status !== 201) throw new Error(`exam: ${ex.status} ${JSON.stringify(ex.body)}`);
  const s = await api<ExamSessionView>(t.baseUrl, 'POST', '/api/v1/exam-sessions', {
    token: teacher.token,
    body: { examId: ex.body.id, studentIds: students.map((x) => x.id) },
  });
  if (s.status !== 201) throw new Error(`session: ${s.status} ${JSON.stringify(s.body)}`);
  if (opts.launch !== false) await command(t, teacher, s.body.id, 'launch');
  const q = Object.fromEntries(ex.body.questions.map((x) => [x.type, x])) as ResultsWorld['q'];
  return {
    academyId: a.academyId,
    admin,
    teacher,
    students,
    exam: ex.body,
    sessionId: s.body.id,
    q,
  };
}

export async function command(
  t: TestApp,
  who: Person,
  sessionId: string,
  cmd: 'launch' | 'complete' | 'terminate' | 'pause' | 'resume',
): Promise<SessionCommandResult> {
  const r = await api<SessionCommandResult>(
    t.baseUrl,
    'POST',
    `/api/v1/exam-sessions/${sessionId}/${cmd}`,
    { token: who.token, body: {} },
  );
  if (r.status !== 200) throw new Error(`${cmd}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

const seqs = new Map<string, number>();

/** Saves one answer over REST (a new seq each time for that student and question). */
export async function answer(
  t: TestApp,
  who: Person,
  sessionId: string,
  questionId: string,
  value: unknown,
): Promise<AnswerAckPayload> {
  const k = `${who.id}|${questionId}`;
  const seq = (seqs.get(k) ?? 0) + 1;
  seqs.set(k, seq);
  const r = await api<AnswerAckPayload>(
    t.baseUrl,
    'POST',
    `/api/v1/exam-sessions/${sessionId}/answers`,
    { token: who.token, body: { questionId, answer: value, key: randomUUID(), seq } },
  );
  if (r.status !== 200 || r.body.status !== 'autosaved') {
    throw new Error(`answer: ${r.status} ${JSON.stringify(r.body)}`);
  }
  return r.body;
}

export async function submit(t: TestApp, who: Person, sessionId: string): Promise<void> {
  const r = await api(t.baseUrl, 'POST', `/api/v1/exam-sessions/${sessionId}/submit`, {
    token: who.token,
    body: {},
  });
  if (r.status !== 200) throw new Error(`submit: ${r.status} ${JSON.stringify(r.body)}`);
}
