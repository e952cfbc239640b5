/** The exams-and-sessions migration goes up, down (with everything after it) and up again. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../backend/src/app/database/data-source-options';

const MINE = ['exams', 'questions', 'question_keys', 'exam_sessions', 'student_sessions'];

describe('migration 1764230500000-exams-and-sessions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'exam-mig-'));
  const ds = new DataSource(buildDataSourceOptions(`sqlite:${join(dir, 'm.sqlite')}`));
  const tables = async () =>
    (
      (await ds.query("SELECT name FROM sqlite_master WHERE type='table'")) as Array<{
        name: string;
      }>
    ).map((r) => r.name);
  afterAll(async () => {
    await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates its tables, drops them on the way down, and creates them again', async () => {
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    expect(await tables()).toEqual(expect.arrayContaining(MINE));
    const ran = async () =>
      ((await ds.query('SELECT name FROM migrations')) as Array<{ name: string }>).map(
        (r) => r.name,
      );
    while ((await ran()).includes('ExamsAndSessions1764230500000')) {
      await ds.undoLastMigration({ transaction: 'each' });
    }
    const after = await tables();
    for (const t of MINE) expect(after).not.toContain(t);
    expect(after).toContain('users');
    await ds.runMigrations({ transaction: 'each' });
    expect(await tables()).toEqual(expect.arrayContaining(MINE));
  });
});
