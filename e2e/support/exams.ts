/** Exam bodies for API tests: one question of every type (keys included). */
import type { CreateExamRequest } from '@exam/contracts';
import { ALL } from '../../backend/src/app/exams/domain/fixtures.spec-helper';
import { tableCounts } from './fixtures';
import type { TestApp } from './test-app';

export const ALL_QUESTIONS = ALL;

export function examBody(overrides: Partial<CreateExamRequest> = {}): CreateExamRequest {
  return {
    title: 'Grammar quiz',
    description: 'Every question type',
    instructions: 'Answer everything.',
    durationMinutes: 30,
    passingScore: 60,
    shuffleQuestions: false,
    shuffleOptions: true,
    questions: ALL.map((q) => ({ ...q })),
    ...overrides,
  };
}

/**
 * Row counts of every table except audit logs: a refusal must change no data, but it is
 * rightly recorded in the security log.
 */
export async function dataCounts(t: TestApp): Promise<Record<string, number>> {
  const counts = await tableCounts(t);
  delete counts.security_events;
  return counts;
}
