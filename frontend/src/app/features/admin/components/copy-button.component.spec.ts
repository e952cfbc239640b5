import { TestBed } from '@angular/core/testing';
import { CopyButtonComponent } from './copy-button.component';

describe('CopyButtonComponent', () => {
  const original = Object.getOwnPropertyDescriptor(navigator, 'clipboard');
  afterEach(() => {
    if (original) Object.defineProperty(navigator, 'clipboard', original);
    else delete (navigator as { clipboard?: unknown }).clipboard;
    TestBed.resetTestingModule();
  });

  async function render(clipboard: unknown) {
    Object.defineProperty(navigator, 'clipboard', { value: clipboard, configurable: true });
    const fixture = TestBed.createComponent(CopyButtonComponent);
    fixture.componentRef.setInput('text', 'abcDEF234xyz');
    fixture.componentRef.setInput('label', 'Copy the new password');
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    el.querySelector('button')!.click();
    await Promise.resolve();
    await fixture.whenStable();
    return el;
  }

  it('copies the text and says so', async () => {
    const writeText = jest.fn().mockResolvedValue(undefined);
    const el = await render({ writeText });
    expect(writeText).toHaveBeenCalledWith('abcDEF234xyz');
    expect(el.querySelector('button')?.getAttribute('aria-label')).toBe('Copy the new password');
    expect(el.querySelector('[role=status]')?.textContent).toBe('Copied.');
  });

  it('says to copy by hand when the browser refuses', async () => {
    const el = await render({ writeText: jest.fn().mockRejectedValue(new Error('denied')) });
    expect(el.querySelector('[role=status]')?.textContent).toContain('select the text');
  });

  it('says to copy by hand when there is no clipboard', async () => {
    const el = await render(undefined);
    expect(el.querySelector('[role=status]')?.textContent).toContain('not available');
  });
});
