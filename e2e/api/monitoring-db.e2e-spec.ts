/**
 * Data safety: the online backup of a database the app is writing to, migrations down and
 * up again, and WebSocket compression negotiated only when WS_COMPRESSION is on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import sqlite3 from 'sqlite3';
import { DataSource } from 'typeorm';
import WebSocket from 'ws';
import { MIGRATIONS } from '@exam/db';
import { backup, migrate, rollback, status } from '../../backend/src/app/maintenance/db-commands';
import { login } from '../support/http';
import { startTestApp, TEST_ORIGIN, type TestApp } from '../support/test-app';

function query<T>(file: string, sql: string): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (err) => {
      if (err) return reject(err);
      db.all(sql, (e, rows) => db.close(() => (e ? reject(e) : resolve(rows as T[]))));
    });
  });
}

describe('db:backup (SQLite online backup while the app writes)', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await startTestApp();
    dir = mkdtempSync(join(tmpdir(), 'exam-backup-'));
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('produces a database that opens, passes integrity_check and holds the committed rows', async () => {
    const ds = t.app.get(DataSource);
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await ds.query('INSERT INTO academies (id, name, created_at) VALUES (?, ?, ?)', [
          randomUUID(),
          `Backup school ${written}`,
          Date.now(),
        ]);
        written++;
      }
    })();
    while (written < 50) await new Promise((r) => setTimeout(r, 5));
    const before = written;
    const file = await backup(`sqlite:${t.dbFile}`, { dir, now: Date.UTC(2025, 0, 31, 3) });
    const after = written;
    writing = false;
    await writer;
    expect(file).toBe(join(dir, 'exam-2025-01-31T03-00-00-000Z.sqlite'));
    expect(await query<{ integrity_check: string }>(file, 'PRAGMA integrity_check')).toEqual([
      { integrity_check: 'ok' },
    ]);
    const [{ n }] = await query<{ n: number }>(
      file,
      "SELECT COUNT(*) AS n FROM academies WHERE name LIKE 'Backup school %'",
    );
    // A snapshot of one committed state taken during the writes.
    expect(n).toBeGreaterThanOrEqual(before);
    expect(n).toBeLessThanOrEqual(after + 1);
    const [{ users }] = await query<{ users: number }>(file, 'SELECT COUNT(*) AS users FROM users');
    expect(users).toBeGreaterThanOrEqual(5);
    const migrations = await query<{ name: string }>(file, 'SELECT name FROM migrations');
    expect(migrations).toHaveLength(MIGRATIONS.length);
  });
});

describe('db:rollback and db:migrate', () => {
  it('reverts the last migration, then applies it again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exam-migr-'));
    const url = `sqlite:${join(dir, 'm.sqlite')}`;
    const tables = async () =>
      (
        await query<{ name: string }>(
          join(dir, 'm.sqlite'),
          "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name",
        )
      ).map((r) => r.name);
    try {
      const applied = await migrate(url);
      expect(applied).toHaveLength(MIGRATIONS.length);
      expect(await migrate(url)).toEqual([]);
      expect(await tables()).toContain('archived_exam_sessions');

      // The last migration drops an index SQLite does not need (issue 16); its down step
      // puts it back.
      const answerIndexes = async () =>
        (
          await query<{ name: string }>(
            join(dir, 'm.sqlite'),
            "SELECT name FROM sqlite_master WHERE type='index' AND tbl_name='answers' ORDER BY name",
          )
        ).map((r) => r.name);
      expect(await answerIndexes()).toEqual(['answers_attempt_key_uq', 'answers_session_idx']);

      const last = MIGRATIONS[MIGRATIONS.length - 1];
      expect(await rollback(url)).toBe(last.name);
      expect((await status(url)).pending).toEqual([last.name]);
      expect(await answerIndexes()).toContain('answers_attempt_question_idx');

      // Every migration has a working down step: walk all the way back, then up again.
      for (let i = MIGRATIONS.length - 2; i >= 0; i--) {
        expect(await rollback(url)).toBe(MIGRATIONS[i].name);
      }
      expect(await rollback(url)).toBeUndefined();
      expect(
        (await tables()).filter((n) => !['migrations', 'sqlite_sequence'].includes(n)),
      ).toEqual([]);
      expect(await migrate(url)).toHaveLength(MIGRATIONS.length);
      expect(await tables()).toEqual(expect.arrayContaining(['users', 'archived_exam_sessions']));
      expect((await status(url)).pending).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('WS_COMPRESSION (permessage-deflate)', () => {
  async function negotiated(t: TestApp): Promise<string> {
    const token = (await login(t.baseUrl, 'student1@demo.school')).accessToken;
    const ws = new WebSocket(`${t.wsUrl}?access_token=${token}`, {
      origin: TEST_ORIGIN,
      perMessageDeflate: true,
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const ext = ws.extensions;
    ws.close();
    return ext;
  }

  it('is negotiated when on', async () => {
    const t = await startTestApp({ WS_COMPRESSION: 'true' });
    try {
      expect(await negotiated(t)).toMatch(/^permessage-deflate/);
    } finally {
      await t.close();
    }
  });

  it('is not negotiated when off (the default)', async () => {
    const t = await startTestApp();
    try {
      expect(await negotiated(t)).toBe('');
    } finally {
      await t.close();
    }
  });
});
