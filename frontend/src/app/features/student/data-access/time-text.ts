/**
 * What the student reads (and hears) about time, in one place: their own working time, the
 * time events (warnings, added time, pause, resume, the grace period) and how the attempt
 * ended. Pure: times come in as numbers and wall-clock strings, words go out.
 */
import type { AttemptEndReason, ExamSessionStatus } from '@exam/contracts';
import { spokenDuration } from '../../../core/live/server-clock';

/** "75 minutes", "56 minutes 15 seconds": a working time (not a countdown) in words. */
export function durationWords(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  const min = `${minutes} minute${minutes === 1 ? '' : 's'}`;
  if (seconds === 0) return min;
  const sec = `${seconds} second${seconds === 1 ? '' : 's'}`;
  return minutes === 0 ? sec : `${min} ${sec}`;
}

/** The student's own time: "75 minutes (includes your extra time)", or "60 minutes". */
export function workingTimeText(
  allowanceMs: number | null | undefined,
  durationMinutes: number,
): string {
  const base = durationMinutes * 60_000;
  const own = typeof allowanceMs === 'number' && allowanceMs > 0 ? allowanceMs : base;
  const words = durationWords(own);
  return own > base ? `${words} (includes your extra time)` : words;
}

/**
 * The exam's instructions with the exam's bare duration ("60 minutes", "60 min") replaced by
 * this student's own time, so a student with extra time never reads the class's figure.
 */
export function personaliseInstructions(
  text: string,
  durationMinutes: number,
  allowanceMs: number | null | undefined,
): string {
  const base = durationMinutes * 60_000;
  if (!text || typeof allowanceMs !== 'number' || allowanceMs <= base) return text;
  const own = workingTimeText(allowanceMs, durationMinutes);
  const n = String(durationMinutes);
  let out = text.replace(new RegExp(`\\b${n}\\s*(?:minutes|minute|mins|min)\\b\\.?`, 'gi'), (m) =>
    m.endsWith('.') ? `${own}.` : own,
  );
  if (durationMinutes % 60 === 0) {
    const h = durationMinutes / 60;
    const hours = h === 1 ? '(?:1|one|an)\\s+hour' : `${h}\\s+hours`;
    out = out.replace(new RegExp(`\\b${hours}\\b`, 'gi'), own);
  }
  return out;
}

/** time_warning: "5 minutes left." (and a nudge on the last warning). */
export function warningText(minutesRemaining: number, urgent: boolean): string {
  const left = `${spokenDuration(minutesRemaining * 60_000)} left.`;
  return urgent ? `${left} Finish your answers now.` : left;
}

/** exam_add_time: "Your teacher added 5 minutes. You now have until 10:42." */
export function addedTimeText(addedMs: number, until: string): string {
  const added = `Your teacher added ${durationWords(addedMs)}.`;
  return until ? `${added} You now have until ${until}.` : added;
}

/** exam_closing: the teacher ends the exam, but everyone working keeps their own time. */
export function closingText(until: string): string {
  const base = 'Your teacher is closing the exam. You can still use all of your own time';
  return until ? `${base}, until ${until}.` : `${base}.`;
}

export const PAUSED_TEXT = 'Your teacher paused the exam. The clock is stopped.';

/** exam_resume: "The exam continues. The clock is running again: you have until 11:02." */
export function resumedText(until: string): string {
  const base = 'The exam continues. The clock is running again';
  return until ? `${base}: you have until ${until}.` : `${base}.`;
}

/**
 * After the deadline. The server still saves answers until deadline + grace; then it closes
 * the attempt and grades the answers it has (backend LiveSessionService.tick()).
 */
export function graceText(secondsLeft: number): string {
  if (secondsLeft <= 0) {
    return 'Time is up. The exam is closing: the answers you saved are being submitted.';
  }
  const s = `${secondsLeft} second${secondsLeft === 1 ? '' : 's'}`;
  return `Time is up. Your answers are still being saved for ${s}; after that the exam closes and what you saved is submitted.`;
}

/** How the attempt ended, as the completion screen's heading. */
export function endTitle(
  reason: AttemptEndReason | null,
  status: ExamSessionStatus | undefined,
): string {
  switch (reason) {
    case 'submitted':
      return 'You submitted your exam';
    case 'deadline':
      return 'Time ran out: your saved answers were submitted';
    case 'teacher':
      return 'Your teacher ended the exam: your saved answers were submitted';
    case 'terminated':
      return 'The exam was stopped by your teacher';
    case 'absent':
      return 'You did not take part in this exam';
    case null:
      return status === 'terminated' ? 'The exam was stopped by your teacher' : 'The exam is over';
  }
}

/** One line under the heading: what happened to the answers. */
export function endDetail(reason: AttemptEndReason | null): string {
  switch (reason) {
    case 'absent':
      return 'You did not join this exam while it ran, so there are no answers from you.';
    case 'terminated':
      return 'Your teacher stopped the exam early. The answers you saved before then are kept.';
    case 'submitted':
    case 'deadline':
    case 'teacher':
    case null:
      return 'Your answers are saved.';
  }
}

/** Submit refused on this device: answers still on their way. */
export function notSavedYetText(pending: number): string {
  const what = pending === 1 ? '1 answer is' : `${pending} answers are`;
  return `${what} not saved yet. Check your connection; your answers are kept on this device. Then submit again.`;
}
