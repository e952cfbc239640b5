/** An attempt's stored totals as the wire shape (null until graded). */
import type { AttemptScore } from '@exam/contracts';
import type { StudentSessionEntity } from '../exam-session/entities/student-session.entity';

export function attemptScore(
  a: Pick<
    StudentSessionEntity,
    'gradedAt' | 'score' | 'maxScore' | 'percent' | 'result' | 'pendingManual'
  >,
): AttemptScore | null {
  if (a.gradedAt === null) return null;
  return {
    score: a.score ?? 0,
    maxScore: a.maxScore ?? 0,
    percent: a.percent ?? 0,
    result: a.result,
    pendingManual: a.pendingManual,
    gradedAt: a.gradedAt,
  };
}
