import { TestBed } from '@angular/core/testing';
import type { EssayDefinition } from '@exam/contracts';
import { mountEditor } from '../../../../../testing/question-editor-harness';
import { blankQuestion } from '../../data-access/question-drafts';
import { EssayEditorComponent } from './essay-editor.component';

describe('EssayEditorComponent', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('edits the word limit and the grader notes, both optional', async () => {
    const h = await mountEditor(EssayEditorComponent, blankQuestion('essay') as EssayDefinition);
    expect(h.control('maxw').value).toBe('300');
    await h.fill('maxw', '');
    await h.fill('notes', 'Look for structure');
    expect(h.current()).toMatchObject({ maxWords: undefined, gradingNotes: 'Look for structure' });
    await h.fill('notes', '');
    expect(h.current().gradingNotes).toBeUndefined();
  });

  it('shows errors beside the word limit', async () => {
    const h = await mountEditor(EssayEditorComponent, blankQuestion('essay') as EssayDefinition);
    await h.setErrors({ maxw: ['Word limit (optional) must be at most 20000.'] });
    expect(h.errorOf('maxw')).toBe('Word limit (optional) must be at most 20000.');
  });
});
