/** Results views for the specs of the teacher's results pages (never imported by the app). */
import type {
  AttemptResultRow,
  AttemptReview,
  AttemptReviewQuestion,
  QuestionResponsesView,
  QuestionScoreCell,
  ResultsQuestionColumn,
  SessionResultsView,
} from '@exam/contracts';

export const Q1: ResultsQuestionColumn = {
  id: 'q1',
  position: 1,
  type: 'single_choice',
  prompt: 'Capital of France?',
  points: 1,
  adjustment: 'none',
};
export const Q2: ResultsQuestionColumn = {
  id: 'q2',
  position: 2,
  type: 'matching',
  prompt: 'Match the opposites',
  points: 2,
  adjustment: 'none',
};
export const Q3: ResultsQuestionColumn = {
  id: 'q3',
  position: 3,
  type: 'essay',
  prompt: 'Write about a trip',
  points: 5,
  adjustment: 'none',
};

function cell(
  questionId: string,
  points: number | null,
  maxPoints: number,
  state: QuestionScoreCell['state'],
): QuestionScoreCell {
  return { questionId, points, maxPoints, state, source: points === null ? null : 'auto' };
}

export function resultRow(over: Partial<AttemptResultRow> = {}): AttemptResultRow {
  return {
    studentSessionId: 'a1',
    studentId: 'u1',
    studentName: 'Sam Student',
    studentEmail: 'student1@demo.school',
    status: 'completed',
    endReason: 'submitted',
    score: {
      score: 2,
      maxScore: 8,
      percent: 25,
      result: 'pending',
      pendingManual: 1,
      gradedAt: 1,
    },
    timeTakenMs: 42 * 60_000,
    joinedAt: 1,
    completedAt: 2,
    cells: [
      cell('q1', 1, 1, 'correct'),
      cell('q2', 1, 2, 'partial'),
      cell('q3', null, 5, 'pending'),
    ],
    ...over,
  };
}

export function resultsView(over: Partial<SessionResultsView> = {}): SessionResultsView {
  const items = over.items ?? [
    resultRow(),
    resultRow({
      studentSessionId: 'a2',
      studentId: 'u2',
      studentName: 'Ava Brown',
      studentEmail: 'ava@demo.school',
      score: {
        score: 7.5,
        maxScore: 8,
        percent: 93.75,
        result: 'passed',
        pendingManual: 0,
        gradedAt: 1,
      },
      endReason: 'deadline',
      cells: [
        cell('q1', 1, 1, 'correct'),
        cell('q2', 2, 2, 'correct'),
        cell('q3', 4.5, 5, 'partial'),
      ],
    }),
    resultRow({
      studentSessionId: 'a3',
      studentId: 'u3',
      studentName: 'Ben Okafor',
      studentEmail: 'ben@demo.school',
      endReason: 'absent',
      score: { score: 0, maxScore: 8, percent: 0, result: null, pendingManual: 0, gradedAt: 1 },
      joinedAt: null,
      timeTakenMs: 0,
      cells: [
        cell('q1', 0, 1, 'unanswered'),
        cell('q2', 0, 2, 'unanswered'),
        cell('q3', 0, 5, 'unanswered'),
      ],
    }),
  ];
  return {
    sessionId: 's1',
    title: 'Practice round',
    examTitle: 'English Assessment',
    status: 'completed',
    passingScore: 60,
    release: { mode: 'none', releasedAt: null, releasedBy: null },
    questions: [Q1, Q2, Q3],
    summary: {
      enrolled: 3,
      graded: 2,
      inProgress: 0,
      absent: 1,
      passed: 1,
      failed: 0,
      pending: 1,
      meanPercent: 59.38,
      medianPercent: 59.38,
    },
    items,
    total: items.length,
    page: 1,
    pageSize: 100,
    ...over,
  };
}

