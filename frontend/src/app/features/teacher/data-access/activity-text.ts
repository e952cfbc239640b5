/**
 * The activity feed's sentences: one line per happening, in the teacher's words ("Sam is
 * back after 2 min", "Time ran out for Sol", "Tom Teacher let everyone finish their own
 * time"), never a field name. Types and their data are documented in libs/contracts
 * activity.ts; a type this version does not know is still shown, in plain words.
 */
import type { FeedEntry } from './feed-entry';

export type FeedTone = 'info' | 'success' | 'warning' | 'error';

export interface FeedLine {
  text: string;
  tone: FeedTone;
}

/** Formats a server time as the academy's wall clock ("11:42"). */
export type ClockText = (at: number) => string;

const RELEASE_TEXT: Record<string, string> = {
  none: 'Results withdrawn: students no longer see them',
  score: 'Results released: students see their score',
  correctness: 'Results released: students see their score and which questions were right',
  full_review: 'Results released: students see the full review',
};

const OWN_TIME_DONE = 'everyone finished their own time';

export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "Sam", "Sam and Sol", "Sam, Sol and Ann", "Sam, Sol and 3 others". */
export function namesText(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  if (names.length > 3) return `${names.slice(0, 2).join(', ')} and ${names.length - 2} others`;
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** "40 s", "2 min", "1 h 5 min": how long someone was away. */
export function awayText(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  return m % 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${Math.floor(m / 60)} h`;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

export function describeActivity(
  e: FeedEntry,
  names: Readonly<Record<string, string>>,
  clock: ClockText,
): FeedLine {
  const students = namesText(e.studentIds.map((id) => names[id] ?? 'A student'));
  const student = students || 'A student';
  const actor = e.actorId ? (names[e.actorId] ?? 'A teacher') : null;
  /** "Tom Teacher paused the exam" when known, else "Exam paused". */
  const did = (verb: string, fallback: string) => (actor ? `${actor} ${verb}` : fallback);
  const d = e.data;

  switch (e.type) {
    case 'exam_prepare':
      return { text: 'Exam announced to the lobby', tone: 'info' };
    case 'exam_launch':
      return {
        text:
          e.actorId === null
            ? 'The exam launched by itself at the planned start: the clock is running'
            : `${did('launched the exam', 'Exam launched')}: the clock is running`,
        tone: 'success',
      };
    case 'exam_pause':
      return { text: did('paused the exam', 'Exam paused'), tone: 'warning' };
    case 'exam_resume':
      return { text: did('resumed the exam', 'Exam resumed'), tone: 'info' };
    case 'exam_complete':
      if (d['reason'] === OWN_TIME_DONE) {
        return {
          text: 'Everyone has finished their own time: the exam is complete',
          tone: 'success',
        };
      }
      return {
        text: `${did('ended the exam', 'Exam ended')}: every attempt still open ended now`,
        tone: 'success',
      };
    case 'exam_expire':
      return { text: 'Time is up: the exam completed by itself', tone: 'success' };
    case 'exam_terminate':
      return { text: did('terminated the exam', 'Exam terminated'), tone: 'error' };
    case 'exam_closing': {
      const working = num(d['working']);
      const until = num(d['lastUntil']);
      const detail =
        working === null
          ? ''
          : working === 0
            ? ' (nobody is still working)'
            : ` (${count(working, 'student')} still working${until ? `, the last until ${clock(until)}` : ''})`;
      return {
        text: `${did('let everyone finish their own time', 'Everyone may finish their own time')}: nobody new can start${detail}`,
        tone: 'warning',
      };
    }
    case 'exam_add_time': {
      const minutes = count(num(d['minutes']) ?? 0, 'minute');
      const target = str(d['studentId'])
        ? (names[str(d['studentId']) ?? ''] ?? student)
        : 'everyone';
      return {
        text: actor ? `${actor} added ${minutes} for ${target}` : `${minutes} added for ${target}`,
        tone: 'info',
      };
    }
    case 'broadcast_message': {
      const to = e.studentIds.length ? students : 'everyone';
      const level = str(d['level']);
      const tone: FeedTone =
        level === 'warning' || level === 'error' || level === 'success' ? level : 'info';
      return {
        text: `${actor ? `${actor} to ${to}` : `Message to ${to}`}: “${str(d['message']) ?? ''}”`,
        tone,
      };
    }
    case 'time_warning': {
      const minutes = num(d['minutes']);
      const to = e.studentIds.length ? students : 'the students';
      return {
        text: `Time warning sent to ${to}${minutes === null ? '' : `: ${count(minutes, 'minute')} left`}`,
        tone: 'warning',
      };
    }
    case 'student_joined': {
      if (d['rejoin'] !== true) return { text: `${student} joined`, tone: 'info' };
      const away = num(d['offlineMs']);
      return {
        text: away === null ? `${student} is back` : `${student} is back after ${awayText(away)}`,
        tone: 'success',
      };
    }
    case 'student_disconnected':
      return { text: `${student} lost connection`, tone: 'warning' };
    case 'student_left':
      return d['reason'] === 'left'
        ? { text: `${student} left`, tone: 'warning' }
        : { text: `${student} went offline`, tone: 'warning' };
    case 'exam_submit':
      return { text: `${student} handed in`, tone: 'success' };
    case 'attempt_expired':
      return { text: `Time ran out for ${student}`, tone: 'warning' };
    case 'results_released': {
      const mode = str(d['mode']) ?? '';
      return {
        text: RELEASE_TEXT[mode] ?? 'Results changed',
        tone: mode === 'none' ? 'warning' : 'success',
      };
    }
    default: {
      const what = e.type.replace(/_/g, ' ');
      const text = `${what.charAt(0).toUpperCase()}${what.slice(1)}`;
      return { text: students ? `${text}: ${students}` : text, tone: 'info' };
    }
  }
}
