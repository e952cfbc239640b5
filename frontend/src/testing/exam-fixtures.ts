/** Exams, questions and sessions for tests. */
import type {
  ExamSessionView,
  ExamSummary,
  ExamView,
  Page,
  QuestionDefinition,
} from '@exam/contracts';

/** One filled-in question of each type, with key values easy to spot. */
export const KEYED: QuestionDefinition[] = [
  {
    type: 'single_choice',
    prompt: 'Capital of France?',
    points: 1,
    options: [
      { id: 'a', text: 'Paris' },
      { id: 'b', text: 'Lyon' },
    ],
    correctOptionId: 'a',
    negativeMarkPercent: 25,
  },
  { type: 'true_false', prompt: 'The sky is blue', points: 1, correct: true },
  {
    type: 'multiple_response',
    prompt: 'Primes?',
    points: 2,
    options: [
      { id: 'a', text: 'Two', weight: 50 },
      { id: 'b', text: 'Three', weight: 50 },
      { id: 'c', text: 'Four', weight: -50 },
    ],
    allOrNothing: true,
  },
  {
    type: 'short_text',
    prompt: 'Colour of grass?',
    points: 1,
    acceptedAnswers: [{ text: 'SECRET-green', creditPercent: 100 }],
    maxLength: 40,
  },
  {
    type: 'numeric',
    prompt: 'Pi?',
    points: 1,
    acceptedAnswers: [{ value: 3.14159, tolerance: 0.01, creditPercent: 100 }],
    unit: 'rad',
  },
  { type: 'essay', prompt: 'Discuss', points: 5, maxWords: 200, gradingNotes: 'SECRET-notes' },
  {
    type: 'ordering',
    prompt: 'Order',
    points: 1,
    items: [
      { id: 'x', text: 'first' },
      { id: 'y', text: 'second' },
      { id: 'z', text: 'third' },
    ],
    correctOrder: ['x', 'y', 'z'],
    scoring: 'position',
  },
  {
    type: 'matching',
    prompt: 'Match',
    points: 2,
    left: [
      { id: 'l1', text: 'dog' },
      { id: 'l2', text: 'cat' },
    ],
    right: [
      { id: 'r1', text: 'woof' },
      { id: 'r2', text: 'meow' },
      { id: 'r3', text: 'moo' },
    ],
    correctPairs: { l1: 'r1', l2: 'r2' },
  },
];

export function examSummary(over: Partial<ExamSummary> = {}): ExamSummary {
  return {
    id: 'e1',
    title: 'Algebra test',
    description: '',
    durationMinutes: 30,
    passingScore: 50,
    isActive: true,
    authorId: 'teacher-1',
    authorName: 'Teacher One',
    questionCount: 2,
    totalPoints: 3,
    version: 1,
    locked: false,
    createdAt: '2026-01-05T10:00:00.000Z',
    updatedAt: '2026-01-06T10:00:00.000Z',
    ...over,
  };
}

export function examView(over: Partial<ExamView> = {}): ExamView {
  const questions = over.questions ?? [
    { ...KEYED[0], id: 'q-1' },
    { ...KEYED[1], id: 'q-2' },
  ];
  return {
    ...examSummary(),
    instructions: '',
    shuffleQuestions: false,
    shuffleOptions: false,
    questions,
    texts: [],
    questionCount: questions.length,
    ...over,
  };
}

export function sessionView(over: Partial<ExamSessionView> = {}): ExamSessionView {
  return {
    id: 's-1',
    examId: 'e1',
    examTitle: 'Algebra test',
    teacherId: 'teacher-1',
    teacherName: 'Tess Teacher',
    staff: [],
    title: 'Algebra - class 3B',
    status: 'preparing',
    durationMinutes: 30,
    config: { timeWarningMinutes: [10, 5, 1], gracePeriodSeconds: 30, allowLateJoin: true },
    scheduledStartAt: null,
    launchedAt: null,
    pausedAt: null,
    totalPausedMs: 0,
    extraMs: 0,
    endedAt: null,
    endReason: null,
    closingAt: null,
    examVersion: 1,
    resultsRelease: 'none',
    joinCode: null,
    joinOpen: false,
    stats: { enrolled: 3, connected: 0, completed: 0, averageProgress: 0, minutesElapsed: 0 },
    createdAt: '2026-01-07T10:00:00.000Z',
    updatedAt: '2026-01-07T10:00:00.000Z',
    ...over,
  };
}

export function pageOf<T>(items: T[], total = items.length, page = 1, pageSize = 20): Page<T> {
  return { items, total, page, pageSize };
}
