import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { AnswerGroup, RegradeChange, SessionQuestion } from '@exam/contracts';
import { KeyEditorComponent } from './key-editor.component';

const QID = '11111111-1111-4111-8111-111111111111';

describe('KeyEditorComponent', () => {
  let fixture: ComponentFixture<KeyEditorComponent>;
  let el: HTMLElement;
  let last: RegradeChange | null | undefined;

  async function open(
    question: SessionQuestion,
    extra: { groups?: AnswerGroup[]; initialAccept?: string } = {},
  ): Promise<void> {
    fixture = TestBed.createComponent(KeyEditorComponent);
    fixture.componentRef.setInput('question', question);
    if (extra.groups) fixture.componentRef.setInput('groups', extra.groups);
    if (extra.initialAccept) fixture.componentRef.setInput('initialAccept', extra.initialAccept);
    last = undefined;
    fixture.componentInstance.changed.subscribe((c) => (last = c));
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  }
  const label = (t: string) =>
    Array.from(el.querySelectorAll('label')).find((l) => l.textContent!.includes(t))!;
  const input = (t: string) => label(t).querySelector('input') as HTMLInputElement;
  const fill = async (i: HTMLInputElement | HTMLSelectElement, value: string, ev = 'input') => {
    i.value = value;
    i.dispatchEvent(new Event(ev));
    await fixture.whenStable();
  };
  const click = async (e: Element) => {
    (e as HTMLElement).click();
    await fixture.whenStable();
  };

  afterEach(() => TestBed.resetTestingModule());

  it('single choice: another option becomes the key (the whole question, without its id)', async () => {
    await open({
      id: QID,
      type: 'single_choice',
      prompt: 'She ___ to school.',
      points: 1,
      options: [
        { id: 'a', text: 'go' },
        { id: 'b', text: 'goes' },
      ],
      correctOptionId: 'a',
      negativeMarkPercent: 25,
    });
    expect(last).toBeNull();
    expect(label('go').textContent).toContain('(correct now)');
    await click(input('goes'));
    expect(last).toEqual({
      questionId: QID,
      action: 'update_key',
      question: {
        type: 'single_choice',
        prompt: 'She ___ to school.',
        points: 1,
        options: [
          { id: 'a', text: 'go' },
          { id: 'b', text: 'goes' },
        ],
        correctOptionId: 'b',
        negativeMarkPercent: 25,
      },
    });
    await click(input('go'));
    expect(last).toBeNull();
  });

  it('true / false: flips the answer', async () => {
    await open({ id: QID, type: 'true_false', prompt: 'Sky is green.', points: 1, correct: true });
    await click(input('False'));
    expect(last).toMatchObject({ action: 'update_key', question: { correct: false } });
  });

  it('multiple response: the chosen options share 100 % evenly, the others get 0', async () => {
    await open({
      id: QID,
      type: 'multiple_response',
      prompt: 'Irregular verbs?',
      points: 2,
      options: [
        { id: 'a', text: 'go', weight: 50 },
        { id: 'b', text: 'walk', weight: -50 },
        { id: 'c', text: 'see', weight: 50 },
        { id: 'd', text: 'take', weight: -50 },
      ],
    });
    await click(input('take'));
    const q = (last as Extract<RegradeChange, { action: 'update_key' }>).question as {
      options: Array<{ id: string; weight: number }>;
    };
    expect(q.options.map((o) => [o.id, o.weight])).toEqual([
      ['a', 33.33],
      ['b', 0],
      ['c', 33.33],
      ['d', 33.34],
    ]);
    for (const t of ['go', 'see', 'take']) await click(input(t));
    expect(last).toBeNull();
    expect(el.textContent).toContain('Choose at least one correct option.');
  });

  it('short text: accepts an answer with a credit, or one students gave', async () => {
    await open(
      {
        id: QID,
        type: 'short_text',
        prompt: 'Past of write?',
        points: 1,
        acceptedAnswers: [{ text: 'wrote', creditPercent: 100 }],
      },
      {
        groups: [
          { text: 'wrote', count: 16, creditPercent: 100, studentSessionIds: [] },
          { text: 'wrot', count: 8, creditPercent: 0, studentSessionIds: [] },
        ],
      },
    );
    expect(last).toBeNull();
    expect(el.textContent).toContain('“wrot”');
    expect(el.textContent).toContain('8 students · 0 % now');
    await click([...el.querySelectorAll('button')].find((b) => b.textContent?.includes('“wrot”'))!);
    expect(last).toEqual({ questionId: QID, action: 'accept_answer', text: 'wrot' });
    await fill(el.querySelector<HTMLInputElement>('[data-testid=accept-credit]')!, '50');
    expect(last).toEqual({
      questionId: QID,
      action: 'accept_answer',
      text: 'wrot',
      creditPercent: 50,
    });
    await fill(el.querySelector<HTMLInputElement>('[data-testid=accept-credit]')!, '0');
    expect(last).toBeNull();
    expect(el.textContent).toContain('Give a credit from 1 to 100 %.');
  });

  it('short text: starts with the answer from a link', async () => {
    await open(
      {
        id: QID,
        type: 'short_text',
        prompt: 'Past of write?',
        points: 1,
        acceptedAnswers: [{ text: 'wrote', creditPercent: 100 }],
      },
      { initialAccept: 'writed' },
    );
    expect(el.querySelector<HTMLInputElement>('[data-testid=accept-text]')!.value).toBe('writed');
    expect(last).toEqual({ questionId: QID, action: 'accept_answer', text: 'writed' });
  });

  it('numeric: edits the value and the tolerance', async () => {
    await open({
      id: QID,
      type: 'numeric',
      prompt: 'Letters in the alphabet?',
      points: 1,
      acceptedAnswers: [{ value: 26, creditPercent: 100 }],
    });
    await fill(el.querySelector<HTMLInputElement>('[data-testid=numeric-value]')!, '25,5');
    await fill(el.querySelector<HTMLInputElement>('[data-testid=numeric-tolerance]')!, '0.5');
    expect(last).toMatchObject({
      action: 'update_key',
      question: { acceptedAnswers: [{ value: 25.5, tolerance: 0.5, creditPercent: 100 }] },
    });
    await fill(el.querySelector<HTMLInputElement>('[data-testid=numeric-value]')!, 'x');
    expect(last).toBeNull();
    expect(el.textContent).toContain('Enter the number.');
  });

  it('ordering: moves items with Up and Down', async () => {
    await open({
      id: QID,
      type: 'ordering',
      prompt: 'Order the words.',
      points: 2,
      items: [
        { id: 'i1', text: 'I' },
        { id: 'i2', text: 'have' },
        { id: 'i3', text: 'been' },
      ],
      correctOrder: ['i1', 'i2', 'i3'],
    });
    expect(el.querySelector<HTMLButtonElement>('button[aria-label="Move “I” up"]')!.disabled).toBe(
      true,
    );
    await click(el.querySelector('button[aria-label="Move “been” up"]')!);
    expect(Array.from(el.querySelectorAll('.order li .grow')).map((e) => e.textContent)).toEqual([
      'I',
      'been',
      'have',
    ]);
    expect(el.querySelector('[role=status]')!.textContent).toBe('“been” is now number 2 of 3.');
    expect(last).toMatchObject({ question: { correctOrder: ['i1', 'i3', 'i2'] } });
    await click(el.querySelector('button[aria-label="Move “been” down"]')!);
    expect(last).toBeNull();
  });

  it('matching: chooses the right match for each left item', async () => {
    await open({
      id: QID,
      type: 'matching',
      prompt: 'Opposites.',
      points: 2,
      left: [
        { id: 'l1', text: 'hot' },
        { id: 'l2', text: 'early' },
      ],
      right: [
        { id: 'r1', text: 'cold' },
        { id: 'r2', text: 'late' },
        { id: 'r3', text: 'warm' },
      ],
      correctPairs: { l1: 'r1', l2: 'r2' },
    });
    const select = el.querySelector<HTMLSelectElement>('#key-pair-l1')!;
    expect(el.querySelector('label[for=key-pair-l1]')!.textContent).toContain('hot');
    await fill(select, 'r3', 'change');
    expect(last).toMatchObject({ question: { correctPairs: { l1: 'r3', l2: 'r2' } } });
  });
});
