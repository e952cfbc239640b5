import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { errorBody } from '../../../../testing/auth-fixtures';
import { questionView } from '../components/results-fixtures';
import { QuestionResponsesPage } from './question-responses.page';

const URL_QUESTION = '/api/v1/exam-sessions/s1/results/questions/q7';
const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

describe('QuestionResponsesPage', () => {
  let fixture: ComponentFixture<QuestionResponsesPage>;
  let el: HTMLElement;
  let http: HttpTestingController;
  const rows = (testid: string) =>
    Array.from(el.querySelectorAll(`[data-testid=${testid}] tbody tr`)).map((tr) =>
      Array.from(tr.querySelectorAll('td')).map((td) => squash(td.textContent)),
    );

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(QuestionResponsesPage);
    fixture.componentRef.setInput('id', 's1');
    fixture.componentRef.setInput('questionId', 'q7');
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });
  afterEach(() => {
    http.verify();
    fixture.destroy();
    TestBed.resetTestingModule();
  });

  it('shows the question, its correct answer, the counts and every answer', async () => {
    http.expectOne(URL_QUESTION).flush(questionView());
    await fixture.whenStable();
    expect(squash(el.querySelector('h1')?.textContent)).toBe('Question 7 · Short text · 1 point');
    expect(squash(el.querySelector('[data-testid=q-prompt]')?.textContent)).toBe(
      'Opposite of "expensive"?',
    );
    expect(squash(el.querySelector('[data-testid=q-correct]')?.textContent)).toBe('cheap');
    expect(
      Array.from(el.querySelectorAll('[data-testid=q-counts] li')).map((li) =>
        squash(li.textContent),
      ),
    ).toEqual(['✓ Correct: 1', '✗ Wrong: 1', '○ Not answered: 1']);
    expect(rows('responses')).toEqual([
      ['Sam Student', 'cheap', '1 / 1', '✓ Correct'],
      ['Ava Brown', 'low cost & fair', '0 / 1', '✗ Wrong'],
      ['Ben Okafor', 'No answer', '0 / 1', '○ Not answered'],
    ]);
    expect(el.querySelector('[data-testid=responses] tbody a')?.getAttribute('href')).toBe(
      '/teacher/sessions/s1/results/students/a1',
    );
    expect(el.querySelector('.title-row a')?.getAttribute('href')).toBe(
      '/teacher/sessions/s1/regrade?questionId=q7',
    );
  });

  it('groups identical short answers and sends "Accept this answer" to the regrade page', async () => {
    http.expectOne(URL_QUESTION).flush(questionView());
    await fixture.whenStable();
    expect(rows('groups')).toEqual([
      ['cheap', '1', '100 %', 'Already accepted'],
      ['low cost & fair', '1', '0 %', 'Accept this answer: low cost & fair'],
    ]);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    el.querySelector<HTMLButtonElement>('[data-testid=groups] button')!.click();
    expect(navigate).toHaveBeenCalledWith(['/teacher/sessions', 's1', 'regrade'], {
      queryParams: { questionId: 'q7', accept: 'low cost & fair' },
    });
    // The URL it leads to carries the text encoded.
    const url = TestBed.inject(Router)
      .createUrlTree(['/teacher/sessions', 's1', 'regrade'], {
        queryParams: { questionId: 'q7', accept: 'low cost & fair' },
      })
      .toString();
    expect(url).toBe('/teacher/sessions/s1/regrade?questionId=q7&accept=low%20cost%20%26%20fair');
  });

  it('has no group table for other question types', async () => {
    http.expectOne(URL_QUESTION).flush(
      questionView({
        question: { id: 'q7', type: 'essay', prompt: 'Write', points: 5 },
        correctText: '',
        groups: [],
      }),
    );
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=groups]')).toBeNull();
    expect(el.querySelector('[data-testid=q-correct]')?.textContent).toContain(
      'Graded by a teacher',
    );
  });

  it('shows an error when the question cannot be loaded', async () => {
    http
      .expectOne(URL_QUESTION)
      .flush(errorBody(404, 'NOT_FOUND', 'This question of the session was not found.'), {
        status: 404,
        statusText: 'Not Found',
      });
    await fixture.whenStable();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('was not found');
  });
});
