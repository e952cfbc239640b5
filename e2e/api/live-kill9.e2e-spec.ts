/**
 * R2: acknowledged answers survive kill -9. The built server runs as a child process; bots
 * answer as fast as acks come back; the server is SIGKILLed at a random moment, then every
 * acknowledged answer must be in the database file (lost = 0). Restarted on the same file,
 * the exam continues and the cycle repeats.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bot, launchedBotSession, openDb } from '../support/answer-bots';
import { api } from '../support/http';
import { buildServer, startServer, type ServerProcess } from '../support/server-process';

const ROUNDS = 3;
const STUDENTS = 12;

describe('kill -9 while bots answer: every acknowledged answer is in the database', () => {
  let dir: string;
  let server: ServerProcess | undefined;
  beforeAll(() => {
    buildServer();
    dir = mkdtempSync(join(tmpdir(), 'exam-kill9-'));
  }, 240_000);
  afterAll(async () => {
    await server?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it(`loses nothing over ${ROUNDS} random SIGKILLs`, async () => {
    const dbFile = join(dir, 'exam.sqlite');
    server = await startServer(dbFile);
    const { students, fx } = await launchedBotSession(server.baseUrl, dbFile, STUDENTS, 'bot', {
      questions: 6,
      durationMinutes: 120,
    });

    const acked = new Set<string>();
    const perRound: Array<{ acked: number; lost: number }> = [];
    for (let round = 0; round < ROUNDS; round++) {
      const bots = students.map((s, i) =>
        bot(
          server!.wsUrl,
          s.accessToken,
          fx.sessionId,
          fx.questionIds,
          `r${round}-s${i}`,
          acked,
          round * 1_000_000,
        ),
      );
      const before = acked.size;
      // Kill at a random moment once answers are flowing (on a loaded CI machine the bots
      // may need a while to connect; killing before the first ack would prove nothing).
      const flowing = Date.now() + 20_000;
      while (acked.size - before < 20 && Date.now() < flowing) {
        await new Promise((r) => setTimeout(r, 25));
      }
      await new Promise((r) => setTimeout(r, Math.random() * 1200));
      await server.kill('SIGKILL');
      for (const b of bots) b.stop();
      await Promise.all(bots.map((b) => b.done));
      const check = openDb(dbFile);
      const rows = await check.all<{ k: string }>('SELECT idempotency_key AS k FROM answers');
      await check.close();
      const stored = new Set(rows.map((r) => r.k));
      const lost = [...acked].filter((k) => !stored.has(k));
      perRound.push({ acked: acked.size - before, lost: lost.length });
      expect(lost).toEqual([]);
      expect(acked.size - before).toBeGreaterThan(0);
      server = await startServer(dbFile, {}, server.port);
    }
    // The restarted server still serves the exam, with every answer in the snapshot.
    const snap = await api<{ answers: unknown[]; status: string }>(
      server.baseUrl,
      'GET',
      `/api/v1/exam-sessions/${fx.sessionId}/snapshot`,
      { token: students[0].accessToken },
    );
    expect(snap.status).toBe(200);
    expect(snap.body.status).toBe('active');
    expect(snap.body.answers.length).toBeGreaterThan(0);
    console.log(`kill -9 rounds: ${JSON.stringify(perRound)}`);
  }, 300_000);
});
