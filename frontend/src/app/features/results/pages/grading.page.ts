/**
 * /teacher/sessions/:id/grading: manual grading, keyboard-first. One answer at a time (by
 * question, the fast way, or by student), the points field focused; Enter saves and opens the
 * next answer still to grade; j/n, k/p and g move around when not typing. Names can be hidden
 * (students are then numbered in queue order, remembered per session). Each save announces the
 * student's new total.
 */
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  OnInit,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { DOCUMENT } from '@angular/common';
import type {
  AttemptScore,
  GradeResponse,
  GradingOrder,
  GradingQueue,
  GradingQueueItem,
} from '@exam/contracts';
import { toApiError } from '../../../core/api/api-error';
import { GradingAnswerComponent } from '../components/grading-answer.component';
import { ResultsApiService } from '../data-access/results-api.service';
import { TYPE_LABELS, formatPoints } from '../data-access/result-labels';

export const itemKey = (i: Pick<GradingQueueItem, 'studentSessionId' | 'questionId'>) =>
  `${i.studentSessionId}:${i.questionId}`;

/** Waits for a teacher (the server's own rule for `pending`). */
export const toGrade = (i: GradingQueueItem) => i.points === null && i.needsManualGrading;

/** "7.5" / "2,5" → 7.5; null when not a number. */
export function parsePoints(text: string): number | null {
  const t = text.trim().replace(',', '.');
  if (!/^\d+(\.\d*)?$|^\.\d+$/.test(t)) return null;
  return Number(t);
}

/** "27 / 39, 69 %, passed" */
export function totalText(s: AttemptScore): string {
  const result =
    s.result === 'passed'
      ? 'passed'
      : s.result === 'failed'
        ? 'not passed'
        : s.pendingManual > 0
          ? `${s.pendingManual === 1 ? '1 answer' : `${s.pendingManual} answers`} still to grade`
          : 'result pending';
  return `${formatPoints(s.score)} / ${formatPoints(s.maxScore)}, ${Math.round(s.percent)} %, ${result}`;
}

const HIDE_KEY = (id: string) => `exam-room.grading.hide-names.${id}`;
const SHORTCUTS: Record<string, 'next' | 'prev' | 'pending'> = {
  j: 'next',
  n: 'next',
  k: 'prev',
  p: 'prev',
  g: 'pending',
};

@Component({
  selector: 'exam-grading-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, GradingAnswerComponent],
  templateUrl: './grading.page.html',
  styleUrls: ['../../teacher/pages/teacher-pages.css', './grading.page.css'],
  host: { '(document:keydown)': 'onKey($event)' },
})
export class GradingPage implements OnInit {
  /** Route parameter. */
  readonly id = input.required<string>();
  private readonly api = inject(ResultsApiService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);
  private readonly storage = inject(DOCUMENT).defaultView?.localStorage ?? null;
  private readonly pointsInput = viewChild<ElementRef<HTMLInputElement>>('points');

  protected readonly types = TYPE_LABELS;
  protected readonly fmt = formatPoints;
  protected readonly order = signal<GradingOrder>('question');
  protected readonly items = signal<GradingQueueItem[] | null>(null);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<string | null>(null);
  protected readonly title = signal<string | null>(null);
  protected readonly hideNames = signal(false);
  protected readonly onlyPending = signal(false);
  protected readonly currentKey = signal<string | null>(null);
  protected readonly pointsText = signal('');
  protected readonly commentText = signal('');
  protected readonly saving = signal(false);
  protected readonly fieldError = signal<string | null>(null);
  protected readonly announce = signal('');
  /** Whether the last announcement was a failure (shown as an error, not a success). */
  protected readonly announceFailed = signal(false);
  /** Stable numbers for hidden names: first appearance in the queue. */
  private readonly numbers = signal(new Map<string, number>());

  protected readonly visible = computed(() => {
    const items = this.items() ?? [];
    return this.onlyPending() ? items.filter(toGrade) : items;
  });
  protected readonly current = computed(() => {
    const list = this.visible();
    return list.find((i) => itemKey(i) === this.currentKey()) ?? list[0] ?? null;
  });
  protected readonly currentIndex = computed(() => {
    const c = this.current();
    return c ? this.visible().indexOf(c) : -1;
  });
  protected readonly total = computed(() => this.items()?.length ?? 0);
  protected readonly gradedCount = computed(
    () => (this.items() ?? []).filter((i) => !toGrade(i)).length,
  );
  protected readonly progressText = computed(
    () => `${this.gradedCount()} of ${this.total()} graded`,
  );

  ngOnInit(): void {
    this.hideNames.set(this.storage?.getItem(HIDE_KEY(this.id())) === '1');
    this.api
      .results(this.id(), { pageSize: 1 })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({ next: (r) => this.title.set(r.title), error: () => undefined });
    this.load();
  }

  protected who(i: Pick<GradingQueueItem, 'studentSessionId' | 'studentName'>): string {
    if (!this.hideNames()) return i.studentName;
    return `Student ${this.numbers().get(i.studentSessionId) ?? '?'}`;
  }

  protected setOrder(order: GradingOrder): void {
    if (order === this.order()) return;
    this.order.set(order);
    // The radio keeps the focus (a setting is not a change of context).
    this.load(false);
  }

