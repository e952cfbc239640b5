import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { AttemptScore, GradingQueue, GradingQueueItem } from '@exam/contracts';
import { errorBody } from '../../../../testing/auth-fixtures';
import { GradingPage, parsePoints, totalText } from './grading.page';

const BASE = '/api/v1/exam-sessions/s1';

function item(over: Partial<GradingQueueItem> = {}): GradingQueueItem {
  return {
    studentSessionId: 'a1',
    studentId: 'u1',
    studentName: 'Ava Brown',
    questionId: 'q9',
    position: 9,
    type: 'essay',
    prompt: 'Describe your town.',
    maxPoints: 5,
    answer: { text: 'My town is small.\nIt has a river.' },
    answerText: 'My town is small.\nIt has a river.',
    correctText: '',
    autoPoints: null,
    points: null,
    needsManualGrading: true,
    graded: false,
    comment: null,
    gradedBy: null,
    gradedAt: null,
    details: ['7 words', 'needs manual grading'],
    gradingNotes: 'Content 3, language 2.',
    ...over,
  };
}

const queue = (
  items: GradingQueueItem[],
  order: 'question' | 'student' = 'question',
): GradingQueue => ({
  sessionId: 's1',
  order,
  items,
  pending: items.filter((i) => i.points === null).length,
});

const ITEMS = [
  item(),
  item({
    studentSessionId: 'a2',
    studentName: 'Ben Okafor',
    points: 4,
    graded: true,
    gradedBy: 'Tom Teacher',
    gradedAt: Date.UTC(2026, 0, 8, 10),
    comment: 'Nice.',
  }),
  item({ studentSessionId: 'a3', studentName: 'Sam Student', answerText: 'Rivers are nice.' }),
];

const score = (over: Partial<AttemptScore> = {}): AttemptScore => ({
  score: 27,
  maxScore: 39,
  percent: 69.23,
  result: 'passed',
  pendingManual: 0,
  gradedAt: 1,
  ...over,
});

