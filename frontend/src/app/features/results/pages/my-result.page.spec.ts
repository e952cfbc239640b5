import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { MyResult, MyResultQuestion } from '@exam/contracts';
import { errorBody } from '../../../../testing/auth-fixtures';
import { MyResultPage } from './my-result.page';

const URL = '/api/v1/exam-sessions/s-1/my-result';

function result(over: Partial<MyResult> = {}): MyResult {
  return {
    sessionId: 's-1',
    title: 'English - class 3B',
    examTitle: 'English Assessment',
    mode: 'score',
    releasedAt: Date.UTC(2026, 2, 12, 14, 5),
    passingScore: 60,
    endReason: 'submitted',
    completedAt: Date.UTC(2026, 2, 12, 10, 40),
    score: {
      score: 27,
      maxScore: 39,
      percent: 69.23,
      result: 'passed',
      pendingManual: 0,
      gradedAt: 1,
    },
    ...over,
  };
}

const REVIEW: MyResultQuestion[] = [
  {
    position: 2,
    state: 'wrong',
    points: 0,
    maxPoints: 1,
    question: {
      id: 'q-a',
      type: 'single_choice',
      position: 1,
      prompt: 'She ___ to school every day.',
      points: 1,
      options: [
        { id: 'b', text: 'go' },
        { id: 'a', text: 'goes' },
      ],
    },
    answer: { optionId: 'b' },
    answerText: 'go',
    correctText: 'goes',
    correct: {
      id: 'q-a',
      type: 'single_choice',
      prompt: 'She ___ to school every day.',
      points: 1,
      options: [
        { id: 'a', text: 'goes' },
        { id: 'b', text: 'go' },
      ],
      correctOptionId: 'a',
    },
    comment: null,
  },
  {
    position: 1,
    state: 'correct',
    points: 4,
    maxPoints: 5,
    question: { id: 'q-e', type: 'essay', position: 0, prompt: 'Describe your town.', points: 5 },
    answer: { text: 'My town is small.\nIt has a river.' },
    answerText: 'My town is small.\nIt has a river.',
    correctText: '',
    comment: 'Good structure; watch the tenses.',
  },
  {
    position: 3,
    state: 'dropped',
    points: 0,
    maxPoints: 1,
    question: { id: 'q-t', type: 'short_text', position: 2, prompt: 'Past of go?', points: 1 },
    answer: null,
    answerText: '',
    correctText: 'went',
    comment: null,
  },
];

