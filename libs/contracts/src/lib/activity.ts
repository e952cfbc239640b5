/**
 * A session's activity feed for its staff, built from the stored session log (so it survives
 * a reload): lifecycle, time added, messages, warnings, and each student's arrival, dropped
 * connection, return and end. GET /exam-sessions/:id/activity, newest first.
 */

/** Entry types the feed knows (others may appear in later versions: show them generically). */
export const ACTIVITY_TYPES = [
  'exam_prepare',
  'exam_launch',
  'exam_pause',
  'exam_resume',
  'exam_complete',
  'exam_terminate',
  'exam_expire',
  'exam_closing',
  'exam_add_time',
  'broadcast_message',
  'time_warning',
  'student_joined',
  'student_disconnected',
  'student_left',
  'exam_submit',
  'attempt_expired',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export interface ActivityEntry {
  /** Increasing with time; page with beforeId. */
  id: number;
  at: number;
  type: string;
  /** Who did it (null: the server itself, e.g. the clock). */
  actor: { id: string; role: 'teacher' | 'admin' | 'student' } | null;
  /** The students it is about (names in SessionActivityPage.names). */
  studentIds: string[];
  /**
   * Facts by type: student_joined {rejoin, offlineMs}; student_left {reason: disconnect |
   * left}; exam_add_time {minutes, studentId}; broadcast_message {message, level};
   * time_warning {minutes}; lifecycle {reason}.
   */
  data: Record<string, unknown>;
}

export interface SessionActivityPage {
  entries: ActivityEntry[];
  /** Display names of every actor and student in these entries, by user id. */
  names: Record<string, string>;
  /** Older entries exist: ask again with beforeId = the last entry's id. */
  hasMore: boolean;
}
