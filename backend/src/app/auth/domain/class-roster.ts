/**
 * A class list from a CSV file, checked row by row before anything is stored: which rows
 * become accounts and, for every other row, what is wrong with it in words an admin can act
 * on. Pure: parsing (csv-parse), header matching and row checks; the service looks up the
 * emails that already exist and writes the accounts.
 */
import { parse } from 'csv-parse/sync';
import { MAX_IMPORT_ROWS, type ImportRefusal } from '@exam/contracts';

export interface RosterRow {
  line: number;
  email: string;
  displayName: string;
  role: 'teacher' | 'student';
  extraTimePercent: number;
  /** null: the server generates one. */
  password: string | null;
}

export type RosterResult =
  { ok: true; rows: RosterRow[]; refused: ImportRefusal[] } | { ok: false; message: string };

type Column = 'email' | 'name' | 'role' | 'extra' | 'password';

/** Header spellings people use, after lower-casing and dropping spaces, dashes and underscores. */
const HEADERS: Record<string, Column> = {
  email: 'email',
  emailaddress: 'email',
  mail: 'email',
  name: 'name',
  displayname: 'name',
  fullname: 'name',
  student: 'name',
  role: 'role',
  extratime: 'extra',
  extratimepercent: 'extra',
  accommodation: 'extra',
  password: 'password',
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function columnOf(header: string): Column | null {
  const key = header
    .toLowerCase()
    .replace(/\(.*?\)|%/g, '')
    .replace(/[\s_-]+/g, '');
  return HEADERS[key] ?? null;
}

export function parseRoster(csv: string): RosterResult {
  let records: Array<{ cells: string[]; line: number }>;
  try {
    const parsed = parse(csv, {
      bom: true,
      delimiter: [',', ';'],
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      raw: true,
    }) as unknown as Array<{ record: string[]; raw: string; info: { lines: number } }>;
    records = parsed.map((r) => ({ cells: r.record, line: firstLine(r) }));
  } catch (e) {
    const why = e instanceof Error ? e.message.replace(/^Invalid Record Length: /, '') : '';
    return {
      ok: false,
      message: `The file is not valid CSV (${why.slice(0, 160)}). Save it from your spreadsheet as "CSV UTF-8" and try again.`,
    };
  }
  if (records.length === 0) {
    return { ok: false, message: 'The file is empty: put a header row, then one row per person.' };
  }
  const header = records[0].cells.map(columnOf);
  if (!header.includes('email') || !header.includes('name')) {
    return {
      ok: false,
      message:
        'The first row must name the columns, with at least "email" and "name" (optional: "role", "extra time", "password").',
    };
  }
  const body = records.slice(1);
  if (body.length > MAX_IMPORT_ROWS) {
    return {
      ok: false,
      message: `The file has ${body.length} rows; import at most ${MAX_IMPORT_ROWS} at a time (split it, e.g. by class).`,
    };
  }
  const rows: RosterRow[] = [];
  const refused: ImportRefusal[] = [];
  const seen = new Map<string, number>();
  for (const { cells, line } of body) {
    const get = (c: Column) => {
      const at = header.indexOf(c);
      return at < 0 ? '' : (cells[at] ?? '').trim();
    };
    const email = get('email').toLowerCase();
    const refuse = (reason: string) => refused.push({ line, email: email || null, reason });
    if (!email) {
      refuse('No email: every account needs one.');
      continue;
    }
    if (!EMAIL.test(email) || email.length > 254) {
      refuse(`"${email.slice(0, 80)}" is not an email address like name@school.org.`);
      continue;
    }
    const displayName = get('name');
    if (!displayName) {
      refuse("No name: add the person's name as students will see it.");
      continue;
    }
    if (displayName.length > 200) {
      refuse('The name is longer than 200 characters.');
      continue;
    }
    const roleText = get('role').toLowerCase() || 'student';
    if (roleText !== 'student' && roleText !== 'teacher') {
      refuse(`Role "${roleText.slice(0, 40)}" is not student or teacher.`);
      continue;
    }
    const extraText = get('extra').replace(/%$/, '').trim();
    const extra = extraText === '' ? 0 : Number(extraText);
    if (!Number.isInteger(extra) || extra < 0 || extra > 300) {
      refuse(`Extra time "${extraText.slice(0, 20)}" must be a whole percent from 0 to 300.`);
      continue;
    }
    if (extra > 0 && roleText === 'teacher') {
      refuse('Extra time is for students; leave it empty for a teacher.');
      continue;
    }
    const password = get('password');
    if (password && (password.length < 8 || password.length > 200)) {
      refuse('The password must be 8 to 200 characters (or empty to generate one).');
      continue;
    }
    const first = seen.get(email);
    if (first !== undefined) {
      refuse(`The same email is already on line ${first}.`);
      continue;
    }
    seen.set(email, line);
    rows.push({
      line,
      email,
      displayName,
      role: roleText,
      extraTimePercent: extra,
      password: password || null,
    });
  }
  return { ok: true, rows, refused };
}

/**
 * The file line a record starts on, as a spreadsheet shows it: csv-parse gives the line it
 * ends on; a quoted cell may span lines, and skipped blank lines come before the record.
 */
function firstLine(r: { raw: string; info: { lines: number } }): number {
  const body = r.raw.replace(/^[\r\n]+/, '').replace(/\r?\n$/, '');
  return r.info.lines - (body.match(/\n/g)?.length ?? 0);
}
