/**
 * The exam session lifecycle as a pure state machine:
 *
 *   preparing -> active <-> paused -> completed, and terminated from any live state
 *   (preparing, active, paused).
 *
 * `decide` never mutates: it returns the next timing facts and the event to publish, or a
 * refusal with INVALID_TRANSITION. The service stores the facts and carries out the event.
 */
import type { ExamSessionStatus } from '@exam/contracts';

export const SESSION_COMMANDS = [
  'prepare',
  'launch',
  'pause',
  'resume',
  'complete',
  'terminate',
  /** The clock: deadline plus grace passed. */
  'expire',
] as const;
export type SessionCommand = (typeof SESSION_COMMANDS)[number];

/** The stored facts the lifecycle changes (a subset of exam_sessions). */
export interface LifecycleFacts {
  status: ExamSessionStatus;
  launchedAt: number | null;
  /** Start of the current pause; null when not paused. */
  pausedAt: number | null;
  totalPausedMs: number;
  endedAt: number | null;
  endReason: string | null;
}

export type LifecycleEvent =
  | { type: 'prepared' }
  | { type: 'launched'; launchedAt: number }
  | { type: 'paused'; pausedAt: number }
  | { type: 'resumed'; pausedMs: number }
  | {
      type: 'ended';
      status: 'completed' | 'terminated';
      reason: 'teacher' | 'deadline' | 'terminated';
    };

export type LifecycleDecision =
  | { ok: true; facts: LifecycleFacts; event: LifecycleEvent }
  | { ok: false; code: 'INVALID_TRANSITION'; message: string };

/** Statuses from which `terminate` is allowed. */
export const LIVE_STATUSES: readonly ExamSessionStatus[] = ['preparing', 'active', 'paused'];

const ALLOWED: Record<SessionCommand, readonly ExamSessionStatus[]> = {
  prepare: ['preparing'],
  launch: ['preparing'],
  pause: ['active'],
  resume: ['paused'],
  complete: ['active', 'paused'],
  expire: ['active', 'paused'],
  terminate: LIVE_STATUSES,
};

export function isAllowed(status: ExamSessionStatus, command: SessionCommand): boolean {
  return ALLOWED[command].includes(status);
}

function refuse(status: ExamSessionStatus, command: SessionCommand): LifecycleDecision {
  const allowed = ALLOWED[command].join(' or ');
  return {
    ok: false,
    code: 'INVALID_TRANSITION',
    message: `Cannot ${command} a session that is ${status}; this is only possible when it is ${allowed}.`,
  };
}

/** Folds a running pause into totalPausedMs (ending or resuming while paused). */
function closePause(f: LifecycleFacts, now: number): LifecycleFacts {
  if (f.pausedAt === null) return f;
  return {
    ...f,
    totalPausedMs: f.totalPausedMs + Math.max(0, now - f.pausedAt),
    pausedAt: null,
  };
}

export function decide(f: LifecycleFacts, command: SessionCommand, now: number): LifecycleDecision {
  if (!isAllowed(f.status, command)) return refuse(f.status, command);
  switch (command) {
    case 'prepare':
      return { ok: true, facts: f, event: { type: 'prepared' } };
    case 'launch':
      return {
        ok: true,
        facts: { ...f, status: 'active', launchedAt: now, pausedAt: null, totalPausedMs: 0 },
        event: { type: 'launched', launchedAt: now },
      };
    case 'pause':
      return {
        ok: true,
        facts: { ...f, status: 'paused', pausedAt: now },
        event: { type: 'paused', pausedAt: now },
      };
    case 'resume': {
      const pausedMs = Math.max(0, now - (f.pausedAt ?? now));
      return {
        ok: true,
        facts: { ...closePause(f, now), status: 'active' },
        event: { type: 'resumed', pausedMs },
      };
    }
    case 'complete':
    case 'expire': {
      const reason = command === 'complete' ? 'teacher' : 'deadline';
      return {
        ok: true,
        facts: { ...closePause(f, now), status: 'completed', endedAt: now, endReason: reason },
        event: { type: 'ended', status: 'completed', reason },
      };
    }
    case 'terminate':
      return {
        ok: true,
        facts: {
          ...closePause(f, now),
          status: 'terminated',
          endedAt: now,
          endReason: 'terminated',
        },
        event: { type: 'ended', status: 'terminated', reason: 'terminated' },
      };
  }
}
