/**
 * AccountChecks and AcademyDirectory on a real SQLite file with every migration: the checks
 * asked for together are read in one batch, an academy is read once however many
 * handshakes ask at the same moment, and every refusal still holds.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppError } from '../common/app-error';
import { buildDataSourceOptions } from '../database/data-source-options';
import { AcademyDirectory } from './academy-directory.service';
import { AccountChecks } from './account-checks.service';
import { AcademyEntity } from './entities/academy.entity';
import { RefreshTokenEntity } from './entities/refresh-token.entity';
import { UserEntity } from './entities/user.entity';

describe('AccountChecks and AcademyDirectory (real SQLite file)', () => {
  let dir: string;
  let ds: DataSource;
  const academyId = randomUUID();

  async function addUser(opts: { deactivated?: boolean; revoked?: boolean } = {}) {
    const id = randomUUID();
    const familyId = randomUUID();
    const now = Date.now();
    await ds.query(
      `INSERT INTO users (id, academy_id, email, display_name, role, password_hash,
         extra_time_percent, password_changed_at, created_at, deactivated_at)
       VALUES (?, ?, ?, 'S', 'student', 'x', 0, ?, ?, ?)`,
      [id, academyId, `${id}@school.test`, now, now, opts.deactivated ? now : null],
    );
    await ds.query(
      `INSERT INTO refresh_tokens (id, user_id, academy_id, family_id, token_hash, expires_at,
         used_at, revoked_at, created_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
      [
        randomUUID(),
        id,
        academyId,
        familyId,
        randomUUID(),
        now + 60_000,
        opts.revoked ? now : null,
        now,
      ],
    );
    return { userId: id, role: 'student', academyId, familyId };
  }

  const codeOf = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (e: unknown) => (e instanceof AppError ? e.code : String(e)),
    );

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'account-checks-'));
    ds = new DataSource({
      ...buildDataSourceOptions(`sqlite:${join(dir, 'a.sqlite')}`, {
        entities: [UserEntity, RefreshTokenEntity, AcademyEntity],
      }),
    });
    await ds.initialize();
    await ds.runMigrations();
    await ds.query(`INSERT INTO academies (id, name, created_at) VALUES (?, 'School', ?)`, [
      academyId,
      Date.now(),
    ]);
  });
  afterAll(async () => {
    await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the logins asked for together in one batch, and refuses what must be refused', async () => {
    const checks = new AccountChecks(
      ds.getRepository(UserEntity),
      ds.getRepository(RefreshTokenEntity),
    );
    const good = await Promise.all(Array.from({ length: 20 }, () => addUser()));
    const disabled = await addUser({ deactivated: true });
    const revoked = await addUser({ revoked: true });
    const gone = { ...(await addUser()), userId: randomUUID() };
    const moved = { ...(await addUser()), role: 'teacher' };
    // Every statement, however it is run, reaches the data source's subscribers (metrics).
    const statements: string[] = [];
    ds.subscribers.push({ afterQuery: (e) => void statements.push(e.query) });
    const codes = await Promise.all(
      [...good, disabled, revoked, gone, moved].map((c) => codeOf(checks.assertCurrent(c))),
    );
    expect(codes).toEqual([
      ...good.map(() => 'ok'),
      'ACCOUNT_DISABLED',
      'TOKEN_INVALID',
      'TOKEN_INVALID',
      'TOKEN_INVALID',
    ]);
    // One batch: one statement for the users and their logins.
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/UNION ALL/);
    // Now from the cache: no read at all.
    expect(await codeOf(checks.assertCurrent(good[0]))).toBe('ok');
    expect(statements).toHaveLength(1);
    // A revocation made here is seen at once.
    await ds.query('UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ?', [
      Date.now(),
      good[1].familyId,
    ]);
    checks.forgetLogin(good[1].familyId);
    expect(await codeOf(checks.assertCurrent(good[1]))).toBe('TOKEN_INVALID');
    ds.subscribers.pop();
  });

  it('reads an academy once however many ask at the same moment', async () => {
    const repo = ds.getRepository(AcademyEntity);
    const academies = new AcademyDirectory(repo);
    const spy = jest.spyOn(repo, 'findOne');
    const all = await Promise.all(Array.from({ length: 50 }, () => academies.isActive(academyId)));
    expect(all.every((a) => a === true)).toBe(true);
    expect(spy).toHaveBeenCalledTimes(1);
    // Changed here while a read is under way: that read's answer is not kept.
    const fresh = new AcademyDirectory(repo);
    const during = fresh.isActive(academyId);
    fresh.invalidate(academyId);
    await during;
    spy.mockClear();
    await fresh.isActive(academyId);
    expect(spy).toHaveBeenCalledTimes(1);
    // A suspension is seen on the next read.
    await ds.query(`UPDATE academies SET status = 'suspended' WHERE id = ?`, [academyId]);
    fresh.invalidate(academyId);
    await expect(fresh.assertActive(academyId)).rejects.toMatchObject({
      code: 'ACADEMY_SUSPENDED',
    });
    spy.mockRestore();
  });
});
