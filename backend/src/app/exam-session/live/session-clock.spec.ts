import { LIVE_EVENTS } from '@exam/contracts';
import {
  LeaseLostError,
  SingleProcessOwnership,
  type SessionOwnership,
} from '../../cluster/session-ownership';
import type { AnswerWriter } from '../answer-writer';
import type { LiveWriteDb } from '../live-write-db.service';
import type { LiveEmitter } from './live-emitter';
import { StaleSessionState, type LiveState } from './live-state';
import { liveState, MIN, student, T0 } from './live-state.spec-helper';
import { SessionClock, type ClockPort } from './session-clock';
import type { SessionLog } from './session-log';

/** Another instance holds the lease: this one neither ticks nor, until it gets it, starts. */
class Elsewhere implements SessionOwnership {
  held = false;
  claims = 0;
  owns(): boolean {
    return this.held;
  }
  async fence(_em: unknown, sessionId: string): Promise<void> {
    if (!this.held) throw new LeaseLostError(sessionId);
  }
  async claim(): Promise<boolean> {
    this.claims++;
    return this.held;
  }
  onGained(): void {}
  onLost(): void {}
}

function setup(ownership: SessionOwnership = new SingleProcessOwnership()) {
  const calls: string[] = [];
  const em = { insert: jest.fn(async () => undefined) };
  const db = { transaction: jest.fn(async (fn: (m: typeof em) => Promise<unknown>) => fn(em)) };
  const writer = {
    drain: jest.fn(async () => {
      calls.push('drain');
    }),
  };
  const emitter = { emit: jest.fn((..._args: unknown[]) => 1) };
  const events = {
    entry: jest.fn((_st: LiveState, type: string, _a: unknown, data: unknown) => ({ type, data })),
  };
  const port = {
    isCurrent: jest.fn((_st: LiveState) => true),
    current: jest.fn((): LiveState | undefined => undefined),
    apply: jest.fn(async (st: LiveState, command: string) => {
      calls.push(`apply ${command}`);
      st.status = 'completed';
    }),
    finalise: jest.fn(async () => {
      calls.push('finalise');
    }),
  };
  const clock = new SessionClock(
    db as unknown as LiveWriteDb,
    writer as unknown as AnswerWriter,
    emitter as unknown as LiveEmitter,
    events as unknown as SessionLog,
    ownership,
  );
  clock.wire(port as ClockPort);
  return { clock, db, em, writer, emitter, events, port, calls };
}

