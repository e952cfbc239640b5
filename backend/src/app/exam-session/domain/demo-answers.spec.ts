import { ENGLISH_ASSESSMENT } from '@exam/db';
import type { QuestionDefinition } from '@exam/contracts';
import { gradeAnswer } from '../../exams/domain/grading';
import { seededRandom } from '../../exams/domain/student-view';
import { demoAnswer, demoPlan } from './demo-answers';

const questions = ENGLISH_ASSESSMENT.questions as QuestionDefinition[];

describe('demo answers', () => {
  it('a right answer gets full points on every demo question (essays wait for a teacher)', () => {
    for (const q of questions) {
      const g = gradeAnswer(q, demoAnswer(q, true, seededRandom(q.prompt)));
      if (q.type === 'essay') expect(g.needsManualGrading).toBe(true);
      else expect(g.score).toBe(q.points);
    }
  });

  it('a wrong answer is a valid answer that gets less', () => {
    for (const q of questions.filter((x) => x.type !== 'essay')) {
      const g = gradeAnswer(q, demoAnswer(q, false, seededRandom(q.prompt)));
      expect(g.score).toBeLessThan(q.points);
      expect(g.details.join(' ')).not.toMatch(/the answer is not|unknown/);
    }
  });

  it('plans the same answers for the same seed, and fewer when a student skips', () => {
    const withIds = questions.map((q, i) => ({ ...q, id: `q${i}` }));
    expect(demoPlan(withIds, 'x', 0.5)).toEqual(demoPlan(withIds, 'x', 0.5));
    expect(demoPlan(withIds, 'x', 0.5)).toHaveLength(questions.length);
    expect(demoPlan(withIds, 'y', 0.5, 0.5).length).toBeLessThan(questions.length);
  });
});
