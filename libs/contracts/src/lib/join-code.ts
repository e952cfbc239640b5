/**
 * Join by code: a session open to self-enrolment shows a short code (and a QR code of the
 * join link) on a projector; a signed-in student of the academy types it (or scans it) and
 * lands in the lobby. Codes use characters that cannot be mistaken for one another, expire
 * with the session, are limited against guessing, and never admit another academy's student.
 */

import type { ExamSessionStatus } from './exams';

/** No 0/O, 1/I/L: what a class reads off a projector is what it types. */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 6;

/** A typed code as stored: upper case, without spaces or dashes ("abc-123" -> "ABC123"). */
export function normaliseJoinCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

/** The page a QR code points at, with the code filled in. */
export function joinLink(origin: string, code: string): string {
  return `${origin.replace(/\/$/, '')}/student/join?code=${encodeURIComponent(code)}`;
}

/**
 * Whether an open code admits students now: before launch, or while the exam runs with late
 * joining allowed and nobody has chosen "let everyone finish their own time". The server
 * applies it to every join; the dashboard and the projector say the same.
 */
export function codeAdmitsNow(s: {
  status: ExamSessionStatus;
  allowLateJoin: boolean;
  closingAt: number | null;
}): boolean {
  if (s.status === 'preparing') return true;
  return (
    (s.status === 'active' || s.status === 'paused') && s.allowLateJoin && s.closingAt === null
  );
}

/** A session's self-enrolment, as its staff see it. */
export interface SessionJoinCode {
  sessionId: string;
  /** Null until enrolment was first opened; kept when closed, so reopening shows the same. */
  code: string | null;
  /** Students may join with the code now. */
  open: boolean;
}

/** POST /exam-sessions/:id/join-code (staff who plan the session). */
export interface SetJoinCodeRequest {
  open: boolean;
}

/** POST /exam-sessions/join (students). */
export interface JoinByCodeRequest {
  code: string;
}

export interface JoinByCodeResponse {
  sessionId: string;
  title: string;
  /** The student was enrolled already (by the teacher, or an earlier join). */
  alreadyEnrolled: boolean;
}
