/** The demo seed's English Assessment must be valid, complete and gradable. */
import { ENGLISH_ASSESSMENT } from '@exam/db';
import { QUESTION_TYPES } from '@exam/contracts';
import { gradeAnswer } from './grading';
import { parseQuestions } from './question-schema';

describe('db/seeds/english-assessment.json', () => {
  const r = parseQuestions(ENGLISH_ASSESSMENT.questions);
  it('parses: 25 valid questions, 60 minutes', () => {
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.questions).toHaveLength(25);
    expect(ENGLISH_ASSESSMENT.exam).toMatchObject({
      title: 'English Assessment',
      durationMinutes: 60,
    });
  });
  it('uses every question type', () => {
    if (!r.ok) return;
    expect(new Set(r.questions.map((q) => q.type))).toEqual(new Set(QUESTION_TYPES));
  });
  it("starts with the seed's 'What is the correct form?' question, graded on goes", () => {
    if (!r.ok) return;
    const q = r.questions[0];
    expect(q.prompt).toMatch(/^What is the correct form\?/);
    expect(q.type === 'single_choice' && q.options.map((o) => o.text)).toEqual([
      'go',
      'goes',
      'going',
      'gone',
    ]);
    expect(gradeAnswer(q, { optionId: 'b' }).score).toBe(1);
    expect(gradeAnswer(q, { optionId: 'a' }).score).toBe(0);
  });
});
