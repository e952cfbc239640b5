import { TestBed } from '@angular/core/testing';
import type { MultipleResponseDefinition } from '@exam/contracts';
import { UID, mountEditor } from '../../../../../testing/question-editor-harness';
import { blankQuestion } from '../../data-access/question-drafts';
import { MultipleResponseEditorComponent } from './multiple-response-editor.component';

describe('MultipleResponseEditorComponent', () => {
  afterEach(() => TestBed.resetTestingModule());
  const blank = () => blankQuestion('multiple_response') as MultipleResponseDefinition;

  it('starts every answer at weight 0 and saves the weights typed', async () => {
    const h = await mountEditor(MultipleResponseEditorComponent, blank());
    expect(h.current().options.map((o) => o.weight)).toEqual([0, 0, 0]);
    await h.fill('opt-a', 'Two');
    await h.fill('w-a', '50');
    await h.fill('w-b', '');
    await h.click(h.button('Add answer'));
    expect(h.current().options).toEqual([
      { id: 'a', text: 'Two', weight: 50 },
      { id: 'b', text: '', weight: Number.NaN },
      { id: 'c', text: '', weight: 0 },
      { id: 'd', text: '', weight: 0 },
    ]);
    await h.click(`[id="${UID}-aon"]`);
    expect(h.current().allOrNothing).toBe(true);
  });

  it('keeps every edit made before Angular re-renders (a weight, then the next answer)', async () => {
    const h = await mountEditor(MultipleResponseEditorComponent, blank());
    h.fillAtOnce('opt-a', 'Two');
    h.fillAtOnce('w-a', '50');
    h.fillAtOnce('opt-b', 'Three');
    h.fillAtOnce('w-b', '50');
    h.fillAtOnce('opt-c', 'Four');
    await h.stable();
    expect(h.current().options).toEqual([
      { id: 'a', text: 'Two', weight: 50 },
      { id: 'b', text: 'Three', weight: 50 },
      { id: 'c', text: 'Four', weight: 0 },
    ]);
  });

  it('labels each weight with its answer and shows its errors beside it', async () => {
    const h = await mountEditor(MultipleResponseEditorComponent, blank());
    const label = h.el.querySelector(`label[for="${UID}-w-b"]`)?.textContent;
    expect(label?.replace(/\s+/g, ' ').trim()).toBe('Answer B Weight %');
    await h.setErrors({
      options: ['Choose the correct answers: give each a weight above 0 (together 100 %).'],
      'w-b': ['Type a weight for Answer B (0 if it is wrong).'],
    });
    expect(h.errorOf('options')).toContain('give each a weight above 0');
    expect(h.control('options').getAttribute('aria-describedby')).toBe(
      `${UID}-options-hint ${UID}-options-error`,
    );
    expect(h.errorOf('w-b')).toBe('Type a weight for Answer B (0 if it is wrong).');
    expect(h.control('w-b').getAttribute('aria-invalid')).toBe('true');
  });
});
