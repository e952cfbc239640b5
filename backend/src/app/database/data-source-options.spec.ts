import sqlite3 from 'sqlite3';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, parseDatabaseUrl } from './data-source-options';

describe('parseDatabaseUrl', () => {
  it('reads sqlite files (relative to cwd), :memory: and PostgreSQL URLs', () => {
    expect(parseDatabaseUrl('sqlite:data/exam.sqlite', '/srv/app')).toEqual({
      kind: 'sqlite',
      location: '/srv/app/data/exam.sqlite',
    });
    expect(parseDatabaseUrl('sqlite:///abs/x.db')).toEqual({
      kind: 'sqlite',
      location: '/abs/x.db',
    });
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ kind: 'sqlite', location: ':memory:' });
    expect(parseDatabaseUrl('postgres://u@h:5432/d')).toEqual({
      kind: 'postgres',
      location: 'postgres://u@h:5432/d',
    });
  });
});

describe('the sqlite3 driver handed to TypeORM', () => {
  it('is not switched to verbose mode (no stack capture and argument inspection per query)', async () => {
    const ds = new DataSource(buildDataSourceOptions('sqlite::memory:'));
    await ds.initialize();
    try {
      expect(await ds.query('SELECT 1 + 1 AS n')).toEqual([{ n: 2 }]);
      // verbose() replaces these methods with wrappers that build an Error on every call.
      for (const m of ['prepare', 'run', 'all', 'exec'] as const) {
        expect(String(sqlite3.Database.prototype[m])).not.toContain('new Error()');
      }
      // Errors still carry SQLite's code and message.
      await expect(ds.query('SELECT * FROM missing_table')).rejects.toMatchObject({
        message: expect.stringContaining('no such table: missing_table') as unknown,
      });
    } finally {
      await ds.destroy();
    }
  });
});
