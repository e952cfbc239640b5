/**
 * The list an admin hands out after a class import: one row per created account with the
 * password to give them. Opens in a spreadsheet as it is (UTF-8 with a byte-order mark, so
 * Excel reads accents; CRLF line ends; quoted where needed). A cell that a spreadsheet would
 * run as a formula (=, +, -, @) is prefixed with an apostrophe.
 */
import type { ImportedUser } from '@exam/contracts';

export const IMPORT_LIST_HEADER = ['name', 'email', 'role', 'extra time', 'password'] as const;

/** Said in the password column when the admin's file gave the password itself. */
export const PASSWORD_FROM_FILE = '(the one in your file)';

export function importListCsv(created: readonly ImportedUser[]): string {
  const rows = created.map((u) => [
    u.displayName,
    u.email,
    u.role,
    u.extraTimePercent ? `${u.extraTimePercent}%` : '',
    u.generatedPassword ?? PASSWORD_FROM_FILE,
  ]);
  return (
    '\uFEFF' +
    [IMPORT_LIST_HEADER, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') +
    '\r\n'
  );
}

/** e.g. accounts-2026-03-04.csv, in the admin's local date. */
export function importListFileName(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `accounts-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.csv`;
}

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
