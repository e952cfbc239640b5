import type { RosterRow } from './teacher-live.state';
import { filterRoster, sortRoster } from './roster-view';

function row(name: string, over: Partial<RosterRow> = {}): RosterRow {
  return {
    studentId: name,
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
    deadline: null,
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

const rows = [
  row('Cleo', { progress: 50, connectionStatus: 'disconnected', timeSpentMs: 30 }),
  row('amir', { progress: 90, status: 'completed', timeSpentMs: 10 }),
  row('Bea', { progress: 50, connectionStatus: 'not_joined', status: 'enrolled', joinedAt: null }),
];

describe('roster view', () => {
  it('sorts by name case-insensitively, both directions', () => {
    expect(sortRoster(rows, 'name', 'asc').map((r) => r.displayName)).toEqual([
      'amir',
      'Bea',
      'Cleo',
    ]);
    expect(sortRoster(rows, 'name', 'desc').map((r) => r.displayName)).toEqual([
      'Cleo',
      'Bea',
      'amir',
    ]);
  });

  it('sorts by progress with ties by name, and by connection and time spent', () => {
    expect(sortRoster(rows, 'progress', 'asc').map((r) => r.displayName)).toEqual([
      'Bea',
      'Cleo',
      'amir',
    ]);
    expect(sortRoster(rows, 'connection', 'asc').map((r) => r.displayName)).toEqual([
      'amir',
      'Cleo',
      'Bea',
    ]);
    expect(sortRoster(rows, 'timeSpent', 'desc').map((r) => r.displayName)).toEqual([
      'Cleo',
      'amir',
      'Bea',
    ]);
  });

  it('filters by connection, completion and name', () => {
    expect(filterRoster(rows, 'connected').map((r) => r.displayName)).toEqual(['amir']);
    expect(filterRoster(rows, 'not_connected').map((r) => r.displayName)).toEqual(['Cleo', 'Bea']);
    expect(filterRoster(rows, 'completed').map((r) => r.displayName)).toEqual(['amir']);
    expect(filterRoster(rows, 'in_progress').map((r) => r.displayName)).toEqual(['Cleo', 'Bea']);
    expect(filterRoster(rows, 'all', ' CL ').map((r) => r.displayName)).toEqual(['Cleo']);
  });

  it('sorts by score percent, attempts without a score below every score', () => {
    const sc = (percent: number, result: 'passed' | 'failed' | 'pending' | null) => ({
      score: percent,
      maxScore: 100,
      percent,
      result,
      pendingManual: 0,
      gradedAt: 1,
    });
    const graded = [
      row('Ann', { score: sc(40, 'failed') }),
      row('Ben'),
      row('Cat', { score: sc(90, 'passed') }),
      row('Dan', { score: sc(0, null), endReason: 'absent' }),
    ];
    expect(sortRoster(graded, 'score', 'desc').map((r) => r.displayName)).toEqual([
      'Cat',
      'Ann',
      'Ben',
      'Dan',
    ]);
  });
});
