import { LIVE_EVENTS, STUDENT_EVENTS, type SavedAnswer } from '@exam/contracts';
import type { PublicQuestion } from '../../exams/domain/student-view';
import type { SessionRooms } from '../../realtime/session-rooms.service';
import type { BackgroundWriter } from '../background-writer';
import type { LiveEmitter } from './live-emitter';
import { LiveProgress } from './live-progress';
import { answerableOf, type LiveState, type StudentState } from './live-state';
import { liveState, MIN, student, T0 } from './live-state.spec-helper';
import { PresenceRegistry } from './presence-registry';
import type { SessionStore } from './session-store';

const questions: PublicQuestion[] = [
  { id: 'q1', type: 'single_choice', prompt: '1', points: 1, body: {} as PublicQuestion['body'] },
  { id: 'q2', type: 'short_text', prompt: '2', points: 1, body: {} as PublicQuestion['body'] },
  { id: 'q3', type: 'true_false', prompt: '3', points: 1, body: {} as PublicQuestion['body'] },
];

function saved(questionId: string, answer: SavedAnswer['answer']): [string, SavedAnswer] {
  return [questionId, { questionId, answer, key: questionId, seq: 1, final: false, savedAt: T0 }];
}

function session(students: StudentState[], over: Partial<LiveState> = {}): LiveState {
  return liveState(students, {
    launchedAt: T0 - 10 * MIN,
    questions,
    answerable: new Map(questions.map((q) => [q.id, answerableOf(q)])),
    ...over,
  });
}

function setup(states: LiveState[], online: string[] = []) {
  const rooms = { isStudentOnline: jest.fn((_s: string, uid: string) => online.includes(uid)) };
  const presence = new PresenceRegistry(rooms as unknown as SessionRooms);
  const emitter = { emit: jest.fn((..._args: unknown[]) => 1) };
  const background = { updateRow: jest.fn() };
  const store = { all: () => states.values() };
  const progress = new LiveProgress(
    store as unknown as SessionStore,
    rooms as unknown as SessionRooms,
    presence,
    emitter as unknown as LiveEmitter,
    background as unknown as BackgroundWriter,
  );
  return { progress, presence, emitter, background };
}

