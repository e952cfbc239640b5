/**
 * An admin's work on the accounts of their academy: edit a teacher or student, set a new
 * password for someone who forgot theirs, and bring a whole class in from a CSV file.
 */

/** PATCH /users/:id (admins). Missing fields stay as they are. */
export interface UpdateUserRequest {
  displayName?: string;
  email?: string;
  /** Students: accommodation in percent (0-300); copied into sessions still being planned. */
  extraTimePercent?: number;
}

/** POST /users/:id/reset-password (admins): every login of the user ends. */
export interface ResetPasswordRequest {
  password: string;
}

/** Most rows one import takes (a class or a year group). */
export const MAX_IMPORT_ROWS = 500;

/**
 * POST /users/import (admins): CSV with a header row. Columns (any order, case-insensitive):
 * `email` and `name` required; `role` (student or teacher, default student), `extra time`
 * (percent), `password` (8+ characters; when empty one is generated and returned once).
 * Comma or semicolon separated, UTF-8.
 */
export interface ImportUsersRequest {
  csv: string;
  /** Check every row and report, create nothing. */
  dryRun?: boolean;
}

export interface ImportedUser {
  /** Line number in the file (the header is line 1). */
  line: number;
  id: string | null;
  email: string;
  displayName: string;
  role: 'teacher' | 'student';
  extraTimePercent: number;
  /** Only when the server generated it: shown once, never stored in clear. */
  generatedPassword: string | null;
}

export interface ImportRefusal {
  line: number;
  email: string | null;
  /** What is wrong with the row and how to fix it. */
  reason: string;
}

export interface ImportUsersReport {
  dryRun: boolean;
  created: ImportedUser[];
  refused: ImportRefusal[];
}
