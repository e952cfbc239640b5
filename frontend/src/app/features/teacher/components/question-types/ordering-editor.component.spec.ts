import { TestBed } from '@angular/core/testing';
import type { OrderingDefinition } from '@exam/contracts';
import { UID, mountEditor } from '../../../../../testing/question-editor-harness';
import { blankQuestion } from '../../data-access/question-drafts';
import { OrderingEditorComponent } from './ordering-editor.component';

describe('OrderingEditorComponent', () => {
  afterEach(() => TestBed.resetTestingModule());
  const blank = () => blankQuestion('ordering') as OrderingDefinition;

  it('keeps the correct order as the items are written, moved and removed', async () => {
    const h = await mountEditor(OrderingEditorComponent, blank());
    await h.fill('it-a', 'one');
    await h.fill('it-b', 'three');
    await h.fill('it-c', 'two');
    await h.click(h.button('Move item 3 up'));
    expect(h.current().correctOrder).toEqual(['a', 'c', 'b']);
    expect(h.el.querySelector(`label[for="${UID}-it-c"]`)?.textContent?.trim()).toBe('Item 2');
    await h.click(h.button('Remove item 1'));
    expect(h.current()).toMatchObject({
      items: [
        { id: 'c', text: 'two' },
        { id: 'b', text: 'three' },
      ],
      correctOrder: ['c', 'b'],
    });
    await h.fill('scoring', 'position');
    expect(h.current().scoring).toBe('position');
  });

  it("shows the list's own errors with its legend", async () => {
    const h = await mountEditor(OrderingEditorComponent, blank());
    await h.setErrors({ items: ['Add at least 2 items.'] });
    const list = h.control<HTMLFieldSetElement>('items');
    expect(list.querySelector('legend')?.textContent?.trim()).toBe('Items in the correct order');
    expect(h.errorOf('items')).toBe('Add at least 2 items.');
    expect(list.getAttribute('aria-describedby')).toBe(`${UID}-items-hint ${UID}-items-error`);
  });
});
