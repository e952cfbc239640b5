/**
 * Integrity signals: what happened around a student's attempt, recorded as context for the
 * teacher and never as a verdict (nothing is penalised automatically). The exam page reports
 * what it sees (the page hidden, the window losing focus, leaving full screen, a paste: how
 * many characters, never the content); the server records what it sees (another device or
 * tab joining the same attempt, a new network address, a reconnect). The session planner
 * chooses which kinds are recorded (ExamSessionConfig.integritySignals) and whether full
 * screen is requested (ExamSessionConfig.fullscreen).
 */

export const INTEGRITY_SIGNAL_KINDS = [
  'page_hidden',
  'focus_lost',
  'fullscreen_exit',
  'paste',
  'second_device',
  'new_ip',
  'reconnect',
] as const;
export type IntegritySignalKind = (typeof INTEGRITY_SIGNAL_KINDS)[number];

/** The kinds the exam page reports; the others the server sees for itself. */
export const CLIENT_SIGNAL_KINDS = [
  'page_hidden',
  'focus_lost',
  'fullscreen_exit',
  'paste',
] as const satisfies readonly IntegritySignalKind[];
export type ClientSignalKind = (typeof CLIENT_SIGNAL_KINDS)[number];

/** In the user's words: what each kind means, for the planner, the lobby and the timeline. */
export const INTEGRITY_SIGNAL_LABELS: Record<IntegritySignalKind, string> = {
  page_hidden: 'The exam page was hidden (another tab or app in front), and for how long',
  focus_lost: 'The exam window lost focus, and for how long',
  fullscreen_exit: 'Leaving full screen, and for how long',
  paste: 'Pasting into an answer: how many characters (never what was pasted)',
  second_device: 'Another device or tab opening the same exam',
  new_ip: 'Joining from a new network address',
  reconnect: 'Reconnecting after the connection dropped, and how long it was down',
};

/** Short names for a count or a timeline line. */
export const INTEGRITY_SIGNAL_NAMES: Record<IntegritySignalKind, string> = {
  page_hidden: 'Page hidden',
  focus_lost: 'Window lost focus',
  fullscreen_exit: 'Left full screen',
  paste: 'Pasted',
  second_device: 'Another device',
  new_ip: 'New address',
  reconnect: 'Reconnected',
};

/** The kinds a session records: the planner's choice (all by default); full screen only when asked for. */
export function recordedKinds(config: {
  integritySignals?: readonly IntegritySignalKind[];
  fullscreen?: boolean;
}): Set<IntegritySignalKind> {
  const chosen = new Set<IntegritySignalKind>(config.integritySignals ?? INTEGRITY_SIGNAL_KINDS);
  if (!config.fullscreen) chosen.delete('fullscreen_exit');
  return chosen;
}

/** Most signals in one report (the page sends what it queued while offline in one go). */
export const MAX_SIGNALS_PER_REPORT = 50;
/** Most signals stored per attempt; later ones are counted as ignored in the reply. */
export const MAX_SIGNALS_PER_ATTEMPT = 2_000;

/** Client -> server, `integrity_signal`: what the exam page saw. */
export interface IntegritySignalReport {
  sessionId: string;
  signals: ReportedSignal[];
}

export interface ReportedSignal {
  /** The page's own id for this signal (8-64 characters): a resent report is stored once. */
  id: string;
  kind: ClientSignalKind;
  /** When it started, server clock (the page knows its offset), epoch ms. */
  at: number;
  /** How long it lasted (page hidden, focus lost, out of full screen), ms. */
  durationMs?: number;
  /** paste: how many characters. */
  chars?: number;
  /** The question on screen when it happened. */
  questionId?: string;
  /** The page was offline when it happened (the report was queued). */
  offline?: boolean;
}

/** Server -> the reporting socket, `integrity_ack`: the report was stored (after commit). */
export interface IntegrityAckPayload {
  sessionId: string;
  /** The page's ids of every signal of the report that needs no resending. */
  ids: string[];
  /** Newly stored. */
  stored: number;
  /** Already stored before (a resend). */
  duplicates: number;
  /** Not recorded: the planner did not choose that kind, or the attempt holds the most. */
  ignored: number;
}

/** One recorded signal. */
export interface IntegritySignal {
  id: string;
  studentId: string;
  kind: IntegritySignalKind;
  at: number;
  durationMs: number | null;
  chars: number | null;
  questionId: string | null;
  offline: boolean;
  /** second_device: how many of the student's sockets were open; new_ip: the address. */
  detail: Record<string, string | number> | null;
}

/** A student's signals at a glance (the teacher's grid). */
export interface IntegritySummary {
  count: number;
  latest: IntegritySignal | null;
}

/** Server -> staff, `integrity_signal`: a student's new signals with their new summary. */
export interface IntegritySignalPayload {
  sessionId: string;
  studentId: string;
  signals: IntegritySignal[];
  summary: IntegritySummary;
}

/** One line of a student's timeline: signals beside answers and connection changes. */
export type TimelineEntry =
  | { type: 'signal'; at: number; signal: IntegritySignal }
  | { type: 'answer'; at: number; questionId: string; final: boolean }
  | {
      type: 'connection';
      at: number;
      /**
       * joined: first arrival; rejoined: back after a drop or a reload; disconnected: the
       * connection dropped; gone: it did not come back within the reconnect grace; left:
       * the student left the exam page.
       */
      change: 'joined' | 'rejoined' | 'disconnected' | 'gone' | 'left';
      /** rejoined: how long the connection was down. */
      offlineMs: number | null;
    }
  | { type: 'attempt'; at: number; change: 'submitted' | 'time_up' | 'ended' };

/** GET /exam-sessions/:id/students/:studentId/timeline (the session's staff). */
export interface StudentTimeline {
  sessionId: string;
  studentId: string;
  displayName: string;
  /** Questions in the exam's order, so entries can say "question 12". */
  questionIds: string[];
  summary: IntegritySummary;
  /** Oldest first. */
  entries: TimelineEntry[];
}
