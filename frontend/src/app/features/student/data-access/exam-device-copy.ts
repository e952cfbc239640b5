/**
 * The exam as last seen on this device, per student and session, so that a reload without a
 * network still shows it (questions in this student's order, saved answers, the deadline and
 * the server clock offset). Answers waiting to be sent live in the answer queue's own entry.
 * Written while the attempt runs and removed when it is over.
 */
import type { AnswerQueue } from './answer-queue';
import type { StudentExamState } from './student-exam.state';

export interface DeviceCopy {
  v: 1;
  /** Local time of the write. */
  savedAt: number;
  /** Server clock minus this device's clock when it was written. */
  offsetMs: number;
  state: StudentExamState;
}

/** Every localStorage key the exam page keeps for one student's attempt. */
export function examStorageKeys(userId: string, sessionId: string) {
  return {
    copy: `exam-room.exam.${userId}.${sessionId}`,
    answers: `exam-room.answers.${userId}.${sessionId}`,
    flags: `exam-room.flags.${userId}.${sessionId}`,
    signals: `exam-room.signals.${userId}.${sessionId}`,
    marks: `exam-room.marks.${userId}.${sessionId}`,
  };
}

export class ExamDeviceCopy {
  constructor(
    private readonly storage: Storage | null,
    private readonly key: string,
  ) {}

  save(state: StudentExamState, offsetMs: number, now: number): void {
    const copy: DeviceCopy = { v: 1, savedAt: now, offsetMs, state };
    try {
      this.storage?.setItem(this.key, JSON.stringify(copy));
    } catch {
      // Storage full or blocked: the page still works while it stays open.
    }
  }

  load(sessionId: string): DeviceCopy | null {
    try {
      const raw = this.storage?.getItem(this.key);
      if (!raw) return null;
      const c = JSON.parse(raw) as Partial<DeviceCopy>;
      const s = c.state;
      const ok =
        c.v === 1 &&
        typeof c.offsetMs === 'number' &&
        !!s &&
        s.sessionId === sessionId &&
        Array.isArray(s.questions) &&
        typeof s.saved === 'object' &&
        s.saved !== null &&
        typeof s.status === 'string';
      return ok ? (c as DeviceCopy) : null;
    } catch {
      return null;
    }
  }

  clear(): void {
    try {
      this.storage?.removeItem(this.key);
    } catch {
      // nothing stored
    }
  }
}

/** Only a running attempt is worth keeping; a finished one is removed from the device. */
export function worthKeeping(s: StudentExamState): boolean {
  return (
    s.attemptStatus !== 'completed' &&
    (s.status === 'preparing' || s.status === 'active' || s.status === 'paused')
  );
}

/**
 * The attempt on this device: the copy of the exam, the answer queue's entry and the flags.
 * Follows the state: kept while the attempt runs, all removed once it is over.
 */
export class ExamOnDevice {
  readonly keys: ReturnType<typeof examStorageKeys>;
  private readonly copy: ExamDeviceCopy;

  constructor(
    private readonly storage: Storage | null,
    userId: string,
    private readonly sessionId: string,
  ) {
    this.keys = examStorageKeys(userId, sessionId);
    this.copy = new ExamDeviceCopy(storage, this.keys.copy);
  }

  /** The copy to show after an offline reload, if the attempt was still running. */
  restore(): DeviceCopy | null {
    const kept = this.copy.load(this.sessionId);
    return kept && worthKeeping(kept.state) ? kept : null;
  }

  follow(state: StudentExamState, offsetMs: number, queue: AnswerQueue, now = Date.now()): void {
    if (worthKeeping(state)) {
      this.copy.save(state, offsetMs, now);
      return;
    }
    this.copy.clear();
    queue.clear();
    try {
      this.storage?.removeItem(this.keys.flags);
      this.storage?.removeItem(this.keys.marks);
    } catch {
      // nothing stored
    }
  }
}
