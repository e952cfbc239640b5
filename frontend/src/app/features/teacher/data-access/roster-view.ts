/** Sorting and filtering the live grid: pure functions over roster rows. */
import type { ConnectionStatus } from '@exam/contracts';
import type { RosterRow } from './teacher-live.state';

export type RosterSortKey = 'name' | 'progress' | 'connection' | 'timeSpent' | 'status' | 'score';
export type SortDir = 'asc' | 'desc';

export type RosterFilter = 'all' | 'connected' | 'not_connected' | 'completed' | 'in_progress';

export const ROSTER_FILTERS: ReadonlyArray<{ value: RosterFilter; label: string }> = [
  { value: 'all', label: 'All students' },
  { value: 'connected', label: 'Connected' },
  { value: 'not_connected', label: 'Not connected' },
  { value: 'in_progress', label: 'Still working' },
  { value: 'completed', label: 'Completed' },
];

const CONNECTION_ORDER: Record<ConnectionStatus, number> = {
  connected: 0,
  reconnecting: 1,
  disconnected: 2,
  not_joined: 3,
};

const STATUS_ORDER = { joined: 0, enrolled: 1, completed: 2 } as const;

export function filterRoster(
  rows: readonly RosterRow[],
  filter: RosterFilter,
  text = '',
): RosterRow[] {
  const q = text.trim().toLowerCase();
  return rows.filter((r) => {
    if (q && !r.displayName.toLowerCase().includes(q)) return false;
    switch (filter) {
      case 'all':
        return true;
      case 'connected':
        return r.connectionStatus === 'connected';
      case 'not_connected':
        return r.connectionStatus !== 'connected';
      case 'completed':
        return r.status === 'completed';
      case 'in_progress':
        return r.status !== 'completed';
    }
  });
}

export function sortRoster(
  rows: readonly RosterRow[],
  key: RosterSortKey,
  dir: SortDir,
): RosterRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  const byName = (a: RosterRow, b: RosterRow) =>
    a.displayName.localeCompare(b.displayName, undefined, { sensitivity: 'base' });
  const cmp = (a: RosterRow, b: RosterRow): number => {
    switch (key) {
      case 'name':
        return byName(a, b);
      case 'progress':
        return a.progress - b.progress;
      case 'connection':
        return CONNECTION_ORDER[a.connectionStatus] - CONNECTION_ORDER[b.connectionStatus];
      case 'timeSpent':
        return a.timeSpentMs - b.timeSpentMs;
      case 'status':
        return STATUS_ORDER[a.status] - STATUS_ORDER[b.status];
      case 'score':
        // Not graded yet (or absent) sorts below every score.
        return scoreKey(a) - scoreKey(b);
    }
  };
  // Ties keep a stable, readable order: by name.
  return [...rows].sort((a, b) => sign * cmp(a, b) || byName(a, b));
}

function scoreKey(r: RosterRow): number {
  return r.score && r.score.result !== null ? r.score.percent : -1;
}
