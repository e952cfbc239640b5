import { TestBed } from '@angular/core/testing';
import type { NumericDefinition } from '@exam/contracts';
import { mountEditor } from '../../../../../testing/question-editor-harness';
import { blankQuestion } from '../../data-access/question-drafts';
import { NumericEditorComponent } from './numeric-editor.component';

describe('NumericEditorComponent', () => {
  afterEach(() => TestBed.resetTestingModule());
  const blank = () => blankQuestion('numeric') as NumericDefinition;

  it('starts without a value: nothing is accepted until the teacher types one', async () => {
    const h = await mountEditor(NumericEditorComponent, blank());
    expect(h.control('nv-0').value).toBe('');
    await h.fill('nv-0', '8');
    await h.fill('nt-0', '0.5');
    await h.fill('ntm-0', 'relative');
    await h.fill('unit', 'legs');
    expect(h.current()).toMatchObject({
      acceptedAnswers: [
        { value: 8, tolerance: 0.5, toleranceMode: 'relative', creditPercent: 100 },
      ],
      unit: 'legs',
    });
  });

  it('switches an answer to a range keeping its value, and adds and removes answers', async () => {
    const h = await mountEditor(NumericEditorComponent, blank());
    await h.fill('nv-0', '3');
    await h.fill('nm-0', 'range');
    expect(h.current().acceptedAnswers[0]).toEqual({ min: 3, max: 3, creditPercent: 100 });
    await h.fill('nmax-0', '4');
    await h.click(h.button('Add accepted answer'));
    expect(h.control('nv-1').value).toBe('');
    await h.fill('nc-1', '50');
    expect(h.current().acceptedAnswers).toEqual([
      { min: 3, max: 4, creditPercent: 100 },
      { value: Number.NaN, creditPercent: 50 },
    ]);
    await h.click(h.button('Remove accepted answer 1'));
    expect(h.current().acceptedAnswers).toHaveLength(1);
  });

  it('shows errors beside the value', async () => {
    const h = await mountEditor(NumericEditorComponent, blank());
    await h.setErrors({ 'nv-0': ['Type the value of Accepted answer 1.'] });
    expect(h.errorOf('nv-0')).toBe('Type the value of Accepted answer 1.');
    expect(h.control('nv-0').getAttribute('aria-invalid')).toBe('true');
  });
});
