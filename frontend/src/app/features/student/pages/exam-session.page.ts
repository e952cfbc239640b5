/**
 * /student/sessions/:id: the student's exam page. Lobby before launch, then one question at a
 * time: the question first, the navigator after it (a panel that folds away on a phone), and
 * a bar that stays at the top with the timer, time notices, the connection state and the
 * teacher's messages. Review + submit, and a screen that says how the attempt ended.
 * All state comes from StudentExamSession; this page only renders and forwards intents.
 */
import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  DestroyRef,
  ElementRef,
  OnInit,
  computed,
  effect,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { RouterLink } from '@angular/router';
import { AuthService } from '../../../core/auth/auth.service';
import { confirmSignOutWhile } from '../../../core/layout/sign-out-check';
import { AnswerInputComponent, type AnswerChange } from '../components/answer-input.component';
import { ExamCountdownComponent } from '../components/exam-countdown.component';
import { ExamEndComponent } from '../components/exam-end.component';
import { ExamLobbyComponent } from '../components/exam-lobby.component';
import { ExamRecordingComponent } from '../components/exam-recording.component';
import { ExamNavPanelComponent } from '../components/exam-nav-panel.component';
import { ExamReviewComponent, type QuestionRef } from '../components/exam-review.component';
import { ExamTimeNoticesComponent } from '../components/exam-time-notices.component';
import { LineReaderComponent } from '../components/line-reader.component';
import { PromptHighlighterDirective } from '../components/prompt-highlighter.directive';
import { ToolsPanelComponent } from '../components/tools-panel.component';
import { SaveStateComponent } from '../components/save-state.component';
import { RichTextComponent } from '../../../shared/rich-text/rich-text';
import { answeredIds } from '../data-access/answer-progress';
import { examStorageKeys } from '../data-access/exam-device-copy';
import { ExamMarks, type Range } from '../data-access/exam-marks';
import { TestTakerToolsState } from '../data-access/test-taker-tools.service';
import { IntegrityReporter } from '../data-access/integrity-reporter.service';
import { StudentExamSession } from '../data-access/student-exam-session.service';
import type { StudentExamState } from '../data-access/student-exam.state';
import { StickyTop } from './sticky-top';

const TYPE_HINTS: Record<string, string> = {
  single_choice: 'Choose one answer.',
  true_false: 'Choose true or false.',
  multiple_response: 'Choose all answers that apply.',
  short_text: 'Type a short answer.',
  numeric: 'Type a number.',
  essay: 'Write your answer.',
  ordering: 'Put the items in the right order.',
  matching: 'Match each item on the left with one on the right.',
};

export const STUDENT_SIGN_OUT_TEXT =
  'Your exam is still running. Your saved answers are kept, but the clock keeps running while you are signed out.';

/**
 * What signing out asks while the exam runs (active or paused) and this student's attempt is
 * not finished; null otherwise (lobby, handed in, ended), when signing out is one click.
 */
export function studentSignOutReason(
  state: Pick<StudentExamState, 'status' | 'attemptStatus'> | null,
): string | null {
  if (!state || state.attemptStatus === 'completed') return null;
  return state.status === 'active' || state.status === 'paused' ? STUDENT_SIGN_OUT_TEXT : null;
}

/** Where the navigator sits beside the question (see the page's CSS). */
const WIDE = '(min-width: 56rem)';

