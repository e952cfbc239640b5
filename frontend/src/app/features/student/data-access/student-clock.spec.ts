import { signal } from '@angular/core';
import { StudentClock } from './student-clock';
import type { StudentExamState } from './student-exam.state';

describe('StudentClock', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  function make() {
    const state = signal<StudentExamState | null>({
      status: 'active',
      attemptStatus: 'joined',
      deadline: 1_000_000 + 60_000,
      pausedAt: null,
      config: { timeWarningMinutes: [], gracePeriodSeconds: 30, allowLateJoin: true },
    } as unknown as StudentExamState);
    const src = {
      state,
      rest: signal(false),
      fromDevice: signal(false),
      socketOffsetMs: signal(0),
    };
    return { clock: new StudentClock(src), src, state };
  }

  it('uses the offset kept on the device until the server is heard, then the socket one', () => {
    const { clock, src } = make();
    clock.deviceOffset.set(10_000);
    src.fromDevice.set(true);
    expect(clock.remainingMs()).toBe(50_000);
    src.fromDevice.set(false);
    expect(clock.remainingMs()).toBe(60_000);
    src.rest.set(true);
    clock.restOffset.set(-5_000);
    expect(clock.remainingMs()).toBe(65_000);
  });

  it('moves into the grace period at the deadline and closes after it', () => {
    const { clock } = make();
    jest.advanceTimersByTime(60_000);
    clock.tick();
    expect(clock.phase()).toEqual({ kind: 'grace', secondsLeft: 30 });
    jest.advanceTimersByTime(30_000);
    clock.tick();
    expect(clock.phase()).toEqual({ kind: 'closing' });
  });

  it('is "running" once the attempt is over', () => {
    const { clock, state } = make();
    jest.advanceTimersByTime(100_000);
    clock.tick();
    state.update((s) => (s ? { ...s, attemptStatus: 'completed' } : s));
    expect(clock.phase()).toEqual({ kind: 'running' });
  });
});
