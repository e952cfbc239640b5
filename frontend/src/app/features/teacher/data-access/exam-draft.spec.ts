import { QUESTION_TYPES, type QuestionType } from '@exam/contracts';
import { KEYED } from '../../../../testing/exam-fixtures';
import { NEW_EXAM, checkExam, checkQuestion } from './exam-draft';
import { blankQuestion, type QuestionDraft } from './question-drafts';

/** The phrases a check gives, with the part of the field each is about. */
const found = (q: QuestionDraft) => checkQuestion(q).map(([ref, message]) => [ref.part, message]);

/** A blank question with its texts filled in: only the key is left to decide. */
function written(type: QuestionType): QuestionDraft {
  const q = blankQuestion(type);
  const fill = <T extends { text: string }>(list: T[]) =>
    list.map((o, i) => ({ ...o, text: `text ${i}` }));
  switch (q.type) {
    case 'single_choice':
    case 'multiple_response':
      return { ...q, prompt: 'Q', options: fill(q.options) } as QuestionDraft;
    case 'ordering':
      return { ...q, prompt: 'Q', items: fill(q.items) };
    case 'matching':
      return { ...q, prompt: 'Q', left: fill(q.left), right: fill(q.right) };
    default:
      return { ...q, prompt: 'Q' };
  }
}

describe('checks before saving', () => {
  it('marks nothing correct by default: every type with a key says what is missing', () => {
    const missing = Object.fromEntries(QUESTION_TYPES.map((t) => [t, found(written(t))]));
    expect(missing).toEqual({
      single_choice: [['correct', 'choose the correct answer']],
      true_false: [['correct', 'choose the correct answer']],
      multiple_response: [
        ['options', 'choose the correct answers: give each a weight above 0 (together 100 %)'],
      ],
      short_text: [['acc-0', 'type Accepted answer 1, or remove it']],
      numeric: [['nv-0', 'type the value of Accepted answer 1']],
      essay: [],
      ordering: [],
      matching: [
        ['p-a', 'choose the answer that matches Prompt 1'],
        ['p-b', 'choose the answer that matches Prompt 2'],
      ],
    });
  });

  it('finds nothing missing in a complete question of any type', () => {
    for (const q of KEYED) expect(found(q)).toEqual([]);
  });

  it('names empty texts, points, and too few answers by their labels', () => {
    expect(found({ ...blankQuestion('single_choice'), points: Number.NaN })).toEqual([
      ['prompt', 'type the question text'],
      ['points', 'give the question more than 0 points'],
      ['opt-a', 'type Answer A, or remove it'],
      ['opt-b', 'type Answer B, or remove it'],
      ['correct', 'choose the correct answer'],
    ]);
    expect(
      found({ type: 'ordering', prompt: 'Q', points: 1, items: [], correctOrder: [] }),
    ).toEqual([['items', 'add at least 2 items']]);
    expect(
      found({
        type: 'numeric',
        prompt: 'Q',
        points: 1,
        acceptedAnswers: [{ min: 1, max: Number.NaN, creditPercent: Number.NaN }],
      }),
    ).toEqual([
      ['nmax-0', 'type where Accepted answer 1 ends'],
      ['nc-0', 'give Accepted answer 1 a credit from 1 to 100 %'],
    ]);
  });

  it('checks the settings first, then each question by its key', () => {
    const issues = checkExam({ ...NEW_EXAM, title: ' ', durationMinutes: Number.NaN }, [
      { key: 'k1', def: KEYED[0] },
      { key: 'k2', def: { ...written('true_false') } },
    ]);
    expect(issues).toEqual([
      {
        questionKey: null,
        part: 'exam-title',
        label: 'Title',
        message: 'type a title for the exam',
      },
      {
        questionKey: null,
        part: 'exam-duration',
        label: 'Duration (minutes)',
        message: 'give the duration in whole minutes, from 1 to 1440',
      },
      {
        questionKey: 'k2',
        part: 'correct',
        label: 'Correct answer',
        message: 'choose the correct answer',
      },
    ]);
  });
});
