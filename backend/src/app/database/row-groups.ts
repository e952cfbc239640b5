/**
 * Multi-row statements: many rows of one table written by ONE INSERT, or one UPDATE ... FROM
 * (VALUES ...), on SQLite and PostgreSQL alike. Used by the background writer (coalesced
 * advisory writes) and by grading (thousands of score rows inside one transaction).
 */
import type { EntityManager } from 'typeorm';
import { placeholders } from './placeholders';
import type { Statement } from './raw-sql';

/** `?` placeholders for SQLite, `$1..$n` for PostgreSQL. */
function sqlFor(em: EntityManager, text: string): string {
  return placeholders(em.connection.options.type, text);
}

export interface RowGroup {
  kind: 'insert' | 'update';
  table: string;
  key: string;
  columns: readonly string[];
  rows: unknown[][];
}

/** Runs the coalesced statement of a group of rows (also used inside other transactions). */
export function runGroup(em: EntityManager, g: RowGroup): Promise<unknown> {
  const casts = g.kind === 'update' ? pgColumnTypes(em, g.table, [g.key, ...g.columns]) : null;
  const { sql, params } = groupStatement(g, casts);
  return em.query(sqlFor(em, sql), params);
}

/**
 * The group's statement with `?` placeholders. `casts`: PostgreSQL's column types of
 * [key, ...columns] (an UPDATE's first row casts each parameter), null on SQLite.
 */
export function groupStatement(g: RowGroup, casts: string[] | null = null): Statement {
  const params = g.rows.flat();
  if (g.kind === 'insert') {
    const one = `(${g.columns.map(() => '?').join(', ')})`;
    const sql = `INSERT INTO ${g.table} (${g.columns.join(', ')}) VALUES ${g.rows.map(() => one).join(', ')}`;
    return { sql, params };
  }
  // UPDATE ... FROM (VALUES ...): SQLite >= 3.33 and PostgreSQL.
  const cols = [g.key, ...g.columns];
  const one = `(${cols.map(() => '?').join(', ')})`;
  // PostgreSQL types a VALUES list from its first row, and untyped parameters become text
  // ("column progress is of type integer but expression is of type text"): the first row
  // casts each parameter to its column's type.
  const first = casts ? `(${casts.map((t) => `CAST(? AS ${t})`).join(', ')})` : one;
  const names = cols.map((_, i) => `c${i}`);
  const sql =
    `WITH v(${names.join(', ')}) AS (VALUES ${g.rows.map((_, i) => (i === 0 ? first : one)).join(', ')}) ` +
    `UPDATE ${g.table} SET ${g.columns.map((c, i) => `${c} = v.c${i + 1}`).join(', ')} ` +
    `FROM v WHERE ${g.table}.${g.key} = v.c0`;
  return { sql, params };
}

/** The PostgreSQL types of these columns (from the entity metadata), or null on SQLite. */
function pgColumnTypes(em: EntityManager, table: string, columns: string[]): string[] | null {
  const ds = em.connection;
  if (ds.options.type !== 'postgres') return null;
  const meta = ds.entityMetadatas.find((m) => m.tableName === table);
  if (!meta) throw new Error(`No entity for table ${table}`);
  return columns.map((name) => {
    const col = meta.columns.find((c) => c.databaseName === name);
    if (!col) throw new Error(`No column ${table}.${name}`);
    return ds.driver.normalizeType(col);
  });
}
