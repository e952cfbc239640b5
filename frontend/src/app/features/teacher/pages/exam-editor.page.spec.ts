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

  const fill = async (selector: string, value: string, n = 0) => {
    const input = el.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(
      selector,
    )[n];
    if (!input) throw new Error(`no ${selector} #${n}`);
    input.value = value;
    input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input'));
    input.dispatchEvent(new Event('change'));
    await stable();
  };
  const errorBeside = (id: string) =>
    document.getElementById(`${id}-error`)?.textContent?.replace(/\s+/g, ' ').trim();
  const summaryLines = () =>
    Array.from(el.querySelectorAll('[data-testid=editor-summary-list] li')).map((li) =>
      li.textContent?.replace(/\s+/g, ' ').trim(),
    );
  const keyOf = (n: number) =>
    el.querySelectorAll('exam-question-editor h3')[n]?.id.replace(/-heading$/, '') ?? '';

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
    // Single choice: answer texts, mark B correct.
    await fill(`[id="${keyOf(0)}-opt-a"]`, 'Paris');
    await fill(`[id="${keyOf(0)}-opt-b"]`, 'Lyon');
    el.querySelectorAll<HTMLInputElement>(
      `input[type=radio][name="${keyOf(0)}-correct"]`,
    )[1].click();
    await stable();
    // Multiple response: texts and weights (new answers weigh 0: none is correct yet).
    for (const [id, text, weight] of [
      ['a', 'Two', '50'],
      ['b', 'Three', '50'],
      ['c', 'Four', '-50'],
    ]) {
      await fill(`[id="${keyOf(2)}-opt-${id}"]`, text);
      await fill(`[id="${keyOf(2)}-w-${id}"]`, weight);
    }
    // Short text: accepted answer; numeric: switch to a range.
    await fill('input[id*="-acc-0"]', 'green');
    await fill('select[id*="-nm-0"]', 'range');
    await fill('input[id*="-nmin-0"]', '1');
    await fill('input[id*="-nmax-0"]', '4');
    // Essay word limit.
    await fill('input[id$="-maxw"]', '150');
    // Ordering: items, then move the third one up.
    for (const [n, text] of ['one', 'three', 'two'].entries()) {
      await fill(`[id^="${keyOf(6)}-it-"]`, text, n);
    }
    await click('Move item 3 up');
    // Matching: prompts, answers and their matches (none is matched by default).
    await fill(`[id="${keyOf(7)}-l-a"]`, 'dog');
    await fill(`[id="${keyOf(7)}-l-b"]`, 'cat');
    await fill(`[id="${keyOf(7)}-r-a"]`, 'woof');
    await fill(`[id="${keyOf(7)}-r-b"]`, 'meow');
    await fill(`[id="${keyOf(7)}-p-a"]`, 'a');
    await fill(`[id="${keyOf(7)}-p-b"]`, 'b');
    // Move the essay (question 6) up to position 5.
    await click('Move Question 6 up');
    expect(headings()[4]).toBe('Question 5 Essay');
    // Delete the true/false question (nobody chose its answer).
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
    const [single, multiple, short, essay, numeric, ordering, matching] = body.questions;
    expect(single).toMatchObject({
      prompt: 'Prompt 1',
      correctOptionId: 'b',
      options: [
        { id: 'a', text: 'Paris' },
        { id: 'b', text: 'Lyon' },
      ],
    });
    expect(multiple).toMatchObject({
      options: [
        { id: 'a', text: 'Two', weight: 50 },
        { id: 'b', text: 'Three', weight: 50 },
        { id: 'c', text: 'Four', weight: -50 },
      ],
    });
    expect(short).toMatchObject({ acceptedAnswers: [{ text: 'green', creditPercent: 100 }] });
    expect(essay).toMatchObject({ maxWords: 150 });
    expect(numeric).toMatchObject({ acceptedAnswers: [{ min: 1, max: 4, creditPercent: 100 }] });
    expect(ordering).toMatchObject({ correctOrder: ['a', 'c', 'b'] });
    expect(matching).toMatchObject({ correctPairs: { a: 'a', b: 'b' } });

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

  it('marks nothing correct by default: saving names what is missing, beside it and at the top', async () => {
    await open('new');
    document.body.appendChild(el);
    await type('#exam-title', 'Quick check');
    await addQuestion('single_choice');
    await addQuestion('true_false');
    await addQuestion('single_choice');
    const [q1, q2, q3] = [keyOf(0), keyOf(1), keyOf(2)];
    for (const [n, key] of [q1, q2, q3].entries()) {
      await fill(`[id="${key}-prompt"]`, `Question text ${n + 1}`);
    }
    for (const key of [q1, q3]) {
      await fill(`[id="${key}-opt-a"]`, 'go');
      await fill(`[id="${key}-opt-b"]`, 'goes');
    }
    // A new question has no answer marked correct.
    expect(el.querySelectorAll('input[type=radio]:checked')).toHaveLength(0);
    el.querySelectorAll<HTMLInputElement>(`input[type=radio][name="${q1}-correct"]`)[1].click();
    await stable();

    await submit();
    // Nothing was sent: what is missing is said first.
    http.expectNone('/api/v1/exams');
    expect(summaryLines()).toEqual([
      'Question 2: choose the correct answer.',
      'Question 3: choose the correct answer.',
    ]);
    expect(errorBeside(`${q3}-correct`)).toBe('Choose the correct answer.');
    expect(document.getElementById(`${q3}-correct`)?.getAttribute('aria-describedby')).toBe(
      `${q3}-correct-error`,
    );
    expect(
      document.getElementById(`${q3}-correct`)?.querySelector('legend')?.textContent,
    ).toContain('Correct answer');
    expect(
      el.querySelector('[data-testid=save-message]')?.textContent?.replace(/\s+/g, ' ').trim(),
    ).toBe('Not saved: 2 places need a fix, listed at the top and marked beside each field.');
    expect(document.activeElement?.id).toBe('editor-summary');
    // The summary's line leads to the control.
    const link = Array.from(
      el.querySelectorAll<HTMLAnchorElement>('[data-testid=editor-summary-list] a'),
    )[1];
    expect(link.getAttribute('href')).toBe(`#${q3}-correct`);
    link.click();
    expect((document.activeElement as HTMLInputElement).name).toBe(`${q3}-correct`);

    // Choosing answers removes each problem as it is fixed.
    el.querySelectorAll<HTMLInputElement>(`input[type=radio][name="${q3}-correct"]`)[0].click();
    el.querySelectorAll<HTMLInputElement>(`input[type=radio][name="${q2}-correct"]`)[1].click();
    await stable();
    expect(el.querySelector('[data-testid=editor-error]')).toBeNull();
    await submit();
    const body = http.expectOne('/api/v1/exams').request.body as UpdateExamRequest;
    expect(body.questions).toMatchObject([
      { correctOptionId: 'b' },
      { correct: false },
      { correctOptionId: 'a' },
    ]);
    el.remove();
  });

  it('loads an exam and saves with its version; shows server problems beside their fields', async () => {
    await open('e1');
    document.body.appendChild(el);
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
      errorBody(
        400,
        'VALIDATION_FAILED',
        'The request has invalid fields: title, questions[0].options[1].text.',
        [
          { field: 'durationMinutes', problems: ['durationMinutes must not be greater than 1440'] },
          { field: 'questions[0].options[1].text', problems: ['must not be empty'] },
          { field: 'questions[1].correct', problems: ['Expected boolean, received null'] },
        ],
      ),
      { status: 400, statusText: 'Bad Request' },
    );
    await stable();
    const [k1, k2] = [keyOf(0), keyOf(1)];
    expect(el.querySelector('#exam-duration')?.getAttribute('aria-invalid')).toBe('true');
    expect(errorBeside('exam-duration')).toBe('Duration (minutes) must not be greater than 1440.');
    expect(errorBeside(`${k1}-opt-b`)).toBe('Answer B is empty.');
    expect(errorBeside(`${k2}-correct`)).toBe('Choose the correct answer.');
    expect(summaryLines()).toEqual([
      'Duration (minutes) must not be greater than 1440.',
      'Question 1: Answer B is empty.',
      'Question 2: choose the correct answer.',
    ]);
    // The server's own sentence names fields the way the API does: it is not shown.
    expect(el.textContent).not.toContain('questions[0]');
    expect(el.textContent).not.toContain('invalid fields');
    expect(document.activeElement?.id).toBe('editor-summary');
    // The problem follows its question when it moves, and its number in the summary too.
    await click('Move Question 2 up');
    expect(summaryLines()[1]).toBe('Question 1: choose the correct answer.');
    expect(
      document.getElementById(`${k2}-correct`)?.closest('exam-question-editor')?.querySelector('h3')
        ?.textContent,
    ).toContain('Question 1');
    // Editing the question takes its server problems away.
    await fill(`[id="${k1}-opt-b"]`, 'Lyon');
    expect(errorBeside(`${k1}-opt-b`)).toBeUndefined();
    el.remove();
  });

  it("says 409 EXAM_LOCKED in the server's words at the top and beside Save, and offers a copy", async () => {
    await open('e1');
    document.body.appendChild(el);
    http.expectOne('/api/v1/exams/e1').flush(examView());
    await stable();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    await submit();
    const sentence =
      'This exam cannot be edited: session "Monday" (s-1) is preparing. End or delete that session first, or duplicate the exam and edit the copy.';
    http
      .expectOne('/api/v1/exams/e1')
      .flush(errorBody(409, 'EXAM_LOCKED', sentence), { status: 409, statusText: 'Conflict' });
    await stable();
    const box = el.querySelector('[data-testid=editor-error]')!;
    expect(box.textContent).toContain('Your changes are not saved');
    expect(box.textContent).toContain(sentence);
    expect(el.querySelector('[data-testid=save-message]')?.textContent?.trim()).toBe(sentence);
    const save = buttons('Save changes')[0];
    expect(save.getAttribute('aria-describedby')).toBe('save-message');
    expect(document.activeElement).toBe(box);
    await click('Duplicate and edit the copy');
    const dup = http.expectOne('/api/v1/exams/e1/duplicate');
    dup.flush(examView({ id: 'copy-1', title: 'Algebra test (copy)' }));
    await stable();
    expect(navigate).toHaveBeenCalledWith(['/teacher/exams', 'copy-1']);
    el.remove();
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
