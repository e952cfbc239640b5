import type { StudentExamState } from './student-exam.state';
import { AnswerQueue } from './answer-queue';
import { ExamDeviceCopy, ExamOnDevice, examStorageKeys, worthKeeping } from './exam-device-copy';

function state(over: Partial<StudentExamState> = {}): StudentExamState {
  return {
    sessionId: 's1',
    title: 'T',
    status: 'active',
    attemptStatus: 'joined',
    durationMinutes: 60,
    config: { timeWarningMinutes: [5], gracePeriodSeconds: 30, allowLateJoin: true },
    launchedAt: 1,
    pausedAt: null,
    endedAt: null,
    endReason: null,
    deadline: 99,
    allowanceMs: 60 * 60_000,
    questionCount: 1,
    questions: [{ id: 'q1', type: 'short_text', position: 0, prompt: 'P', points: 1 }],
    texts: [],
    saved: {},
    completedAt: null,
    currentQuestionId: 'q1',
    ...over,
  };
}

describe('the exam kept on the device', () => {
  beforeEach(() => localStorage.clear());

  it('saves and loads the copy of one student and session, with the clock offset', () => {
    const keys = examStorageKeys('u1', 's1');
    expect(keys).toEqual({
      copy: 'exam-room.exam.u1.s1',
      answers: 'exam-room.answers.u1.s1',
      flags: 'exam-room.flags.u1.s1',
      signals: 'exam-room.signals.u1.s1',
      marks: 'exam-room.marks.u1.s1',
    });
    const copy = new ExamDeviceCopy(localStorage, keys.copy);
    copy.save(state(), 1234, 5);
    expect(copy.load('s1')).toEqual({ v: 1, savedAt: 5, offsetMs: 1234, state: state() });
    expect(copy.load('s2')).toBeNull();
    localStorage.setItem(keys.copy, '{"v":1,"state":{}}');
    expect(copy.load('s1')).toBeNull();
    localStorage.setItem(keys.copy, 'not json');
    expect(copy.load('s1')).toBeNull();
  });

  it('keeps a running attempt only', () => {
    expect(worthKeeping(state())).toBe(true);
    expect(worthKeeping(state({ status: 'preparing' }))).toBe(true);
    expect(worthKeeping(state({ attemptStatus: 'completed' }))).toBe(false);
    expect(worthKeeping(state({ status: 'terminated' }))).toBe(false);
  });

  it('follows the attempt: kept while it runs, everything removed once it is over', () => {
    const device = new ExamOnDevice(localStorage, 'u1', 's1');
    const queue = new AnswerQueue({
      storage: localStorage,
      storageKey: device.keys.answers,
      debounceMs: 10,
      ackTimeoutMs: 100,
      newKey: () => 'k-1',
      now: () => 1,
    });
    queue.change('q1', { text: 'a' }, true);
    localStorage.setItem(device.keys.flags, '["q1"]');
    device.follow(state(), 0, queue, 1);
    expect(device.restore()?.state.sessionId).toBe('s1');
    device.follow(state({ attemptStatus: 'completed', endReason: 'submitted' }), 0, queue, 2);
    expect(device.restore()).toBeNull();
    expect(Object.keys(localStorage)).toEqual([]);
    // The answers shown on the completion screen stay in memory.
    expect(queue.drafts()['q1']).toEqual({ text: 'a' });
  });
});
