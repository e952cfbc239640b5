import { TestBed } from '@angular/core/testing';
import type { ShortTextDefinition } from '@exam/contracts';
import { UID, mountEditor } from '../../../../../testing/question-editor-harness';
import { blankQuestion } from '../../data-access/question-drafts';
import { ShortTextEditorComponent } from './short-text-editor.component';

describe('ShortTextEditorComponent', () => {
  afterEach(() => TestBed.resetTestingModule());
  const blank = () => blankQuestion('short_text') as ShortTextDefinition;

  it('edits accepted answers, their credit and how answers match', async () => {
    const h = await mountEditor(ShortTextEditorComponent, blank());
    await h.fill('acc-0', 'colour');
    await h.click(h.button('Add accepted answer'));
    await h.fill('acc-1', 'color');
    await h.fill('accc-1', '50');
    await h.click(`[id="${UID}-accents"]`);
    await h.fill('maxlen', '20');
    expect(h.current()).toMatchObject({
      acceptedAnswers: [
        { text: 'colour', creditPercent: 100 },
        { text: 'color', creditPercent: 50 },
      ],
      foldAccents: true,
      maxLength: 20,
    });
    await h.click(h.button('Remove accepted answer 1'));
    expect(h.current().acceptedAnswers).toEqual([{ text: 'color', creditPercent: 50 }]);
    await h.fill('maxlen', '');
    expect(h.current().maxLength).toBeUndefined();
  });

  it('shows errors beside the accepted answer and the list', async () => {
    const h = await mountEditor(ShortTextEditorComponent, blank());
    await h.setErrors({
      'acc-0': ['Type Accepted answer 1, or remove it.'],
      accepted: ['Accepted answers: at least one accepted answer must give 100 % credit.'],
    });
    expect(h.control('acc-0').getAttribute('aria-describedby')).toBe(`${UID}-acc-0-error`);
    expect(h.errorOf('acc-0')).toBe('Type Accepted answer 1, or remove it.');
    expect(h.errorOf('accepted')).toContain('must give 100 % credit');
  });
});