export function reviewQuestion(over: Partial<AttemptReviewQuestion> = {}): AttemptReviewQuestion {
  return {
    question: {
      id: 'q1',
      type: 'single_choice',
      prompt: 'Capital of France?',
      points: 1,
      options: [
        { id: 'a', text: 'Paris' },
        { id: 'b', text: 'Lyon' },
      ],
      correctOptionId: 'a',
    },
    position: 1,
    shownPosition: 1,
    shownOrder: ['b', 'a'],
    adjustment: 'none',
    answer: { optionId: 'a' },
    answerText: 'Paris',
    correctText: 'Paris',
    answeredAt: 10,
    points: 1,
    maxPoints: 1,
    state: 'correct',
    source: 'auto',
    autoPoints: 1,
    details: ['correct'],
    needsManualGrading: false,
    comment: null,
    gradeHistory: [],
    answerHistory: [
      { seq: 1, final: false, answer: { optionId: 'b' }, savedAt: Date.UTC(2026, 0, 8, 9, 1) },
      { seq: 2, final: true, answer: { optionId: 'a' }, savedAt: Date.UTC(2026, 0, 8, 9, 2) },
    ],
    ...over,
  };
}

export const ESSAY: AttemptReviewQuestion = reviewQuestion({
  question: {
    id: 'q3',
    type: 'essay',
    prompt: 'Write about a trip',
    points: 5,
    gradingNotes: 'Look for a conditional.',
  },
  position: 3,
  shownPosition: 2,
  shownOrder: null,
  answer: { text: 'I went to Rome.\nIt was nice.' },
  answerText: 'I went to Rome.\nIt was nice.',
  correctText: '',
  points: null,
  maxPoints: 5,
  state: 'pending',
  source: null,
  autoPoints: null,
  details: ['6 words', 'needs manual grading'],
  needsManualGrading: true,
  answerHistory: [
    { seq: 3, final: true, answer: { text: 'I went to Rome.\nIt was nice.' }, savedAt: 20 },
  ],
});

export function attemptReview(over: Partial<AttemptReview> = {}): AttemptReview {
  return {
    sessionId: 's1',
    studentSessionId: 'a1',
    studentId: 'u1',
    studentName: 'Sam Student',
    status: 'completed',
    endReason: 'submitted',
    score: {
      score: 1,
      maxScore: 6,
      percent: 16.67,
      result: 'pending',
      pendingManual: 1,
      gradedAt: 1,
    },
    timeTakenMs: 42 * 60_000,
    joinedAt: 1,
    completedAt: Date.UTC(2026, 0, 8, 9, 30),
    questions: [reviewQuestion(), ESSAY],
    ...over,
  };
}

export function questionView(over: Partial<QuestionResponsesView> = {}): QuestionResponsesView {
  return {
    sessionId: 's1',
    question: {
      id: 'q7',
      type: 'short_text',
      prompt: 'Opposite of "expensive"?',
      points: 1,
      acceptedAnswers: [{ text: 'cheap', creditPercent: 100 }],
    },
    correctText: 'cheap',
    position: 7,
    adjustment: 'none',
    responses: [
      {
        studentSessionId: 'a1',
        studentId: 'u1',
        studentName: 'Sam Student',
        answer: { text: 'cheap' },
        answerText: 'cheap',
        points: 1,
        maxPoints: 1,
        state: 'correct',
        source: 'auto',
        comment: null,
      },
      {
        studentSessionId: 'a2',
        studentId: 'u2',
        studentName: 'Ava Brown',
        answer: { text: 'low cost & fair' },
        answerText: 'low cost & fair',
        points: 0,
        maxPoints: 1,
        state: 'wrong',
        source: 'auto',
        comment: null,
      },
      {
        studentSessionId: 'a3',
        studentId: 'u3',
        studentName: 'Ben Okafor',
        answer: null,
        answerText: '',
        points: null,
        maxPoints: 1,
        state: 'unanswered',
        source: null,
        comment: null,
      },
    ],
    groups: [
      { text: 'cheap', count: 1, creditPercent: 100, studentSessionIds: ['a1'] },
      { text: 'low cost & fair', count: 1, creditPercent: 0, studentSessionIds: ['a2'] },
    ],
    ...over,
  };
}
