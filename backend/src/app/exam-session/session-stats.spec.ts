import { elapsedMs, sessionStats } from './session-stats';

const MIN = 60_000;
const base = { launchedAt: null, pausedAt: null, totalPausedMs: 0, endedAt: null };

describe('elapsedMs', () => {
  it('is 0 before launch', () => {
    expect(elapsedMs(base, 10 * MIN)).toBe(0);
  });
  it('runs from launch, minus finished pauses', () => {
    expect(elapsedMs({ ...base, launchedAt: 0, totalPausedMs: 3 * MIN }, 10 * MIN)).toBe(7 * MIN);
  });
  it('stops counting during the current pause', () => {
    const s = { ...base, launchedAt: 0, totalPausedMs: MIN, pausedAt: 6 * MIN };
    expect(elapsedMs(s, 10 * MIN)).toBe(5 * MIN);
    expect(elapsedMs(s, 20 * MIN)).toBe(5 * MIN);
  });
  it('stops at the end of the session', () => {
    expect(elapsedMs({ ...base, launchedAt: 0, endedAt: 30 * MIN }, 90 * MIN)).toBe(30 * MIN);
  });
  it('never goes negative (clock skew)', () => {
    expect(elapsedMs({ ...base, launchedAt: 10 * MIN }, 5 * MIN)).toBe(0);
  });
});

describe('sessionStats', () => {
  it('counts enrolled, connected, completed and averages progress to one decimal', () => {
    const st = sessionStats(
      { ...base, launchedAt: 0, totalPausedMs: 30_000 },
      [
        { status: 'joined', connectionStatus: 'connected', progress: 50 },
        { status: 'completed', connectionStatus: 'disconnected', progress: 100 },
        { status: 'enrolled', connectionStatus: 'not_joined', progress: 0 },
      ],
      12 * MIN + 29_000,
    );
    expect(st).toEqual({
      enrolled: 3,
      connected: 1,
      completed: 1,
      averageProgress: 50,
      minutesElapsed: 11,
    });
  });
  it('is all zero for an empty session', () => {
    expect(sessionStats(base, [], 0)).toEqual({
      enrolled: 0,
      connected: 0,
      completed: 0,
      averageProgress: 0,
      minutesElapsed: 0,
    });
  });
  it('rounds the average progress', () => {
    const p = (progress: number) => ({ status: 'joined', connectionStatus: 'connected', progress });
    expect(sessionStats(base, [p(10), p(20), p(20)], 0).averageProgress).toBe(16.7);
  });
});
