/**
 * The exam page's bar that stays at the top (timer, notices, messages): its height is kept in
 * the root's scroll padding, so the browser scrolls a focused element clear of it, and the
 * page can bring the question into view below it. Does nothing where ResizeObserver is
 * missing (tests); the page works without it, only less comfortably.
 */
export class StickyTop {
  private observer: ResizeObserver | null = null;
  private height = 0;

  constructor(private readonly doc: Document) {}

  observe(el: HTMLElement | null): void {
    this.observer?.disconnect();
    this.observer = null;
    const root = this.doc.documentElement;
    if (!el || typeof ResizeObserver === 'undefined') {
      this.height = 0;
      root.style.removeProperty('scroll-padding-top');
      return;
    }
    this.observer = new ResizeObserver(() => {
      this.height = el.getBoundingClientRect().height;
      root.style.setProperty('scroll-padding-top', `${Math.ceil(this.height) + 8}px`);
    });
    this.observer.observe(el);
  }

  /** Scrolls only when `el`'s top is hidden under the bar or below the fold. */
  bringIntoView(el: HTMLElement): void {
    const view = this.doc.defaultView;
    if (!view || typeof el.getBoundingClientRect !== 'function') return;
    const r = el.getBoundingClientRect();
    if (r.height === 0 && r.top === 0) return; // not laid out (hidden, or no layout engine)
    const top = this.height + 8;
    if (r.top >= top && r.top <= view.innerHeight * 0.5) return;
    view.scrollBy({ top: r.top - top, behavior: 'auto' });
  }
}
