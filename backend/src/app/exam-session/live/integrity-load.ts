/**
 * Reading integrity signals back: a stored row as the contract's signal, and what a live
 * state needs of them when it is loaded (each student's summary and the addresses they
 * joined from). Kept apart from LiveIntegrity so that the session store can use it without
 * a cycle of imports.
 */
import type { IntegritySignal, IntegritySummary } from '@exam/contracts';
import { IntegritySignalEntity } from '../entities/integrity-signal.entity';
import type { LiveWriteDb } from '../live-write-db.service';

export function toSignal(row: IntegritySignalEntity): IntegritySignal {
  return {
    id: row.id,
    studentId: row.studentId,
    kind: row.kind,
    at: row.at,
    durationMs: row.durationMs ?? null,
    chars: row.chars ?? null,
    questionId: row.questionId ?? null,
    offline: !!row.offline,
    detail: row.detail ?? null,
  };
}

/**
 * Each student's summary and the addresses they joined from, for a state being loaded (a
 * few queries, whatever the class size).
 */
export async function loadIntegrity(
  db: LiveWriteDb,
  sessionId: string,
): Promise<{ summaries: Map<string, IntegritySummary>; ips: Map<string, Set<string>> }> {
  const [counts, addresses] = await Promise.all([
    db.read<{ student_id: string; n: number | string }>(
      'SELECT student_id, COUNT(*) AS n FROM integrity_signals WHERE exam_session_id = ? GROUP BY student_id',
      [sessionId],
    ),
    db.read<{ user_id: string; ip: string }>(
      'SELECT DISTINCT user_id, ip FROM connections WHERE exam_session_id = ?',
      [sessionId],
    ),
  ]);
  const ips = new Map<string, Set<string>>();
  for (const a of addresses) {
    const set = ips.get(a.user_id) ?? new Set<string>();
    set.add(a.ip);
    ips.set(a.user_id, set);
  }
  const summaries = new Map<string, IntegritySummary>();
  if (!counts.length) return { summaries, ips };
  const latest = await db.reader
    .createQueryBuilder(IntegritySignalEntity, 's')
    .where('s.exam_session_id = :id', { id: sessionId })
    .andWhere(
      's.at = (SELECT MAX(t.at) FROM integrity_signals t WHERE t.exam_session_id = s.exam_session_id AND t.student_id = s.student_id)',
    )
    .getMany();
  const last = new Map(latest.map((r) => [r.studentId, toSignal(r)]));
  for (const c of counts) {
    summaries.set(c.student_id, { count: Number(c.n), latest: last.get(c.student_id) ?? null });
  }
  return { summaries, ips };
}
