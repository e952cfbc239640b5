/**
 * The line reader: a clear band across the page with the rest dimmed, so the eye keeps its
 * line. It follows the mouse, moves to whatever gets keyboard focus, and Alt + ↑ / Alt + ↓
 * move it by one line. It never takes a click or the focus (pointer-events: none) and is
 * hidden from screen readers, which read the page as usual.
 */
import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  DestroyRef,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import type { LineSpacing } from '@exam/contracts';

const LINE_HEIGHT: Record<LineSpacing, number> = { normal: 1.5, wide: 2, wider: 2.5 };

@Component({
  selector: 'exam-line-reader',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { 'aria-hidden': 'true', 'data-testid': 'line-reader' },
  template: `
    <div class="mask" [style.block-size.px]="top()"></div>
    <div class="band" [style.inset-block-start.px]="top()" [style.block-size.px]="height()"></div>
    <div
      class="mask"
      [style.inset-block-start.px]="top() + height()"
      style="inset-block-end: 0"
    ></div>
  `,
  styles: `
    :host {
      position: fixed;
      inset: 0;
      pointer-events: none;
      z-index: 50;
    }
    .mask {
      position: absolute;
      inset-inline: 0;
      inset-block-start: 0;
      background: rgb(0 0 0 / 55%);
    }
    .band {
      position: absolute;
      inset-inline: 0;
      border-block: 3px solid var(--primary);
    }
  `,
})
export class LineReaderComponent {
  readonly lineSpacing = input<LineSpacing>('normal');
  /** The text size (percent): the band follows it. */
  readonly textSize = input(100);
  private readonly doc = inject(DOCUMENT);
  private readonly win = this.doc.defaultView;

  /** Centre of the band, in viewport pixels. */
  readonly centre = signal(this.win ? this.win.innerHeight / 3 : 200);
  /** One line of text in pixels, at the current text size and spacing. */
  private readonly line = computed(() => {
    this.textSize();
    const rootPx =
      parseFloat(this.win?.getComputedStyle(this.doc.documentElement).fontSize ?? '') || 16;
    return rootPx * LINE_HEIGHT[this.lineSpacing()];
  });
  /** Two lines tall, with a little room. */
  protected readonly height = computed(() => Math.round(this.line() * 2 + 8));
  protected readonly top = computed(() =>
    Math.max(0, Math.round(this.centre() - this.height() / 2)),
  );

  constructor() {
    const win = this.win;
    if (!win) return;
    const move = (e: PointerEvent) => this.centre.set(e.clientY);
    const focus = (e: FocusEvent) => {
      const el = e.target as HTMLElement | null;
      if (!el?.getBoundingClientRect) return;
      const r = el.getBoundingClientRect();
      this.centre.set(r.top + Math.min(r.height, this.line() * 2) / 2);
    };
    const keys = (e: KeyboardEvent) => {
      if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
      e.preventDefault();
      const step = e.key === 'ArrowUp' ? -this.line() : this.line();
      this.centre.update((c) => Math.min(win.innerHeight, Math.max(0, c + step)));
    };
    win.addEventListener('pointermove', move, { passive: true });
    this.doc.addEventListener('focusin', focus);
    win.addEventListener('keydown', keys);
    inject(DestroyRef).onDestroy(() => {
      win.removeEventListener('pointermove', move);
      this.doc.removeEventListener('focusin', focus);
      win.removeEventListener('keydown', keys);
    });
  }
}