describe('MyResultPage', () => {
  let fixture: ComponentFixture<MyResultPage>;
  let el: HTMLElement;
  let http: HttpTestingController;
  const text = () => el.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(MyResultPage);
    fixture.componentRef.setInput('id', 's-1');
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });
  afterEach(() => {
    http.verify();
    TestBed.resetTestingModule();
    fixture.destroy();
  });

  async function flush(body: MyResult): Promise<void> {
    http.expectOne(URL).flush(body);
    await fixture.whenStable();
  }

  it('before release shows only the teacher-not-released sentence and the way back', async () => {
    expect(text()).toContain('Loading your result');
    const msg =
      'Your teacher has not released the results of this exam yet. They will appear here once released.';
    http.expectOne(URL).flush(errorBody(403, 'RESULTS_NOT_RELEASED', msg), {
      status: 403,
      statusText: 'Forbidden',
    });
    await fixture.whenStable();
    expect(el.querySelector('h1')?.textContent).toContain('Your result is not available yet');
    expect(text()).toContain(msg);
    expect(el.querySelector('[data-testid="not-available"] a')?.getAttribute('href')).toBe(
      '/student',
    );
    expect(el.querySelector('exam-my-result-score-card')).toBeNull();
    expect(text()).not.toContain('%');
  });

  it('on another error shows the server sentence and nothing else', async () => {
    http.expectOne(URL).flush(errorBody(404, 'NOT_FOUND', 'Exam session not found.'), {
      status: 404,
      statusText: 'Not Found',
    });
    await fixture.whenStable();
    expect(el.querySelector('h1')?.textContent).toContain('Your result cannot be shown');
    expect(text()).toContain('Exam session not found.');
    expect(el.querySelector('exam-my-result-score-card')).toBeNull();
  });

  it('score only: title, points, percent, passed, passing score and how it ended', async () => {
    await flush(result());
    expect(el.querySelector('h1')?.textContent).toContain('English - class 3B');
    expect(text()).toContain('English Assessment');
    const points = el.querySelector('[data-testid="score-points"]')?.textContent;
    expect(points?.replace(/\s+/g, ' ').trim()).toBe('27 out of 39 points');
    expect(el.querySelector('[data-testid="score-percent"]')?.textContent).toContain('69.23 %');
    expect(el.querySelector('[data-testid="outcome"]')?.textContent).toContain('Passed');
    expect(el.querySelector('[data-testid="outcome"]')?.textContent).toContain('✓');
    expect(text()).toContain('You needed 60 % to pass.');
    expect(el.querySelector('[data-testid="end-reason"]')?.textContent).toContain(
      'You submitted your answers',
    );
    expect(text()).toContain('Results released');
    expect(el.querySelector('[data-testid="correctness"]')).toBeNull();
    expect(el.querySelector('[data-testid="full-review"]')).toBeNull();
  });

  it('says a failed attempt did not pass, and an ended-by-time one how it ended', async () => {
    await flush(
      result({
        endReason: 'deadline',
        score: {
          score: 10,
          maxScore: 39,
          percent: 25.64,
          result: 'failed',
          pendingManual: 0,
          gradedAt: 1,
        },
      }),
    );
    expect(el.querySelector('[data-testid="outcome"]')?.textContent).toContain('Not passed');
    expect(el.querySelector('[data-testid="end-reason"]')?.textContent).toContain('Time ran out');
  });

  it('says a result waiting for grading is not final yet, with how many answers', async () => {
    await flush(
      result({
        endReason: 'teacher',
        score: {
          score: 20,
          maxScore: 39,
          percent: 51.28,
          result: 'pending',
          pendingManual: 2,
          gradedAt: 1,
        },
      }),
    );
    const outcome = el.querySelector('[data-testid="outcome"]')?.textContent?.replace(/\s+/g, ' ');
    expect(outcome).toContain('Not final yet: a teacher still has to grade 2 answers');
    expect(el.querySelector('[data-testid="end-reason"]')?.textContent).toContain(
      'Your teacher ended the exam',
    );
  });

  it('says an absent student did not take part, without a score', async () => {
    await flush(
      result({
        endReason: 'absent',
        completedAt: null,
        score: { score: 0, maxScore: 39, percent: 0, result: null, pendingManual: 0, gradedAt: 1 },
      }),
    );
    expect(el.querySelector('[data-testid="outcome"]')?.textContent).toContain(
      'You did not take part',
    );
    expect(el.querySelector('[data-testid="score-points"]')).toBeNull();
  });

  it('correctness: one line per question in the order seen, symbol and words', async () => {
    await flush(
      result({
        mode: 'correctness',
        questions: [
          { position: 2, state: 'wrong', points: 0, maxPoints: 1 },
          { position: 1, state: 'correct', points: 2, maxPoints: 2 },
          { position: 3, state: 'dropped', points: 0, maxPoints: 1 },
          { position: 4, state: 'pending', points: null, maxPoints: 5 },
          { position: 5, state: 'partial', points: 0.5, maxPoints: 1 },
        ],
      }),
    );
    const items = [...el.querySelectorAll('[data-testid="correctness"] li')].map(
      (li) =>
        `${li.querySelector('.q-symbol')?.textContent} ${li.querySelector('.q-text')?.textContent}`,
    );
    expect(items).toEqual([
      '✓ Question 1 — Correct, 2 of 2 points',
      '✗ Question 2 — Incorrect, 0 of 1 point',
      '⊘ Question 3 — Not counted',
      '◷ Question 4 — Not graded yet, worth 5 points',
      '◐ Question 5 — Partly correct, 0.5 of 1 point',
    ]);
    expect(text()).toContain('1 correct');
    expect(el.querySelector('[data-testid="full-review"]')).toBeNull();
  });

  it('full review: prompt, options as seen with marks, answers, points and comments', async () => {
    await flush(result({ mode: 'full_review', questions: REVIEW }));
    const qs = [...el.querySelectorAll('exam-my-result-question')];
    expect(qs.map((q) => q.querySelector('h3')?.textContent?.trim())).toEqual([
      'Question 1',
      'Question 2',
      'Question 3',
    ]);
    const [essay, choice, dropped] = qs;
    // The essay keeps its line breaks and has no "correct answer".
    const answer = essay.querySelector<HTMLElement>('[data-testid="q-answer"]');
    expect(answer?.textContent).toContain('My town is small.\nIt has a river.');
    expect(answer?.classList.contains('essay')).toBe(true);
    expect(essay.querySelector('[data-testid="q-correct"]')).toBeNull();
    expect(essay.querySelector('[data-testid="q-comment"]')?.textContent).toContain(
      'Good structure; watch the tenses.',
    );
    expect(essay.querySelector('[data-testid="q-state"]')?.textContent).toContain('4 of 5 points');
    // Options in the order the student saw them, marked in words.
    const opts = [...choice.querySelectorAll('.options li')].map((li) =>
      li.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(opts).toEqual(['go, ● Your answer', 'goes, ✓ Correct answer']);
    expect(choice.querySelector('[data-testid="q-correct"]')?.textContent).toContain('goes');
    expect(choice.querySelector('[data-testid="q-state"]')?.textContent).toContain('Incorrect');
    expect(choice.querySelector('[data-testid="q-comment"]')).toBeNull();
    expect(dropped.querySelector('[data-testid="q-state"]')?.textContent).toContain('Not counted');
    expect(dropped.querySelector('[data-testid="q-answer"]')?.textContent).toContain('No answer');
  });
});
