import { TestBed } from '@angular/core/testing';
import type { MatchingDefinition } from '@exam/contracts';
import { mountEditor } from '../../../../../testing/question-editor-harness';
import { blankQuestion } from '../../data-access/question-drafts';
import { MatchingEditorComponent, keptPairs } from './matching-editor.component';

describe('MatchingEditorComponent', () => {
  afterEach(() => TestBed.resetTestingModule());
  const blank = () => blankQuestion('matching') as MatchingDefinition;

  it('matches no prompt until the teacher chooses its answer', async () => {
    const h = await mountEditor(MatchingEditorComponent, blank());
    expect(h.current().correctPairs).toEqual({});
    await h.fill('l-a', 'dog');
    await h.fill('r-a', 'woof');
    await h.fill('r-b', 'meow');
    const select = h.control<HTMLSelectElement>('p-a');
    expect(select.value).toBe('');
    expect(Array.from(select.options).map((o) => o.textContent?.trim())).toEqual([
      'Choose…',
      'A. woof',
      'B. meow',
    ]);
    await h.fill('p-a', 'b');
    expect(h.current().correctPairs).toEqual({ a: 'b' });
    await h.fill('p-a', '');
    expect(h.current().correctPairs).toEqual({});
  });

  it('un-matches the prompts whose answer is removed', async () => {
    const h = await mountEditor(MatchingEditorComponent, {
      ...blank(),
      correctPairs: { a: 'b', b: 'a' },
    });
    await h.click(h.button('Remove answer B'));
    expect(h.current().correctPairs).toEqual({ b: 'a' });
    await h.click(h.button('Remove prompt 2'));
    expect(h.current().correctPairs).toEqual({});
    expect(keptPairs([{ id: 'x', text: '' }], [{ id: 'y', text: '' }], { x: 'y', z: 'y' })).toEqual(
      { x: 'y' },
    );
  });

  it("shows errors beside the prompt's match", async () => {
    const h = await mountEditor(MatchingEditorComponent, blank());
    await h.setErrors({ 'p-b': ['Choose the answer that matches Prompt 2.'] });
    expect(h.errorOf('p-b')).toBe('Choose the answer that matches Prompt 2.');
    expect(h.control('p-b').getAttribute('aria-invalid')).toBe('true');
  });
});
