/**
 * Whether an answer may be stored (R4, R7). Pure: the service supplies the session status,
 * the attempt, the student's deadline, the clock and the stored sequence number, and carries
 * out the decision (write, or reply stale / late / error without storing anything).
 */
import type { ExamSessionStatus, StudentSessionStatus } from '@exam/contracts';
import { isLate } from './deadline';

export interface AcceptanceInput {
  sessionStatus: ExamSessionStatus;
  /** Null when the student is not enrolled in this session. */
  attemptStatus: StudentSessionStatus | null;
  deadline: number | null;
  graceMs: number;
  now: number;
  /** Highest seq stored (or being stored) for this question; undefined when none. */
  storedSeq: number | undefined;
  seq: number;
}

export type AcceptanceDecision =
  | { kind: 'accept' }
  | { kind: 'stale'; currentSeq: number }
  | { kind: 'late'; message: string }
  | {
      kind: 'refuse';
      code: 'NOT_ENROLLED' | 'SESSION_NOT_LIVE' | 'ALREADY_COMPLETED';
      message: string;
    };

export function decideAnswer(i: AcceptanceInput): AcceptanceDecision {
  if (i.attemptStatus === null) {
    return {
      kind: 'refuse',
      code: 'NOT_ENROLLED',
      message: 'You are not enrolled in this exam session.',
    };
  }
  if (isLate(i.deadline, i.graceMs, i.now)) {
    return {
      kind: 'late',
      message: 'The time for this exam is over; answers sent after the deadline are not saved.',
    };
  }
  switch (i.sessionStatus) {
    case 'preparing':
      return {
        kind: 'refuse',
        code: 'SESSION_NOT_LIVE',
        message: 'The exam has not started yet; wait for the teacher to launch it.',
      };
    case 'paused':
      return {
        kind: 'refuse',
        code: 'SESSION_NOT_LIVE',
        message: 'The exam is paused; your answer was not saved. Send it again when it resumes.',
      };
    case 'completed':
    case 'terminated':
      return {
        kind: 'refuse',
        code: 'SESSION_NOT_LIVE',
        message: `The exam session has ${i.sessionStatus === 'completed' ? 'ended' : 'been terminated'}; answers are no longer accepted.`,
      };
    case 'active':
      break;
  }
  if (i.attemptStatus === 'completed') {
    return {
      kind: 'refuse',
      code: 'ALREADY_COMPLETED',
      message: 'You have already submitted this exam; answers can no longer be changed.',
    };
  }
  if (i.storedSeq !== undefined && i.seq <= i.storedSeq) {
    return { kind: 'stale', currentSeq: i.storedSeq };
  }
  return { kind: 'accept' };
}