describe('SessionClock', () => {
  beforeEach(() => jest.useFakeTimers({ now: T0 }));
  afterEach(() => jest.useRealTimers());

  describe('sync', () => {
    it('runs a tick every second while the session is live, and stops after', () => {
      const { clock, port } = setup();
      const st = liveState([student('a')], { launchedAt: T0 });
      port.current.mockReturnValue(st);
      clock.sync(st);
      expect(st.timer).toBeDefined();
      const first = st.timer;
      clock.sync(st);
      expect(st.timer).toBe(first);
      jest.advanceTimersByTime(3_000);
      expect(port.isCurrent).toHaveBeenCalledTimes(3);
      st.status = 'completed';
      clock.sync(st);
      expect(st.timer).toBeUndefined();
      jest.advanceTimersByTime(3_000);
      expect(port.isCurrent).toHaveBeenCalledTimes(3);
    });

    it('starts nothing for a session that is not live', () => {
      const { clock } = setup();
      const st = liveState([], { status: 'preparing', launchedAt: null });
      clock.sync(st);
      expect(st.timer).toBeUndefined();
    });

    it('stop() stops the tick and leaves the handle, so sync() does not start it again', () => {
      const { clock, port } = setup();
      const st = liveState([student('a')], { launchedAt: T0 });
      clock.sync(st);
      clock.stop(st);
      clock.sync(st);
      jest.advanceTimersByTime(3_000);
      expect(port.isCurrent).not.toHaveBeenCalled();
    });
  });

  describe('tick', () => {
    it('ends the session (expire) once every deadline plus grace has passed', async () => {
      const { clock, port } = setup();
      const st = liveState([student('a'), student('b', { extraMs: MIN })], {
        launchedAt: T0 - 31 * MIN,
      });
      await clock.tick(st);
      expect(port.apply).not.toHaveBeenCalled();
      jest.setSystemTime(T0 + MIN);
      await clock.tick(st);
      expect(port.apply).toHaveBeenCalledWith(st, 'expire', undefined, expect.any(Function));
    });

    it('does nothing for a state that is no longer the one in memory', async () => {
      const { clock, port } = setup();
      port.isCurrent.mockReturnValue(false);
      const st = liveState([student('a')], { launchedAt: T0 - 2 * 30 * MIN });
      await clock.tick(st);
      expect(port.apply).not.toHaveBeenCalled();
    });

    it('never overlaps itself', async () => {
      const { clock, port } = setup();
      const st = liveState([student('a')], { launchedAt: T0 - 2 * 30 * MIN, ticking: true });
      await clock.tick(st);
      expect(port.apply).not.toHaveBeenCalled();
      expect(st.ticking).toBe(true);
    });

    it('completes a closing session once nobody is working any more', async () => {
      const { clock, port } = setup();
      const done = student('a', { status: 'completed' });
      const absent = student('b', { joinedAt: null, status: 'enrolled' });
      const st = liveState([done, absent], { launchedAt: T0 - MIN, closingAt: T0 });
      await clock.tick(st);
      expect(port.apply).toHaveBeenCalledWith(
        st,
        'complete',
        'everyone finished their own time',
        expect.any(Function),
      );
    });

    it('sends a due warning once, one event per group of students with the same deadline', async () => {
      const { clock, em, emitter, events } = setup();
      const st = liveState([student('a'), student('b'), student('c', { extraMs: 10 * MIN })], {
        launchedAt: T0 - 26 * MIN,
      });
      await clock.tick(st);
      expect(events.entry).toHaveBeenCalledWith(st, 'time_warning', null, {
        minutes: 5,
        marked: [5],
        studentIds: ['a', 'b'],
      });
      expect(em.insert).toHaveBeenCalledTimes(1);
      expect(emitter.emit).toHaveBeenCalledTimes(1);
      expect(emitter.emit).toHaveBeenCalledWith(
        st,
        { kind: 'students', ids: ['a', 'b'] },
        LIVE_EVENTS.TIME_WARNING,
        {
          sessionId: st.id,
          minutesRemaining: 5,
          urgent: false,
          deadline: T0 + 4 * MIN,
          serverNow: T0,
        },
      );
      await clock.tick(st);
      expect(emitter.emit).toHaveBeenCalledTimes(1);
    });

    it('skips warnings already due at launch, and after a gap sends only the smallest', async () => {
      const { clock, emitter } = setup();
      const short = liveState([student('a')], { durationMinutes: 3, launchedAt: T0 - 2.5 * MIN });
      await clock.tick(short);
      expect(emitter.emit).toHaveBeenCalledTimes(1);
      expect(emitter.emit.mock.calls[0][3]).toMatchObject({ minutesRemaining: 1, urgent: true });
      expect(short.warningsSent.get('a')).toEqual(new Set([1]));
      const late = liveState([student('a')], { launchedAt: T0 - 29.5 * MIN });
      await clock.tick(late);
      expect(emitter.emit).toHaveBeenCalledTimes(2);
      expect(emitter.emit.mock.calls[1][3]).toMatchObject({ minutesRemaining: 1 });
      expect(late.warningsSent.get('a')).toEqual(new Set([5, 1]));
    });

    it('finalises the attempts past their own deadline plus grace, after the writer drained', async () => {
      const { clock, port, calls } = setup();
      const late = student('a');
      const more = student('b', { extraMs: 20 * MIN });
      const st = liveState([late, more], { launchedAt: T0 - 31 * MIN });
      await clock.tick(st);
      expect(port.apply).not.toHaveBeenCalled();
      expect(port.finalise).toHaveBeenCalledWith(st, [late], T0, expect.any(Function));
      expect(calls).toEqual(['drain', 'finalise']);
    });

    it('keeps ticking after a failure (logged)', async () => {
      const { clock, port } = setup();
      port.finalise.mockRejectedValueOnce(new Error('disk full'));
      const st = liveState([student('a'), student('b', { extraMs: 20 * MIN })], {
        launchedAt: T0 - 31 * MIN,
      });
      const log = jest.spyOn(clock['log'], 'error').mockImplementation(() => undefined);
      await clock.tick(st);
      expect(log).toHaveBeenCalled();
      expect(st.ticking).toBe(false);
    });

    it('does not run while paused except to end the session', async () => {
      const { clock, port, emitter } = setup();
      const st = liveState([student('a')], {
        status: 'paused',
        launchedAt: T0 - 26 * MIN,
        pausedAt: T0 - MIN,
      });
      await clock.tick(st);
      expect(emitter.emit).not.toHaveBeenCalled();
      expect(port.finalise).not.toHaveBeenCalled();
    });
  });

  describe('several instances', () => {
    it('drops its tick when the stored session moved on, and the next use reloads it', async () => {
      const { clock, port } = setup();
      const st = liveState([student('a')], { launchedAt: T0 - 31 * MIN });
      port.current.mockReturnValue(st);
      clock.sync(st);
      port.apply.mockRejectedValueOnce(new StaleSessionState(st.id));
      jest.spyOn(clock['log'], 'warn').mockImplementation(() => undefined);
      await clock.tick(st);
      expect(st.mustReload).toBe(true);
      expect(st.timer).toBeUndefined();
    });

    it('runs nothing where another instance holds the lease, and asks for it on sync', async () => {
      const owner = new Elsewhere();
      const { clock, port, emitter } = setup(owner);
      const st = liveState([student('a')], { launchedAt: T0 - 26 * MIN });
      clock.sync(st);
      expect(st.timer).toBeUndefined();
      expect(owner.claims).toBe(1);
      await clock.tick(st);
      expect(emitter.emit).not.toHaveBeenCalled();
      expect(port.apply).not.toHaveBeenCalled();
    });

    it('starts once the lease is taken, and a lost lease stops the tick without a warning sent', async () => {
      const owner = new Elsewhere();
      owner.held = true;
      const { clock, emitter, db } = setup(owner);
      const st = liveState([student('a')], { launchedAt: T0 - 26 * MIN });
      clock.sync(st);
      expect(st.timer).toBeDefined();
      // Taken over while this tick was about to warn: the fence refuses the write.
      db.transaction.mockImplementationOnce(async (fn) => {
        owner.held = false;
        return fn({ insert: jest.fn(async () => undefined) });
      });
      jest.spyOn(clock['log'], 'warn').mockImplementation(() => undefined);
      await clock.tick(st);
      expect(emitter.emit).not.toHaveBeenCalled();
      expect(st.timer).toBeUndefined();
    });
  });
});
