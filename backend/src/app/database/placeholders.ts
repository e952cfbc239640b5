/**
 * Raw SQL in this codebase is written with `?` placeholders (SQLite's); PostgreSQL wants
 * `$1..$n`. Only for our own statements: no `?` inside string literals.
 */
export function placeholders(dbType: string, text: string): string {
  if (dbType !== 'postgres') return text;
  let i = 0;
  return text.replace(/\?/g, () => `$${++i}`);
}
