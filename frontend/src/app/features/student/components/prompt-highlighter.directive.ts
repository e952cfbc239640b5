/**
 * Highlighting in a question's text. Marks are character ranges of the element's plain text,
 * painted with the CSS Custom Highlight API (::highlight(tt-mark) in tools.css), so the
 * question's HTML is never changed. With the mouse (or a finger) the student selects words;
 * with the keyboard the element takes focus, the arrow keys move a caret by word, Shift +
 * arrows select, Home/End go to the start or end, and H marks the selection or, when it is
 * marked already, takes the mark away.
 */
import {
  Directive,
  ElementRef,
  afterRenderEffect,
  inject,
  input,
  output,
  type OnDestroy,
} from '@angular/core';
import type { Range as Mark } from '../data-access/exam-marks';

const NAME = 'tt-mark';

interface HighlightRegistry {
  set(name: string, h: unknown): void;
  delete(name: string): void;
}
type HighlightCtor = new (...ranges: AbstractRange[]) => unknown;

function registry(): { highlights: HighlightRegistry; Highlight: HighlightCtor } | null {
  const css = (globalThis as { CSS?: { highlights?: HighlightRegistry } }).CSS;
  const ctor = (globalThis as { Highlight?: HighlightCtor }).Highlight;
  return css?.highlights && ctor ? { highlights: css.highlights, Highlight: ctor } : null;
}

/** The text nodes under `root`, in reading order, with where each starts. */
function textNodes(root: Node): Array<{ node: Text; start: number }> {
  const out: Array<{ node: Text; start: number }> = [];
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let at = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    out.push({ node: n as Text, start: at });
    at += (n as Text).data.length;
  }
  return out;
}

/** A DOM point as a character offset of root's plain text (null when outside it). */
export function offsetOf(root: Node, container: Node, offset: number): number | null {
  if (container !== root && !root.contains(container)) return null;
  const r = (root.ownerDocument ?? (root as Document)).createRange();
  r.setStart(root, 0);
  r.setEnd(container, offset);
  return r.toString().length;
}

/** A DOM Range over [start, end) of root's plain text. */
export function rangeOf(root: Node, [start, end]: Mark): globalThis.Range | null {
  const nodes = textNodes(root);
  const doc = root.ownerDocument;
  if (!doc || !nodes.length) return null;
  const at = (pos: number): [Text, number] | null => {
    for (const t of nodes) {
      if (pos <= t.start + t.node.data.length) return [t.node, pos - t.start];
    }
    return null;
  };
  const a = at(start);
  const b = at(end);
  if (!a || !b) return null;
  const r = doc.createRange();
  r.setStart(a[0], a[1]);
  r.setEnd(b[0], b[1]);
  return r;
}

@Directive({
  selector: '[examHighlighter]',
  exportAs: 'examHighlighter',
  host: {
    '[attr.tabindex]': 'enabled() ? 0 : null',
    '[attr.aria-describedby]': 'enabled() ? describedBy() : null',
    '[class.highlighting]': 'enabled()',
    '(keydown)': 'onKey($event)',
  },
})
export class PromptHighlighterDirective implements OnDestroy {
  readonly enabled = input(false);
  readonly ranges = input<readonly Mark[]>([]);
  /** The id of the sentence that explains the keys. */
  readonly describedBy = input<string | null>(null);
  /** A range to mark, or to unmark when it is marked already. */
  readonly marked = output<Mark>();

  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;

  constructor() {
    afterRenderEffect(() => this.paint(this.enabled() ? this.ranges() : []));
  }

  ngOnDestroy(): void {
    registry()?.highlights.delete(NAME);
  }

  /** The current selection inside the question text, as a range (null when none). */
  selection(): Mark | null {
    const sel = this.host.ownerDocument.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    const r = sel.getRangeAt(0);
    const s = offsetOf(this.host, r.startContainer, r.startOffset);
    const e = offsetOf(this.host, r.endContainer, r.endOffset);
    if (s === null || e === null || e <= s) return null;
    return [s, e];
  }

  /** The words of a range, for announcements. */
  textOf([s, e]: Mark): string {
    return (this.host.textContent ?? '').slice(s, e).trim();
  }

  protected onKey(e: KeyboardEvent): void {
    if (!this.enabled() || e.target !== this.host || e.ctrlKey || e.metaKey || e.altKey) return;
    const sel = this.host.ownerDocument.getSelection() as
      (Selection & { modify?: (a: string, d: string, g: string) => void }) | null;
    if (!sel) return;
    if ((e.key === 'h' || e.key === 'H') && !e.shiftKey) {
      const r = this.selection();
      if (r) this.marked.emit(r);
      e.preventDefault();
      return;
    }
    const moves: Record<string, [string, string]> = {
      ArrowRight: ['forward', 'word'],
      ArrowLeft: ['backward', 'word'],
      End: ['forward', 'documentboundary'],
      Home: ['backward', 'documentboundary'],
    };
    const m = moves[e.key];
    if (!m || !sel.modify) return;
    e.preventDefault();
    if (!sel.anchorNode || !this.host.contains(sel.anchorNode)) {
      const first = textNodes(this.host)[0];
      if (!first) return;
      sel.collapse(first.node, 0);
    }
    // documentboundary would leave the question: stop at its own start or end instead.
    if (m[1] === 'documentboundary') {
      const nodes = textNodes(this.host);
      const last = nodes.at(-1);
      if (!last) return;
      const [node, off] =
        m[0] === 'forward' ? [last.node, last.node.data.length] : [nodes[0].node, 0];
      if (e.shiftKey) sel.extend(node, off);
      else sel.collapse(node, off);
      return;
    }
    sel.modify(e.shiftKey ? 'extend' : 'move', m[0], m[1]);
  }

  private paint(ranges: readonly Mark[]): void {
    const reg = registry();
    if (!reg) return;
    const dom = ranges.map((r) => rangeOf(this.host, r)).filter((r): r is globalThis.Range => !!r);
    if (dom.length) reg.highlights.set(NAME, new reg.Highlight(...dom));
    else reg.highlights.delete(NAME);
  }
}
