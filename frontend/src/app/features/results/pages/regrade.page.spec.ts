import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type {
  QuestionResponsesView,
  RegradePreview,
  RegradeRecord,
  ResultsQuestionColumn,
  SessionQuestion,
} from '@exam/contracts';
import { errorBody } from '../../../../testing/auth-fixtures';
import { RegradePage } from './regrade.page';

const BASE = '/api/v1/exam-sessions/s1';

const SINGLE: SessionQuestion = {
  id: 'q1',
  type: 'single_choice',
  prompt: 'She ___ to school every day.',
  points: 1,
  options: [
    { id: 'a', text: 'go' },
    { id: 'b', text: 'goes' },
  ],
  correctOptionId: 'a',
};
const SHORT: SessionQuestion = {
  id: 'q2',
  type: 'short_text',
  prompt: 'Past simple of "write".',
  points: 1,
  acceptedAnswers: [{ text: 'wrote', creditPercent: 100 }],
};

const column = (
  q: SessionQuestion,
  position: number,
  over: Partial<ResultsQuestionColumn> = {},
) => ({
  id: q.id,
  position,
  type: q.type,
  prompt: q.prompt,
  points: q.points,
  adjustment: 'none' as const,
  ...over,
});

const view = (
  q: SessionQuestion,
  position: number,
  over: Partial<QuestionResponsesView> = {},
): QuestionResponsesView => ({
  sessionId: 's1',
  question: q,
  correctText: q.type === 'single_choice' ? 'go' : 'wrote',
  position,
  adjustment: 'none',
  responses: [],
  groups: [],
  ...over,
});

const preview = (over: Partial<RegradePreview> = {}): RegradePreview => ({
  sessionId: 's1',
  changes: [],
  changed: [
    {
      studentSessionId: 'a1',
      studentId: 'u1',
      studentName: 'Sam Student',
      before: { score: 11, maxScore: 20, percent: 55, result: 'failed' },
      after: { score: 12, maxScore: 20, percent: 60, result: 'passed' },
      questions: [{ questionId: 'q1', before: 0, after: 1 }],
    },
  ],
  unchanged: 3,
  ...over,
});

const record = (over: Partial<RegradeRecord> = {}): RegradeRecord => ({
  id: 7,
  sessionId: 's1',
  actorId: 't1',
  actorName: 'Tom Teacher',
  at: Date.UTC(2026, 0, 8, 10),
  changes: [{ questionId: 'q1', action: 'drop' }],
  note: 'Two answers were right.',
  changedAttempts: 4,
  ...over,
});