  protected setHideNames(hide: boolean): void {
    this.hideNames.set(hide);
    this.storage?.setItem(HIDE_KEY(this.id()), hide ? '1' : '0');
  }

  protected setOnlyPending(only: boolean): void {
    this.onlyPending.set(only);
    this.select(this.current(), false);
  }

  /** From the "all graded" state: the button goes away, so continue in the points field. */
  protected showAll(): void {
    this.onlyPending.set(false);
    this.select(this.current());
  }

  /** Opens an answer: fills the form with its grade and focuses the points field. */
  protected select(item: GradingQueueItem | null, focus = true): void {
    this.currentKey.set(item ? itemKey(item) : null);
    this.pointsText.set(item && item.graded && item.points !== null ? fmtNum(item.points) : '');
    this.commentText.set(item?.comment ?? '');
    this.fieldError.set(null);
    if (focus) this.focusPoints();
  }

  protected move(step: 1 | -1): void {
    const list = this.visible();
    const next = list[this.currentIndex() + step];
    if (next) this.select(next);
  }

  /** The next answer still to grade after the current one (wrapping), or null. */
  private nextPending(): GradingQueueItem | null {
    const list = this.visible();
    const at = this.currentIndex();
    for (let k = 1; k <= list.length; k++) {
      const i = list[(at + k) % list.length];
      if (toGrade(i) && itemKey(i) !== this.currentKey()) return i;
    }
    return null;
  }

  protected goToPending(): void {
    const next = this.nextPending();
    if (next) this.select(next);
    else {
      this.announceFailed.set(false);
      this.announce.set('No answer is left to grade.');
    }
  }

  protected save(): void {
    const item = this.current();
    if (!item || this.saving()) return;
    const points = parsePoints(this.pointsText());
    if (points === null) {
      this.fieldError.set(
        `Enter the points as a number from 0 to ${formatPoints(item.maxPoints)}.`,
      );
      this.focusPoints();
      return;
    }
    this.saving.set(true);
    this.fieldError.set(null);
    const comment = this.commentText().trim();
    this.api
      .grade(this.id(), {
        studentSessionId: item.studentSessionId,
        questionId: item.questionId,
        points,
        ...(comment ? { comment } : {}),
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (res) => this.saved(item, res),
        error: (err: unknown) => {
          this.saving.set(false);
          const e = toApiError(err);
          this.fieldError.set(e.message);
          this.announceFailed.set(true);
          this.announce.set(`Not saved: ${e.message}`);
          this.focusPoints();
        },
      });
  }

  private saved(before: GradingQueueItem, res: GradeResponse): void {
    this.saving.set(false);
    const key = itemKey(before);
    this.items.update((list) =>
      (list ?? []).map((i) => (itemKey(i) === key ? { ...res.item } : i)),
    );
    const next = this.nextPending();
    this.announceFailed.set(false);
    this.announce.set(
      `Saved ${formatPoints(res.item.points)} / ${formatPoints(res.item.maxPoints)}. ${this.who(
        res.item,
      )} now has ${totalText(res.attempt)}.${next ? '' : ' Every answer is graded.'}`,
    );
    if (next) this.select(next);
    else this.select(this.current());
  }

  protected onKey(event: KeyboardEvent): void {
    if (event.ctrlKey || event.metaKey || event.altKey) {
      // Ctrl+Enter in the comment saves too.
      if (event.key === 'Enter' && isField(event.target) && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.save();
      }
      return;
    }
    const target = event.target as HTMLElement | null;
    const inPoints = target === this.pointsInput()?.nativeElement;
    if (event.key === 'Escape' && isField(target)) {
      (target as HTMLElement).blur();
      return;
    }
    // Letters are shortcuts when not typing, and in the points field (it takes numbers only).
    if (isField(target) && !inPoints) return;
    const action = SHORTCUTS[event.key.toLowerCase()];
    if (!action || !this.current()) return;
    event.preventDefault();
    if (action === 'next') this.move(1);
    else if (action === 'prev') this.move(-1);
    else this.goToPending();
  }

  protected onPointsKey(event: KeyboardEvent): void {
    if (event.key === 'Enter') {
      event.preventDefault();
      this.save();
    }
  }

  private load(focus = true): void {
    this.loading.set(true);
    const keep = this.currentKey();
    this.api
      .grading(this.id(), this.order(), 'all')
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (q: GradingQueue) => {
          this.loading.set(false);
          this.loadError.set(null);
          this.numbers.update((m) => {
            const next = new Map(m);
            for (const i of q.items) {
              if (!next.has(i.studentSessionId)) next.set(i.studentSessionId, next.size + 1);
            }
            return next;
          });
          this.items.set(q.items);
          const again = q.items.find((i) => itemKey(i) === keep);
          this.select(again ?? q.items.find(toGrade) ?? q.items[0] ?? null, focus);
        },
        error: (err: unknown) => {
          this.loading.set(false);
          this.loadError.set(toApiError(err).message);
        },
      });
  }

  private focusPoints(): void {
    afterNextRender(
      {
        write: () => {
          const el = this.pointsInput()?.nativeElement;
          if (el) {
            el.focus();
            el.select();
          }
        },
      },
      { injector: this.injector },
    );
  }
}

function fmtNum(x: number): string {
  return formatPoints(x);
}

function isField(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  if (t instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(t.type);
  }
  return t.isContentEditable || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement;
}
