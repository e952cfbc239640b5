/**
 * The teacher's results grid as rows: filter, sort and summary. Pure, so the grid, the REST
 * API and the CSV agree on what "sorted by question 3" or "failed" means.
 */
import type { AttemptResultRow, ListResultsQuery, ResultsSummary } from '@exam/contracts';

export type ResultFilter = NonNullable<ListResultsQuery['result']>;

/** Which filter bucket a row falls in. */
export function rowBucket(r: AttemptResultRow): ResultFilter {
  if (r.endReason === 'absent') return 'absent';
  if (!r.score) return 'in_progress';
  return r.score.result ?? 'absent';
}

export function filterRows(
  rows: readonly AttemptResultRow[],
  q: Pick<ListResultsQuery, 'search' | 'result' | 'endReason'>,
): AttemptResultRow[] {
  const needle = q.search?.trim().toLocaleLowerCase('en');
  return rows.filter(
    (r) =>
      (!needle ||
        r.studentName.toLocaleLowerCase('en').includes(needle) ||
        r.studentEmail.toLocaleLowerCase('en').includes(needle)) &&
      (!q.result || rowBucket(r) === q.result) &&
      (!q.endReason || r.endReason === q.endReason),
  );
}

const END_ORDER = ['submitted', 'deadline', 'teacher', 'terminated', 'absent'];
const RESULT_ORDER = ['passed', 'pending', 'failed'];

/** Sort value of a row; missing values (in progress, absent) sort last in both directions. */
function sortValue(r: AttemptResultRow, key: string): number | string | null {
  if (key.startsWith('q:')) {
    const c = r.cells.find((x) => x.questionId === key.slice(2));
    return c?.points ?? null;
  }
  switch (key) {
    case 'name':
      return r.studentName.toLocaleLowerCase('en');
    case 'score':
      return r.score && r.endReason !== 'absent' ? r.score.percent : null;
    case 'timeTaken':
      return r.endReason === 'absent' ? null : r.timeTakenMs;
    case 'completedAt':
      return r.completedAt;
    case 'endReason':
      return r.endReason ? END_ORDER.indexOf(r.endReason) : null;
    case 'result':
      return r.score?.result ? RESULT_ORDER.indexOf(r.score.result) : null;
    default:
      return r.studentName.toLocaleLowerCase('en');
  }
}

export function sortRows(
  rows: readonly AttemptResultRow[],
  sort = 'name',
  order: 'asc' | 'desc' = 'asc',
): AttemptResultRow[] {
  const dir = order === 'desc' ? -1 : 1;
  return rows
    .map((r) => ({ r, v: sortValue(r, sort) }))
    .sort((a, b) => {
      if (a.v === null && b.v !== null) return 1;
      if (b.v === null && a.v !== null) return -1;
      if (a.v !== null && b.v !== null && a.v !== b.v) {
        return (a.v < b.v ? -1 : 1) * dir;
      }
      return (
        a.r.studentName.localeCompare(b.r.studentName) ||
        a.r.studentSessionId.localeCompare(b.r.studentSessionId)
      );
    })
    .map((x) => x.r);
}

function median(sorted: number[]): number | null {
  if (sorted.length === 0) return null;
  const m = Math.floor(sorted.length / 2);
  const v = sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
  return Math.round(v * 100) / 100;
}

export function summarise(rows: readonly AttemptResultRow[]): ResultsSummary {
  const s: ResultsSummary = {
    enrolled: rows.length,
    graded: 0,
    inProgress: 0,
    absent: 0,
    passed: 0,
    failed: 0,
    pending: 0,
    meanPercent: null,
    medianPercent: null,
  };
  const percents: number[] = [];
  for (const r of rows) {
    const b = rowBucket(r);
    if (b === 'absent') s.absent++;
    else if (b === 'in_progress') s.inProgress++;
    else {
      s.graded++;
      s[b]++;
      percents.push(r.score?.percent ?? 0);
    }
  }
  if (percents.length) {
    s.meanPercent = Math.round((percents.reduce((a, b) => a + b, 0) / percents.length) * 100) / 100;
    s.medianPercent = median(percents.sort((a, b) => a - b));
  }
  return s;
}
