import { StickyTop } from './sticky-top';

describe('StickyTop', () => {
  it('scrolls an element clear of the bar only when it is hidden under it or far below', () => {
    const scrollBy = jest.fn();
    const doc = {
      documentElement: document.createElement('html'),
      defaultView: { innerHeight: 800, scrollBy },
    } as unknown as Document;
    const sticky = new StickyTop(doc);
    const el = (top: number) =>
      ({ getBoundingClientRect: () => ({ top, height: 40 }) }) as unknown as HTMLElement;
    sticky.bringIntoView(el(200));
    expect(scrollBy).not.toHaveBeenCalled();
    sticky.bringIntoView(el(-300));
    expect(scrollBy).toHaveBeenLastCalledWith({ top: -308, behavior: 'auto' });
    sticky.bringIntoView(el(700));
    expect(scrollBy).toHaveBeenLastCalledWith({ top: 692, behavior: 'auto' });
  });

  it('keeps the bar height in the root scroll padding, and removes it when gone', () => {
    let callback: () => void = () => undefined;
    const observe = jest.fn();
    (globalThis as { ResizeObserver?: unknown }).ResizeObserver = class {
      constructor(cb: () => void) {
        callback = cb;
      }
      observe = observe;
      disconnect = jest.fn();
    };
    const sticky = new StickyTop(document);
    const bar = document.createElement('div');
    bar.getBoundingClientRect = () => ({ height: 120 }) as DOMRect;
    sticky.observe(bar);
    callback();
    expect(document.documentElement.style.getPropertyValue('scroll-padding-top')).toBe('128px');
    sticky.observe(null);
    expect(document.documentElement.style.getPropertyValue('scroll-padding-top')).toBe('');
    delete (globalThis as { ResizeObserver?: unknown }).ResizeObserver;
  });
});