describe('RegradePage', () => {
  let fixture: ComponentFixture<RegradePage>;
  let el: HTMLElement;
  let http: HttpTestingController;
  const text = (sel: string) =>
    el.querySelector(sel)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const click = async (sel: string) => {
    el.querySelector<HTMLElement>(sel)!.click();
    await fixture.whenStable();
  };
  const label = (t: string) =>
    Array.from(el.querySelectorAll('label')).find((l) => l.textContent!.includes(t))!;

  async function open(
    query: { questionId?: string; accept?: string } = {},
    history: RegradeRecord[] = [],
  ) {
    fixture = TestBed.createComponent(RegradePage);
    fixture.componentRef.setInput('id', 's1');
    for (const [k, v] of Object.entries(query)) fixture.componentRef.setInput(k, v);
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    const results = http.expectOne((r) => r.url === `${BASE}/results`);
    expect(results.request.params.get('pageSize')).toBe('1');
    results.flush({
      title: 'English 3B',
      questions: [column(SINGLE, 1), column(SHORT, 2, { adjustment: 'dropped' })],
    });
    http.expectOne(`${BASE}/regrades`).flush(history);
    await fixture.whenStable();
  }

  async function choose(id: string, v: QuestionResponsesView) {
    const select = el.querySelector<HTMLSelectElement>('[data-testid=question-select]')!;
    select.value = id;
    select.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    http.expectOne(`${BASE}/results/questions/${id}`).flush(v);
    await fixture.whenStable();
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

  it('lists the questions and the regrade history', async () => {
    await open({}, [record()]);
    expect(text('.session')).toBe('English 3B');
    const options = Array.from(el.querySelectorAll('[data-testid=question-select] option')).map(
      (o) => o.textContent!.replace(/\s+/g, ' ').trim(),
    );
    expect(options).toEqual([
      'Choose a question…',
      'Q1 · She ___ to school every day. (Single choice)',
      'Q2 · Past simple of "write". (Short text) · Not counted',
    ]);
    const row = text('[data-testid=history-table] tbody tr');
    expect(row).toContain('Tom Teacher');
    expect(row).toContain('Q1: not counted any more');
    expect(row).toContain('4');
    expect(row).toContain('Two answers were right.');
  });

  it('counts points and answers in the singular for one', async () => {
    const answer: QuestionResponsesView['responses'][number] = {
      studentSessionId: 'a1',
      studentId: 'u1',
      studentName: 'Sam Student',
      answer: null,
      answerText: 'go',
      points: 1,
      maxPoints: 1,
      state: 'correct',
      source: 'auto',
      comment: null,
    };
    await open();
    await choose('q1', view(SINGLE, 1, { responses: [answer] }));
    expect(text('[data-testid=question-info] .sub')).toBe(
      'Q1 · Single choice · 1 point · 1 answer',
    );
    await choose(
      'q2',
      view({ ...SHORT, points: 2.5 }, 2, { responses: [answer, { ...answer, studentId: 'u2' }] }),
    );
    expect(text('[data-testid=question-info] .sub')).toBe(
      'Q2 · Short text · 2.5 points · 2 answers',
    );
  });

  it('previews a corrected key, then applies it after confirming', async () => {
    await open();
    await choose('q1', view(SINGLE, 1));
    expect(text('[data-testid=question-info]')).toContain('She ___ to school every day.');
    expect(label('Change the correct option').querySelector('input')!.checked).toBe(true);
    expect(label('Count it normally again')).toBeUndefined();
    expect(el.querySelector<HTMLButtonElement>('[data-testid=preview]')!.disabled).toBe(true);
    (label('goes').querySelector('input') as HTMLInputElement).click();
    await fixture.whenStable();
    const note = el.querySelector<HTMLTextAreaElement>('#regrade-note')!;
    note.value = 'Both forms were taught.';
    note.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    await click('[data-testid=preview]');

    const req = http.expectOne(`${BASE}/regrade/preview`);
    expect(req.request.body).toEqual({
      changes: [
        {
          questionId: 'q1',
          action: 'update_key',
          question: {
            type: 'single_choice',
            prompt: 'She ___ to school every day.',
            points: 1,
            options: SINGLE.type === 'single_choice' ? SINGLE.options : [],
            correctOptionId: 'b',
          },
        },
      ],
      note: 'Both forms were taught.',
    });
    req.flush(preview());
    await fixture.whenStable();
    expect(text('[data-testid=preview-summary]')).toBe(
      '1 student gets a different result. 3 students unchanged.',
    );
    const row = text('[data-testid=preview-table] tbody tr');
    expect(row).toContain('Sam Student');
    expect(row).toContain('11 / 20 · 55 % · Failed');
    expect(row).toContain('12 / 20 · 60 % · Passed');
    expect(row).toContain('now passes');
    expect(row).toContain('Q1: 0 → 1');
    expect(text('[data-testid=preview-section]')).toContain('Q1: correct option is now “goes”');

    await click('[data-testid=apply]');
    expect(text('#confirm-heading')).toBe('Apply this regrade?');
    await click('[data-testid=confirm-apply]');
    const apply = http.expectOne(`${BASE}/regrade`);
    expect(apply.request.body).toEqual(req.request.body);
    apply.flush({
      ...preview(),
      changes: req.request.body.changes,
      record: record({
        id: 8,
        changes: req.request.body.changes,
        changedAttempts: 1,
        note: 'Both forms were taught.',
      }),
    });
    await fixture.whenStable();
    // The new key is read again.
    http
      .expectOne((r) => r.url === `${BASE}/results`)
      .flush({
        title: 'English 3B',
        questions: [column(SINGLE, 1), column(SHORT, 2)],
      });
    await fixture.whenStable();
    http
      .expectOne(`${BASE}/results/questions/q1`)
      .flush(
        view({ ...SINGLE, correctOptionId: 'b' } as SessionQuestion, 1, { correctText: 'goes' }),
      );
    await fixture.whenStable();
    expect(text('[data-testid=regrade-done]')).toContain('Regrade applied');
    expect(text('[data-testid=regrade-done]')).toContain(
      '1 student got a different result; 3 unchanged.',
    );
    expect(el.querySelector('[data-testid=preview-section]')).toBeNull();
    expect(text('[data-testid=history-table] tbody tr')).toContain(
      'Q1: correct option is now “goes”',
    );
    expect(el.querySelector('[data-testid=history-table] tbody tr')!.classList).toContain('fresh');
  });

  it('deep link: preselects the question with the answer to accept and previews at once', async () => {
    await open({ questionId: 'q2', accept: 'wrot' });
    http.expectOne(`${BASE}/results/questions/q2`).flush(view(SHORT, 2, { adjustment: 'dropped' }));
    await fixture.whenStable();
    const req = http.expectOne(`${BASE}/regrade/preview`);
    expect(req.request.body).toEqual({
      changes: [{ questionId: 'q2', action: 'accept_answer', text: 'wrot' }],
    });
    req.flush(preview({ changed: [], unchanged: 4 }));
    await fixture.whenStable();
    expect(el.querySelector<HTMLSelectElement>('[data-testid=question-select]')!.value).toBe('q2');
    expect(el.querySelector<HTMLInputElement>('[data-testid=accept-text]')!.value).toBe('wrot');
    expect(text('[data-testid=preview-summary]')).toBe(
      "No student's result changes. 4 students unchanged.",
    );
    // Ready to confirm: the preview is for what is on screen.
    expect(el.querySelector('[data-testid=apply]')).not.toBeNull();
    // A dropped question can be counted again.
    expect(label('Count it normally again')).toBeDefined();
    expect(label("Don't count this question")).toBeUndefined();
  });

  it('full marks, and a stale preview asks to preview again', async () => {
    await open();
    await choose('q1', view(SINGLE, 1));
    (label('Give everyone full marks').querySelector('input') as HTMLInputElement).click();
    await fixture.whenStable();
    await click('[data-testid=preview]');
    const req = http.expectOne(`${BASE}/regrade/preview`);
    expect(req.request.body).toEqual({ changes: [{ questionId: 'q1', action: 'full_marks' }] });
    req.flush(preview());
    await fixture.whenStable();
    (label("Don't count this question").querySelector('input') as HTMLInputElement).click();
    await fixture.whenStable();
    expect(text('[data-testid=preview-section]')).toContain(
      'You changed the fix since this preview.',
    );
    expect(el.querySelector('[data-testid=apply]')).toBeNull();
  });

  it("shows the server's message and the problems per field", async () => {
    await open();
    await choose('q1', view(SINGLE, 1));
    (label('Give everyone full marks').querySelector('input') as HTMLInputElement).click();
    await fixture.whenStable();
    await click('[data-testid=preview]');
    http
      .expectOne(`${BASE}/regrade/preview`)
      .flush(
        errorBody(
          400,
          'VALIDATION_FAILED',
          'Some changes cannot be applied. Fix them and send it again.',
          [{ field: 'changes[0].question.correctOptionId', problems: ['no correct option'] }],
        ),
        { status: 400, statusText: 'Bad Request' },
      );
    await fixture.whenStable();
    expect(text('[data-testid=regrade-error]')).toContain(
      'Some changes cannot be applied. Fix them and send it again.',
    );
    expect(text('[data-testid=regrade-error] li')).toBe('Correct option: no correct option');
  });
});
