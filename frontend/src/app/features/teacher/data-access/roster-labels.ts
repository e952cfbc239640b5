/**
 * What the live grid says about one student, in the teacher's words: where they are (in the
 * lobby, working, handed in, time ran out, ended by the teacher...), which question they are
 * on, and their own working time with the accommodation and any time added.
 */
import type { AttemptEndReason, ExamSessionStatus } from '@exam/contracts';
import type { RosterRow } from './teacher-live.state';

export const END_REASON_LABELS: Record<AttemptEndReason, string> = {
  submitted: 'Handed in',
  deadline: 'Time ran out',
  teacher: 'Ended by the teacher',
  terminated: 'Exam terminated',
  absent: 'Absent',
};

type StatusFacts = Pick<RosterRow, 'status' | 'joinedAt' | 'endReason'>;

/** The Status column: before launch who is waiting, then working, then how it ended. */
export function attemptStatusLabel(r: StatusFacts, session: ExamSessionStatus): string {
  if (r.status === 'completed') {
    return r.endReason ? END_REASON_LABELS[r.endReason] : 'Finished';
  }
  if (session === 'preparing') return r.joinedAt !== null ? 'In the lobby' : 'Not joined';
  if (session === 'completed' || session === 'terminated') {
    return r.joinedAt !== null ? 'Finished' : 'Absent';
  }
  return r.joinedAt !== null ? 'Working' : 'Not joined';
}

/**
 * The Question column: nothing before launch or for someone who never came; after launch a
 * student starts on question 1 until they move (the server learns the question on a move).
 */
export function questionLabel(
  r: Pick<RosterRow, 'currentQuestionId' | 'joinedAt' | 'status'>,
  session: ExamSessionStatus,
  numbers: Readonly<Record<string, number>>,
): string {
  if (r.currentQuestionId) {
    const n = numbers[r.currentQuestionId];
    return n ? `Q${n}` : 'In progress';
  }
  const started = session === 'active' || session === 'paused';
  return started && r.joinedAt !== null && r.status !== 'completed' ? 'Q1' : '–';
}

/** Whole minutes, as a teacher reads a timetable: "75 min", "1 h 15 min" for long ones. */
export function minutesText(ms: number): string {
  const total = Math.round(ms / 60_000);
  if (total < 120) return `${total} min`;
  const h = Math.floor(total / 60);
  const m = total % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

export interface AllowanceCell {
  /** This student's own working time: "75 min". */
  total: string;
  /** What makes it differ from the session's: "+25 %", "+5 min" (empty when nothing). */
  extras: string[];
  /** In words (the cell's tooltip): "75 minutes: 25 % extra time, 5 minutes added". */
  spoken: string;
}

/**
 * The working-time cell: the student's own allowance (duration with the accommodation and
 * every minute added for everyone or for them), then what it is made of beyond the duration.
 */
export function allowanceCell(
  r: Pick<RosterRow, 'allowanceMs' | 'extraTimePercent' | 'extraMs'>,
  sessionExtraMs = 0,
): AllowanceCell {
  const added = Math.round((r.extraMs + sessionExtraMs) / 60_000);
  const extras: string[] = [];
  const spokenParts: string[] = [];
  if (r.extraTimePercent > 0) {
    extras.push(`+${r.extraTimePercent} %`);
    spokenParts.push(`${r.extraTimePercent} % extra time`);
  }
  if (added > 0) {
    extras.push(`+${added} min`);
    spokenParts.push(`${added} minute${added === 1 ? '' : 's'} added`);
  }
  const total = minutesText(r.allowanceMs);
  const minutes = Math.round(r.allowanceMs / 60_000);
  const spokenTotal = `${minutes} minute${minutes === 1 ? '' : 's'}`;
  return {
    total,
    extras,
    spoken: spokenParts.length ? `${spokenTotal}: ${spokenParts.join(', ')}` : spokenTotal,
  };
}
