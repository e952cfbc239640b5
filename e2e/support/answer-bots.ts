/**
 * Answer bots for durability tests (kill -9, SIGTERM): each answers continuously with up to
 * 4 answers in flight and records every acknowledged key; plus a small sqlite3 reader to
 * check the database file afterwards.
 */
import sqlite3 from 'sqlite3';
import type { AnswerAckPayload, LoginResponse } from '@exam/contracts';
import { api, login } from './http';
import { createLiveSession, type LiveFixture } from './live-fixtures';
import { TestSocket } from './ws-client';

export function openDb(file: string) {
  const db = new sqlite3.Database(file);
  const all = <T>(sql: string, params: unknown[] = []) =>
    new Promise<T[]>((res, rej) =>
      db.all(sql, params, (e, rows) => (e ? rej(e) : res(rows as T[]))),
    );
  const run = (sql: string, params: unknown[] = []) =>
    new Promise<void>((res, rej) => db.run(sql, params, (e) => (e ? rej(e) : res())));
  const close = () => new Promise<void>((res) => db.close(() => res()));
  return { all, run, close };
}

export interface Bot {
  stop: () => void;
  done: Promise<void>;
}

/** Answers continuously with up to 4 answers in flight; records every acknowledged key. */
export function bot(
  wsUrl: string,
  token: string,
  sessionId: string,
  questionIds: string[],
  prefix: string,
  acked: Set<string>,
  seqBase: number,
  onClose?: (code: number) => void,
): Bot {
  let stopped = false;
  let sock: TestSocket | undefined;
  const done = (async () => {
    try {
      sock = await TestSocket.authed(wsUrl, token);
    } catch {
      return;
    }
    const s = sock;
    if (onClose) s.ws.once('close', (code) => onClose(code));
    s.send('session_join', { sessionId });
    let n = 0;
    let inFlight = 0;
    const next = () => {
      while (!stopped && !s.closed && inFlight < 4) {
        n++;
        const key = `${prefix}-${n}`;
        const qi = n % questionIds.length;
        const answer =
          qi % 2 === 0 ? { optionId: ['a', 'b', 'c'][n % 3] } : { text: `${prefix} ${n}` };
        inFlight++;
        s.send('answer_autosaved', {
          sessionId,
          questionId: questionIds[qi],
          answer,
          key,
          seq: seqBase + n,
        });
      }
    };
    s.ws.on('message', (raw) => {
      const f = JSON.parse(raw.toString()) as { event: string; data: AnswerAckPayload };
      if (f.event === 'answer_ack' || f.event === 'error') {
        inFlight--;
        if (
          f.event === 'answer_ack' &&
          (f.data.status === 'autosaved' || f.data.status === 'saved')
        ) {
          acked.add(f.data.key);
        }
        next();
      }
    });
    next();
    await new Promise<void>((r) => {
      const check = setInterval(() => {
        if (stopped || s.closed) {
          clearInterval(check);
          r();
        }
      }, 20);
    });
  })();
  return {
    stop: () => {
      stopped = true;
      sock?.ws.terminate();
    },
    done,
  };
}

export interface BotSession {
  teacher: LoginResponse;
  students: LoginResponse[];
  fx: LiveFixture;
}

/**
 * On a running server with the demo data: creates `count` student accounts (admin REST),
 * writes a live session for them into the database file, and launches it (teacher REST).
 */
export async function launchedBotSession(
  baseUrl: string,
  dbFile: string,
  count: number,
  emailPrefix: string,
  opts: { questions: number; durationMinutes: number },
): Promise<BotSession> {
  const admin = await login(baseUrl, 'admin@demo.school');
  const teacher = await login(baseUrl, 'teacher@demo.school');
  const students: LoginResponse[] = [];
  for (let i = 0; i < count; i++) {
    const email = `${emailPrefix}${i}@demo.school`;
    const r = await api(baseUrl, 'POST', '/api/v1/users', {
      token: admin.accessToken,
      body: { email, displayName: `Bot ${emailPrefix}${i}`, password: 'demo1234', role: 'student' },
    });
    if (r.status !== 201)
      throw new Error(`creating ${email}: ${r.status} ${JSON.stringify(r.body)}`);
    students.push(await login(baseUrl, email));
  }
  const db = openDb(dbFile);
  await db.run('PRAGMA busy_timeout = 5000');
  const fx = await createLiveSession(db.run, {
    academyId: teacher.user.academyId,
    teacherId: teacher.user.id,
    studentIds: students.map((s) => s.user.id),
    ...opts,
  });
  await db.close();
  const launch = await api(baseUrl, 'POST', `/api/v1/exam-sessions/${fx.sessionId}/launch`, {
    token: teacher.accessToken,
    body: {},
  });
  if (launch.status !== 200)
    throw new Error(`launch: ${launch.status} ${JSON.stringify(launch.body)}`);
  return { teacher, students, fx };
}
