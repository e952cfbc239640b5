import type { RosterRow } from './teacher-live.state';
import { lastDeadline, lobbyCounts, neverJoined, stillWorking } from './still-working';

function row(name: string, over: Partial<RosterRow> = {}): RosterRow {
  return {
    studentId: name.toLowerCase(),
    studentSessionId: `ss-${name}`,
    displayName: name,
    status: 'joined',
    connectionStatus: 'connected',
    answered: 0,
    total: 10,
    progress: 0,
    currentQuestionId: null,
    timeSpentMs: 0,
    joinedAt: 1,
    completedAt: null,
    lastActivityAt: null,
    deadline: 3_600_000,
    extraMs: 0,
    extraTimePercent: 0,
    allowanceMs: 3_600_000,
    score: null,
    endReason: null,
    signals: { count: 0, latest: null },
    syncedAt: 0,
    ...over,
  };
}

describe('who is still working', () => {
  const roster = [
    row('Sam'),
    row('Sol', { deadline: 4_500_000, extraTimePercent: 25 }),
    row('Sara', { status: 'completed', completedAt: 5 }),
    row('Sid', { status: 'enrolled', joinedAt: null, connectionStatus: 'not_joined' }),
    row('Ann', { deadline: null }),
  ];

  it('names everyone joined and not finished, the most time left first, with their time left', () => {
    const working = stillWorking(roster, 300_000);
    expect(working.map((w) => [w.name, w.remainingMs, w.extraTimePercent])).toEqual([
      ['Sol', 4_200_000, 25],
      ['Sam', 3_300_000, 0],
      ['Ann', null, 0],
    ]);
    expect(lastDeadline(working)).toBe(4_500_000);
    expect(neverJoined(roster)).toBe(1);
  });

  it('freezes time left while paused and never goes below zero', () => {
    const paused = stillWorking(roster, 9_000_000, 600_000);
    expect(paused.map((w) => w.remainingMs)).toEqual([3_900_000, 3_000_000, null]);
    expect(stillWorking([row('Sam')], 9_000_000)[0].remainingMs).toBe(0);
    expect(lastDeadline([])).toBeNull();
  });

  it('counts who is in the lobby, who came and went, and who never came', () => {
    expect(
      lobbyCounts([
        row('A'),
        row('B', { connectionStatus: 'reconnecting' }),
        row('C', { connectionStatus: 'disconnected' }),
        row('D', { joinedAt: null, status: 'enrolled', connectionStatus: 'not_joined' }),
      ]),
    ).toEqual({ waiting: 2, away: 1, notJoined: 1 });
  });
});
