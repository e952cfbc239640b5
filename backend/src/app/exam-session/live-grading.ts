/**
 * Glue between a live session's memory and grading: which attempts to grade, with their
 * latest committed answers (memory equals the database once the answer writer drained, and
 * reading 25,000 answers back inside the finalising transaction would only cost time).
 */
import type { AttemptEndReason, SavedAnswer } from '@exam/contracts';
import type { AttemptToGrade } from '../grading/attempt-grader';
import { endReasonOf, type LatestAnswer } from '../grading/domain/attempt-scoring';

export interface GradableStudent {
  id: string;
  joinedAt: number | null;
  latest: ReadonlyMap<string, SavedAnswer>;
}

export function attemptsToGrade<S extends GradableStudent>(
  students: Iterable<S>,
  ids: readonly string[],
  cause: Exclude<AttemptEndReason, 'absent'>,
  timeSpent: (s: S) => number,
): AttemptToGrade[] {
  const byId = new Map([...students].map((s) => [s.id, s]));
  const out: AttemptToGrade[] = [];
  for (const id of ids) {
    const s = byId.get(id);
    if (!s) continue;
    const latest = new Map<string, LatestAnswer>();
    for (const [q, a] of s.latest) latest.set(q, { value: a.answer, seq: a.seq });
    out.push({
      id,
      endReason: endReasonOf(cause, s.joinedAt !== null, latest.size),
      latest,
      timeSpentMs: timeSpent(s),
    });
  }
  return out;
}
