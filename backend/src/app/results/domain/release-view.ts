/**
 * What a student may see of their result, by the session's release mode. Pure, and the only
 * place that decides it: `score` gives totals only; `correctness` adds each question's
 * state and points; `full_review` adds the question as they saw it, their answer, the
 * correct answer and the teacher's comment. Nothing before release (the service refuses).
 */
import type {
  MyResultQuestion,
  QuestionScoreState,
  ResultsReleaseMode,
  SessionQuestion,
} from '@exam/contracts';
import { answerFeedback } from '../../exams/domain/answer-feedback';
import { splitQuestion } from '../../exams/domain/question-parts';
import { toStudentViews, type OptionOrder } from '../../exams/domain/student-view';
import { answerText, correctAnswerText } from './answer-text';

export interface ReleasedQuestion {
  id: string;
  definition: SessionQuestion;
}

export interface ReleasedScore {
  points: number | null;
  maxPoints: number;
  state: QuestionScoreState;
  comment: string | null;
}

export function myResultQuestions(
  mode: Exclude<ResultsReleaseMode, 'none'>,
  questions: readonly ReleasedQuestion[],
  order: OptionOrder | null,
  scores: ReadonlyMap<string, ReleasedScore>,
  answers: ReadonlyMap<string, unknown>,
): MyResultQuestion[] | undefined {
  if (mode === 'score') return undefined;
  const byId = new Map(questions.map((q) => [q.id, q]));
  const views = toStudentViews(
    questions.map((q) => {
      const p = splitQuestion(q.definition);
      return { id: q.id, type: p.type, prompt: p.prompt, points: p.points, body: p.body };
    }),
    order,
  );
  return views.map((view, i) => {
    const s = scores.get(view.id);
    const base: MyResultQuestion = {
      position: i + 1,
      state: s?.state ?? 'unanswered',
      points: s?.points ?? null,
      maxPoints: s?.maxPoints ?? view.points,
    };
    if (mode === 'correctness') return base;
    const def = byId.get(view.id)?.definition;
    const value = answers.get(view.id);
    return {
      ...base,
      question: view,
      answer: (value ?? null) as MyResultQuestion['answer'],
      answerText: def && value !== undefined ? answerText(def, value) : '',
      correctText: def ? correctAnswerText(def) : '',
      correct: def ? forStudents(def) : undefined,
      feedback: def ? answerFeedback(def, value) : { answer: [], general: null },
      comment: s?.comment ?? null,
    };
  });
}

/** The question with its key, without what only teachers see (name, tags, grading notes). */
function forStudents(def: SessionQuestion): SessionQuestion {
  const { name: _name, tags: _tags, ...rest } = def;
  if (rest.type === 'essay') {
    const { gradingNotes: _notes, ...essay } = rest;
    return essay;
  }
  return rest;
}
