import { TestBed } from '@angular/core/testing';
import { UID, mountEditor } from '../../../../../testing/question-editor-harness';
import { blankQuestion, type TrueFalseDraft } from '../../data-access/question-drafts';
import { TrueFalseEditorComponent } from './true-false-editor.component';

describe('TrueFalseEditorComponent', () => {
  afterEach(() => TestBed.resetTestingModule());
  const radios = (el: HTMLElement) =>
    Array.from(el.querySelectorAll<HTMLInputElement>(`input[type=radio][name="${UID}-correct"]`));

  it('has no answer until the teacher chooses True or False', async () => {
    const h = await mountEditor(
      TrueFalseEditorComponent,
      blankQuestion('true_false') as TrueFalseDraft,
    );
    expect(h.current().correct).toBeNull();
    expect(radios(h.el).map((r) => r.checked)).toEqual([false, false]);
    await h.click(radios(h.el)[1]);
    expect(h.current().correct).toBe(false);
    expect(radios(h.el).map((r) => r.checked)).toEqual([false, true]);
    await h.click(radios(h.el)[0]);
    expect(h.current().correct).toBe(true);
  });

  it('says what is missing beside "Correct answer"', async () => {
    const h = await mountEditor(
      TrueFalseEditorComponent,
      blankQuestion('true_false') as TrueFalseDraft,
    );
    await h.setErrors({ correct: ['Choose the correct answer.'] });
    expect(h.control('correct').querySelector('legend')?.textContent?.trim()).toBe(
      'Correct answer',
    );
    expect(h.errorOf('correct')).toBe('Choose the correct answer.');
    expect(h.control('correct').getAttribute('aria-describedby')).toBe(`${UID}-correct-error`);
  });
});
