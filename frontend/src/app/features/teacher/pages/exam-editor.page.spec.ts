import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { QUESTION_TYPES, type QuestionDefinition, type UpdateExamRequest } from '@exam/contracts';
import { errorBody } from '../../../../testing/auth-fixtures';
import { KEYED, examView } from '../../../../testing/exam-fixtures';
import { ExamEditorPage } from './exam-editor.page';

describe('ExamEditorPage', () => {
  let fixture: ComponentFixture<ExamEditorPage>;
  let el: HTMLElement;
  let http: HttpTestingController;

  const stable = () => fixture.whenStable();
  const buttons = (name: string | RegExp) =>
    Array.from(el.querySelectorAll('button')).filter((b) =>
      typeof name === 'string'
        ? (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name
        : name.test(b.getAttribute('aria-label') ?? b.textContent ?? ''),
    );
  const click = async (name: string | RegExp, n = 0) => {
    const b = buttons(name)[n];
    if (!b) throw new Error(`no button ${String(name)}`);
    b.click();
    await stable();
  };
  const type = async (selector: string, value: string, event = 'input') => {
    const input = el.querySelector<HTMLInputElement>(selector);
    if (!input) throw new Error(`no ${selector}`);
    input.value = value;
    input.dispatchEvent(new Event(event));
    await stable();
  };
  const headings = () =>
    Array.from(el.querySelectorAll('exam-question-editor h3')).map((h) =>
      h.textContent?.replace(/\s+/g, ' ').trim(),
    );
  const addQuestion = async (t: string) => {
    const select = el.querySelector<HTMLSelectElement>('#add-type')!;
    select.value = t;
    select.dispatchEvent(new Event('change'));
    await click('Add question');
  };
  const promptBoxes = () =>
    Array.from(el.querySelectorAll<HTMLTextAreaElement>('textarea[id$="-prompt"]'));
  const submit = async () => {
    el.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await stable();
  };

  async function open(id: string): Promise<void> {
    fixture = TestBed.createComponent(ExamEditorPage);
    el = fixture.nativeElement as HTMLElement;
    fixture.componentRef.setInput('id', id);
    await stable();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => {
    http.verify();
    TestBed.resetTestingModule();
  });

  it('adds a question of every type, edits and reorders them, and creates the exam', async () => {
    await open('new');
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    for (const t of QUESTION_TYPES) await addQuestion(t);
    expect(headings()).toEqual([
      'Question 1 Single choice',
      'Question 2 True / false',
      'Question 3 Multiple response',
      'Question 4 Short text',
      'Question 5 Numeric',
      'Question 6 Essay',
      'Question 7 Ordering',
      'Question 8 Matching',
    ]);

    await type('#exam-title', 'All the types');
    const prompts = promptBoxes();
    for (const [i, box] of prompts.entries()) {
      box.value = `Prompt ${i + 1}`;
      box.dispatchEvent(new Event('input'));
    }
    await stable();
    // Single choice: option texts, mark B correct, add a third option.
    await type('[id$="-opt-a"]', 'Paris');
    await type('[id$="-opt-b"]', 'Lyon');
    el.querySelectorAll<HTMLInputElement>('input[type=radio][name$="-correct"]')[1].click();
    await stable();
    // Short text: accepted answer; numeric: switch to a range.
    const acc = el.querySelector<HTMLInputElement>('input[id*="-acc-0"]')!;
    acc.value = 'green';
    acc.dispatchEvent(new Event('input'));
    const mode = el.querySelector<HTMLSelectElement>('select[id*="-nm-0"]')!;
    mode.value = 'range';
    mode.dispatchEvent(new Event('change'));
    await stable();
    await type('input[id*="-nmax-0"]', '4', 'change');
    // Essay word limit and points.
    await type('input[id$="-maxw"]', '150', 'change');
    // Ordering: move the third item up.
    await click('Move item 3 up');
    // Move the essay (question 6) up to position 5.
    await click('Move Question 6 up');
    expect(headings()[4]).toBe('Question 5 Essay');
    // Delete the true/false question.
    await click('Delete Question 2');
    expect(headings()).toHaveLength(7);

    await submit();
    const req = http.expectOne('/api/v1/exams');
    expect(req.request.method).toBe('POST');
    const body = req.request.body as UpdateExamRequest;
    expect(body.title).toBe('All the types');
    expect(body.questions.map((q) => q.type)).toEqual([
      'single_choice',
      'multiple_response',
      'short_text',
      'essay',
      'numeric',
      'ordering',
      'matching',
    ]);
    const [single, , short, essay, numeric, ordering] = body.questions;
    expect(single).toMatchObject({
      prompt: 'Prompt 1',
      correctOptionId: 'b',
      options: [
        { id: 'a', text: 'Paris' },
        { id: 'b', text: 'Lyon' },
      ],
    });
    expect(short).toMatchObject({ acceptedAnswers: [{ text: 'green', creditPercent: 100 }] });
    expect(essay).toMatchObject({ maxWords: 150 });
    expect(numeric).toMatchObject({ acceptedAnswers: [{ min: 0, max: 4, creditPercent: 100 }] });
    expect(ordering).toMatchObject({ correctOrder: ['a', 'c', 'b'] });

    const saved = examView({
      id: 'new-id',
      title: 'All the types',
      questions: body.questions.map(
        (q, i) => ({ ...q, id: `q${i}` }) as QuestionDefinition & { id: string },
      ),
    });
    req.flush(saved);
    await stable();
    expect(el.querySelector('[data-testid=editor-notice]')?.textContent).toContain(
      'Saved “All the types”',
    );
    expect(navigate).toHaveBeenCalledWith(['/teacher/exams', 'new-id'], { replaceUrl: true });
  });

  it('loads an exam and saves with its version; shows server problems on the right question', async () => {
    await open('e1');
    http.expectOne('/api/v1/exams/e1').flush(examView({ version: 4 }));
    await stable();
    expect((el.querySelector('#exam-title') as HTMLInputElement).value).toBe('Algebra test');
    expect(headings()).toEqual(['Question 1 Single choice', 'Question 2 True / false']);

    await submit();
    const put = http.expectOne('/api/v1/exams/e1');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toMatchObject({ version: 4 });
    expect((put.request.body as UpdateExamRequest).questions[0]).toMatchObject({ id: 'q-1' });
    put.flush(
      errorBody(400, 'VALIDATION_FAILED', 'The request has invalid fields.', [
        { field: 'title', problems: ['title must be 1 to 200 characters'] },
        { field: 'questions[1].correct', problems: ['correct must be true or false'] },
      ]),
      { status: 400, statusText: 'Bad Request' },
    );
    await stable();
    expect(el.querySelector('#exam-title')?.getAttribute('aria-invalid')).toBe('true');
    expect(el.textContent).toContain('title must be 1 to 200 characters');
    const issueBoxes = el.querySelectorAll('[data-testid=question-issues]');
    expect(issueBoxes).toHaveLength(1);
    expect(
      issueBoxes[0].closest('exam-question-editor')?.querySelector('h3')?.textContent,
    ).toContain('Question 2');
    expect(issueBoxes[0].textContent).toContain('correct: correct must be true or false');
    // The problem follows its question when it moves.
    await click('Move Question 2 up');
    expect(
      el
        .querySelector('[data-testid=question-issues]')
        ?.closest('exam-question-editor')
        ?.querySelector('h3')?.textContent,
    ).toContain('Question 1');
    expect(el.querySelector('[data-testid=editor-error]')?.textContent).toContain(
      '2 places need a fix',
    );
  });

  it('explains 409 EXAM_LOCKED and offers to edit a copy', async () => {
    await open('e1');
    http.expectOne('/api/v1/exams/e1').flush(examView());
    await stable();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    await submit();
    http
      .expectOne('/api/v1/exams/e1')
      .flush(errorBody(409, 'EXAM_LOCKED', 'This exam is in use.'), {
        status: 409,
        statusText: 'Conflict',
      });
    await stable();
    const box = el.querySelector('[data-testid=editor-error]')!;
    expect(box.textContent).toContain('in use by a session');
    expect(box.textContent).toContain('Your edits are not saved');
    await click('Duplicate and edit the copy');
    const dup = http.expectOne('/api/v1/exams/e1/duplicate');
    dup.flush(examView({ id: 'copy-1', title: 'Algebra test (copy)' }));
    await stable();
    expect(navigate).toHaveBeenCalledWith(['/teacher/exams', 'copy-1']);
  });

  it('previews every type as a student sees it, without any key', async () => {
    await open('e1');
    http
      .expectOne('/api/v1/exams/e1')
      .flush(examView({ questions: KEYED.map((q, i) => ({ ...q, id: `q${i}` })) }));
    await stable();
    await click('Preview as a student');
    expect(el.querySelector('exam-question-editor')).toBeNull();
    const preview = el.querySelector('exam-question-preview')!;
    const text = preview.textContent ?? '';
    expect(preview.querySelectorAll('li.q')).toHaveLength(8);
    expect(text).toContain('Capital of France?');
    expect(text).toContain('Paris');
    expect(text).toContain('rad');
    expect(text).toContain('Up to 200 words');
    expect(text).not.toContain('SECRET');
    expect(text).not.toMatch(/weight|correct|credit|tolerance/i);
    // No option is pre-selected and no field is pre-filled.
    expect(preview.querySelectorAll('input:checked')).toHaveLength(0);
    expect(
      Array.from(
        preview.querySelectorAll<HTMLInputElement>('input:not([type=radio]):not([type=checkbox])'),
      ).every((i) => i.value === ''),
    ).toBe(true);
    // Ordering works with buttons.
    const orderItems = () =>
      Array.from(preview.querySelectorAll('.order li span')).map((s) => s.textContent?.trim());
    const before = orderItems();
    (preview.querySelector('.order li:nth-child(2) button') as HTMLButtonElement).click();
    await stable();
    expect(orderItems()).toEqual([before[1], before[0], before[2]]);
  });

  it('counts questions and points with the right plurals', async () => {
    await open('e1');
    http
      .expectOne('/api/v1/exams/e1')
      .flush(examView({ durationMinutes: 1, questions: [{ ...KEYED[0], id: 'q0' }] }));
    await stable();
    const total = () =>
      el.querySelector('[data-testid=questions-total]')?.textContent?.replace(/\s+/g, ' ').trim();
    expect(total()).toBe('(1 question, 1 point)');
    await click('Preview as a student');
    expect(el.querySelector('.preview > p')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      '1 minute · 1 question · 1 point. This is what students see; answers here are not saved.',
    );
    expect(
      el.querySelector('exam-question-preview .meta')?.textContent?.replace(/\s+/g, ' ').trim(),
    ).toBe('Question 1 of 1 · 1 point');
  });
});
