/** Helpers for live-session tests: academies with many students, signed-in sockets, answers. */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AnswerAckPayload, ServerFrame } from '@exam/contracts';
import { createAcademy } from './fixtures';
import { login } from './http';
import { createLiveSession, type LiveFixture, type LiveFixtureOptions } from './live-fixtures';
import type { TestApp } from './test-app';
import { TestSocket } from './ws-client';

export interface Person {
  id: string;
  email: string;
  token: string;
}

export interface LiveWorld {
  academyId: string;
  teacher: Person;
  students: Person[];
  fx: LiveFixture;
}

export async function person(t: TestApp, email: string): Promise<Person> {
  const r = await login(t.baseUrl, email);
  return { id: r.user.id, email, token: r.accessToken };
}

export async function liveWorld(
  t: TestApp,
  name: string,
  studentCount: number,
  opts: Partial<Omit<LiveFixtureOptions, 'academyId' | 'teacherId' | 'studentIds'>> = {},
): Promise<LiveWorld> {
  const a = await createAcademy(t, name, studentCount);
  const teacher = await person(t, a.teacher);
  const students = await Promise.all(a.students.map((e) => person(t, e)));
  const fx = await createLiveSession(t.app.get(DataSource), {
    academyId: a.academyId,
    teacherId: teacher.id,
    studentIds: students.map((s) => s.id),
    ...opts,
  });
  return { academyId: a.academyId, teacher, students, fx };
}

/** Opens a socket, joins the session and waits for the snapshot (or the resume reply). */
export async function joined(
  t: Pick<TestApp, 'wsUrl'>,
  token: string,
  sessionId: string,
  lastSeq?: number,
): Promise<TestSocket> {
  const s = await TestSocket.authed(t.wsUrl, token);
  s.send('session_join', lastSeq === undefined ? { sessionId } : { sessionId, lastSeq });
  await seen(s, (f) => f.event === 'session_snapshot' || f.event === 'session_resumed');
  return s;
}

export function answerOnce(
  s: TestSocket,
  data: { sessionId: string; questionId: string; answer: unknown; seq: number; key?: string },
  event: 'answer_autosaved' | 'answer_submitted' = 'answer_autosaved',
): Promise<ServerFrame<string, AnswerAckPayload>> {
  const key = data.key ?? randomUUID();
  s.send(event, { ...data, key });
  return s.next<AnswerAckPayload>('answer_ack', (f) => f.data.key === key);
}

export function lastSeqOf(s: TestSocket): number {
  let max = 0;
  for (const f of s.frames) if (typeof f.seq === 'number') max = Math.max(max, f.seq);
  return max;
}

export async function answerRows(t: TestApp, sessionId: string) {
  return (await t.app
    .get(DataSource)
    .query(
      'SELECT student_session_id, question_id, idempotency_key, seq, final, value FROM answers WHERE exam_session_id = ? ORDER BY id',
      [sessionId],
    )) as Array<{
    student_session_id: string;
    question_id: string;
    idempotency_key: string;
    seq: number;
    final: number;
    value: string;
  }>;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until any frame received so far (cursor ignored) matches. */
export async function seen<D = unknown>(
  s: TestSocket,
  pred: (f: ServerFrame<string, D>) => boolean,
  timeoutMs = 15_000,
): Promise<ServerFrame<string, D>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const f = s.frames.find((x) => pred(x as ServerFrame<string, D>));
    if (f) return f as ServerFrame<string, D>;
    if (s.closed) throw new Error(`socket closed (${s.closed.code}) while waiting`);
    if (Date.now() > until) {
      throw new Error(
        `timed out; got: ${s.frames
          .slice(-6)
          .map((x) => x.event)
          .join(', ')}`,
      );
    }
    await sleep(10);
  }
}
