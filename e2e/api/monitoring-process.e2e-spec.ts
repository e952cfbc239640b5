/**
 * The BUILT server as a separate process (as production runs it): graceful shutdown on
 * SIGTERM (R19: clients told to reconnect with 1012, exit code 0), structured JSON logs with
 * request ids, `DEBUG=websocket:*` message logs, the health log line, and `db:backup` (the
 * built CLI) while the server runs. Builds the server once (e2e/support/server-process.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { WS_CLOSE } from '@exam/contracts';
import { api, login } from '../support/http';
import {
  buildServer,
  ROOT,
  SERVER_OUT,
  startServer,
  type ServerProcess,
} from '../support/server-process';
import { TestSocket } from '../support/ws-client';

const CLI = join(SERVER_OUT, 'backend/src/cli/db.js');

function jsonLines(out: string): Array<Record<string, unknown>> {
  return out
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => {
      try {
        return JSON.parse(l) as Record<string, unknown>;
      } catch {
        return {};
      }
    });
}

async function waitFor(pred: () => boolean, what: string, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('built server process: logs, graceful shutdown, backup', () => {
  let s: ServerProcess;
  let dir: string;
  let dbFile: string;
  beforeAll(async () => {
    buildServer();
    dir = mkdtempSync(join(tmpdir(), 'exam-proc-mon-'));
    dbFile = join(dir, 'exam.sqlite');
    s = await startServer(dbFile, {
      LOG_LEVEL: 'info',
      DEBUG: 'websocket:*',
      HEALTH_LOG_INTERVAL_MS: '1000',
    });
  }, 180_000); // compiles the server once
  afterAll(async () => {
    await s.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs JSON lines: requests with their X-Request-Id, and the periodic health line', async () => {
    const r = await api(s.baseUrl, 'GET', '/api/v1/users', {
      headers: { 'x-request-id': 'proc-req-42' },
    });
    expect(r.status).toBe(401);
    await waitFor(
      () =>
        jsonLines(s.output()).some(
          (l) => (l.req as { id?: string } | undefined)?.id === 'proc-req-42',
        ),
      'the request log line',
    );
    const line = jsonLines(s.output()).find(
      (l) => (l.req as { id?: string } | undefined)?.id === 'proc-req-42',
    );
    expect(line).toMatchObject({ level: 'warn', res: { statusCode: 401 } });
    await waitFor(
      () => jsonLines(s.output()).some((l) => l.msg === 'health'),
      'the health log line',
      5000,
    );
    const health = jsonLines(s.output()).find((l) => l.msg === 'health');
    expect(health).toMatchObject({
      timestamp: expect.any(String) as string,
      uptime: expect.any(Number) as number,
      memory: { rss: expect.any(Number) as number, heapUsed: expect.any(Number) as number },
      activeConnections: 0,
    });
  });

  it('makes an online backup with the built CLI while the server runs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'exam-cli-backup-'));
    try {
      const out = execFileSync(process.execPath, [CLI, 'backup'], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', DATABASE_URL: `sqlite:${dbFile}`, BACKUP_DIR: dir },
      }).toString();
      const file = out.trim();
      expect(file.startsWith(dir)).toBe(true);
      return new Promise<void>((resolve, reject) => {
        const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (err) => {
          if (err) return reject(err);
          db.get('SELECT COUNT(*) AS n FROM users', (e, row: { n: number }) => {
            db.close();
            if (e) return reject(e);
            expect(row.n).toBeGreaterThanOrEqual(5);
            resolve();
          });
        });
      });
    } finally {
      // removed after the promise settles is not needed: the file is small and in tmp
      setTimeout(() => rmSync(dir, { recursive: true, force: true }), 1000).unref();
    }
  });

  it('logs each WebSocket message with DEBUG=websocket:*, then on SIGTERM closes sockets with 1012 and exits 0', async () => {
    const token = (await login(s.baseUrl, 'student1@demo.school')).accessToken;
    const sock = await TestSocket.authed(s.wsUrl, token);
    sock.send('heartbeat', { clientNow: 1 });
    await sock.next('heartbeat');
    await waitFor(
      () =>
        jsonLines(s.output()).some((l) => l.ns === 'websocket:in' && l.event === 'heartbeat') &&
        jsonLines(s.output()).some((l) => l.ns === 'websocket:out' && l.event === 'heartbeat'),
      'websocket debug lines',
    );
    const inLine = jsonLines(s.output()).find((l) => l.ns === 'websocket:in');
    expect(inLine).toMatchObject({
      level: 'debug',
      event: 'heartbeat',
      bytes: expect.any(Number) as number,
    });
    expect(JSON.stringify(inLine)).not.toContain('clientNow');

    const closed = sock.waitClose(10_000);
    const exited = s.kill('SIGTERM');
    const { code, reason } = await closed;
    expect(code).toBe(WS_CLOSE.SERVICE_RESTART);
    expect(reason).toMatch(/reconnect/i);
    await exited;
    expect({ code: s.child.exitCode, signal: s.child.signalCode }).toEqual({
      code: 0,
      signal: null,
    });
    const lines = jsonLines(s.output());
    expect(lines.some((l) => l.msg === 'shutting down: no longer accepting connections')).toBe(
      true,
    );
    const done = lines.find((l) => String(l.msg).startsWith('shutdown: writes flushed'));
    expect(done).toMatchObject({ reason: 'SIGTERM', connections: 1 });
    expect(done?.drained).toEqual(expect.arrayContaining(['AnswerWriter']));
  });
});
