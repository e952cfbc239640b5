import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { GradeFormComponent, parsePoints } from './grade-form.component';

describe('parsePoints', () => {
  it('reads points typed with a dot or a comma', () => {
    expect(parsePoints('2.5')).toBe(2.5);
    expect(parsePoints(' 2,25 ')).toBe(2.25);
    expect(parsePoints('.5')).toBe(0.5);
    expect(parsePoints('')).toBeNull();
    expect(parsePoints('two')).toBeNull();
  });
});

describe('GradeFormComponent', () => {
  let fixture: ComponentFixture<GradeFormComponent>;
  let el: HTMLElement;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(GradeFormComponent);
    for (const [k, v] of Object.entries({
      sessionId: 's1',
      attemptId: 'a1',
      questionId: 'q1',
      position: 4,
      max: 2,
      points: 1.5,
      currentComment: 'Nice',
      graded: true,
    })) {
      fixture.componentRef.setInput(k, v);
    }
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });
  afterEach(() => {
    http.verify();
    TestBed.resetTestingModule();
  });

  it('opens with the current points and comment, and cancel folds it back', async () => {
    el.querySelector<HTMLButtonElement>('button')!.click();
    await fixture.whenStable();
    expect(el.querySelector('form')?.getAttribute('aria-label')).toBe('Grade question 4');
    expect(el.querySelector<HTMLInputElement>('input')!.value).toBe('1.5');
    expect(el.querySelector<HTMLTextAreaElement>('textarea')!.value).toBe('Nice');
    expect(el.querySelector('button[type=submit]')?.textContent).toContain('Save the points');
    // Shift+Enter is a new line, not a save.
    el.querySelector('textarea')!.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true }),
    );
    http.expectNone('/api/v1/exam-sessions/s1/grades');
    Array.from(el.querySelectorAll('button'))
      .find((b) => b.textContent?.trim() === 'Cancel')!
      .click();
    await fixture.whenStable();
    expect(el.querySelector('form')).toBeNull();
  });

  it('says why it cannot grade instead of showing the form', async () => {
    fixture.componentRef.setInput('disabledReason', 'The student is still taking the exam.');
    await fixture.whenStable();
    expect(el.querySelector('button')).toBeNull();
    expect(el.textContent).toContain('The student is still taking the exam.');
  });
});