describe('GradingPage', () => {
  let fixture: ComponentFixture<GradingPage>;
  let el: HTMLElement;
  let http: HttpTestingController;

  const text = (sel: string) =>
    el.querySelector(sel)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const heading = () => text('#item-heading');
  const points = () => el.querySelector<HTMLInputElement>('#grade-points')!;
  const key = (target: EventTarget, k: string, init: KeyboardEventInit = {}) =>
    target.dispatchEvent(
      new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...init }),
    );
  const type = async (input: HTMLInputElement | HTMLTextAreaElement, value: string) => {
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  };

  async function open(items = ITEMS): Promise<void> {
    fixture = TestBed.createComponent(GradingPage);
    fixture.componentRef.setInput('id', 's1');
    el = fixture.nativeElement as HTMLElement;
    document.body.appendChild(el);
    await fixture.whenStable();
    http.expectOne((r) => r.url === `${BASE}/results`).flush({ title: 'English 3B' });
    const req = http.expectOne((r) => r.url === `${BASE}/grading`);
    expect(req.request.params.get('order')).toBe('question');
    expect(req.request.params.get('state')).toBe('all');
    req.flush(queue(items));
    await fixture.whenStable();
  }

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => {
    http.verify();
    fixture?.destroy();
    el?.remove();
    TestBed.resetTestingModule();
  });

  it('parses points and words totals', () => {
    expect(parsePoints('2,5')).toBe(2.5);
    expect(parsePoints(' 3 ')).toBe(3);
    expect(parsePoints('.5')).toBe(0.5);
    expect(parsePoints('-1')).toBeNull();
    expect(parsePoints('abc')).toBeNull();
    expect(totalText(score())).toBe('27 / 39, 69 %, passed');
    expect(totalText(score({ result: 'pending', pendingManual: 2 }))).toBe(
      '27 / 39, 69 %, 2 answers still to grade',
    );
  });

  it('opens the first answer to grade with the points field focused, notes and progress', async () => {
    await open();
    expect(text('h1')).toBe('Grading');
    expect(text('.session')).toBe('English 3B');
    expect(text('[data-testid=progress]')).toBe('1 of 3 graded');
    expect(heading()).toBe('Question 9 · Ava Brown');
    expect(text('[data-testid=grading-prompt]')).toBe('Describe your town.');
    expect(el.textContent).toContain('Content 3, language 2.');
    // Essays keep their line breaks.
    expect(el.querySelector('[data-testid=grading-answer]')!.textContent).toContain(
      'small.\nIt has',
    );
    expect(el.textContent).toContain('7 words');
    expect(el.textContent).not.toContain('needs manual grading');
    expect(document.activeElement).toBe(points());
    expect(el.querySelectorAll('nav li')).toHaveLength(3);
    expect(text('nav li:nth-child(2)')).toContain('✓ 4 / 5');
  });

  it('saves with Enter, announces the new total and moves to the next answer to grade', async () => {
    await open();
    await type(points(), '3.5');
    key(points(), 'Enter');
    const req = http.expectOne(`${BASE}/grades`);
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ studentSessionId: 'a1', questionId: 'q9', points: 3.5 });
    req.flush({
      item: { ...ITEMS[0], points: 3.5, graded: true, gradedBy: 'Tom Teacher', gradedAt: 1 },
      attempt: score(),
    });
    await fixture.whenStable();
    expect(text('[role=status]')).toBe('Saved 3.5 / 5. Ava Brown now has 27 / 39, 69 %, passed.');
    expect(text('[data-testid=progress]')).toBe('2 of 3 graded');
    // Ben is graded already: the next one to grade is Sam.
    expect(heading()).toBe('Question 9 · Sam Student');
    expect(points().value).toBe('');
    expect(document.activeElement).toBe(points());
  });

  it('sends the comment, and Ctrl+Enter in the comment saves too', async () => {
    await open();
    await type(points(), '2');
    await type(el.querySelector<HTMLTextAreaElement>('#grade-comment')!, '  Good start. ');
    key(el.querySelector('#grade-comment')!, 'Enter', { ctrlKey: true });
    const req = http.expectOne(`${BASE}/grades`);
    expect(req.request.body).toEqual({
      studentSessionId: 'a1',
      questionId: 'q9',
      points: 2,
      comment: 'Good start.',
    });
    req.flush({ item: { ...ITEMS[0], points: 2, graded: true }, attempt: score() });
    await fixture.whenStable();
  });

  it("shows the server's sentence next to the field and stays on the answer", async () => {
    await open();
    await type(points(), '7');
    key(points(), 'Enter');
    http
      .expectOne(`${BASE}/grades`)
      .flush(
        errorBody(400, 'VALIDATION_FAILED', 'Give between 0 and 5 points for this question.'),
        {
          status: 400,
          statusText: 'Bad Request',
        },
      );
    await fixture.whenStable();
    expect(text('[data-testid=points-error]')).toBe(
      'Give between 0 and 5 points for this question.',
    );
    expect(points().getAttribute('aria-invalid')).toBe('true');
    expect(heading()).toBe('Question 9 · Ava Brown');
    // Not a number: said before anything is sent.
    await type(points(), 'lots');
    key(points(), 'Enter');
    await fixture.whenStable();
    expect(text('[data-testid=points-error]')).toBe('Enter the points as a number from 0 to 5.');
  });

  it('moves with j/n, k/p and g, but not while typing a comment', async () => {
    await open();
    key(document.body, 'j');
    await fixture.whenStable();
    expect(heading()).toBe('Question 9 · Ben Okafor');
    // A graded answer opens with its grade, who and when.
    expect(points().value).toBe('4');
    expect(text('[data-testid=current-grade]')).toContain('Graded 4 / 5 by Tom Teacher');
    expect(text('[data-testid=current-grade]')).toContain('“Nice.”');
    key(document.body, 'p');
    await fixture.whenStable();
    expect(heading()).toBe('Question 9 · Ava Brown');
    key(document.body, 'g');
    await fixture.whenStable();
    expect(heading()).toBe('Question 9 · Sam Student');
    key(el.querySelector('#grade-comment')!, 'k');
    await fixture.whenStable();
    expect(heading()).toBe('Question 9 · Sam Student');
    // The points field takes numbers only, so the letters work there too.
    key(points(), 'k');
    await fixture.whenStable();
    expect(heading()).toBe('Question 9 · Ben Okafor');
    (el.querySelectorAll('nav li button')[2] as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(heading()).toBe('Question 9 · Sam Student');
    expect(el.querySelector('nav li:nth-child(3) button')!.getAttribute('aria-current')).toBe(
      'true',
    );
  });

  it('hides names as Student 1, 2, 3 in queue order and remembers it for the session', async () => {
    await open();
    const hide = el.querySelector<HTMLInputElement>('[data-testid=hide-names]')!;
    hide.click();
    await fixture.whenStable();
    expect(heading()).toBe('Question 9 · Student 1');
    expect(text('nav')).toContain('Student 2');
    expect(text('nav')).toContain('Student 3');
    expect(el.textContent).not.toContain('Ava Brown');
    expect(el.textContent).not.toContain('Ben Okafor');
    expect(localStorage.getItem('exam-room.grading.hide-names.s1')).toBe('1');

    fixture.destroy();
    el.remove();
    await open();
    expect(el.querySelector<HTMLInputElement>('[data-testid=hide-names]')!.checked).toBe(true);
    expect(heading()).toBe('Question 9 · Student 1');
  });

  it('filters to the answers still to grade and says when all are done', async () => {
    await open();
    el.querySelector<HTMLInputElement>('[data-testid=only-pending]')!.click();
    await fixture.whenStable();
    expect(el.querySelectorAll('nav li')).toHaveLength(2);
    expect(text('nav')).not.toContain('Ben Okafor');
    await type(points(), '5');
    key(points(), 'Enter');
    http.expectOne(`${BASE}/grades`).flush({
      item: { ...ITEMS[0], points: 5, graded: true },
      attempt: score(),
    });
    await fixture.whenStable();
    expect(heading()).toBe('Question 9 · Sam Student');
    await type(points(), '1');
    key(points(), 'Enter');
    http.expectOne(`${BASE}/grades`).flush({
      item: { ...ITEMS[2], points: 1, graded: true },
      attempt: score({ result: 'failed' }),
    });
    await fixture.whenStable();
    expect(text('[role=status]')).toContain('Sam Student now has 27 / 39, 69 %, not passed.');
    expect(text('[role=status]')).toContain('Every answer is graded.');
    expect(text('[data-testid=all-graded]')).toContain('Every answer is graded.');
    expect(text('[data-testid=progress]')).toBe('3 of 3 graded');
  });

  it('reloads by student when the order changes', async () => {
    await open();
    const byStudent = el.querySelector<HTMLInputElement>('input[value=student]')!;
    byStudent.click();
    await fixture.whenStable();
    const req = http.expectOne((r) => r.url === `${BASE}/grading`);
    expect(req.request.params.get('order')).toBe('student');
    req.flush(queue([...ITEMS].reverse(), 'student'));
    await fixture.whenStable();
    // Keeps the answer that was open.
    expect(heading()).toBe('Question 9 · Ava Brown');
    expect(text('nav li:first-child')).toContain('Sam Student');
  });

  it('has a friendly empty state with a way back to the results', async () => {
    await open([]);
    expect(text('[data-testid=grading-empty]')).toContain('Nothing to grade here.');
    expect(el.querySelector('[data-testid=grading-empty] a')!.getAttribute('href')).toBe(
      '/teacher/sessions/s1/results',
    );
  });
});
