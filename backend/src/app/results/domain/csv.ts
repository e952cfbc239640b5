/**
 * CSV as spreadsheets read it: RFC 4180 (comma, CRLF, quotes doubled, a field quoted when it
 * holds a comma, quote or line break), UTF-8 with a byte-order mark (Excel otherwise guesses
 * a legacy code page and mangles accents).
 *
 * CSV injection: a text cell starting with = + - @ (or a tab / carriage return) is a formula
 * to Excel, LibreOffice and Google Sheets. Student answers and names are text we did not
 * write, so such cells get a leading apostrophe (OWASP's advice): shown as typed, never run.
 * Numbers we computed are written as numbers (a negative score stays a number).
 */

export const CSV_BOM = '\uFEFF';
export const CSV_EOL = '\r\n';

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/u;

/** A text cell that cannot start a formula. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvCell(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const text = neutralise(v);
  return /[",\r\n]/u.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, with its line ending. */
export function csvLine(cells: readonly CsvValue[]): string {
  return cells.map(csvCell).join(',') + CSV_EOL;
}

/**
 * Parses CSV text back into records (tests, and anyone checking an export): RFC 4180 with an
 * optional BOM. Not used on untrusted input by the server.
 */
export function parseCsv(text: string): string[][] {
  const src = text.startsWith(CSV_BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && src[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
