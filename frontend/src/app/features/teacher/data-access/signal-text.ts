/**
 * Integrity signals and a student's timeline in the teacher's words: "Page hidden for 6 min
 * 4 s, question 12", "Pasted 42 characters, question 3 (while offline)", "Back after 2 min".
 * Context, never a verdict: the words describe, they do not accuse.
 */
import {
  INTEGRITY_SIGNAL_NAMES,
  type IntegritySignal,
  type IntegritySummary,
  type TimelineEntry,
} from '@exam/contracts';

/** 4 s, 6 min 4 s, 1 h 2 min. */
export function durationText(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

const questionPart = (id: string | null, numbers: Readonly<Record<string, number>>) =>
  id && numbers[id] ? `question ${numbers[id]}` : null;

/** One signal in a sentence. */
export function signalText(
  s: IntegritySignal,
  numbers: Readonly<Record<string, number>> = {},
): string {
  let what: string;
  switch (s.kind) {
    case 'paste':
      what = `Pasted ${s.chars ?? 0} ${s.chars === 1 ? 'character' : 'characters'}`;
      break;
    case 'second_device':
      what = 'Another device or tab opened the exam';
      break;
    case 'new_ip':
      what = `Joined from a new network address${s.detail?.['ip'] ? ` (${s.detail['ip']})` : ''}`;
      break;
    case 'reconnect':
      what = `Reconnected${s.durationMs !== null ? ` after ${durationText(s.durationMs)}` : ''}`;
      break;
    default:
      what = `${INTEGRITY_SIGNAL_NAMES[s.kind]}${s.durationMs !== null ? ` for ${durationText(s.durationMs)}` : ''}`;
  }
  const parts = [what, questionPart(s.questionId, numbers)].filter(Boolean);
  return `${parts.join(', ')}${s.offline ? ' (while offline)' : ''}`;
}

/** The grid's cell: how many, and the latest in short. */
export function summaryText(
  sum: IntegritySummary,
  numbers: Readonly<Record<string, number>> = {},
): string {
  if (!sum.count || !sum.latest) return '';
  return `${sum.count} · latest: ${signalText(sum.latest, numbers)}`;
}

/** One line of a student's timeline. */
export function timelineText(e: TimelineEntry, numbers: Readonly<Record<string, number>>): string {
  switch (e.type) {
    case 'signal':
      return signalText(e.signal, numbers);
    case 'answer': {
      const q = questionPart(e.questionId, numbers) ?? 'a question';
      return `${e.final ? 'Submitted the answer to' : 'Saved an answer to'} ${q}`;
    }
    case 'connection':
      switch (e.change) {
        case 'joined':
          return 'Joined the exam';
        case 'rejoined':
          return e.offlineMs !== null
            ? `Back after ${durationText(e.offlineMs)}`
            : 'Opened the exam again';
        case 'disconnected':
          return 'Connection dropped';
        case 'gone':
          return 'Did not come back within the reconnect time';
        case 'left':
          return 'Left the exam page';
      }
      return 'Connection changed';
    case 'attempt':
      return e.change === 'submitted'
        ? 'Handed in'
        : e.change === 'time_up'
          ? 'Time ran out'
          : 'The attempt ended';
  }
}
