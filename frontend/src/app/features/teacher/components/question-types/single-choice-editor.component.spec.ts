import { TestBed } from '@angular/core/testing';
import type { SingleChoiceDefinition } from '@exam/contracts';
import { UID, mountEditor } from '../../../../../testing/question-editor-harness';
import { blankQuestion } from '../../data-access/question-drafts';
import { SingleChoiceEditorComponent } from './single-choice-editor.component';

describe('SingleChoiceEditorComponent', () => {
  afterEach(() => TestBed.resetTestingModule());
  const blank = () => blankQuestion('single_choice') as SingleChoiceDefinition;
  const radios = (el: HTMLElement) =>
    Array.from(el.querySelectorAll<HTMLInputElement>(`input[type=radio][name="${UID}-correct"]`));

  it('marks nothing correct until the teacher chooses, under "Correct answer"', async () => {
    const h = await mountEditor(SingleChoiceEditorComponent, blank());
    await h.fill('opt-a', 'go');
    await h.fill('opt-b', 'goes');
    expect(radios(h.el).some((r) => r.checked)).toBe(false);
    expect(h.control('correct').querySelector('legend')?.textContent?.trim()).toBe(
      'Correct answer',
    );
    expect(radios(h.el).map((r) => r.parentElement?.textContent?.trim())).toEqual([
      'A. go',
      'B. goes',
    ]);
    await h.click(radios(h.el)[1]);
    expect(h.current()).toMatchObject({
      options: [
        { id: 'a', text: 'go' },
        { id: 'b', text: 'goes' },
      ],
      correctOptionId: 'b',
    });
  });

  it('un-chooses the correct answer when it is removed, never moving the key to another', async () => {
    const h = await mountEditor(SingleChoiceEditorComponent, { ...blank(), correctOptionId: 'b' });
    await h.click(h.button('Add answer'));
    expect(h.current().options.map((o) => o.id)).toEqual(['a', 'b', 'c']);
    await h.click(h.button('Move answer C up'));
    expect(h.current().options.map((o) => o.id)).toEqual(['a', 'c', 'b']);
    expect(h.current().correctOptionId).toBe('b');
    await h.click(h.button('Remove answer C'));
    expect(h.current().correctOptionId).toBe('');
    expect(radios(h.el).some((r) => r.checked)).toBe(false);
  });

  it('shows its errors beside the answer and the correct-answer group', async () => {
    const h = await mountEditor(SingleChoiceEditorComponent, blank());
    await h.setErrors({
      'opt-a': ['Type Answer A, or remove it.'],
      correct: ['Choose the correct answer.'],
    });
    expect(h.errorOf('opt-a')).toBe('Type Answer A, or remove it.');
    expect(h.control('opt-a').getAttribute('aria-invalid')).toBe('true');
    expect(h.control('opt-a').getAttribute('aria-describedby')).toBe(`${UID}-opt-a-error`);
    expect(h.errorOf('correct')).toBe('Choose the correct answer.');
    expect(h.control('correct').getAttribute('aria-describedby')).toBe(`${UID}-correct-error`);
  });

  it('gives an answer a credit of its own, and back to the usual rule when emptied; feedback kept', async () => {
    const h = await mountEditor(SingleChoiceEditorComponent, {
      ...blank(),
      options: [
        { id: 'a', text: 'Canberra', feedback: 'Right.' },
        { id: 'b', text: 'Sydney', feedback: 'Largest city.' },
      ],
      correctOptionId: 'a',
    });
    await h.fill('cr-b', '50');
    expect(h.current().options[1]).toEqual({
      id: 'b',
      text: 'Sydney',
      feedback: 'Largest city.',
      creditPercent: 50,
    });
    await h.fill('opt-b', 'Sydney NSW');
    expect(h.current().options[1]).toMatchObject({ text: 'Sydney NSW', creditPercent: 50 });
    await h.fill('cr-b', '');
    expect(h.current().options[1]).toEqual({
      id: 'b',
      text: 'Sydney NSW',
      feedback: 'Largest city.',
    });
  });
});
