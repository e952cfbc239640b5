/**
 * Which notice a time event gives the student (warning, time added, pause, resume, the
 * teacher closing the exam), in words. Pure: the wall-clock formatter is passed in.
 */
import {
  LIVE_EVENTS,
  SESSION_CONTROL_EVENTS,
  type ExamAddTimePayload,
  type ExamResumePayload,
  type TimeWarningPayload,
} from '@exam/contracts';
import { payload } from '../../../core/live/live-payloads';
import type { NoticeTone, TimeNoticeKind } from './time-notices';
import { PAUSED_TEXT, addedTimeText, closingText, resumedText, warningText } from './time-text';

export interface NoticeSpec {
  kind: TimeNoticeKind;
  text: string;
  tone: NoticeTone;
}

const parseWarning = payload<TimeWarningPayload>({ minutesRemaining: 'number' });
const parseAddTime = payload<ExamAddTimePayload>({ addedMs: 'number', deadline: 'number' });
const parseResume = payload<ExamResumePayload>({ deadline: 'number' });

/**
 * `wallTime` turns a server instant into "10:42" in the academy's zone; `ownDeadline` is this
 * student's deadline after the event (exam_closing does not carry it).
 */
export function timeNoticeFor(
  event: string,
  data: unknown,
  wallTime: (at: number) => string,
  ownDeadline: number | null = null,
): NoticeSpec | null {
  switch (event) {
    case LIVE_EVENTS.TIME_WARNING: {
      const w = parseWarning(data);
      if (!w) return null;
      const urgent = w.urgent === true;
      return {
        kind: 'warning',
        text: warningText(w.minutesRemaining, urgent),
        tone: urgent ? 'danger' : 'warning',
      };
    }
    case SESSION_CONTROL_EVENTS.EXAM_ADD_TIME: {
      const p = parseAddTime(data);
      return p
        ? { kind: 'added', text: addedTimeText(p.addedMs, wallTime(p.deadline)), tone: 'success' }
        : null;
    }
    case SESSION_CONTROL_EVENTS.EXAM_PAUSE:
      return { kind: 'paused', text: PAUSED_TEXT, tone: 'info' };
    case SESSION_CONTROL_EVENTS.EXAM_RESUME: {
      const p = parseResume(data);
      return { kind: 'resumed', text: resumedText(p ? wallTime(p.deadline) : ''), tone: 'info' };
    }
    case LIVE_EVENTS.EXAM_CLOSING:
      return {
        kind: 'closing',
        text: closingText(ownDeadline === null ? '' : wallTime(ownDeadline)),
        tone: 'info',
      };
    default:
      return null;
  }
}
