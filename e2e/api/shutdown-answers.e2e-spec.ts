/**
 * R19: graceful shutdown loses nothing. Bots answer against the built server; SIGTERM arrives
 * mid-stream; the process drains the answer writer, closes sockets with 1012 and exits 0, and
 * every answer acknowledged before the close is in the database file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WS_CLOSE } from '@exam/contracts';
import { bot, launchedBotSession, openDb } from '../support/answer-bots';
import { buildServer, startServer, type ServerProcess } from '../support/server-process';

const STUDENTS = 6;

describe('SIGTERM while students answer', () => {
  let dir: string;
  let server: ServerProcess | undefined;
  beforeAll(() => {
    buildServer();
    dir = mkdtempSync(join(tmpdir(), 'exam-sigterm-'));
  }, 240_000);
  afterAll(async () => {
    await server?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('acknowledged answers are all stored, sockets get 1012, exit code 0', async () => {
    const dbFile = join(dir, 'exam.sqlite');
    server = await startServer(dbFile);
    const { students, fx } = await launchedBotSession(server.baseUrl, dbFile, STUDENTS, 'term', {
      questions: 4,
      durationMinutes: 60,
    });

    const acked = new Set<string>();
    const closes: number[] = [];
    const bots = students.map((s, i) =>
      bot(server!.wsUrl, s.accessToken, fx.sessionId, fx.questionIds, `t-s${i}`, acked, 0, (code) =>
        closes.push(code),
      ),
    );
    const until = Date.now() + 20_000;
    while (acked.size < 100 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(acked.size).toBeGreaterThanOrEqual(100);

    await server.kill('SIGTERM');
    expect({ code: server.child.exitCode, signal: server.child.signalCode }).toEqual({
      code: 0,
      signal: null,
    });
    await Promise.all(bots.map((b) => b.done));
    expect(closes.length).toBe(STUDENTS);
    expect(closes.every((c) => c === WS_CLOSE.SERVICE_RESTART)).toBe(true);

    const check = openDb(dbFile);
    const rows = await check.all<{ k: string }>('SELECT idempotency_key AS k FROM answers');
    // Issue 13, item 9: the final states are written before the database closes.
    const presence = await check.all<{ status: string }>(
      'SELECT connection_status AS status FROM student_sessions WHERE exam_session_id = ?',
      [fx.sessionId],
    );
    const open = await check.all<{ id: string }>(
      'SELECT id FROM connections WHERE disconnected_at IS NULL',
    );
    await check.close();
    const stored = new Set(rows.map((r) => r.k));
    expect([...acked].filter((k) => !stored.has(k))).toEqual([]);
    expect(presence.map((p) => p.status)).toEqual(Array(STUDENTS).fill('disconnected'));
    expect(open).toEqual([]);
    // Nothing was written after the database closed (SQLITE_MISUSE, ConnectionIsNotSetError).
    const failures = server
      .output()
      .split('\n')
      .filter((l) => /background write failed|SQLITE_MISUSE|ConnectionIsNotSet|"level":50/.test(l));
    expect(failures).toEqual([]);
    server = undefined;
  });
});