@Component({
  selector: 'exam-session-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [StudentExamSession, IntegrityReporter, TestTakerToolsState],
  imports: [
    RichTextComponent,
    RouterLink,
    AnswerInputComponent,
    ExamCountdownComponent,
    ExamEndComponent,
    ExamLobbyComponent,
    ExamRecordingComponent,
    ExamNavPanelComponent,
    ExamReviewComponent,
    ExamTimeNoticesComponent,
    SaveStateComponent,
    NgTemplateOutlet,
    LineReaderComponent,
    PromptHighlighterDirective,
    ToolsPanelComponent,
  ],
  templateUrl: './exam-session.page.html',
  styleUrl: './exam-session.page.css',
})
export class ExamSessionPage implements OnInit {
  /** Route parameter. */
  readonly id = input.required<string>();
  protected readonly exam = inject(StudentExamSession);
  protected readonly integrity = inject(IntegrityReporter);
  protected readonly tools = inject(TestTakerToolsState);
  /** Struck choices and highlights of this attempt (this device). */
  protected readonly marks = signal<ExamMarks | null>(null);
  protected readonly toolsOpen = signal(false);
  private readonly toolsToggle = viewChild<ElementRef<HTMLElement>>('toolsToggle');
  protected readonly highlightNote = signal('');
  private readonly auth = inject(AuthService);
  private readonly win = inject(DOCUMENT).defaultView;
  private readonly storage = this.win?.localStorage ?? null;

  protected readonly index = signal(0);
  protected readonly reviewing = signal(false);
  protected readonly flagged = signal<ReadonlySet<string>>(new Set());
  protected readonly navOpen = signal(this.wide());
  private readonly heading = viewChild<ElementRef<HTMLElement>>('questionHeading');
  private readonly reviewCard = viewChild(ExamReviewComponent);
  private readonly top = viewChild<ElementRef<HTMLElement>>('examTop');
  private readonly sticky = new StickyTop(inject(DOCUMENT));
  private positioned = false;

  protected readonly state = this.exam.state;
  /** Signing out mid-exam asks first: the student's clock does not stop for it. */
  protected readonly signOutQuestion = confirmSignOutWhile(() =>
    studentSignOutReason(this.state()),
  );
  protected readonly questions = computed(() => this.state()?.questions ?? []);
  protected readonly current = computed(() => this.questions()[this.index()] ?? null);
  /** Texts the teacher placed before the current question (in this student's order). */
  protected readonly textsBefore = computed(() => {
    const q = this.current();
    return q ? (this.state()?.texts ?? []).filter((t) => t.beforeQuestionId === q.id) : [];
  });
  /** On the last question: the texts that come after every question. */
  protected readonly textsAfter = computed(() => {
    const qs = this.questions();
    if (!qs.length || this.index() !== qs.length - 1) return [];
    const ids = new Set(qs.map((q) => q.id));
    return (this.state()?.texts ?? []).filter(
      (t) => t.beforeQuestionId === null || !ids.has(t.beforeQuestionId),
    );
  });
  protected readonly answered = computed(() =>
    answeredIds(this.questions(), this.exam.queue?.drafts() ?? {}),
  );
  protected readonly unanswered = computed<QuestionRef[]>(() =>
    this.questions()
      .map((q, i) => ({ id: q.id, n: i + 1 }))
      .filter(({ id }) => !this.answered().has(id)),
  );
  protected readonly flaggedList = computed<QuestionRef[]>(() =>
    this.questions()
      .map((q, i) => ({ id: q.id, n: i + 1 }))
      .filter(({ id }) => this.flagged().has(id)),
  );
  protected readonly phase = computed(() => {
    const s = this.state();
    if (!s) return 'loading';
    if (s.attemptStatus === 'completed' || s.status === 'completed' || s.status === 'terminated')
      return 'done';
    if (s.status === 'preparing') return 'lobby';
    return 'exam';
  });
  /** Answers can no longer be saved: paused, or the grace period is over. */
  protected readonly locked = computed(
    () => this.state()?.status === 'paused' || this.exam.phase().kind === 'closing',
  );
  protected readonly struckNow = computed<ReadonlySet<string>>(() => {
    const id = this.current()?.id;
    return new Set(id ? (this.marks()?.marks().struck[id] ?? []) : []);
  });
  protected readonly highlightsNow = computed<readonly Range[]>(() => {
    const id = this.current()?.id;
    return id ? (this.marks()?.marks().highlights[id] ?? []) : [];
  });
  protected readonly typeHint = computed(() => TYPE_HINTS[this.current()?.type ?? ''] ?? '');
  protected readonly pending = computed(() => this.exam.queue?.pendingCount() ?? 0);

