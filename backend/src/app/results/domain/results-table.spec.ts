import type { AttemptResultRow, AttemptScore } from '@exam/contracts';
import { filterRows, rowBucket, sortRows, summarise } from './results-table';

const score = (percent: number, result: AttemptScore['result']): AttemptScore => ({
  score: percent / 10,
  maxScore: 10,
  percent,
  result,
  pendingManual: result === 'pending' ? 1 : 0,
  gradedAt: 1,
});
const row = (name: string, over: Partial<AttemptResultRow> = {}): AttemptResultRow => ({
  studentSessionId: `ss-${name}`,
  studentId: name,
  studentName: name,
  studentEmail: `${name.toLowerCase()}@school.test`,
  status: 'completed',
  endReason: 'submitted',
  score: score(50, 'passed'),
  timeTakenMs: 1000,
  joinedAt: 1,
  completedAt: 2,
  cells: [{ questionId: 'q1', points: 1, maxPoints: 2, state: 'partial', source: 'auto' }],
  ...over,
});

const rows = [
  row('Cleo', { score: score(90, 'passed') }),
  row('ann', { score: score(30, 'failed'), endReason: 'deadline' }),
  row('Bob', { score: null, status: 'joined', endReason: null }),
  row('Dan', { score: score(0, null), endReason: 'absent' }),
  row('Eve', {
    score: score(60, 'pending'),
    cells: [{ questionId: 'q1', points: 2, maxPoints: 2, state: 'correct', source: 'auto' }],
  }),
];

describe('results table', () => {
  it('puts each row in one bucket', () => {
    expect(rows.map(rowBucket)).toEqual(['passed', 'failed', 'in_progress', 'absent', 'pending']);
  });

  it('filters by name or email, result and how it ended', () => {
    expect(filterRows(rows, { search: 'AN' }).map((r) => r.studentName)).toEqual(['ann', 'Dan']);
    expect(filterRows(rows, { search: 'eve@' }).map((r) => r.studentName)).toEqual(['Eve']);
    expect(filterRows(rows, { result: 'failed' }).map((r) => r.studentName)).toEqual(['ann']);
    expect(filterRows(rows, { endReason: 'deadline' })).toHaveLength(1);
  });

  it('sorts with missing values last in both directions', () => {
    expect(sortRows(rows, 'score', 'desc').map((r) => r.studentName)).toEqual([
      'Cleo',
      'Eve',
      'ann',
      'Bob',
      'Dan',
    ]);
    expect(sortRows(rows, 'score', 'asc').map((r) => r.studentName)).toEqual([
      'ann',
      'Eve',
      'Cleo',
      'Bob',
      'Dan',
    ]);
    expect(sortRows(rows, 'name').map((r) => r.studentName)).toEqual([
      'ann',
      'Bob',
      'Cleo',
      'Dan',
      'Eve',
    ]);
    expect(sortRows(rows, 'q:q1', 'desc')[0].studentName).toBe('Eve');
  });

  it('summarises graded attempts only in the mean and median', () => {
    expect(summarise(rows)).toEqual({
      enrolled: 5,
      graded: 3,
      inProgress: 1,
      absent: 1,
      passed: 1,
      failed: 1,
      pending: 1,
      meanPercent: 60,
      medianPercent: 60,
    });
  });
});