describe('LiveProgress', () => {
  beforeEach(() => jest.useFakeTimers({ now: T0 }));
  afterEach(() => jest.useRealTimers());

  describe('progressOf', () => {
    it('counts complete answers only, as a percent with one decimal, and time since joining', () => {
      const a = student('a', {
        joinedAt: T0 - 6 * MIN,
        latest: new Map([
          saved('q1', { optionId: 'x' }),
          saved('q2', { text: '   ' }),
          saved('q3', { value: false }),
        ]),
      });
      const st = session([a]);
      const { progress } = setup([st], ['a']);
      expect(progress.progressOf(st, a, T0)).toEqual({
        sessionId: st.id,
        studentId: 'a',
        status: 'joined',
        currentQuestionId: null,
        answered: 2,
        total: 3,
        progress: 66.7,
        timeSpentMs: 6 * MIN,
        connectionStatus: 'connected',
        lastActivityAt: null,
        endReason: null,
      });
    });

    it('tells connected, reconnecting, disconnected and not joined apart', () => {
      const st = session([
        student('on'),
        student('grace'),
        student('gone'),
        student('never', { joinedAt: null, status: 'enrolled' }),
      ]);
      const { progress, presence } = setup([st], ['on']);
      presence.startGrace(st.id, 'grace', 30_000, () => undefined);
      const status = (uid: string) =>
        progress.progressOf(st, st.students.get(uid)!, T0).connectionStatus;
      expect(['on', 'grace', 'gone', 'never'].map(status)).toEqual([
        'connected',
        'reconnecting',
        'disconnected',
        'not_joined',
      ]);
      presence.endGrace(st.id, 'grace');
      expect(status('grace')).toBe('disconnected');
    });
  });

  describe('push', () => {
    it("sends each dirty student's progress to the teachers, then the stats once", () => {
      const a = student('a');
      const b = student('b', { status: 'completed' });
      const st = session([a, b]);
      const { progress, emitter } = setup([st], ['a']);
      progress.markDirty(st, a);
      progress.markDirty(st, b);
      expect(progress.push(st)).toBe(false);
      const events = emitter.emit.mock.calls.map((c: unknown[]) => c[2]);
      expect(events).toEqual([
        STUDENT_EVENTS.STUDENT_PROGRESS,
        STUDENT_EVENTS.STUDENT_PROGRESS,
        LIVE_EVENTS.LIVE_UPDATE,
      ]);
      expect(emitter.emit.mock.calls[2][3]).toMatchObject({
        kind: 'stats',
        stats: { enrolled: 2, connected: 1, completed: 1, minutesElapsed: 10 },
      });
      expect(st.dirtyPush.size).toBe(0);
      expect(st.dirtyPersist.size).toBe(2);

      // Unchanged stats are not sent again.
      progress.markDirty(st, a);
      progress.push(st);
      expect(emitter.emit).toHaveBeenCalledTimes(4);
      expect(progress.push(st)).toBe(false);
      expect(emitter.emit).toHaveBeenCalledTimes(4);
    });

    it('sends at most `limit` students a turn and says when some remain', () => {
      const students = ['a', 'b', 'c'].map((id) => student(id));
      const st = session(students);
      const { progress, emitter } = setup([st]);
      for (const s of students) progress.markDirty(st, s);
      expect(progress.push(st, 2)).toBe(true);
      expect(emitter.emit).toHaveBeenCalledTimes(2);
      expect(progress.push(st, 2)).toBe(false);
      expect(emitter.emit).toHaveBeenCalledTimes(4);
    });

    it('the timer sends the stats at most every 250 ms, and the ones it held back later', () => {
      const a = student('a');
      const b = student('b');
      const st = session([a, b]);
      const { progress, emitter } = setup([st], ['a']);
      const statsSent = () =>
        emitter.emit.mock.calls.filter((c: unknown[]) => c[2] === LIVE_EVENTS.LIVE_UPDATE).length;
      progress.markDirty(st, a);
      progress.pushAll();
      expect(statsSent()).toBe(1);
      // 50 ms later another student changed (now online): progress at once, stats held back.
      jest.advanceTimersByTime(50);
      progress.markDirty(st, b);
      progress.pushAll();
      expect(emitter.emit.mock.calls.at(-1)?.[2]).toBe(STUDENT_EVENTS.STUDENT_PROGRESS);
      expect(statsSent()).toBe(1);
      // Nothing dirty any more, but the stats still owed go out once 250 ms have passed.
      jest.advanceTimersByTime(250);
      (
        progress as unknown as { rooms: { isStudentOnline: jest.Mock } }
      ).rooms.isStudentOnline.mockReturnValue(true);
      progress.pushAll();
      expect(statsSent()).toBe(2);
      progress.pushAll();
      expect(statsSent()).toBe(2);
    });

    it('pushAll goes on in later turns until every dirty student is sent', () => {
      const students = Array.from({ length: 150 }, (_, i) => student(`s${i}`));
      const st = session(students);
      const { progress, emitter } = setup([st]);
      for (const s of students) progress.markDirty(st, s);
      progress.pushAll();
      expect(emitter.emit).toHaveBeenCalledTimes(100);
      jest.runOnlyPendingTimers();
      expect(emitter.emit).toHaveBeenCalledTimes(151);
    });
  });

  describe('persist', () => {
    it('queues one progress row per dirty student and clears the set', () => {
      const a = student('a', { latest: new Map([saved('q1', { optionId: 'x' })]) });
      const st = session([a]);
      const { progress, background } = setup([st]);
      progress.markDirty(st, a);
      progress.persist();
      expect(background.updateRow).toHaveBeenCalledWith(
        'student_sessions',
        'id',
        expect.arrayContaining(['progress', 'connection_status']),
        ['ss-a', 33.3, 1, null, 10 * MIN, 'disconnected', null, T0],
      );
      expect(st.dirtyPersist.size).toBe(0);
      progress.persist();
      expect(background.updateRow).toHaveBeenCalledTimes(1);
    });
  });
});
