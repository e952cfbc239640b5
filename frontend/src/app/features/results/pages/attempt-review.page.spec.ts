import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { GradeResponse } from '@exam/contracts';
import { errorBody } from '../../../../testing/auth-fixtures';
import { ESSAY, attemptReview, reviewQuestion } from '../components/results-fixtures';
import { AttemptReviewPage } from './attempt-review.page';

const URL_ATTEMPT = '/api/v1/exam-sessions/s1/results/attempts/a1';
const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

function gradeResponse(points: number, comment: string | null): GradeResponse {
  return {
    item: {
      studentSessionId: 'a1',
      studentId: 'u1',
      studentName: 'Sam Student',
      questionId: 'q3',
      position: 3,
      type: 'essay',
      prompt: 'Write about a trip',
      maxPoints: 5,
      answer: { text: 'x' },
      answerText: 'x',
      correctText: '',
      autoPoints: null,
      points,
      needsManualGrading: true,
      graded: true,
      comment,
      gradedBy: 'Tom Teacher',
      gradedAt: 30,
      details: [],
      gradingNotes: null,
    },
    attempt: {
      score: 5,
      maxScore: 6,
      percent: 83.33,
      result: 'passed',
      pendingManual: 0,
      gradedAt: 30,
    },
  };
}

describe('AttemptReviewPage', () => {
  let fixture: ComponentFixture<AttemptReviewPage>;
  let el: HTMLElement;
  let http: HttpTestingController;
  const cards = () => Array.from(el.querySelectorAll<HTMLElement>('article.question'));
  const field = (card: Element, testid: string) =>
    squash(card.querySelector(`[data-testid=${testid}]`)?.textContent);

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AttemptReviewPage);
    fixture.componentRef.setInput('id', 's1');
    fixture.componentRef.setInput('attemptId', 'a1');
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });
  afterEach(() => {
    http.verify();
    fixture.destroy();
    TestBed.resetTestingModule();
  });

  async function load(review = attemptReview()): Promise<void> {
    http.expectOne(URL_ATTEMPT).flush(review);
    await fixture.whenStable();
  }

  it('shows the student, the totals and one card per question in exam order', async () => {
    await load();
    expect(squash(el.querySelector('h1')?.textContent)).toBe('Sam Student');
    const summary = squash(el.querySelector('[data-testid=attempt-summary]')?.textContent);
    expect(summary).toContain('1 / 6 (16.67 %)');
    expect(summary).toContain('Awaiting grading');
    expect(summary).toContain('42 min');
    expect(summary).toContain('Submitted');
    expect(el.querySelector('.back a')?.getAttribute('href')).toBe('/teacher/sessions/s1/results');

    const [choice, essay] = cards();
    expect(squash(choice.querySelector('h2')?.textContent)).toBe('Question 1 · Single choice');
    expect(field(choice, 'q-state')).toBe('✓ Correct');
    expect(field(choice, 'q-answer')).toBe('Paris');
    expect(choice.textContent).toContain('Correct answer');
    expect(field(choice, 'q-points')).toBe('1 of 1 point · by the rules');
    expect(choice.textContent).toContain('correct');
    expect(choice.textContent).not.toContain('Shown to this student');

    expect(squash(essay.querySelector('h2')?.textContent)).toBe('Question 3 · Essay');
    expect(essay.textContent).toContain('Shown to this student as question 2.');
    // Essays keep their line breaks.
    expect(essay.querySelector('[data-testid=q-answer] .pre')?.textContent).toBe(
      'I went to Rome.\nIt was nice.',
    );
    expect(essay.textContent).not.toContain('Correct answer');
    expect(field(essay, 'q-points')).toBe('Awaiting grading (out of 5 points)');
    expect(essay.textContent).toContain('Look for a conditional.');
  });

  it('turns the answer history into words and lists the grades', async () => {
    await load(
      attemptReview({
        questions: [
          reviewQuestion({
            source: 'manual',
            points: 0.5,
            state: 'partial',
            comment: 'Close.',
            gradeHistory: [
              { points: 0.5, comment: 'Close.', graderId: 't1', graderName: 'Tom Teacher', at: 5 },
            ],
          }),
        ],
      }),
    );
    const card = cards()[0];
    expect(field(card, 'q-points')).toBe('0.5 of 1 point · by Tom Teacher (the rules gave 1)');
    expect(field(card, 'q-comment')).toBe('Close.');
    const history = card.querySelector('details')!;
    expect(squash(history.querySelector('summary')?.textContent)).toBe(
      'History (2 saves, 1 grade)',
    );
    const saves = Array.from(history.querySelectorAll('ol')[0].querySelectorAll('li')).map((li) =>
      squash(li.textContent),
    );
    expect(saves[0]).toMatch(/, Draft: Lyon$/);
    expect(saves[1]).toMatch(/, Final: Paris$/);
    expect(squash(history.querySelectorAll('ol')[1].textContent)).toContain(
      '0.5 points, by Tom Teacher, comment: Close.',
    );
  });

  it('grades an essay: posts, updates the card and the total at once, then refreshes', async () => {
    await load();
    const essay = cards()[1];
    const points = essay.querySelector<HTMLInputElement>('input')!;
    const comment = essay.querySelector<HTMLTextAreaElement>('textarea')!;
    expect(essay.querySelector('label')?.textContent).toContain('Points (0 to 5)');
    points.value = '4';
    points.dispatchEvent(new Event('input'));
    comment.value = 'Good, add a conditional.';
    comment.dispatchEvent(new Event('input'));
    // Enter in the comment saves.
    comment.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await fixture.whenStable();

    const req = http.expectOne('/api/v1/exam-sessions/s1/grades');
    expect(req.request.body).toEqual({
      studentSessionId: 'a1',
      questionId: 'q3',
      points: 4,
      comment: 'Good, add a conditional.',
    });
    req.flush(gradeResponse(4, 'Good, add a conditional.'));
    await fixture.whenStable();

    const card = cards()[1];
    expect(field(card, 'q-points')).toBe('4 of 5 points · by a teacher');
    expect(field(card, 'q-state')).toBe('◐ Partly correct');
    expect(field(card, 'q-comment')).toBe('Good, add a conditional.');
    expect(squash(el.querySelector('[data-testid=attempt-score]')?.textContent)).toBe(
      '5 / 6 (83.33 %)',
    );
    expect(el.querySelector('[data-testid=attempt-summary]')?.textContent).toContain('Passed');
    expect(squash(el.querySelector('[data-testid=grade-notice]')?.textContent)).toBe(
      'Saved: 4 of 5 points for question 3. Total now 5 / 6 (83.33 %).',
    );

    // Then the server's version replaces the local one.
    http.expectOne(URL_ATTEMPT).flush(
      attemptReview({
        score: gradeResponse(4, null).attempt,
        questions: [
          reviewQuestion(),
          {
            ...ESSAY,
            points: 4,
            state: 'partial',
            source: 'manual',
            comment: 'Good, add a conditional.',
            gradeHistory: [
              {
                points: 4,
                comment: 'Good, add a conditional.',
                graderId: 't1',
                graderName: 'Tom Teacher',
                at: 30,
              },
            ],
          },
        ],
      }),
    );
    await fixture.whenStable();
    expect(field(cards()[1], 'q-points')).toBe('4 of 5 points · by Tom Teacher');
    // Graded: the form folds into a button to change the points.
    expect(squash(cards()[1].querySelector('exam-grade-form button')?.textContent)).toBe(
      'Change the points of question 3',
    );
  });

  it('checks the points before posting and shows the server refusal', async () => {
    await load();
    const essay = cards()[1];
    const points = essay.querySelector<HTMLInputElement>('input')!;
    const submit = essay.querySelector<HTMLButtonElement>('button[type=submit]')!;
    points.value = '7';
    points.dispatchEvent(new Event('input'));
    submit.click();
    await fixture.whenStable();
    expect(essay.querySelector('.field-error')?.textContent).toContain(
      'Give between 0 and 5 points.',
    );
    expect(points.getAttribute('aria-invalid')).toBe('true');
    points.value = '2.125';
    points.dispatchEvent(new Event('input'));
    submit.click();
    await fixture.whenStable();
    expect(essay.querySelector('.field-error')?.textContent).toContain('at most 2 decimals');
    http.expectNone('/api/v1/exam-sessions/s1/grades');

    points.value = '2,25';
    points.dispatchEvent(new Event('input'));
    submit.click();
    await fixture.whenStable();
    const req = http.expectOne('/api/v1/exam-sessions/s1/grades');
    expect(req.request.body.points).toBe(2.25);
    req.flush(errorBody(409, 'CONFLICT', 'This attempt is still open.'), {
      status: 409,
      statusText: 'Conflict',
    });
    await fixture.whenStable();
    expect(essay.querySelector('[role=alert]')?.textContent).toContain(
      'This attempt is still open.',
    );
  });

  it('changes the points the rules gave', async () => {
    await load();
    const choice = cards()[0];
    const open = choice.querySelector<HTMLButtonElement>('exam-grade-form button')!;
    expect(squash(open.textContent)).toBe('Change the points of question 1');
    open.click();
    await fixture.whenStable();
    const points = choice.querySelector<HTMLInputElement>('input')!;
    expect(points.value).toBe('1');
    points.value = '0';
    points.dispatchEvent(new Event('input'));
    choice.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await fixture.whenStable();
    const req = http.expectOne('/api/v1/exam-sessions/s1/grades');
    expect(req.request.body).toEqual({ studentSessionId: 'a1', questionId: 'q1', points: 0 });
    req.flush(gradeResponse(0, null));
    await fixture.whenStable();
    expect(field(cards()[0], 'q-state')).toBe('✗ Wrong');
    http.expectOne(URL_ATTEMPT).flush(attemptReview());
    await fixture.whenStable();
  });

  it('does not offer grading while the attempt is open', async () => {
    await load(
      attemptReview({ score: null, endReason: null, completedAt: null, status: 'joined' }),
    );
    expect(el.textContent).toContain('Still taking the exam');
    expect(el.querySelectorAll('article textarea')).toHaveLength(0);
    expect(squash(cards()[1].querySelector('[data-testid=grade-disabled]')?.textContent)).toBe(
      'The student is still taking the exam: you can grade once they have submitted or the exam has ended.',
    );
  });
});