  constructor() {
    // After a refresh, open the question the student was on.
    effect(() => {
      const s = this.state();
      if (this.positioned || !s || s.questions.length === 0) return;
      this.positioned = true;
      const i = s.questions.findIndex((q) => q.id === s.currentQuestionId);
      if (i > 0) this.index.set(i);
    });
    // Whatever sits under the sticky bar is scrolled clear of it.
    effect(() => this.sticky.observe(this.top()?.nativeElement ?? null));
    inject(DestroyRef).onDestroy(() => {
      this.sticky.observe(null);
      this.tools.clear();
    });
  }

  ngOnInit(): void {
    this.exam.start(this.id());
    const keys = examStorageKeys(this.auth.user()?.id ?? 'anonymous', this.id());
    this.integrity.start(this.id(), this.exam, keys.signals, () =>
      this.reviewing() ? undefined : this.current()?.id,
    );
    this.flagged.set(new Set(this.readFlags()));
    this.tools.start(this.auth.user()?.id ?? 'anonymous');
    this.marks.set(new ExamMarks(this.storage, keys.marks));
  }

  protected closeTools(): void {
    this.toolsOpen.set(false);
    setTimeout(() => this.toolsToggle()?.nativeElement.focus());
  }

  /** The Highlight button: marks (or unmarks) the words selected in the question. */
  protected highlightSelection(questionId: string, h: PromptHighlighterDirective): void {
    const r = h.selection();
    if (!r) {
      this.highlightNote.set('Select some words of the question first.');
      return;
    }
    this.onHighlight(questionId, r, h);
  }

  protected onHighlight(questionId: string, r: Range, h: PromptHighlighterDirective): void {
    const marked = this.marks()?.toggleHighlight(questionId, r) ?? false;
    this.highlightNote.set(`${marked ? 'Highlighted' : 'Highlight removed'}: ${h.textOf(r)}`);
  }

  protected clearHighlights(questionId: string): void {
    this.marks()?.clearHighlights(questionId);
    this.highlightNote.set('Highlights of this question removed.');
  }

  protected onChange(questionId: string, c: AnswerChange): void {
    this.exam.change(questionId, c.answer, c.immediate);
  }

  protected go(i: number): void {
    if (i < 0 || i >= this.questions().length) return;
    this.reviewing.set(false);
    this.index.set(i);
    if (!this.wide()) this.navOpen.set(false);
    const q = this.questions()[i];
    if (q) this.exam.viewing(q.id);
    setTimeout(() => this.showQuestion());
  }

  /** The skip link: straight to the question, past the bar and its notices. */
  protected skipToQuestion(e: Event): void {
    e.preventDefault();
    if (this.reviewing()) this.reviewing.set(false);
    setTimeout(() => this.showQuestion());
  }

  protected toggleFlag(id: string): void {
    this.flagged.update((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
    this.storage?.setItem(this.flagKey(), JSON.stringify([...this.flagged()]));
  }

  protected review(): void {
    this.exam.queue.flushEdits();
    this.reviewing.set(true);
    if (!this.wide()) this.navOpen.set(false);
    setTimeout(() => this.reviewCard()?.focus());
  }

  protected async submit(): Promise<void> {
    await this.exam.submit();
  }

  /** The question's heading in view below the sticky bar, and focused. */
  private showQuestion(): void {
    const h = this.heading()?.nativeElement;
    if (!h) return;
    this.sticky.bringIntoView(h.closest('section') ?? h);
    h.focus({ preventScroll: true });
  }

  private wide(): boolean {
    return this.win?.matchMedia?.(WIDE).matches ?? true;
  }

  private flagKey(): string {
    return examStorageKeys(this.auth.user()?.id ?? 'anonymous', this.id()).flags;
  }

  private readFlags(): string[] {
    try {
      const v = JSON.parse(this.storage?.getItem(this.flagKey()) ?? '[]') as unknown;
      return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      return [];
    }
  }
}
