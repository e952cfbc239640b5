/**
 * Stored scores (and provisional ones of open attempts) as the wire shapes: cells of the
 * grid and attempt totals. One mapping, used by every view and export.
 */
import type { QuestionScoreCell, QuestionScoreState, ScoreSource } from '@exam/contracts';
import type { QuestionScore } from '../grading/domain/attempt-scoring';
import type { StoredCell } from './results-repository';
import type { GradedQuestion } from '../grading/session-questions.service';

const NO_SOURCE: readonly QuestionScoreState[] = ['unanswered', 'pending', 'dropped'];

export function sourceOf(row: Pick<StoredCell, 'manualPoints' | 'state'>): ScoreSource | null {
  if (row.state === 'dropped') return null;
  if (row.manualPoints !== null) return 'manual';
  return NO_SOURCE.includes(row.state) ? null : 'auto';
}

export function storedCell(row: StoredCell): QuestionScoreCell {
  return {
    questionId: row.questionId,
    points: row.points,
    maxPoints: row.maxPoints,
    state: row.state,
    source: sourceOf(row),
  };
}

export function provisionalCell(s: QuestionScore): QuestionScoreCell {
  return {
    questionId: s.questionId,
    points: s.points,
    maxPoints: s.maxPoints,
    state: s.state,
    source: s.source,
  };
}

/** A cell for a question without a stored score (should not happen for graded attempts). */
export function emptyCell(q: GradedQuestion): QuestionScoreCell {
  return {
    questionId: q.id,
    points: q.adjustment === 'dropped' ? null : 0,
    maxPoints: q.definition.points,
    state: q.adjustment === 'dropped' ? 'dropped' : 'unanswered',
    source: null,
  };
}
