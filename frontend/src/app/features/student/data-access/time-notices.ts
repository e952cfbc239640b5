/**
 * The time events a student must not miss (a warning, time added, pause, resume, the teacher
 * closing the exam), shown as
 * notices near the timer and announced in one polite live region. A notice fades by itself
 * after `fadeMs` or when dismissed; a newer notice of the same kind replaces the older one.
 * The grace period is not kept here: it follows the clock (see gracePhase).
 */
import { signal } from '@angular/core';

export type TimeNoticeKind = 'warning' | 'added' | 'paused' | 'resumed' | 'closing';
export type NoticeTone = 'info' | 'warning' | 'danger' | 'success';

export interface TimeNotice {
  id: number;
  kind: TimeNoticeKind;
  text: string;
  tone: NoticeTone;
}

export const NOTICE_FADE_MS = 30_000;

export class TimeNotices {
  private readonly _notices = signal<readonly TimeNotice[]>([]);
  private readonly _announcement = signal('');
  private readonly timers = new Map<number, ReturnType<typeof setTimeout>>();
  private nextId = 0;

  /** Shown near the timer, oldest first. */
  readonly notices = this._notices.asReadonly();
  /** The latest sentence for the polite live region. */
  readonly announcement = this._announcement.asReadonly();

  constructor(private readonly fadeMs = NOTICE_FADE_MS) {}

  show(kind: TimeNoticeKind, text: string, tone: NoticeTone): void {
    this._announcement.set(text);
    for (const old of this._notices()) {
      if (old.kind === kind || (kind === 'resumed' && old.kind === 'paused')) this.dismiss(old.id);
    }
    const notice: TimeNotice = { id: ++this.nextId, kind, text, tone };
    this._notices.update((list) => [...list, notice]);
    this.timers.set(
      notice.id,
      setTimeout(() => this.dismiss(notice.id), this.fadeMs),
    );
  }

  /** Only for the live region (nothing shown), e.g. results released. */
  announce(text: string): void {
    this._announcement.set(text);
  }

  dismiss(id: number): void {
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    this._notices.update((list) => list.filter((n) => n.id !== id));
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
