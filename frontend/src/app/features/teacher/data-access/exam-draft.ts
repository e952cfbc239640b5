/**
 * The exam being written and what it still misses before it can be saved: a title, question
 * texts, points, answer texts, and above all the key. Nothing is correct by default (see
 * `blankQuestion`), so a question nobody marked says so here ("choose the correct answer")
 * before anything is sent. The rules of grading (weights adding up to 100, ranges the right way
 * round) stay with the server; its answers are mapped in `server-issues.ts`.
 */
import type { EditorIssue } from './editor-issues';
import { EXAM_FIELDS, QUESTION_FIELDS as F, type FieldRef, letter } from './question-fields';
import type { EditorQuestion, QuestionDraft } from './question-drafts';

export interface ExamSettings {
  title: string;
  description: string;
  instructions: string;
  durationMinutes: number;
  passingScore: number;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  isActive: boolean;
}

export const NEW_EXAM: ExamSettings = {
  title: '',
  description: '',
  instructions: '',
  durationMinutes: 30,
  passingScore: 50,
  shuffleQuestions: false,
  shuffleOptions: false,
  isActive: true,
};

const blank = (text: string): boolean => !text.trim();
const wholeIn = (n: number, min: number, max: number): boolean =>
  Number.isInteger(n) && n >= min && n <= max;

/** Everything missing, in the order of the page: settings, then each question top to bottom. */
export function checkExam(
  settings: ExamSettings,
  questions: readonly EditorQuestion[],
): EditorIssue[] {
  const out: EditorIssue[] = [];
  const exam = (ref: FieldRef, message: string) =>
    out.push({ questionKey: null, part: ref.part, label: ref.label, message });
  if (blank(settings.title)) exam(EXAM_FIELDS.title, 'type a title for the exam');
  if (!wholeIn(settings.durationMinutes, 1, 1440)) {
    exam(EXAM_FIELDS.durationMinutes, 'give the duration in whole minutes, from 1 to 1440');
  }
  if (!wholeIn(settings.passingScore, 0, 100)) {
    exam(EXAM_FIELDS.passingScore, 'give the passing score as a whole number from 0 to 100');
  }
  for (const q of questions) {
    for (const [ref, message] of checkQuestion(q.def)) {
      out.push({ questionKey: q.key, part: ref.part, label: ref.label, message });
    }
  }
  return out;
}

type Finding = readonly [FieldRef, string];

/** What one question misses, each with the field it is about. */
export function checkQuestion(q: QuestionDraft): Finding[] {
  const out: Finding[] = [];
  if (blank(q.prompt)) out.push([F.prompt, 'type the question text']);
  if (!(Number.isFinite(q.points) && q.points > 0)) {
    out.push([F.points, 'give the question more than 0 points']);
  }
  const texts = (list: readonly { id: string; text: string }[], ref: typeof F.answer) =>
    list.forEach((o, i) => {
      const field = ref(o.id, i);
      if (blank(o.text)) out.push([field, `type ${field.label}, or remove it`]);
    });
  const atLeastTwo = (n: number, ref: FieldRef, what: string) => {
    if (n < 2) out.push([ref, `add at least 2 ${what}`]);
  };

  switch (q.type) {
    case 'single_choice':
      atLeastTwo(q.options.length, F.answers, 'answers');
      texts(q.options, F.answer);
      if (!q.options.some((o) => o.id === q.correctOptionId)) {
        out.push([F.correct, 'choose the correct answer']);
      }
      break;
    case 'true_false':
      if (q.correct === null) out.push([F.correct, 'choose the correct answer']);
      break;
    case 'multiple_response':
      atLeastTwo(q.options.length, F.weights, 'answers');
      texts(q.options, F.answer);
      q.options.forEach((o, i) => {
        if (!Number.isFinite(o.weight)) {
          out.push([F.weight(o.id, i), `type a weight for Answer ${letter(i)} (0 if it is wrong)`]);
        }
      });
      if (!q.options.some((o) => o.weight > 0)) {
        out.push([
          F.weights,
          'choose the correct answers: give each a weight above 0 (together 100 %)',
        ]);
      }
      break;
    case 'short_text':
      if (!q.acceptedAnswers.length) out.push([F.accepted, 'add an accepted answer']);
      q.acceptedAnswers.forEach((a, i) => {
        const field = F.acceptedText(i);
        if (blank(a.text)) out.push([field, `type ${field.label}, or remove it`]);
        if (!Number.isFinite(a.creditPercent)) {
          out.push([F.acceptedCredit(i), `give ${field.label} a credit from 1 to 100 %`]);
        }
      });
      break;
    case 'numeric':
      if (!q.acceptedAnswers.length) out.push([F.accepted, 'add an accepted answer']);
      q.acceptedAnswers.forEach((a, i) => {
        const name = `Accepted answer ${i + 1}`;
        const isRange = a.min !== undefined || a.max !== undefined;
        if (isRange) {
          if (!Number.isFinite(a.min)) out.push([F.numericMin(i), `type where ${name} starts`]);
          if (!Number.isFinite(a.max)) out.push([F.numericMax(i), `type where ${name} ends`]);
        } else if (!Number.isFinite(a.value)) {
          out.push([F.numericValue(i), `type the value of ${name}`]);
        }
        if (!Number.isFinite(a.creditPercent)) {
          out.push([F.numericCredit(i), `give ${name} a credit from 1 to 100 %`]);
        }
      });
      break;
    case 'essay':
      break;
    case 'ordering':
      atLeastTwo(q.items.length, F.items, 'items');
      texts(q.items, F.item);
      break;
    case 'matching':
      atLeastTwo(q.left.length, F.prompts, 'prompts');
      atLeastTwo(q.right.length, F.matchAnswers, 'answers');
      texts(q.left, F.matchPrompt);
      texts(q.right, F.matchAnswer);
      q.left.forEach((l, i) => {
        const chosen = Object.hasOwn(q.correctPairs, l.id) ? q.correctPairs[l.id] : '';
        if (!q.right.some((r) => r.id === chosen)) {
          out.push([F.match(l.id, i), `choose the answer that matches Prompt ${i + 1}`]);
        }
      });
      break;
  }
  return out;
}
